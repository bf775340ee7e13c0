#!/usr/bin/env python
"""Time the person pages on a realistic PostgreSQL database, against a floor.

    .venv/bin/python bench/people_pages.py [--persons 100000] [--requests 200] [--reuse]

Creates a fresh database `navet_bench` on 127.0.0.1:5432 (user postgres, trust auth; an
existing one is dropped first), migrates it, seeds it with `navet.demo.persons.seed_demo`
and times, in-process with django.test.Client logged in as veileder.oslo:

* the floor: a trivial view that does one indexed query, through the same middleware;
* the search results page for a common family-name prefix, and for a fødselsnummer;
* the person overview (visittkort), across different persons the caseworker may see.

It prints the median and 95th percentile in milliseconds and each page's median as a
multiple of the floor's. See bench/README.md for what the ratios mean.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import types
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_HOST, DB_PORT, DB_USER, DB_NAME = "127.0.0.1", 5432, "postgres", "navet_bench"
WARM_UP = 20
SEED = 1


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=100_000, help="default 100000")
    parser.add_argument(
        "--requests", type=int, default=200, help="timed requests per page (default 200)"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help=f"keep an existing {DB_NAME} database and its data (skip drop, migrate, seed)",
    )
    return parser.parse_args()


def _database_exists() -> bool:
    import psycopg

    with psycopg.connect(host=DB_HOST, port=DB_PORT, user=DB_USER, dbname="postgres") as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
    return row is not None


def _recreate_database() -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        host=DB_HOST, port=DB_PORT, user=DB_USER, dbname="postgres", autocommit=True
    ) as conn:
        name = sql.Identifier(DB_NAME)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def _configure_environment() -> None:
    """Settings come from the environment, so set it before Django reads it."""
    os.environ["DATABASE_URL"] = f"postgres://{DB_USER}@{DB_HOST}:{DB_PORT}/{DB_NAME}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "navet.settings"
    # Production-like: no DEBUG query log or debug templates. Demo mode supplies a
    # development secret key and allows the synthetic (Test Norge) numbers.
    os.environ["DEBUG"] = "false"
    os.environ["NAVET_DEMO_MODE"] = "true"
    os.environ["NAVET_ALLOW_SYNTHETIC_IDS"] = "true"
    os.environ["NAVET_SECURE"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # WhiteNoise warns that STATIC_ROOT has not been collected; the pages serve no files here.
    warnings.filterwarnings("ignore", message="No directory at")
    sys.path.insert(0, str(ROOT))


def _install_floor_urlconf() -> str:
    """A urlconf with navet's URLs plus the floor view; returns the floor's URL prefix."""
    from django.conf import settings
    from django.http import HttpRequest, HttpResponse
    from django.urls import clear_url_caches, include, path

    from navet.core.models import Office

    def floor(request: HttpRequest, office_id: int) -> HttpResponse:
        return HttpResponse(Office.objects.get(pk=office_id).name)  # one primary-key lookup

    module = types.ModuleType("bench_people_pages_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        path("bench/floor/<int:office_id>/", floor, name="bench-floor"),
        path("", include("navet.urls")),
    ]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    clear_url_caches()
    return "/bench/floor/"


Timed = tuple[int, float]  # HTTP status, milliseconds


def _time(label: str, request: Callable[[int], Timed], requests: int) -> list[float] | None:
    """Run `request(i)` WARM_UP times, then `requests` times keeping the timings."""
    timings = []
    for i in range(WARM_UP + requests):
        status, elapsed = request(i)
        if status != 200:
            print(f"  {label}: HTTP {status}; not timed", flush=True)
            return None
        if i >= WARM_UP:
            timings.append(elapsed)
    print(f"  {label}: done", flush=True)
    return timings


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * 95 // 100) - 1)]


def main() -> int:
    args = _arguments()
    _configure_environment()
    reuse = args.reuse and _database_exists()
    if not reuse:
        print(f"Creating database {DB_NAME} on {DB_HOST}:{DB_PORT} ...", flush=True)
        _recreate_database()

    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from navet.access.policy import visible_persons
    from navet.core.models import Employee, Office
    from navet.demo.persons import seed_demo
    from navet.people.models import AddressProtection, Person

    if not reuse:
        print("Migrating ...", flush=True)
        call_command("migrate", verbosity=0, interactive=False)
        print(f"Seeding {args.persons} persons ...", flush=True)
        started = time.perf_counter()
        summary = seed_demo(
            persons=args.persons,
            seed=SEED,
            progress=lambda n: print(f"  {n} persons ...", flush=True),
        )
        print(f"  {summary.line()}", flush=True)
        print(f"  seeded in {time.perf_counter() - started:.1f} s", flush=True)

    # Fresh planner statistics, as autovacuum would have gathered soon after a bulk load.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    for template in ("people/person_search.html", "people/person_detail.html"):
        if not (ROOT / "templates" / template).exists():
            print(f"templates/{template} does not exist yet: nothing to time.", file=sys.stderr)
            return 2

    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    floor_prefix = _install_floor_urlconf()

    employee = Employee.objects.select_related("user").get(user__username="veileder.oslo")
    visible = visible_persons(employee)
    person_ids = list(
        visible.order_by("id").values_list("id", flat=True)[: WARM_UP + args.requests]
    )
    plain = visible.filter(address_protection=AddressProtection.NONE)
    national_ids = list(
        plain.order_by("national_id").values_list("national_id", flat=True)[
            : WARM_UP + args.requests
        ]
    )
    common = visible.values("family_name").annotate(n=Count("id")).order_by("-n", "family_name")[:5]
    prefixes = list(dict.fromkeys(row["family_name"][:3] for row in common))
    office_ids = list(Office.objects.values_list("id", flat=True))
    if not (person_ids and national_ids and prefixes):
        print("veileder.oslo sees no persons: seed with more persons.", file=sys.stderr)
        return 2
    print(
        f"Timing {args.requests} requests per page after {WARM_UP} warm-up requests "
        f"(name prefixes {', '.join(prefixes)}; {len(person_ids)} persons) ...",
        flush=True,
    )

    client = Client()
    client.force_login(employee.user)
    search_url = reverse("people:search")

    def get(url: str) -> Timed:
        started = time.perf_counter()
        response = client.get(url)
        return response.status_code, (time.perf_counter() - started) * 1000

    def search(query: str) -> Timed:
        """POST the search (not timed), then time the results page it redirects to."""
        response = client.post(search_url, {"q": query})
        if response.status_code != 302:
            return response.status_code, 0.0
        return get(response["Location"])

    def detail_url(i: int) -> str:
        return reverse(
            "people:person-detail", kwargs={"person_id": person_ids[i % len(person_ids)]}
        )

    pages: list[tuple[str, Callable[[int], Timed]]] = [
        (
            "floor (one indexed query)",
            lambda i: get(f"{floor_prefix}{office_ids[i % len(office_ids)]}/"),
        ),
        ("search: name prefix", lambda i: search(prefixes[i % len(prefixes)])),
        ("search: fødselsnummer", lambda i: search(national_ids[i % len(national_ids)])),
        ("person overview", lambda i: get(detail_url(i))),
    ]
    measured = [(label, _time(label, request, args.requests)) for label, request in pages]
    floor_timings = measured[0][1]
    if floor_timings is None:
        print("The floor could not be timed.", file=sys.stderr)
        return 1

    floor_median = statistics.median(floor_timings)
    persons = Person.objects.count()
    print()
    print(f"PostgreSQL, {persons} persons, {args.requests} requests each, veileder.oslo")
    print(f"{'page':<32} {'median ms':>10} {'p95 ms':>9} {'× floor':>8}")
    for label, timings in measured:
        if timings is None:
            print(f"{label:<32} {'not timed':>10}")
            continue
        median = statistics.median(timings)
        print(f"{label:<32} {median:>10.2f} {_p95(timings):>9.2f} {median / floor_median:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
