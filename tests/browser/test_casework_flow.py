"""A caseworker goes from the work list through the assessment to a decision and opens the
letter; axe-core checks each page on the way."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from navet.applications import actions as app_actions
from navet.applications.models import Application
from navet.decisions.models import DecisionSettings, DecisionState
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import World
from tests.factories import make_person

pytestmark = pytest.mark.browser


def test_caseworker_decides_an_application_and_opens_the_letter(  # type: ignore[no-untyped-def]
    world: World, new_page, tmp_path
) -> None:
    me = world.caseworker_oslo
    DecisionSettings.objects.create(office=world.oslo, responsible_name="Kristin Bakke")
    person = make_person(
        office=world.oslo, given_name="Nora", family_name="Brattli", birth_date=date(1979, 4, 2)
    )
    application = app_actions.register_application(
        person=person,
        office=world.oslo,
        channel="paper",
        received_at=timezone.now(),
        applied_for="Penger til mat og husleie.",
        actor=me,
        caseworker=me,
    )
    app_actions.start_processing(application=application, actor=me)
    page = new_page(bypass_csp=True)
    log_in(page, me)

    # The work list: mine.
    page.get_by_role("link", name="Søknader").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Søknader")
    assert axe_violations(page) == []
    page.get_by_role("link", name=application.reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nora Brattli")

    # The assessment tab: start a draft, assess, decide.
    page.get_by_role("link", name="Vurdering").click()
    page.get_by_role("button", name="Start vedtaksutkast").click()
    expect(page.get_by_label("Faktiske forhold vi har lagt vekt på")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Faktiske forhold vi har lagt vekt på").fill("Du har ingen inntekt.")
    page.get_by_label("Hovedhensyn i vurderingen").fill("Du har ikke andre midler.")
    page.get_by_role("radio", name="Innvilget", exact=True).check()
    page.get_by_role("radio", name="Bidrag").check()
    # The amount is prefilled with the calculation's; a lower one would need a reason.
    expect(page.get_by_label("Beløp (kr)")).not_to_have_value("")
    page.get_by_role("button", name="Lagre og fatt vedtak").click()
    decision = application.cases.get().decisions.get()

    # The confirmation page: what will be made, and the letter; nothing is made yet.
    expect(
        page.get_by_role("heading", name=f"Se over før vedtak {decision.reference} fattes")
    ).to_be_visible()
    expect(page.locator(".navet-letter-preview")).to_contain_text("Dette har vi bestemt")
    assert axe_violations(page) == []
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT
    page.get_by_role("button", name="Fatt vedtaket").click()
    expect(
        page.get_by_role("heading", name=f"Vedtak {decision.reference}: Innvilget")
    ).to_be_visible()
    decision.refresh_from_db()
    assert decision.state == DecisionState.MADE
    assert decision.amount == decision.snapshot.assistance and decision.amount

    # The letters tab: the decision letter is there; open it.
    page.get_by_role("link", name="Brev", exact=True).click()
    assert axe_violations(page) == []
    assert decision.letter is not None
    with page.expect_download() as download_info:
        page.get_by_role("link", name=decision.letter.title).click()
    saved = tmp_path / "vedtak.pdf"
    download_info.value.save_as(saved)
    text = " ".join(p.extract_text() for p in PdfReader(saved).pages)
    assert "Nora Brattli" in " ".join(text.split())
    assert "Du kan klage" in text
    assert person.national_id not in page.url
    assert Application.objects.get(pk=application.pk).status == "FERDIGBEHANDLET"
