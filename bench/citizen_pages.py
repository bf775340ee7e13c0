#!/usr/bin/env python
"""Time the citizen's portal pages against the staff floor, and "who has looked at my data"
at a million audit rows against a thousand.

    .venv/bin/python bench/citizen_pages.py [--rows 1000000] [--requests 100]

Creates a fresh PostgreSQL database `navet_portal_bench` on 127.0.0.1:5432 (user
postgres, trust auth; dropped first and after), migrates it and seeds the demo (300
persons with the demo's applications, decisions, payments and messages). It then gives one
demo person --rows audit rows of staff reads and another person 1 000, written in bulk by
SQL, and times in-process with django.test.Client:

* the staff floor: the caseworker's søknad tab for the person's application (a staff page
  with as much on it);
* the portal's pages for that person: Mine søknader, one application, Meldinger,
  Utbetalinger, and "Hvem har sett opplysningene mine" (first page, and a page deep in the
  trail);
* the same log for the person with 1 000 rows.

It prints the median and 95th percentile in milliseconds, each page's median as a multiple
of the staff floor, the log's ratio between a million rows and a thousand, and a last line
{"bench": "citizen_pages", ...} in JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/navet_portal_bench"
WARM_UP = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    options = parser.parse_args()
    if options.rows < 1000 or options.requests < 1:
        parser.error("--rows must be at least 1000 and --requests at least 1")
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
        figures = run(options.rows, options.requests)
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    print(json.dumps({"bench": "citizen_pages", **figures}))


def _staff_rows(person_id: str, actor_id: int, count: int) -> None:
    """`count` staff reads of the person, as the trail would hold them (the chain's hashes
    are not computed: the bench database is thrown away)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO audit_auditevent
                (chain, occurred_at, actor_id, actor_label, action, person_id, target_type,
                 target_id, reason, request_id, data, prev_hash, hash)
            SELECT 0, now() - (n || ' seconds')::interval, %s, 'bench', 'person.read', %s,
                   'people.person', %s, '', '', '{}'::jsonb, md5(n::text) || md5(n::text),
                   md5(%s || n::text) || md5(n::text || %s)
            FROM generate_series(1, %s) AS n
            """,
            [actor_id, person_id, person_id, person_id, person_id, count],
        )
        cursor.execute("ANALYZE audit_auditevent")


def _citizen_client(person):  # type: ignore[no-untyped-def]
    from django.test import Client

    from navet.citizen.models import CitizenSession
    from navet.citizen.session import (
        CITIZEN_ISSUER,
        CITIZEN_LOGIN_AT,
        CITIZEN_PERSON,
        CITIZEN_SEEN_AT,
        CITIZEN_SID,
    )

    client = Client()
    session = client.session
    now = time.time()
    session.update(
        {
            CITIZEN_PERSON: str(person.pk),
            CITIZEN_SID: f"bench-{person.pk}",
            CITIZEN_ISSUER: "http://testserver/test-idporten",
            CITIZEN_LOGIN_AT: now,
            CITIZEN_SEEN_AT: now,
        }
    )
    session.save()
    CitizenSession.objects.create(
        session_key=session.session_key,
        issuer="http://testserver/test-idporten",
        sid=f"bench-{person.pk}",
        person=person,
    )
    return client


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


def run(rows: int, requests: int) -> dict[str, float | int]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    from navet.applications.models import Application
    from navet.audit.models import AuditEvent
    from navet.core.models import Employee
    from navet.demo.persons import seed_demo
    from navet.dialog.models import Thread

    seed_demo(persons=300, seed=1)
    caseworker = Employee.objects.get(user__username="veileder.oslo")
    thread = Thread.objects.filter(office__number="0315").select_related("person").first()
    assert thread is not None, "the demo has no messages"
    person = thread.person
    application = Application.objects.filter(person=person).first()
    assert application is not None
    other = (
        Application.objects.filter(office__number="0315")
        .exclude(person=person)
        .select_related("person")
        .first()
    )
    assert other is not None
    started = time.perf_counter()
    _staff_rows(str(person.pk), caseworker.pk, rows)
    _staff_rows(str(other.person.pk), caseworker.pk, 1000)
    seeded = time.perf_counter() - started
    deep = (
        AuditEvent.objects.about(person)
        .filter(actor__isnull=False)
        .order_by("-id")
        .values_list("id", flat=True)[rows // 2]
    )

    staff = Client()
    staff.force_login(caseworker.user)
    citizen = _citizen_client(person)
    small = _citizen_client(other.person)
    pages: dict[str, Callable[[], int]] = {
        "staff floor (søknad tab)": lambda: staff.get(f"/soknader/{application.pk}/").status_code,
        "Mine søknader": lambda: citizen.get("/min-side/soknader/").status_code,
        "one application": lambda: citizen.get(f"/min-side/soknader/{application.pk}/").status_code,
        "Meldinger": lambda: citizen.get("/min-side/meldinger/").status_code,
        "Utbetalinger": lambda: citizen.get("/min-side/utbetalinger/").status_code,
        f"who has looked, {rows:,} rows": lambda: (
            citizen.get("/min-side/hvem-har-sett/").status_code
        ),
        f"who has looked, {rows:,} rows, a deep page": lambda: (
            citizen.get(f"/min-side/hvem-har-sett/?for={deep}").status_code
        ),
        "who has looked, 1,000 rows": lambda: small.get("/min-side/hvem-har-sett/").status_code,
    }
    medians: dict[str, float] = {}
    print(f"seeded {rows + 1000:,} audit rows in {seeded:.1f} s; {requests} requests per page")
    print(f"{'page':48} {'median ms':>10} {'p95 ms':>8} {'× floor':>8}")
    floor = None
    for label, get in pages.items():
        times = sorted(_time(get, requests))
        median = statistics.median(times)
        p95 = times[int(len(times) * 0.95) - 1]
        floor = floor or median
        medians[label] = median
        print(f"{label:48} {median:10.1f} {p95:8.1f} {median / floor:8.2f}")
    log_ratio = medians[f"who has looked, {rows:,} rows"] / medians["who has looked, 1,000 rows"]
    print(f"who has looked: {rows:,} rows / 1,000 rows = {log_ratio:.2f}")
    return {
        "rows": rows,
        "requests": requests,
        "floor_ms": round(floor or 0, 2),
        **{label: round(value / (floor or 1), 2) for label, value in medians.items()},
        "log_million_over_thousand": round(log_ratio, 2),
    }


if __name__ == "__main__":
    main()
