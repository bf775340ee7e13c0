"""Payments in the browser (issue 11's acceptance): veileder.oslo prepares a run, leder.oslo
approves it as the second person and downloads the bank file, the bank's answer is read in,
and the person page shows the payment as paid."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from navet.iso20022.pain001 import semantic_problems, xsd_problems
from navet.payments.models import PaymentRun, PaymentSettings, RunState
from navet.rules.dates import month_end
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import World
from tests.iso20022.answers import answer
from tests.payments.test_plans import made_grant, months_ahead

pytestmark = pytest.mark.browser


def test_prepare_approve_download_import_paid(world: World, new_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    PaymentSettings.objects.create(
        office=world.oslo,
        debtor_name="Oslo kommune",
        debtor_account="12345678903",
        organisation_number="912345602",
    )
    decision = made_grant(world, months_ahead(1), month_end(months_ahead(1)))
    payment = decision.payments.get()

    page = new_page(bypass_csp=True)
    log_in(page, world.caseworker_oslo)
    page.goto("/utbetalinger/")
    page.get_by_label("Forfall til og med").fill(payment.due_on.isoformat())
    page.get_by_role("button", name="Lag kjøringen").click()
    expect(page.get_by_text("venter på godkjenning fra en annen")).to_be_visible()
    assert axe_violations(page) == []
    run = PaymentRun.objects.get()

    leader = new_page(bypass_csp=True)
    log_in(leader, world.leader_oslo)
    leader.goto(f"/utbetalinger/kjoringer/{run.pk}/")
    leader.get_by_role("button", name="Godkjenn utbetalingene").click()
    expect(leader.get_by_text("Utbetalingskjøringen er godkjent.")).to_be_visible()
    with leader.expect_download() as download:
        leader.get_by_role("link", name="Last ned betalingsfilen (XML)").click()
    saved = tmp_path / "file.xml"
    download.value.save_as(saved)
    xml = saved.read_bytes()
    assert xsd_problems(xml) == []
    assert semantic_problems(xml, today=timezone.localdate()) == []
    leader.get_by_role("button", name="Merk som sendt til banken").click()
    expect(leader.get_by_text("merket som sendt")).to_be_visible()
    run.refresh_from_db()
    assert run.state == RunState.SENT

    attempt = run.attempts.get()
    bank = tmp_path / "debet.xml"
    bank.write_bytes(
        answer(
            "camt054_booked",
            msg=run.message_id or "",
            e2e_booked=attempt.end_to_end_id,
            e2e_pending="0" * 32,
            amount=f"{attempt.amount}.00",
        )
    )
    leader.goto("/utbetalinger/")
    leader.get_by_label("Fil fra banken").set_input_files(str(bank))
    leader.get_by_role("button", name="Les inn filen").click()
    expect(leader.get_by_text("1 utbetalt")).to_be_visible()
    assert axe_violations(leader) == []

    page.goto(decision.case.application.person.get_absolute_url())
    payments = page.get_by_role("table", name="Utbetalinger, de siste først")
    expect(payments).to_contain_text(payment.reference)
    expect(payments).to_contain_text("Utbetalt 18.12.2026")
    page.set_viewport_size({"width": 390, "height": 844})
    assert axe_violations(page) == []
