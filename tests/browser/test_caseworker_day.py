"""A whole day as veileder.oslo, then leder.oslo (issue 10's acceptance): find a person by
"Etternavn, Fornavn" and by birth date; open a decided application from the person page
and from a reference search, and register an appeal on it; decide a new application with
an amount below the calculation (refused without a reason, accepted with one, the letter
shows it); "12 000,50" gives a clear message and saves nothing; the leader approves the
four-eyes decision."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from navet.applications import actions as app_actions
from navet.applications.models import ApplicationStatus
from navet.decisions.models import (
    Appeal,
    Decision,
    DecisionSettings,
    DecisionState,
    FourEyes,
    Outcome,
)
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import World
from tests.factories import make_application, make_case, make_decision, make_person
from tests.letters.pdfs import normalise, reader

pytestmark = pytest.mark.browser
SEARCH = "Navn, fødselsdato, fødselsnummer eller referanse"
DECIDE = re.compile("Lagre og (fatt vedtak|send til godkjenning)")


def search(page: Page, text: str) -> None:
    page.goto("/personer/sok/")
    page.get_by_label(SEARCH).fill(text)
    page.get_by_role("button", name="Søk").click()


def test_a_caseworkers_day(world: World, new_page) -> None:  # type: ignore[no-untyped-def]
    DecisionSettings.objects.create(
        office=world.oslo,
        responsible_name="Kristin Bakke",
        four_eyes=FourEyes.ABOVE,
        four_eyes_above=1000,
    )
    eva = make_person(
        office=world.oslo, given_name="Eva", family_name="Aune", birth_date=date(1985, 6, 12)
    )
    decided = make_application(person=eva, status=ApplicationStatus.DONE)
    earlier = make_decision(
        case=make_case(application=decided),
        drafted_by=world.caseworker_oslo,
        state=DecisionState.MADE,
        outcome=Outcome.REFUSED,
        amount=None,
    )
    nils = make_person(
        office=world.oslo, given_name="Nils", family_name="Berge", birth_date=date(1970, 3, 3)
    )
    me = world.caseworker_oslo
    waiting = app_actions.register_application(
        person=nils,
        office=world.oslo,
        channel="paper",
        received_at=timezone.now().replace(day=1),
        applied_for="Penger til mat.",
        actor=me,
        caseworker=me,
    )
    app_actions.start_processing(application=waiting, actor=me)

    page = new_page(bypass_csp=True)
    log_in(page, me)

    # Find Eva by "Etternavn, Fornavn" and by birth date: one hit opens her page.
    search(page, "Aune, Eva")
    expect(page.get_by_role("heading", level=1)).to_have_text("Eva Aune")
    search(page, "12.06.1985")
    expect(page.get_by_role("heading", level=1)).to_have_text("Eva Aune")
    # The decided application, from the person page.
    page.get_by_role("link", name=decided.reference).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(decided.reference)
    # And from a reference search, to its decision; register the appeal that came by post.
    search(page, earlier.reference)
    expect(page.get_by_role("heading", name=f"Vedtak {earlier.reference}: Avslått")).to_be_visible()
    page.locator("summary", has_text="Registrer klage").click()
    page.get_by_label("Klagen mottatt").fill(timezone.localdate().isoformat())
    page.get_by_label("Hva klagen gjelder").fill("Jeg mener jeg har rett på stønad.")
    page.get_by_role("button", name="Registrer klagen").click()
    expect(page.get_by_text("Jeg mener jeg har rett på stønad.")).to_be_visible()
    assert Appeal.objects.filter(decision=earlier).count() == 1
    assert not axe_violations(page)

    # Decide Nils's application: the amount typed the Norwegian way with øre is refused.
    page.goto(f"{waiting.get_absolute_url()}vurdering/")
    page.get_by_role("button", name="Start vedtaksutkast").click()
    decision = Decision.objects.get(case__application=waiting)
    calculated = decision.snapshot.assistance or 0
    assert calculated > 2000
    page.get_by_label("Hovedhensyn i vurderingen").fill("Du står uten penger denne måneden.")
    # The "Dette mangler" box follows the form as it is filled in, before anything is saved.
    box = page.locator("[id^='mangler-'][id$='-live']").first
    expect(box).to_contain_text("Velg utfall.")
    page.get_by_role("radio", name="Delvis innvilget").check()
    expect(box).not_to_contain_text("Velg utfall.")
    expect(box).to_contain_text("Velg om stønaden er bidrag eller lån.")
    decision.refresh_from_db()
    assert decision.outcome == ""
    page.get_by_role("radio", name="Bidrag").check()
    expect(box).to_contain_text("Ingenting mangler lenger.")
    page.get_by_label("Beløp (kr)").fill("12 000,50")
    page.get_by_role("button", name=DECIDE).click()
    expect(page.get_by_text("Skriv beløpet i hele kroner med bare tall").first).to_be_visible()
    expect(page.get_by_label("Beløp (kr)")).to_have_value("12 000,50")
    decision.refresh_from_db()
    assert decision.amount is None and decision.state == DecisionState.DRAFT

    # Below the calculation without a reason: not decided; with one: on to the last check.
    lower = calculated - 1000
    page.get_by_label("Beløp (kr)").fill(f"{lower}")
    page.get_by_role("button", name=DECIDE).click()
    expect(page.get_by_text("er lavere enn beregningen").first).to_be_visible()
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT
    page.get_by_label("Begrunnelse når beløpet er lavere enn beregningen").fill(
        "Du har søkt om penger til mat, ikke til husleie."
    )
    page.get_by_role("button", name=DECIDE).click()
    expect(page.locator(".navet-letter-preview")).to_contain_text(
        "Du har søkt om penger til mat, ikke til husleie."
    )
    assert not axe_violations(page)
    page.get_by_role("button", name="Send til godkjenning").click()
    decision.refresh_from_db()
    assert decision.state == DecisionState.PROPOSED

    # The leader approves it.
    leader = new_page(bypass_csp=True)
    log_in(leader, world.leader_oslo)
    leader.goto(f"{waiting.get_absolute_url()}vurdering/")
    leader.get_by_role("button", name="Godkjenn og fatt vedtaket").click()
    decision.refresh_from_db()
    assert decision.state == DecisionState.MADE and decision.approved_by == world.leader_oslo
    assert decision.letter is not None
    text = normalise(" ".join(p.extract_text() for p in reader(decision.letter.file.read()).pages))
    assert "Du har søkt om penger til mat, ikke til husleie." in text
    assert "Stønad du får" in text and normalise(f"{lower:,}".replace(",", "\u00a0")) in text
