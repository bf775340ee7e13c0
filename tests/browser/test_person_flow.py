"""A caseworker logs in, searches by name and by fødselsnummer, and opens a person."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from navet.applications.models import ApplicationStatus
from navet.decisions.models import DecisionState, Outcome
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import World
from tests.factories import make_application, make_case, make_decision, make_person

pytestmark = pytest.mark.browser


def test_caseworker_logs_in_searches_and_opens_a_person(world: World, new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page()
    log_in(page, world.caseworker_oslo)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hei")

    page.get_by_role("link", name="Søk etter person").first.click()
    page.get_by_label("Navn, fødselsdato, fødselsnummer eller referanse").fill("hansen")
    page.get_by_role("button", name="Søk").click()
    # The one hit opens directly.
    expect(page.get_by_role("heading", level=1)).to_have_text("Kari Hansen")
    expect(page.get_by_text(world.citizen_oslo.masked_national_id)).to_be_visible()

    # By fødselsnummer, with the keyboard only: the one hit opens, and the number never
    # reaches the address bar.
    page.goto("/personer/sok/")
    page.get_by_label("Navn, fødselsdato, fødselsnummer eller referanse").fill(
        world.citizen_oslo.national_id
    )
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{world.citizen_oslo.get_absolute_url()}")
    assert world.citizen_oslo.national_id not in page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Kari Hansen")


def test_protected_person_is_not_found_by_an_ordinary_caseworker(world: World, new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page()
    log_in(page, world.caseworker_oslo)
    page.goto("/personer/sok/")
    page.get_by_label("Navn, fødselsdato, fødselsnummer eller referanse").fill("Skjult")
    page.get_by_role("button", name="Søk").click()
    expect(page.get_by_text("Fant ingen personer du har tilgang til.")).to_be_visible()


def test_search_family_comma_given_then_open_a_decided_application(world: World, new_page) -> None:  # type: ignore[no-untyped-def]
    """Issue 10: a decided application is found again from the person page."""
    make_person(office=world.oslo, given_name="Per", family_name="Hansen")
    open_application = make_application(person=world.citizen_oslo)
    decided = make_application(person=world.citizen_oslo, status=ApplicationStatus.DONE)
    decision = make_decision(
        case=make_case(application=decided),
        drafted_by=world.caseworker_oslo,
        state=DecisionState.MADE,
        outcome=Outcome.GRANTED,
        amount=6400,
    )
    page = new_page(bypass_csp=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        log_in(page, world.caseworker_oslo) if width == 1280 else None
        page.goto("/personer/sok/")
        page.get_by_label("Navn, fødselsdato, fødselsnummer eller referanse").fill("Hansen, Kari")
        page.get_by_role("button", name="Søk").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Kari Hansen")
        applications = page.get_by_role(
            "region", name="Søknader, de åpne først, deretter de nyeste"
        )
        expect(applications.get_by_role("link", name=open_application.reference)).to_be_visible()
        decisions = page.get_by_role("region", name="Vedtak, de nyeste først")
        expect(decisions.get_by_role("link", name=decision.reference)).to_be_visible()
        assert not axe_violations(page), (width, axe_violations(page))
        page.screenshot(path=f"/tmp/person-hub-test-person-{width}.png", full_page=True)
        applications.get_by_role("link", name=decided.reference).click()
        page.wait_for_url(f"**{decided.get_absolute_url()}")
        expect(page.get_by_role("heading", level=1)).to_contain_text(decided.reference)
        assert not axe_violations(page), (width, axe_violations(page))
