"""The payment commands, as operations and scheduled jobs run them."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from navet.payments.models import PaymentRun, RunState
from tests.conftest import World
from tests.iso20022.answers import answer
from tests.payments.test_runs import FAR, grant  # noqa: F401 (fixture)


def run_command(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_create_approve_generate_export_import(
    world: World,
    grant: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    printed = run_command(
        "create_payment_run",
        "--office",
        "0315",
        "--due-by",
        FAR.isoformat(),
        "--as",
        "veileder.oslo",
    )
    reference = printed.strip().splitlines()[-1]
    run = PaymentRun.objects.get(reference=reference)
    with pytest.raises(CommandError, match="kan ikke godkjenne den selv"):
        run_command("approve_payment_run", reference, "--as", "veileder.oslo")
    run_command("approve_payment_run", reference, "--as", "leder.oslo")
    first = run_command("generate_payment_file", reference).splitlines()[-1]
    assert run_command("generate_payment_file", reference).splitlines()[-1] == first
    run.refresh_from_db()
    assert run.state == RunState.GENERATED and run.file_sha256 == first
    run_command("export_payment_files", "--out", str(tmp_path))
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest[0]["sha256"] == first and manifest[0]["file"] == f"{run.message_id}.xml"
    assert (tmp_path / f"{run.message_id}.xml").read_bytes() == bytes(run.file or b"")
    assert not list(tmp_path.glob(".*.part"))
    status = tmp_path / "status.xml"
    status.write_bytes(answer("pain002_rejected", msg=run.message_id or ""))
    assert "2 rejected" in run_command("import_bank_files", str(status))
    assert "imported before" in run_command("import_bank_files", str(status))


def test_nothing_due_is_no_error_and_makes_nothing(world: World) -> None:
    printed = run_command(
        "create_payment_run", "--office", "0315", "--due-by", "2026-01-01", "--as", "veileder.oslo"
    )
    assert "no run made" in printed and not PaymentRun.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("create_payment_run", "--office", "9999", "--due-by", "2026-01-01", "--as", "x"),
            "office",
        ),
        (
            (
                "create_payment_run",
                "--office",
                "0315",
                "--due-by",
                "31.12.2026",
                "--as",
                "veileder.oslo",
            ),
            "YYYY-MM-DD",
        ),
        (
            ("create_payment_run", "--office", "0315", "--due-by", "2026-01-01", "--as", "nobody"),
            "username",
        ),
        (("approve_payment_run", "0315-2026-U9999", "--as", "leder.oslo"), "No payment run"),
        (("generate_payment_file", "nothing"), "No payment run"),
    ],
)
def test_bad_arguments_say_what_and_change_nothing(
    world: World, args: tuple[str, ...], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        run_command(*args)
    assert not PaymentRun.objects.exists()


def test_unreadable_bank_files_exit_1_after_the_others(world: World, tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"<nope/>")
    with pytest.raises(CommandError) as caught:
        run_command("import_bank_files", str(broken), str(tmp_path / "missing.xml"))
    assert caught.value.returncode == 1


def test_the_sweeper_finishes_runs_left_without_a_file(world: World, grant: Any) -> None:  # noqa: F811
    from navet.payments.runs import approve_run, prepare_run

    run = approve_run(
        run=prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo),
        actor=world.leader_oslo,
    )
    assert "Resumed 0" in run_command("resume_payment_runs")  # too fresh: its job may run
    assert "Resumed 1" in run_command("resume_payment_runs", "--older-than-minutes", "0")
    run.refresh_from_db()
    assert run.state == RunState.GENERATED
    assert "Resumed 0" in run_command("resume_payment_runs", "--older-than-minutes", "0")
