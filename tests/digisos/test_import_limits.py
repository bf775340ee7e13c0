"""import_digisos refuses what Nav's schemas allow but Navet cannot hold or read: every
problem with its file and JSON path, exit 1, nothing written, and never a traceback.

Each case changes one value of NAV's brukerdata.json (or its vedlegg.json) so that it stays
schema-valid and breaks one of Navet's limits: a field's max_length or integer range, the
years Navet accepts, a number Python cannot read, text the database cannot store, nesting,
or an attachment whose content is not what its name says.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from navet.applications.models import Application, Attachment, Fact
from navet.audit.models import AuditEvent
from navet.digisos.folder import FolderContents, read_folder
from navet.people.identifiers import IdentifierError, parse_id
from navet.people.models import Person
from tests.conftest import World
from tests.digisos.nav import load
from tests.factories import next_national_id

ROOT = Path(__file__).resolve().parents[2]
NAV_TEST_ID = "12345678901"
# The smallest files filetype reads as what they are.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
# A value json.dumps cannot write (1e400, a 5000-digit number) is spliced in as text.
RAW = "__raw_json_number__"

Change = Callable[[dict[str, Any]], None]


@pytest.fixture
def known_person(world: World) -> Person:
    """NAV's fixtures name 12345678901; Navet knows that person."""
    return Person.objects.create(
        national_id=NAV_TEST_ID,
        given_name="Test",
        family_name="Testesen",
        birth_date=date(1985, 3, 1),
        office=world.oslo,
    )


def soknad_with(change: Change, raw_number: str = "") -> str:
    document = load("soknad/brukerdata.json")
    change(document)
    return json.dumps(document).replace(f'"{RAW}"', raw_number)


def make_folder(
    root: Path,
    soknad: str,
    *,
    vedlegg: dict[str, Any] | None = None,
    files: dict[str, bytes] | None = None,
    name: str = "a1b2c3",
) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "soknad.json").write_text(soknad, encoding="utf-8")
    if vedlegg is not None:
        (folder / "vedlegg.json").write_text(json.dumps(vedlegg), encoding="utf-8")
    for file_name, data in (files or {}).items():
        (folder / file_name).write_bytes(data)
    return folder


def vedlegg_for(name: str, data: bytes, **changes: str) -> dict[str, Any]:
    row = {
        "type": "husleiekontrakt",
        "tilleggsinfo": "husleiekontrakt",
        "status": "LastetOpp",
        "hendelseType": "soknad",
        "filer": [{"filnavn": name, "sha512": hashlib.sha512(data).hexdigest()}],
    }
    return {"vedlegg": [row | changes]}


def rows() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (Application, Person, Fact, Attachment, AuditEvent)
    )


def refused(world: World, capsys: pytest.CaptureFixture[str], *folders: Path) -> str:
    """Run the command on the folders; assert it refused them all and wrote nothing."""
    before = rows()
    with pytest.raises(CommandError) as raised:
        call_command("import_digisos", *map(str, folders), "--office", world.oslo.number)
    assert raised.value.returncode == 1
    assert str(raised.value).startswith("Nothing imported:")
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert rows() == before
    return f"{err}{raised.value}"


def at(path: str) -> Callable[[dict[str, Any], Any], None]:
    """A change that sets the value at a dotted path (numbers are list indexes)."""

    def change(document: dict[str, Any], value: Any) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value

    return change


def setting(path: str, value: Any) -> Change:
    return lambda document: at(path)(document, value)


def unchanged(document: dict[str, Any]) -> None:
    pass


def both(*changes: Change) -> Change:
    def change(document: dict[str, Any]) -> None:
        for each in changes:
            each(document)

    return change


LONG_ROW_TEXT = "Lønn " * 50  # 250 characters
INCOME = "$.data.okonomi.oversikt.inntekt[0]"
EXPENSE = "$.data.okonomi.oversikt.utgift[0]"
PAYOUT = "$.data.okonomi.opplysninger.utbetaling[0]"


# --- Values a known person's søknad maps into the application and its facts ------------


@pytest.mark.parametrize(
    ("change", "raw_number", "expected"),
    [
        pytest.param(
            setting("data.okonomi.oversikt.inntekt.0.tittel", LONG_ROW_TEXT),
            "",
            f"{INCOME}.tittel: longer than the 200 characters Navet can hold",
            id="fact-title",
        ),
        pytest.param(
            setting("data.okonomi.oversikt.inntekt.0.type", "x" * 61),
            "",
            f"{INCOME}.type: longer than the 60 characters Navet can hold",
            id="fact-type",
        ),
        pytest.param(
            setting("data.okonomi.oversikt.utgift.0.belop", 3_000_000_000),
            "",
            f"{EXPENSE}.belop: outside the range Navet can hold (-2147483648 to 2147483647)",
            id="amount-beyond-integer-field",
        ),
        pytest.param(
            setting("data.okonomi.opplysninger.utbetaling.0.netto", 1e308),
            "",
            f"{PAYOUT}.netto: outside the range Navet can hold",
            id="amount-1e308",
        ),
        pytest.param(
            setting("data.okonomi.opplysninger.utbetaling.0.netto", RAW),
            "1e400",
            f"{PAYOUT}.netto: is a number too large to be read",
            id="amount-beyond-float",
        ),
        pytest.param(
            setting("data.okonomi.opplysninger.utbetaling.0.netto", RAW),
            "9" * 5000,
            f"{PAYOUT}.netto: is a number with more than 100 digits",
            id="number-with-5000-digits",
        ),
        pytest.param(
            setting("mottaker.enhetsnummer", "12345"),
            "",
            "$.mottaker.enhetsnummer: longer than the 4 characters Navet can hold",
            id="office-number",
        ),
        pytest.param(
            setting("innsendingstidspunkt", "9999-12-31T23:59:59.999Z"),
            "",
            "$.innsendingstidspunkt: a date outside the years 1900 to 2099 Navet accepts",
            id="received-in-9999",
        ),
        pytest.param(
            setting("innsendingstidspunkt", "0001-01-01T00:00:00.000Z"),
            "",
            "$.innsendingstidspunkt: a date outside the years 1900 to 2099 Navet accepts",
            id="received-in-0001",
        ),
        pytest.param(
            setting("data.familie.forsorgerplikt.ansvar.1.barn.fodselsdato", "9999-12-31"),
            "",
            "$.data.familie.forsorgerplikt.ansvar[1].barn.fodselsdato: a date outside",
            id="child-born-in-9999",
        ),
        pytest.param(
            setting("data.begrunnelse.hvaSokesOm", "Penger\x00til mat"),
            "",
            "$.data.begrunnelse.hvaSokesOm: contains a character Navet cannot store",
            id="nul-character",
        ),
        pytest.param(
            setting("data.personalia.navn.etternavn", "Nord\ud800mann"),
            "",
            "$.data.personalia.navn.etternavn: contains a character Navet cannot store",
            id="unpaired-surrogate",
        ),
        pytest.param(
            setting("data.nyttFelt", {"ukjent\x00": 1}),
            "",
            "$.data.nyttFelt: has a property name that contains a character",
            id="nul-in-property-name",
        ),
        pytest.param(
            setting("data.nyttFelt", json.loads("[" * 200 + "]" * 200)),
            "",
            # $.data.nyttFelt is two levels down; 63 more make 65.
            "$.data.nyttFelt" + "[0]" * 63 + ": is nested deeper than 64 levels",
            id="nested-200-deep",
        ),
    ],
)
def test_a_value_navet_cannot_hold_is_a_problem_at_its_path(
    world: World,
    known_person: Person,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: Change,
    raw_number: str,
    expected: str,
) -> None:
    folder = make_folder(tmp_path, soknad_with(change, raw_number))
    err = refused(world, capsys, folder)
    assert f"a1b2c3/soknad.json {expected}" in err


def test_a_problem_never_repeats_the_value(
    world: World, known_person: Person, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = "24017312345" * 20  # 220 characters
    folder = make_folder(
        tmp_path, soknad_with(setting("data.okonomi.oversikt.inntekt.0.tittel", secret))
    )
    err = refused(world, capsys, folder)
    assert "longer than the 200 characters" in err
    assert "24017312345" not in err


def test_every_problem_of_a_folder_is_reported_at_once(
    world: World, known_person: Person, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    change = both(
        setting("data.okonomi.oversikt.inntekt.0.tittel", LONG_ROW_TEXT),
        setting("data.okonomi.oversikt.utgift.0.belop", 3_000_000_000),
        setting("innsendingstidspunkt", "9999-12-31T23:59:59.999Z"),
    )
    folder = make_folder(
        tmp_path,
        soknad_with(change),
        vedlegg=vedlegg_for("husleie.pdf", HTML, type="t" * 101),
        files={"husleie.pdf": HTML},
    )
    err = refused(world, capsys, folder)
    assert f"a1b2c3/soknad.json {INCOME}.tittel: longer than the 200" in err
    assert f"a1b2c3/soknad.json {EXPENSE}.belop: outside the range" in err
    assert "a1b2c3/soknad.json $.innsendingstidspunkt: a date outside" in err
    assert "a1b2c3/vedlegg.json $.vedlegg[0].type: longer than the 100" in err
    assert "a1b2c3/vedlegg.json $.vedlegg[0].filer[0].filnavn: names a file whose content" in err


# --- A person Navet registers from the søknad ---------------------------------------------


def new_person(**navn: str) -> Change:
    def change(document: dict[str, Any]) -> None:
        personalia = document["data"]["personalia"]
        personalia["personIdentifikator"]["verdi"] = next_national_id(date(1990, 5, 17))
        personalia["navn"].update(navn)

    return change


NAVN = "$.data.personalia.navn"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            new_person(fornavn="O" * 101, mellomnavn=""),
            f"{NAVN}.fornavn: longer than the 100 characters Navet can hold",
            id="given-name",
        ),
        pytest.param(
            new_person(fornavn="O" * 60, mellomnavn="M" * 60),
            f"{NAVN}: longer than the 100 characters Navet can hold",
            id="given-and-middle-name-together",
        ),
        pytest.param(
            new_person(etternavn="N" * 101),
            f"{NAVN}.etternavn: longer than the 100 characters Navet can hold",
            id="family-name",
        ),
        pytest.param(
            # 80 + 80 characters, but "ﬃ" is searched for as "ffi": the search key is longer.
            new_person(fornavn="ﬃ" * 80, mellomnavn="", etternavn="ﬃ" * 80),
            f"{NAVN}: longer than the 201 characters Navet can hold",
            id="search-key",
        ),
    ],
)
def test_a_new_persons_name_navet_cannot_hold_is_a_problem(
    world: World,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: Change,
    expected: str,
) -> None:
    folder = make_folder(tmp_path, soknad_with(change))
    err = refused(world, capsys, folder)
    assert f"a1b2c3/soknad.json {expected}" in err


def test_a_new_persons_phone_and_birth_date_are_checked(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    change = both(
        new_person(),
        setting("data.personalia.telefonnummer.verdi", "+" + "4" * 25),
        setting("data.personalia.fodselsdato", "0001-01-01"),
    )
    err = refused(world, capsys, make_folder(tmp_path, soknad_with(change)))
    assert "$.data.personalia.fodselsdato: a date outside the years 1900 to 2099" in err
    assert "$.data.personalia.telefonnummer.verdi: longer than the 20 characters" in err


def identifier_without_a_birth_date() -> str:
    """A valid 2032-rule number that does not tell the birth date: individnummer 600 fits
    no century for the year 45."""
    for controls in range(100):
        number = f"150645600{controls:02d}"
        try:
            parsed = parse_id(number, allow_synthetic=False)
        except IdentifierError:
            continue
        if parsed.birth_date is None:
            return number
    raise AssertionError("no such number")  # pragma: no cover


def test_a_new_person_without_any_birth_date_is_a_problem(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def change(document: dict[str, Any]) -> None:
        document["data"]["personalia"]["personIdentifikator"]["verdi"] = (
            identifier_without_a_birth_date()
        )
        document["data"]["personalia"].pop("fodselsdato", None)

    err = refused(world, capsys, make_folder(tmp_path, soknad_with(change)))
    assert "soknad.json $.data.personalia.fodselsdato: unknown person:" in err


def test_two_folders_of_one_new_person_register_the_person_once(
    world: World, tmp_path: Path
) -> None:
    national_id = next_national_id(date(1991, 2, 3))

    def change(document: dict[str, Any]) -> None:
        document["data"]["personalia"]["personIdentifikator"]["verdi"] = national_id

    first = make_folder(tmp_path, soknad_with(change), name="first")
    second = make_folder(
        tmp_path,
        soknad_with(both(change, setting("data.begrunnelse.hvaSokesOm", "Mat"))),
        name="second",
    )
    call_command("import_digisos", str(first), str(second), "--office", world.oslo.number)
    assert Application.objects.filter(person__national_id=national_id).count() == 2
    person = Person.objects.get(national_id=national_id)
    registered = AuditEvent.objects.filter(action="person.registered")
    assert [(e.person, e.actor) for e in registered] == [(person, None)]
    assert national_id not in str(registered[0].data)


# --- vedlegg.json and the files -------------------------------------------------------------


VEDLEGG = "a1b2c3/vedlegg.json $.vedlegg[0]"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"type": "t" * 101}, f"{VEDLEGG}.type: longer than the 100 characters"),
        ({"tilleggsinfo": "t" * 201}, f"{VEDLEGG}.tilleggsinfo: longer than the 200 characters"),
        ({"status": "s" * 41}, f"{VEDLEGG}.status: longer than the 40 characters"),
        (
            {"hendelseReferanse": "r" * 101},
            f"{VEDLEGG}.hendelseReferanse: longer than the 100 characters",
        ),
    ],
    ids=["type", "tilleggsinfo", "status", "hendelseReferanse"],
)
def test_an_attachment_value_navet_cannot_hold_is_a_problem(
    world: World,
    known_person: Person,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    changes: dict[str, str],
    expected: str,
) -> None:
    folder = make_folder(
        tmp_path,
        soknad_with(unchanged),
        vedlegg=vedlegg_for("husleie.pdf", PDF, **changes),
        files={"husleie.pdf": PDF},
    )
    assert expected in refused(world, capsys, folder)


def test_a_padded_sha512_that_matches_is_still_too_long_to_keep(
    world: World, known_person: Person, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vedlegg = vedlegg_for("husleie.pdf", PDF)
    vedlegg["vedlegg"][0]["filer"][0]["sha512"] = " " + hashlib.sha512(PDF).hexdigest() + " " * 9
    folder = make_folder(
        tmp_path, soknad_with(unchanged), vedlegg=vedlegg, files={"husleie.pdf": PDF}
    )
    err = refused(world, capsys, folder)
    assert f"{VEDLEGG}.filer[0].sha512: longer than the 128 characters" in err


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "husleie.pdf",
            HTML,
            "names a file whose content is not a document Navet accepts "
            "(application/pdf, image/heic, image/jpeg, image/png)",
        ),
        ("husleie.pdf", b"", "names a file whose content is not a document Navet accepts"),
        (
            "husleie.pdf",
            PNG,
            "names a file whose content is image/png, so its name must end in .png",
        ),
        ("husleie.html", PDF, "names a file whose content is application/pdf, so its name"),
    ],
    ids=["html-named-pdf", "empty", "png-named-pdf", "pdf-named-html"],
)
def test_an_attachment_is_checked_by_its_content_not_its_name(
    world: World,
    known_person: Person,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
    expected: str,
) -> None:
    folder = make_folder(
        tmp_path, soknad_with(unchanged), vedlegg=vedlegg_for(name, data), files={name: data}
    )
    err = refused(world, capsys, folder)
    assert f"{VEDLEGG}.filer[0].filnavn: {expected}" in err


def test_real_pdfs_and_pngs_are_imported(
    world: World, known_person: Person, tmp_path: Path
) -> None:
    """The control: real documents pass, also under the longest name a file system allows
    (the stored file's name is shortened to fit; the name as sent is kept)."""
    long_name = "k" * 251 + ".pdf"
    vedlegg = vedlegg_for("husleie.pdf", PDF)
    vedlegg["vedlegg"][0]["filer"] += [{"filnavn": "strom.png"}, {"filnavn": long_name}]
    folder = make_folder(
        tmp_path,
        soknad_with(unchanged),
        vedlegg=vedlegg,
        files={"husleie.pdf": PDF, "strom.png": PNG, long_name: PDF},
    )
    call_command("import_digisos", str(folder), "--office", world.oslo.number)
    assert sorted(Attachment.objects.values_list("filename", flat=True)) == [
        "husleie.pdf",
        long_name,
        "strom.png",
    ]


def test_a_file_name_too_long_for_the_file_system_is_a_problem(
    world: World, known_person: Person, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "x" * 300 + ".pdf"
    vedlegg = {"vedlegg": [{"status": "LastetOpp", "filer": [{"filnavn": name}]}]}
    folder = make_folder(tmp_path, soknad_with(unchanged), vedlegg=vedlegg)
    err = refused(world, capsys, folder)
    assert f"{VEDLEGG}.filer[0].filnavn: names a file that cannot be read" in err


def test_a_file_name_with_an_unpaired_surrogate_is_a_problem(
    world: World, known_person: Person, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vedlegg = {"vedlegg": [{"status": "LastetOpp", "filer": [{"filnavn": "a\ud800.pdf"}]}]}
    folder = make_folder(tmp_path, soknad_with(unchanged), vedlegg=vedlegg)
    err = refused(world, capsys, folder)
    assert f"{VEDLEGG}.filer[0].filnavn: contains a character Navet cannot store" in err


# --- Versions of any length are read, not refused ----------------------------------------------


@pytest.mark.parametrize(
    ("bounds", "shown"),
    [
        ({"minVersion": "1" * 5000 + ".0.0"}, False),
        ({"maxVersion": "1" * 5000 + ".0.0"}, True),
        ({"maxVersion": "1.0.11-" + "9" * 5000}, False),
        ({"minVersion": "0" * 5000 + "1.0.0"}, True),  # leading zeros: still version 1
    ],
    ids=["min-5000-digits", "max-5000-digits", "pre-release-5000-digits", "leading-zeros"],
)
def test_a_kompatibilitet_version_with_thousands_of_digits_is_compared(
    world: World, known_person: Person, tmp_path: Path, bounds: dict[str, str], shown: bool
) -> None:
    text = "**Merk:** feltet er endret."
    folder = make_folder(
        tmp_path, soknad_with(setting("kompatibilitet", [bounds | {"text": text}]))
    )
    call_command("import_digisos", str(folder), "--office", world.oslo.number)
    assert Application.objects.get().notices == ([text] if shown else [])


# --- A folder that holds no søknad ------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("null", "soknad.json $: must be of type object"),
        ("", "soknad.json $: is empty: it holds no JSON document"),
        (" \n", "soknad.json $: is empty: it holds no JSON document"),
        ("[]", "soknad.json $: must be of type object"),
        ("{}", "soknad.json $: 'data' is required"),
        ('"text"', "soknad.json $: must be of type object"),
        ("0", "soknad.json $: must be of type object"),
        (None, "soknad.json $: the file is missing"),
    ],
    ids=["null", "empty", "blank", "list", "object", "text", "number", "no-soknad-json"],
)
@pytest.mark.parametrize("with_attachment", [False, True], ids=["alone", "with-attachment"])
def test_a_folder_without_a_soknad_is_refused_by_its_path(
    world: World,
    known_person: Person,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    settings,  # type: ignore[no-untyped-def]
    content: str | None,
    expected: str,
    with_attachment: bool,
) -> None:
    """Whatever soknad.json holds, if it is no søknad the folder is a problem named by the
    path it was given with, and nothing is written: no rows, no files."""
    attachment = {"husleie.pdf": PDF} if with_attachment else {}
    folder = make_folder(
        tmp_path,
        content or "",
        vedlegg=vedlegg_for("husleie.pdf", PDF) if with_attachment else None,
        files=attachment,
    )
    if content is None:
        (folder / "soknad.json").unlink()
    good = make_folder(tmp_path, soknad_with(unchanged), name="good")
    err = refused(world, capsys, good, folder)
    assert f"{folder}/{expected}" in err
    assert str(good) not in err
    media = Path(settings.MEDIA_ROOT)
    assert [p for p in media.rglob("*") if p.is_file()] == []


def test_an_empty_folder_is_refused_by_its_path(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    err = refused(world, capsys, folder)
    assert f"{folder}/soknad.json $: the file is missing" in err
    assert err.endswith("Nothing imported: 1 problem(s) in 1 folder(s).")


def test_a_vedlegg_json_that_is_null_is_a_problem_too(
    world: World, known_person: Person, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_folder(tmp_path, soknad_with(unchanged))
    (folder / "vedlegg.json").write_text("null", encoding="utf-8")
    err = refused(world, capsys, folder)
    assert f"{folder}/vedlegg.json $: must be of type object" in err


def test_a_folder_the_reader_returns_nothing_for_is_still_refused(
    world: World,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Should the reader ever give neither a bundle nor a problem, the import says so
    rather than passing the folder over with exit 0."""
    from navet.applications import digisos_import

    monkeypatch.setattr(
        digisos_import, "read_contents", lambda path: FolderContents(None, None, (), ())
    )
    folder = make_folder(tmp_path, soknad_with(unchanged))
    err = refused(world, capsys, folder)
    assert f"{folder}/soknad.json $: holds no application to import" in err


# --- The real command line ---------------------------------------------------------------------


@pytest.mark.slow
def test_the_command_line_prints_problems_and_no_traceback(tmp_path: Path) -> None:
    """Through manage.py, as an operator runs it. These problems are found before the
    database is asked anything, so it may be empty."""
    number = make_folder(
        tmp_path,
        soknad_with(setting("data.okonomi.opplysninger.utbetaling.0.netto", RAW), "9" * 5000),
        name="number",
    )
    deep = make_folder(
        tmp_path,
        soknad_with(setting("data.nyttFelt", json.loads("[" * 500 + "]" * 500))),
        name="deep",
    )
    text = make_folder(
        tmp_path, soknad_with(setting("data.begrunnelse.hvorforSoke", "\ud800")), name="text"
    )
    missing = tmp_path / os.fsdecode(b"mangler-\xff")  # not UTF-8, and not there
    null = make_folder(tmp_path, "null", name="null")
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "SECRET_KEY": "test-only-" + "k" * 50,
        "NAVET_ENV_FILE": "",
    }
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "import_digisos",
            *map(str, (number, deep, text, missing, null)),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        errors="backslashreplace",
        check=False,
    )
    err = result.stderr
    assert result.returncode == 1, err
    assert "Traceback" not in err
    assert "number/soknad.json $.data.okonomi.opplysninger.utbetaling[0].netto: is a number" in err
    assert "deep/soknad.json $.data.nyttFelt" in err and "nested deeper than 64 levels" in err
    assert "text/soknad.json $.data.begrunnelse.hvorforSoke: contains a character" in err
    assert "mangler-" in err and ": the folder does not exist" in err
    assert f"{null}/soknad.json $: must be of type object" in err
    assert "Nothing imported: 5 problem(s) in 5 folder(s)." in err


def test_read_folder_alone_reads_an_unreadable_number_as_a_problem(tmp_path: Path) -> None:
    """The Django-free reader (navet.digisos) finds it too, with the schema still applied
    to the rest of the document."""
    folder = make_folder(
        tmp_path,
        soknad_with(
            both(
                setting("data.okonomi.opplysninger.utbetaling.0.netto", RAW),
                setting("data.personalia.kontonummer.verdi", "1234"),
            ),
            "1e400",
        ),
    )
    bundle, problems = read_folder(folder)
    assert bundle is None
    assert [(p.file, p.path) for p in problems] == [
        ("soknad.json", f"{PAYOUT}.netto"),
        ("soknad.json", "$.data.personalia.kontonummer.verdi"),
    ]


def test_files_copied_before_a_failure_are_removed_with_the_rollback(
    world: World, known_person: Person, tmp_path: Path, settings, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from navet.applications import digisos_import

    folder = make_folder(
        tmp_path,
        soknad_with(unchanged),
        vedlegg=vedlegg_for("husleie.pdf", PDF),
        files={"husleie.pdf": PDF},
    )

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(digisos_import, "append_event", broken)
    with pytest.raises(CommandError, match="unexpected RuntimeError"):
        call_command("import_digisos", str(folder), "--office", world.oslo.number)
    assert not Attachment.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert [p for p in media.rglob("*") if p.is_file()] == []
