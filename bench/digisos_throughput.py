#!/usr/bin/env python
"""Time the Digisos import and the innsyn export against plain schema validation.

    .venv/bin/python bench/digisos_throughput.py [--applications 500] [--repeat 1]
                                                 [--decide-share 0.1] [--database URL]

Sets up Django against a throwaway database (a temporary SQLite file, or with --database
a fresh PostgreSQL database such as postgres://postgres@127.0.0.1:5432/navet_digisos_bench,
which the script creates and drops), migrates it and creates one office with a caseworker.
It writes --applications folders (soknad.json from NAV's brukerdata.json with its own
synthetic fødselsnummer and name, a vedlegg.json and one or two small files) and times:

* import: ``import_folders`` of every folder in one call, into a fresh copy of the
  migrated database each repeat; the floor is reading and schema-validating the same two
  JSON files per folder;
* export: ``export_events`` of every application into a fresh folder, after casework on
  the imported applications (every one started, a share with a documentation request and
  a granted decision with one condition, letters as real PDFs); the floors are
  ``innsyn_problems`` and plain ``schema_problems(doc, INNSYN)`` of the same documents.

It prints a table (median of the repeats, applications per second, time ÷ floor) and a
last line ``{"bench": "digisos_throughput", ...}`` with every figure as JSON.
See bench/README.md for what each time includes.
"""

from __future__ import annotations

import argparse
import copy
import gc
import hashlib
import json
import os
import platform
import shutil
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "digisos" / "testdata" / "soknad" / "brukerdata.json"
OFFICE_NUMBER, OFFICE_NAME, MUNICIPALITY = "0315", "Nav Grünerløkka", "0301"
WARM_UP_APPLICATIONS = 3
CASEWORKER = "B000001"  # nav_ident of the one caseworker who decides

# 20 × 20 × 20 distinct names: given, middle and family name by the folder's number.
# fmt: off
GIVEN = (
    "Ola", "Kari", "Per", "Anne", "Lars", "Ingrid", "Nils", "Marit", "Jon", "Sigrid", "Arne",
    "Liv", "Knut", "Randi", "Geir", "Hilde", "Tor", "Berit", "Odd", "Tone",
)
MIDDLE = (
    "Andreas", "Marie", "Johan", "Elise", "Kristian", "Sofie", "Martin", "Helene", "Henrik",
    "Camilla", "Erik", "Astrid", "Olav", "Ragnhild", "Petter", "Solveig", "Jakob", "Eva", "Magnus",
    "Karin",
)
FAMILY = (
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
    "Johannessen", "Andreassen", "Jacobsen", "Dahl",
)
# fmt: on


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applications", type=int, default=500, help="default 500")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="timed runs of each step, the median is reported (default 1: one run of 500 "
        "takes about 70 s of the 2-minute total; use 3 for a steadier median)",
    )
    parser.add_argument(
        "--decide-share",
        type=float,
        default=0.1,
        help="share of the applications that get a documentation request and a decision "
        "before the export, each with a PDF letter (default 0.1; 1 for all)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="a PostgreSQL URL with a database name that does not exist yet, e.g. "
        "postgres://postgres@127.0.0.1:5432/navet_digisos_bench (default: a temporary "
        "SQLite file)",
    )
    args = parser.parse_args()
    if args.applications < 1 or args.repeat < 1 or not 0 <= args.decide_share <= 1:
        parser.error("--applications and --repeat must be at least 1, --decide-share 0 to 1")
    return args


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- throwaway databases ---------------------------------------------------------------


class Databases:
    """The migrated base database and fresh copies of it, one per timed import.

    SQLite: files in a temporary folder, copied with the backup API. PostgreSQL:
    ``CREATE DATABASE copy TEMPLATE base``; every database made here is dropped at the end.
    """

    def __init__(self, url: str | None, workdir: Path) -> None:
        self.workdir = workdir
        self.created: list[str] = []
        if url is None:
            self.vendor = "sqlite"
            self.base = str(workdir / "base.sqlite3")
            self.url = f"sqlite:///{self.base}"
            return
        parts = urlsplit(url)
        if parts.scheme not in ("postgres", "postgresql", "pgsql"):
            raise SystemExit(f"--database must be a postgres:// URL, not {parts.scheme}://")
        self.vendor = "postgresql"
        self.base = unquote(parts.path.lstrip("/"))
        if not self.base or self.base == "postgres":
            raise SystemExit("--database needs the name of a fresh database, e.g. .../navet_x")
        self.url = url
        self.connect_args: dict[str, Any] = {
            "host": parts.hostname or "127.0.0.1",
            "port": parts.port or 5432,
            "user": unquote(parts.username or "postgres"),
            "password": unquote(parts.password) if parts.password else None,
            "dbname": "postgres",
            "autocommit": True,
        }
        if self._exists(self.base):
            raise SystemExit(
                f"The database {self.base} exists already; give the name of a fresh one "
                "(this script drops what it creates, and only that)."
            )
        self._admin(f'CREATE DATABASE "{self.base}"')
        self.created.append(self.base)

    def _admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(**self.connect_args) as conn:
            conn.execute(statement)

    def _exists(self, name: str) -> bool:
        import psycopg

        with psycopg.connect(**self.connect_args) as conn:
            row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        return row is not None

    def copy(self, label: str) -> str:
        """A fresh copy of the base database; returns its NAME for Django's settings."""
        from django.db import connection

        connection.close()
        if self.vendor == "sqlite":
            target = self.workdir / f"{label}.sqlite3"
            target.unlink(missing_ok=True)
            source, copied = sqlite3.connect(self.base), sqlite3.connect(target)
            try:
                source.backup(copied)
            finally:
                source.close()
                copied.close()
            return str(target)
        name = f"{self.base}_{label}"
        if self._exists(name):
            raise SystemExit(f"The database {name} exists already; drop it or choose another name.")
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.base}"')
        self.created.append(name)
        return name

    def use(self, name: str) -> None:
        from django.db import connection

        connection.close()
        connection.settings_dict["NAME"] = name

    def discard(self, name: str) -> None:
        """Drop a copy that is no longer used (not the one Django is connected to)."""
        if self.vendor == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(name + suffix).unlink(missing_ok=True)
        elif name in self.created:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self.created.remove(name)

    def drop_all(self) -> None:
        if self.vendor != "postgresql":
            return
        from django.db import connections

        connections.close_all()
        for name in reversed(list(self.created)):
            self.discard(name)


def _configure_environment(url: str, media: Path) -> None:
    """Settings come from the environment, so set it before Django reads it."""
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "navet.settings"
    os.environ["NAVET_ENV_FILE"] = ""  # not var/local.env: this run's settings only
    # Production-like: no DEBUG query log. Demo mode supplies a development secret key and
    # allows the synthetic (Test Norge) fødselsnumre the applications are made with.
    os.environ["DEBUG"] = "false"
    os.environ["NAVET_DEMO_MODE"] = "true"
    os.environ["NAVET_ALLOW_SYNTHETIC_IDS"] = "true"
    os.environ["NAVET_SECURE"] = "false"
    os.environ["NAVET_MEDIA_ROOT"] = str(media)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    warnings.filterwarnings("ignore", message="No directory at")
    sys.path.insert(0, str(ROOT))


# --- application folders ---------------------------------------------------------------


def _national_ids(count: int) -> Iterator[str]:
    """Distinct valid Test Norge fødselsnumre of adults born 1950-1989 (all over 30)."""
    from navet.people.identifiers import make_synthetic_id

    seen: set[str] = set()
    k = 0
    while len(seen) < count:
        birth = date(1950 + k % 40, 1 + (k // 40) % 12, 1 + (k // 480) % 28)
        for individual in range(k % 7, 500, 97):  # 1900-1999 individnumre
            candidate = make_synthetic_id(birth, individual)
            if candidate and candidate not in seen:
                seen.add(candidate)
                yield candidate
                break
        k += 1


def _attachment(folder: Path, name: str, number: int) -> dict[str, str]:
    content = (
        b"%PDF-1.7\n% navet bench attachment "
        + str(number).encode()
        + b"\n"
        + (bytes(range(256)) * 8)
    )
    (folder / name).write_bytes(content)
    return {"filnavn": name, "sha512": hashlib.sha512(content).hexdigest()}


def write_folders(root: Path, count: int, first: int = 0) -> list[Path]:
    """``count`` folders, each a distinct applicant (fødselsnummer and name)."""
    template = json.loads(FIXTURE.read_text(encoding="utf-8"))
    root.mkdir()
    folders = []
    for number, national_id in enumerate(_national_ids(first + count)):
        if number < first:
            continue
        document = copy.deepcopy(template)
        personalia = document["data"]["personalia"]
        personalia["personIdentifikator"]["verdi"] = national_id
        personalia["navn"].update(
            {
                "fornavn": GIVEN[number % 20],
                "mellomnavn": MIDDLE[(number // 20) % 20],
                "etternavn": FAMILY[(number // 400) % 20],
            }
        )
        folder = root / f"soknad-{number:05d}"
        folder.mkdir()
        (folder / "soknad.json").write_text(
            json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        files = [_attachment(folder, f"husleiekontrakt-{number:05d}.pdf", number)]
        vedlegg = [
            {
                "type": "husleiekontrakt",
                "tilleggsinfo": "husleiekontrakt",
                "status": "LastetOpp",
                "hendelseType": "soknad",
                "filer": files,
            }
        ]
        if number % 2:
            vedlegg.append(
                {
                    "type": "faktura",
                    "tilleggsinfo": "strom",
                    "status": "LastetOpp",
                    "hendelseType": "soknad",
                    "filer": [_attachment(folder, f"stromfaktura-{number:05d}.pdf", number)],
                }
            )
        (folder / "vedlegg.json").write_text(
            json.dumps({"vedlegg": vedlegg}, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        folders.append(folder)
    return folders


# --- timing ----------------------------------------------------------------------------


@dataclass
class Step:
    label: str
    runs: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


@contextmanager
def _timed(step: Step) -> Iterator[None]:
    """Time the block, after a collection and with the collector off (as timeit does)."""
    gc.collect()
    gc.disable()
    started = time.perf_counter()
    try:
        yield
    finally:
        step.runs.append(time.perf_counter() - started)
        gc.enable()


def _validate_folder(folder: Path) -> int:
    """The import floor: read and schema-check soknad.json and vedlegg.json."""
    from navet.digisos.validation import SOKNAD, VEDLEGG, schema_problems

    soknad = json.loads((folder / "soknad.json").read_bytes())
    vedlegg = json.loads((folder / "vedlegg.json").read_bytes())
    return len(schema_problems(soknad, SOKNAD)) + len(schema_problems(vedlegg, VEDLEGG))


def _import(folders: list[Path], office: Any) -> Any:
    from navet.applications.digisos_import import import_folders

    return import_folders(folders, fallback_office=office)


def _check_import(report: Any, expected: int) -> None:
    """Every folder imported, as a new application of a new person."""
    from navet.applications.models import Application
    from navet.people.models import Person

    problems = [str(p) for p in report.problems[:5]]
    assert not report.problems, f"import problems: {problems}"
    assert not report.skipped, f"{len(report.skipped)} folders skipped as already imported"
    assert len(report.imported) == expected, f"imported {len(report.imported)}, not {expected}"
    assert Application.objects.count() == expected
    assert Person.objects.count() == expected


def _progress(label: str, total: int) -> Callable[[int], None]:
    every = max(1, total // 10)

    def report(done: int) -> None:
        if done % every == 0 or done == total:
            _log(f"  {label}: {done} of {total}")

    return report


def _casework(share: float) -> int:
    """Start every application; document request and granted decision for a share."""
    from django.utils import timezone

    from navet.applications import actions as app_actions
    from navet.applications.models import Application
    from navet.core.models import Employee
    from navet.decisions import actions, condition_actions
    from navet.decisions.models import ConditionKind, DecisionState, Outcome

    me = Employee.objects.get(nav_ident=CASEWORKER)
    applications = list(Application.objects.order_by("received_at", "id"))
    decide = round(share * len(applications))
    started = _progress("started", len(applications))
    for number, application in enumerate(applications, start=1):
        app_actions.start_processing(application=application, actor=me)
        started(number)
    deadline = timezone.localdate() + timedelta(days=14)
    decided = _progress("documentation requested and decided", decide)
    for number, application in enumerate(applications[:decide], start=1):
        app_actions.request_documentation(
            application=application,
            documents=[app_actions.DocumentWanted("Husleiekontrakt", "for de siste tre månedene")],
            deadline=deadline,
            actor=me,
        )
        decision = actions.start_decision(case=application.cases.get(), actor=me)
        actions.update_assessment(
            decision=decision,
            actor=me,
            changes={
                "outcome": Outcome.GRANTED,
                "form": "grant",
                "amount": 4321,
                "facts_that_mattered": "Du bor alene med to barn.\nDu har ingen inntekt.",
                "considerations": "Vi har lagt vekt på at du ikke har andre midler.",
                "children_assessment": "Barna går på skolen og har det bra.",
            },
        )
        condition_actions.add_condition(
            decision=decision,
            kind=ConditionKind.OTHER,
            kostra_category="10",
            text="Du må søke bostøtte.",
            consequence="Stønaden kan bli redusert.",
            actor=me,
        )
        made = actions.propose_decision(decision=decision, actor=me)
        assert made.state == DecisionState.MADE
        decided(number)
    return decide


# --- setup, the two timed phases, the report ------------------------------------------


def _setup() -> str:
    """Migrate, create the office and the caseworker; returns the server's version."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from navet.core.models import Employee, Office
    from navet.decisions.models import DecisionSettings

    call_command("migrate", verbosity=0, interactive=False)
    office = Office.objects.create(
        number=OFFICE_NUMBER, name=OFFICE_NAME, municipality_number=MUNICIPALITY
    )
    DecisionSettings.objects.create(
        office=office, responsible_name="Leder Lise", address="Postboks 4420 Nydalen, 0403 Oslo"
    )
    user = get_user_model().objects.create_user(username="veileder.bench", password=None)
    caseworker = Employee.objects.create(
        user=user, nav_ident=CASEWORKER, name="Veileder Bench", is_caseworker=True
    )
    caseworker.offices.set([office])
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
        else:
            cursor.execute("SHOW server_version")
        return str(cursor.fetchone()[0])


def _time_import(
    databases: Databases, folders: list[Path], warm_folders: list[Path], media: Path, repeat: int
) -> tuple[Step, Step]:
    """Floor and import_folders, each `repeat` times; the last fresh database stays in use."""
    from navet.core.models import Office

    _log("Warming up (schema validators, ORM, a small import into a throwaway copy) ...")
    assert sum(_validate_folder(folder) for folder in warm_folders) == 0
    current = databases.copy("warm")
    databases.use(current)
    _check_import(_import(warm_folders, Office.objects.get()), len(warm_folders))

    floor = Step("import floor: read + schema_problems")
    step = Step("import: import_folders")
    n = len(folders)
    for run in range(1, repeat + 1):
        _log(f"Import run {run} of {repeat}: validation floor of {n} folders ...")
        with _timed(floor):
            problems = sum(_validate_folder(folder) for folder in folders)
        assert problems == 0, f"{problems} schema problems in the generated folders"
        _log(f"  {floor.runs[-1]:.2f} s")

        fresh = databases.copy(f"r{run}")
        databases.use(fresh)
        databases.discard(current)
        current = fresh
        shutil.rmtree(media, ignore_errors=True)
        office = Office.objects.get()
        _log(f"Import run {run} of {repeat}: import_folders of {n} folders ...")
        with _timed(step):
            report = _import(folders, office)
        _check_import(report, n)
        _log(f"  {step.runs[-1]:.2f} s")
    return floor, step


def _time_export(workdir: Path, n: int, repeat: int) -> tuple[list[Step], list[int]]:
    """The two validation floors and export_events, each `repeat` times."""
    from navet.applications.exports import export_events
    from navet.applications.innsyn import innsyn_document
    from navet.applications.models import Application
    from navet.digisos.validation import INNSYN, innsyn_problems, schema_problems

    _log(f"Building the {n} innsyn documents for the floors (not timed) ...")
    documents = [
        innsyn_document(application)
        for application in Application.objects.select_related("office").order_by("received_at")
    ]
    assert len(documents) == n
    lengths = sorted(len(document["hendelser"]) for document in documents)

    floor_innsyn = Step("export floor: innsyn_problems")
    floor_schema = Step("export floor: schema_problems(INNSYN)")
    step = Step("export: export_events")
    for run in range(1, repeat + 1):
        _log(f"Export run {run} of {repeat}: floors, then export_events of {n} ...")
        with _timed(floor_innsyn):
            problems = sum(len(innsyn_problems(document)) for document in documents)
        assert problems == 0, f"{problems} innsyn problems in the built documents"
        with _timed(floor_schema):
            problems = sum(len(schema_problems(document, INNSYN)) for document in documents)
        assert problems == 0, f"{problems} schema problems in the built documents"
        out = workdir / f"export-{run}"
        with _timed(step):
            # What `manage.py export_digisos_events --all` does.
            applications = Application.objects.select_related("office").order_by("received_at")
            result = export_events(applications.iterator(chunk_size=200), out)
        assert result.written == n and not result.failed, (result.written, len(result.failed))
        assert len(list(out.glob("*.json"))) == n
        shutil.rmtree(out)
        _log(
            f"  {floor_innsyn.runs[-1]:.2f} s, {floor_schema.runs[-1]:.2f} s, {step.runs[-1]:.2f} s"
        )
    return [floor_innsyn, floor_schema, step], lengths


def main() -> int:
    args = _arguments()
    n = args.applications
    run_started = time.perf_counter()
    load_before = os.getloadavg()[0]
    workdir = Path(tempfile.mkdtemp(prefix="navet-digisos-bench-"))
    media = workdir / "media"
    databases: Databases | None = None
    # A terminated run still drops its databases and removes its folder (the finally below).
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        databases = Databases(args.database, workdir)
        _configure_environment(databases.url, media)

        import django

        django.setup()

        from django.conf import settings

        from navet.applications.models import InnsynEvent

        assert settings.ALLOW_SYNTHETIC_IDS and not settings.DEBUG
        _log(f"Migrating a fresh {databases.vendor} database ...")
        vendor_version = _setup()

        _log(f"Writing {n} application folders (+{WARM_UP_APPLICATIONS} for the warm-up) ...")
        folders = write_folders(workdir / "folders", n)
        warm_folders = write_folders(workdir / "warm", WARM_UP_APPLICATIONS, first=n)

        import_floor, import_step = _time_import(
            databases, folders, warm_folders, media, args.repeat
        )

        _log(f"Casework on the {n} imported applications (not timed; PDF letters are slow) ...")
        started = time.perf_counter()
        decided = _casework(args.decide_share)
        casework_seconds = time.perf_counter() - started
        _log(f"  {casework_seconds:.1f} s")
        events = InnsynEvent.objects.count()

        export_steps, lengths = _time_export(workdir, n, args.repeat)
        assert sum(lengths) == events

        figures = _figures(
            n=n,
            repeat=args.repeat,
            vendor=databases.vendor,
            vendor_version=vendor_version,
            import_steps=(import_floor, import_step),
            export_steps=export_steps,
            decided=decided,
            events=events,
            lengths=lengths,
            casework_seconds=casework_seconds,
            total_seconds=time.perf_counter() - run_started,
            load=(load_before, os.getloadavg()[0]),
        )
        _print_table(figures, [import_floor, import_step], export_steps)
        print(json.dumps(figures, ensure_ascii=False), flush=True)
        return 0
    finally:
        if databases is not None:
            databases.drop_all()
        shutil.rmtree(workdir, ignore_errors=True)


def _figures(
    *,
    n: int,
    repeat: int,
    vendor: str,
    vendor_version: str,
    import_steps: tuple[Step, Step],
    export_steps: list[Step],
    decided: int,
    events: int,
    lengths: list[int],
    casework_seconds: float,
    total_seconds: float,
    load: tuple[float, float],
) -> dict[str, Any]:
    import_floor, import_step = import_steps
    floor_innsyn, floor_schema, export_step = export_steps
    figures: dict[str, Any] = {
        "bench": "digisos_throughput",
        "applications": n,
        "repeat": repeat,
        "database": vendor,
        "database_version": vendor_version,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    for key, step in (
        ("import_floor", import_floor),
        ("import", import_step),
        ("export_floor_innsyn", floor_innsyn),
        ("export_floor_schema", floor_schema),
        ("export", export_step),
    ):
        figures[f"{key}_median_s"] = round(step.median, 4)
        figures[f"{key}_per_s"] = round(n / step.median, 1)
        figures[f"{key}_runs_s"] = [round(value, 4) for value in step.runs]
    figures["import_ratio"] = round(import_step.median / import_floor.median, 2)
    figures["export_ratio_innsyn"] = round(export_step.median / floor_innsyn.median, 2)
    figures["export_ratio_schema"] = round(export_step.median / floor_schema.median, 2)
    figures.update(
        {
            "decided": decided,
            "events": events,
            "events_per_file_min": lengths[0],
            "events_per_file_max": lengths[-1],
            "casework_s": round(casework_seconds, 1),
            "total_s": round(total_seconds, 1),
            # The 1-minute load average before and after: above the CPU count, something
            # else competed for the CPUs and the seconds (less so the ratios) are inflated.
            "load_before": round(load[0], 2),
            "load_after": round(load[1], 2),
        }
    )
    return figures


def _print_table(figures: dict[str, Any], imports: list[Step], exports: list[Step]) -> None:
    n = figures["applications"]
    print()
    print(
        f"{figures['database']} {figures['database_version']}, {n} applications, "
        f"median of {figures['repeat']} run(s), {figures['cpus']} CPUs"
    )
    print(f"{'step':<40} {'median s':>9} {'apps/s':>8} {'× floor':>8}")
    for steps in (imports, exports):
        floor = steps[0].median
        for step in steps:
            print(
                f"{step.label:<40} {step.median:>9.3f} {n / step.median:>8.1f} "
                f"{step.median / floor:>8.2f}"
            )
    print(f"export ÷ schema_problems(INNSYN) floor: {figures['export_ratio_schema']:.2f}")
    print(
        f"{figures['events']} innsyn events in the {n} files "
        f"({figures['events_per_file_min']}-{figures['events_per_file_max']} per file); "
        f"{figures['decided']} decided; casework {figures['casework_s']} s and "
        f"whole run {figures['total_s']} s; load average {figures['load_before']} before, "
        f"{figures['load_after']} after"
    )


if __name__ == "__main__":
    sys.exit(main())
