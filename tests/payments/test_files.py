"""The bank file of an approved run: generated once from what the approval fixed, valid
against the official XSD, the same bytes every time it is generated again; the job is
enqueued in the approval's transaction; the download is the stored file."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from navet.audit.models import AuditEvent
from navet.iso20022.pain001 import semantic_problems, xsd_problems
from navet.payments.errors import PaymentError
from navet.payments.files import build_run_file, generate_file
from navet.payments.models import PaymentRun, PaymentState, RunState
from navet.payments.runs import approve_run, mark_sent, prepare_run
from navet.payments.tasks import generate_file_task
from tests.conftest import World, client_for
from tests.payments.test_runs import FAR, grant  # noqa: F401 (fixture)


def approved(world: World) -> PaymentRun:
    run = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    return approve_run(run=run, actor=world.leader_oslo)


def test_the_approval_enqueues_the_file_and_the_job_makes_it(world: World, grant: Any) -> None:  # noqa: F811
    run = approved(world)
    job = DBTaskResult.objects.get()
    assert job.args_kwargs["args"] == [str(run.pk)]
    digest = generate_file_task.call(str(run.pk))
    run.refresh_from_db()
    assert run.state == RunState.GENERATED and run.file_sha256 == digest
    xml = bytes(run.file or b"")
    assert hashlib.sha256(xml).hexdigest() == digest
    assert xsd_problems(xml) == []
    assert semantic_problems(xml, today=timezone.localdate()) == []
    for attempt in run.attempts.all():
        assert attempt.end_to_end_id.encode() in xml
    assert run.message_id is not None and run.message_id.encode() in xml
    # Again (a second worker, a restart after a crash): the same bytes, nothing new stored.
    assert generate_file_task.call(str(run.pk)) == digest
    assert build_run_file(run) == xml
    assert AuditEvent.objects.filter(action="payment_file.generated").count() == 1


def test_a_draft_has_no_file(world: World, grant: Any) -> None:  # noqa: F811
    run = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    with pytest.raises(PaymentError):
        generate_file(run)


def test_download_then_mark_sent(world: World, grant: Any) -> None:  # noqa: F811
    run = approved(world)
    client = client_for(world.leader_oslo)
    response = client.get(reverse("payments:run-file", args=[run.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{run.message_id}.xml"'
    run.refresh_from_db()
    assert response.content == bytes(run.file or b"") and run.state == RunState.GENERATED
    assert client.get(reverse("payments:run-file", args=[run.pk])).content == response.content
    mark_sent(run=run, actor=world.leader_oslo)
    assert set(grant.payments.values_list("state", flat=True)) == {PaymentState.SENT}
    with pytest.raises(PaymentError):
        mark_sent(run=run, actor=world.leader_oslo)


def test_the_accounting_file_has_a_line_per_payment(world: World, grant: Any) -> None:  # noqa: F811
    import csv
    import io

    from navet.payments.models import PaymentSettings

    run = approved(world)
    client = client_for(world.leader_oslo)
    url = reverse("payments:run-accounting", args=[run.pk])
    detail = client.get(reverse("payments:run-detail", args=[run.pk])).content.decode()
    assert "Kontoen (art) for bidrag i kommunens regnskap er ikke satt" in detail
    PaymentSettings.objects.filter(office=world.oslo).update(grant_account_code="11990")
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode()), delimiter=";"))
    assert len(rows) == run.attempts.count() == 2
    assert {r["funksjon"] for r in rows} == {"281"} and {r["art"] for r in rows} == {"11990"}
    assert sum(float(r["belop"]) for r in rows) == sum(
        run.attempts.values_list("amount", flat=True)
    )
    assert AuditEvent.objects.filter(action="payment_accounting.exported").count() == 1
