#!/usr/bin/env python
"""Time a payment run of many payments against writing the same XML from a list.

    .venv/bin/python bench/payments.py [--payments 100000] [--database URL]

Sets up Django against a fresh PostgreSQL database (default
postgres://postgres@127.0.0.1:5432/navet_payments_bench, created and dropped by the
script), migrates it, seeds the demo offices and 400 people without applications, and
creates --payments planned payments due today, as a national month has them: one payment
per application (each application with its case and draft decision, cloned in bulk from
one registered through the actions), each with its own valid account. It then times, each
in its own transaction as the pages and commands run them:

* prepare: `prepare_run` — every due payment becomes a transfer attempt;
* approve: `approve_run` — the message id and date fixed, PLANLAGT_UTBETALING to innsyn;
* generate: `generate_file` — the pain.001 built, XSD-validated, checked, stored;

and, as the floor, `pain001.build` of the same transfers from a list in memory (no
database, no validation). It prints each time, the time per 10 000 payments, and the ratio
of the whole run to the floor, and a last line {"bench": "payments", ...} in JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/navet_payments_bench"
PERSONS = 400


def clone(instance, **changes):  # type: ignore[no-untyped-def]
    """A copy of a model instance with a new primary key and the changes."""
    copy = type(instance)()
    for field in instance._meta.concrete_fields:
        setattr(copy, field.attname, getattr(instance, field.attname))
    copy.pk = uuid.uuid4()
    for name, value in changes.items():
        setattr(copy, name, value)
    return copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--payments", type=int, default=100_000)
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    options = parser.parse_args()
    if options.payments < 1:
        parser.error("--payments must be at least 1")
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
        figures = run(options.payments)
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    print(json.dumps({"bench": "payments", **figures}))


def run(count: int) -> dict[str, float | int]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from navet.applications import actions as app_actions
    from navet.applications.models import Application, Case
    from navet.core.models import Employee, Office
    from navet.decisions import actions as decision_actions
    from navet.decisions.models import Decision
    from navet.demo.payments import demo_account, set_up_payments
    from navet.demo.persons import seed_demo
    from navet.iso20022.pain001 import Debtor, PaymentFile, Transfer, build
    from navet.payments.files import generate_file
    from navet.payments.models import Payment
    from navet.payments.runs import approve_run, prepare_run
    from navet.people.models import Person

    seed_demo(persons=PERSONS, seed=1, applications=False)
    office = Office.objects.get(number="0315")
    set_up_payments(office)
    caseworker = Employee.objects.get(user__username="veileder.oslo")
    leader = Employee.objects.get(user__username="leder.oslo")
    today = timezone.localdate()
    persons = list(Person.objects.filter(office=office).order_by("pk")[:PERSONS])
    with transaction.atomic():
        template = app_actions.register_application(
            person=persons[0],
            office=office,
            channel="paper",
            received_at=timezone.now(),
            applied_for="Livsopphold",
            actor=caseworker,
            caseworker=caseworker,
        )
        app_actions.start_processing(application=template, actor=caseworker)
        template_case = template.cases.get()
        template_decision = decision_actions.start_decision(case=template_case, actor=caseworker)
    import random

    rng = random.Random(1)
    accounts = [demo_account(rng) for _ in range(count)]
    started = time.perf_counter()
    # A national month: one payment per application, as many applications as payments,
    # cloned from the one registered above (the ids and references new).
    decisions = []
    for first in range(0, count, 5000):
        numbers = range(first, min(first + 5000, count))
        applications = [
            clone(
                template,
                reference=f"0315-2099-{n:06d}",
                digisos_id=uuid.uuid4(),
                content_hash=None,
                person=persons[n % len(persons)],
            )
            for n in numbers
        ]
        Application.objects.bulk_create(applications)
        cases = [clone(template_case, application=a) for a in applications]
        Case.objects.bulk_create(cases)
        batch = [
            clone(template_decision, case=c, reference=f"0315-2099-V{n:06d}")
            for n, c in zip(numbers, cases, strict=True)
        ]
        Decision.objects.bulk_create(batch)
        decisions += batch
    Payment.objects.bulk_create(
        (
            Payment(
                reference=f"B-{n}",
                decision=decision,
                person_id=decision.case.application.person_id,
                office=office,
                amount=1000 + n % 9000,
                form="grant",
                period_from=today.replace(day=1),
                period_to=today,
                due_on=today,
                recipient_name=f"Mottaker {n}",
                account=accounts[n],
            )
            for n, decision in enumerate(decisions)
        ),
        batch_size=5000,
    )
    seeding = time.perf_counter() - started
    print(f"{count} payments planned in {seeding:.1f} s", file=sys.stderr)

    def timed(label: str, work):  # type: ignore[no-untyped-def]
        begin = time.perf_counter()
        result = work()
        seconds = time.perf_counter() - begin
        print(f"{label:<10} {seconds:8.2f} s", file=sys.stderr)
        return result, seconds

    run_, prepare = timed(
        "prepare", lambda: prepare_run(office=office, due_by=today, actor=caseworker)
    )
    run_, approve = timed("approve", lambda: approve_run(run=run_, actor=leader))
    run_, generate = timed("generate", lambda: generate_file(run_))
    transfers = tuple(
        Transfer(uuid.uuid4().hex, Decimal(1000 + n % 9000), f"Mottaker {n}", accounts[n])
        for n in range(count)
    )
    memory = PaymentFile(
        message_id="FLOOR",
        created_at=timezone.now(),
        execution_date=today,
        debtor=Debtor("Floor", accounts[0], "912345602"),
        transfers=transfers,
    )
    _xml, floor = timed("floor", lambda: build(memory))
    total = prepare + approve + generate
    per_10k = total / count * 10_000
    print(
        f"total {total:.2f} s, {per_10k:.2f} s per 10 000 payments, "
        f"{total / floor:.1f} × the floor ({floor:.2f} s)",
        file=sys.stderr,
    )
    return {
        "payments": count,
        "prepare_s": round(prepare, 3),
        "approve_s": round(approve, 3),
        "generate_s": round(generate, 3),
        "floor_s": round(floor, 3),
        "total_s": round(total, 3),
        "seconds_per_10k": round(per_10k, 3),
        "ratio_to_floor": round(total / floor, 2),
        "file_bytes": len(run_.stored_file()),
    }


if __name__ == "__main__":
    main()
