"""The work lists in a browser: a leader starts on the office's open applications, sorts by
received date, opens the person from a row and finds a decided application again; on a
phone the table scrolls in a focusable region. axe on the way."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from navet.applications.models import ApplicationStatus
from navet.decisions.models import DecisionState
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import World
from tests.factories import make_application, make_case, make_decision, make_person

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("NAVET_SCREENSHOTS", "")


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        page.screenshot(path=f"{SHOTS}-{name}.png", full_page=True)


def test_leader_sorts_opens_a_person_and_finds_a_decided_application(
    world: World, new_page
) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    make_application(
        person=world.citizen_oslo,
        caseworker=world.caseworker_oslo,
        received_at=now - timedelta(days=9),
        emergency=True,
        applied_for="Hjelp til husleie for desember og strøm, og litt til mat til barna i to uker",
    )
    newer = make_person(office=world.oslo, given_name="Nina", family_name="Ny")
    make_application(person=newer, received_at=now - timedelta(days=1))
    decided_person = make_person(office=world.oslo, given_name="Vera", family_name="Vedtatt")
    decided = make_application(person=decided_person, status=ApplicationStatus.DONE)
    make_decision(
        case=make_case(application=decided),
        drafted_by=world.caseworker_oslo,
        state=DecisionState.MADE,
    )

    page = new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, world.leader_oslo)
    page.goto("/soknader/")
    tabs = page.get_by_role("navigation", name="Arbeidslister")
    expect(tabs.locator('[aria-current="page"]')).to_contain_text("Alle åpne")
    table = page.get_by_role("table", name="Alle åpne")
    expect(table).to_contain_text("Kari Hansen")
    expect(table).to_contain_text("Nødhjelp")
    shot(page, "leader-1280")
    assert axe_violations(page) == []

    table.get_by_role("link", name="Mottatt").click()
    header = page.get_by_role("columnheader", name="Mottatt")
    expect(header).to_have_attribute("aria-sort", "ascending")
    rows = page.get_by_role("table", name="Alle åpne").get_by_role("row")
    expect(rows.nth(1)).to_contain_text("Kari Hansen")
    page.get_by_role("link", name="Mottatt").click()
    expect(page.get_by_role("columnheader", name="Mottatt")).to_have_attribute(
        "aria-sort", "descending"
    )
    expect(rows.nth(1)).to_contain_text("Nina Ny")

    page.get_by_role("link", name="Kari Hansen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kari Hansen")

    page.goto("/soknader/?liste=ferdig")
    page.get_by_role("table", name="Ferdigbehandlet").get_by_role(
        "link", name=decided.reference
    ).click()
    page.wait_for_url(f"**{decided.get_absolute_url()}")

    # A phone: the table scrolls sideways in a region the keyboard can reach.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/soknader/")
    region = page.get_by_role("region", name="Alle åpne")
    expect(region).to_have_attribute("tabindex", "0")
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "leader-390")
    assert axe_violations(page) == []
