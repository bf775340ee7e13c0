"""Killed halfway (PostgreSQL, as the acceptance asks): `generate_payment_file` is run as its
own process and killed with SIGKILL at each point of the generation; run again, it finishes
the same run with one file, byte-identical to what the approval fixed, and every approved
payment in exactly one transaction of that file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from navet.payments.files import build_run_file
from navet.payments.models import PaymentRun, RunState
from navet.payments.runs import approve_run, prepare_run
from tests.conftest import World
from tests.payments.test_runs import FAR

pytestmark = pytest.mark.django_db(transaction=True)


def database_url() -> str:
    db = settings.DATABASES["default"]
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or "5432"
    user = db.get("USER") or "postgres"
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


def generate(reference: str, crash_at: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url(), "NAVET_PAYMENT_CRASH_AT": crash_at}
    return subprocess.run(
        [sys.executable, "manage.py", "generate_payment_file", reference],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def approved_run(world: World) -> Any:
    from navet.payments.models import PaymentSettings
    from navet.rules.dates import month_end
    from tests.payments.test_plans import made_grant, months_ahead

    PaymentSettings.objects.create(
        office=world.oslo,
        debtor_name="Oslo kommune",
        debtor_account="12345678903",
        organisation_number="912345602",
    )
    made_grant(world, months_ahead(1), month_end(months_ahead(3)))
    run = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    return approve_run(run=run, actor=world.leader_oslo)


def test_killed_at_every_point_the_run_still_gets_one_identical_file(approved_run: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("a second process on the same database: PostgreSQL (CI runs both)")
    run: PaymentRun = approved_run
    expected = build_run_file(run)
    for point in ("built", "stored", "committed"):
        killed = generate(run.reference, crash_at=point)
        assert killed.returncode == -signal.SIGKILL, (point, killed.stderr)
        run.refresh_from_db()
        if point == "committed":
            assert run.state == RunState.GENERATED  # it had committed before it died
        else:
            assert run.state == RunState.APPROVED and not run.file_sha256, point
    finished = generate(run.reference)
    assert finished.returncode == 0, finished.stderr
    run.refresh_from_db()
    assert run.state == RunState.GENERATED
    assert bytes(run.file or b"") == expected
    assert finished.stdout.splitlines()[-1] == run.file_sha256
    again = generate(run.reference)
    assert again.returncode == 0 and again.stdout.splitlines()[-1] == run.file_sha256
    ids = set(run.attempts.values_list("end_to_end_id", flat=True))
    assert len(ids) == run.attempts.count() == 3
    for end_to_end in ids:
        assert expected.count(end_to_end.encode()) == 1
