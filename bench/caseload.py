#!/usr/bin/env python
"""Time the caseload (portefølje) of one office when the country has 100 000 persons in
follow-up, against the same office when it is the only one (1 000 persons).

    .venv/bin/python bench/caseload.py [--persons 100000] [--office 1000] [--requests 50]

Creates a fresh PostgreSQL database `navet_caseload_bench` on 127.0.0.1:5432 (user
postgres, trust auth; dropped first and after), migrates it and seeds the demo's offices
and employees. It then gives the Oslo office --office persons in follow-up, with what the
counters look for (a tenth with a message waiting for Nav, a twentieth with a meeting
today, a tenth with an agreed activity past its deadline, a thirtieth with minutes not
shared), and times in-process with django.test.Client, as the Oslo caseworker:

* the office's caseload (all counters and the first page of 50),
* the list behind a counter ("venter på svar fra Nav", oldest first),
* a filtered list (under 30, the office's),
* the caseworker's own caseload,
* the office's tasks.

Then it adds the rest of the country (--persons in all, in 100 other offices, with the
same mix) and times the same pages again. It prints each page's median and 95th
percentile in milliseconds, the ratio of the country-size median to the one-office median,
and a last line {"bench": "caseload", ...} in JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/navet_caseload_bench"
WARM_UP = 3
BATCH = 5000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--office", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    options = parser.parse_args()
    if options.office < 100 or options.persons <= options.office or options.requests < 1:
        parser.error("--office at least 100, --persons above --office, --requests at least 1")
    server, name = options.database.rsplit("/", 1)
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = options.database
    os.environ["NAVET_DEMO_MODE"] = "true"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "navet.settings")
    sys.path.insert(0, str(ROOT))
    try:
        figures = run(options.persons, options.office, options.requests)
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    print(json.dumps({"bench": "caseload", **figures}))


def _people(office, caseworker, count: int, start: int) -> None:  # type: ignore[no-untyped-def]
    """`count` persons of the office in follow-up, with what the counters look for; two in
    three have the caseworker (the other offices' have none: she works in Oslo)."""
    from django.utils import timezone

    from navet.core.models import Employee
    from navet.dialog.models import Thread
    from navet.followup.models import (
        Activity,
        ActivityPlan,
        FollowUp,
        JournalNote,
        Meeting,
    )
    from navet.people.models import Person, normalise_name

    now = timezone.now()
    today = timezone.localdate()
    author = caseworker or Employee.objects.get(user__username="veileder.oslo")
    for first in range(start, start + count, BATCH):
        numbers = range(first, min(first + BATCH, start + count))
        persons = []
        for n in numbers:
            given, family = f"Bench{n % 997}", f"Person{n}"
            persons.append(
                Person(
                    national_id=f"9{n:010d}",
                    given_name=given,
                    family_name=family,
                    name_key=normalise_name(f"{family} {given}"),
                    given_name_key=normalise_name(f"{given} {family}"),
                    birth_date=date(1960, 1, 1) + timedelta(days=n % 20000),
                    office=office,
                    caseworker=caseworker if caseworker and n % 3 else None,
                )
            )
        Person.objects.bulk_create(persons)
        FollowUp.objects.bulk_create(
            FollowUp(person=p, started_at=now, new_for_caseworker=n % 7 == 0)
            for n, p in zip(numbers, persons, strict=True)
        )
        Thread.objects.bulk_create(
            Thread(
                person=p,
                office=office,
                subject="Spørsmål",
                state="waiting_for_nav",
                created_at=now - timedelta(hours=n % 500),
                last_message_at=now - timedelta(hours=n % 500),
            )
            for n, p in zip(numbers, persons, strict=True)
            if n % 10 == 0
        )
        Meeting.objects.bulk_create(
            Meeting(
                person=p,
                office=office,
                starts_at=now.replace(hour=12, minute=0),
                channel="phone",
                agenda="Samtale",
                created_by=author,
                created_at=now,
            )
            for n, p in zip(numbers, persons, strict=True)
            if n % 20 == 0
        )
        JournalNote.objects.bulk_create(
            JournalNote(
                person=p,
                office=office,
                kind="minutes",
                happened_on=today,
                title="Referat",
                created_by=author,
                created_at=now,
            )
            for n, p in zip(numbers, persons, strict=True)
            if n % 30 == 0
        )
        with_plan = [p for n, p in zip(numbers, persons, strict=True) if n % 10 == 3]
        plans = ActivityPlan.objects.bulk_create(
            ActivityPlan(person=p, created_at=now) for p in with_plan
        )
        Activity.objects.bulk_create(
            Activity(
                plan=plan,
                kind="job_search",
                title="Søke jobber",
                status="ongoing",
                to_date=today - timedelta(days=3),
                agreed_at=now,
                created_by="staff",
                created_at=now,
                changed_at=now,
            )
            for plan in plans
        )


def _time(get: Callable[[], int], requests: int) -> list[float]:
    for _ in range(WARM_UP):
        assert get() == 200
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        status = get()
        times.append((time.perf_counter() - started) * 1000)
        assert status == 200, status
    return times


def _measure(pages: dict[str, Callable[[], int]], requests: int) -> dict[str, float]:
    medians = {}
    for label, get in pages.items():
        times = sorted(_time(get, requests))
        medians[label] = statistics.median(times)
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        print(f"  {label:40} {medians[label]:8.1f} ms median {p95:8.1f} ms p95")
    return medians


def run(persons: int, office_size: int, requests: int) -> dict[str, object]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    from navet.core.models import Employee, Office
    from navet.demo.persons import seed_demo

    seed_demo(persons=30, seed=1, applications=False)
    caseworker = Employee.objects.get(user__username="veileder.oslo")
    oslo = Office.objects.get(number="0315")
    started = time.perf_counter()
    _people(oslo, caseworker, office_size, start=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"one office: {office_size:,} persons in follow-up ({time.perf_counter() - started:.1f} s)"
    )
    client = Client()
    client.force_login(caseworker.user)
    pages: dict[str, Callable[[], int]] = {
        "office caseload": lambda: client.get("/portefolje/?omfang=kontor").status_code,
        "waiting for Nav, oldest first": lambda: (
            client.get("/portefolje/?omfang=kontor&teller=venter-nav").status_code
        ),
        "under 30, filtered": lambda: (
            client.get("/portefolje/?omfang=kontor&filter=under-30").status_code
        ),
        "my caseload": lambda: client.get("/portefolje/?omfang=mine").status_code,
        "office tasks": lambda: client.get("/portefolje/oppgaver/?omfang=kontor").status_code,
    }
    small = _measure(pages, requests)
    rest = persons - office_size
    others = [
        Office.objects.create(
            number=f"{5000 + i:04d}", name=f"Nav Bench {i}", municipality_number="5001"
        )
        for i in range(100)
    ]
    started = time.perf_counter()
    per_office = rest // len(others)
    for index, other in enumerate(others):
        count = per_office if index < len(others) - 1 else rest - per_office * (len(others) - 1)
        _people(other, None, count, start=office_size + index * per_office)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"the country: {persons:,} persons in follow-up ({time.perf_counter() - started:.1f} s)")
    large = _measure(pages, requests)
    print(f"{'page':40} {'one office':>12} {'country':>10} {'ratio':>7}")
    ratios = {}
    for label in pages:
        ratios[label] = large[label] / small[label]
        print(f"{label:40} {small[label]:10.1f}ms {large[label]:8.1f}ms {ratios[label]:7.2f}")
    return {
        "persons": persons,
        "office": office_size,
        "requests": requests,
        "one_office_ms": {k: round(v, 1) for k, v in small.items()},
        "country_ms": {k: round(v, 1) for k, v in large.items()},
        "ratio": {k: round(v, 2) for k, v in ratios.items()},
    }


if __name__ == "__main__":
    main()
