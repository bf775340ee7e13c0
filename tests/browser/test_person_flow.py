"""A caseworker logs in, searches by name and by fødselsnummer, and opens a person."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.conftest import World

pytestmark = pytest.mark.browser


def test_caseworker_logs_in_searches_and_opens_a_person(world: World, new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page()
    log_in(page, world.caseworker_oslo)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hei")

    page.get_by_role("link", name="Søk etter person").first.click()
    page.get_by_label("Navn eller fødselsnummer").fill("hansen")
    page.get_by_role("button", name="Søk").click()
    page.get_by_role("link", name="Kari Hansen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kari Hansen")
    expect(page.get_by_text(world.citizen_oslo.masked_national_id)).to_be_visible()

    # By fødselsnummer, with the keyboard only: the number never reaches the address bar.
    page.goto("/personer/sok/")
    page.get_by_label("Navn eller fødselsnummer").fill(world.citizen_oslo.national_id)
    page.keyboard.press("Enter")
    page.wait_for_url("**/personer/sok/?s=*")
    assert world.citizen_oslo.national_id not in page.url
    expect(page.get_by_role("link", name="Kari Hansen")).to_be_visible()


def test_protected_person_is_not_found_by_an_ordinary_caseworker(world: World, new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page()
    log_in(page, world.caseworker_oslo)
    page.goto("/personer/sok/")
    page.get_by_label("Navn eller fødselsnummer").fill("Skjult")
    page.get_by_role("button", name="Søk").click()
    expect(page.get_by_text("Fant ingen personer du har tilgang til.")).to_be_visible()
