"""The leader's office in the browser, as leder.oslo: the office picture, an overdue figure
followed to its list, the KOSTRA file produced after fixing the error it found (with a
mistake typed on the way), and a +5 % simulation; then the new pages in nynorsk and
English at both widths, each checked with axe."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from navet.applications.models import Application
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import World
from tests.control.test_kostra import granted, pay
from tests.factories import make_application, make_fact, make_person

pytestmark = pytest.mark.browser


def _check(page: Page, label: str) -> None:
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        violations = axe_violations(page)
        assert not violations, f"{label} at {width}px: {violations}"
    page.set_viewport_size({"width": 1280, "height": 900})


def _world(world: World) -> None:
    world.oslo.district_number = "02"
    world.oslo.save()
    today = timezone.localdate()
    late = make_person(office=world.oslo, given_name="Otto", family_name="Overtid")
    make_application(
        person=late,
        received_at=timezone.now() - timedelta(days=40),
        due_on=today - timedelta(days=3),
    )
    decision = granted(world, world.citizen_oslo)
    make_fact(application=decision.case.application)
    pay(decision, 1, 4000, year=today.year)


def test_the_leader_checks_the_office_reports_to_ssb_and_prices_a_rate_change(
    world: World, new_page: Any
) -> None:
    _world(world)
    page = new_page(bypass_csp=True)
    log_in(page, world.leader_oslo)
    page.goto(reverse("control:office"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Internkontroll")
    _check(page, "the office picture")

    # An overdue figure, followed to its list: as many lines as the figure says.
    overdue = Application.objects.filter(office=world.oslo).overdue(timezone.localdate())
    page.get_by_role("link", name="Over svarfristen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Over svarfristen")
    expect(page.get_by_role("link", name="Otto Overtid")).to_be_visible()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(overdue.count())

    # KOSTRA: the checks find the person paid this year with no situation recorded.
    page.goto(reverse("control:office"))
    page.get_by_role("link", name="KOSTRA til SSB").click()
    page.get_by_role("button", name="Kjør kontrollene").click()
    expect(page.get_by_text("kan ikke leveres ennå")).to_be_visible()
    expect(page.get_by_role("link", name="Last ned filen til SSB")).to_have_count(0)
    _check(page, "KOSTRA with errors")
    page.get_by_role("link", name="Registrer situasjonen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Situasjon ved siste kontakt")

    # A mistake SSB would refuse: work income while registered as unemployed.
    page.get_by_label("Sivilstand").select_option(label="Ugift")
    page.get_by_label("Viktigste kilde til livsopphold").select_option(label="Arbeidsinntekt")
    page.get_by_label("Trygd eller pensjon av størst verdi").select_option(
        label="Har ingen trygd eller pensjon"
    )
    page.get_by_label("Arbeidssituasjon").select_option(label="Registrert arbeidsledig")
    page.get_by_label("Bosituasjon").select_option(label="Leier privat bolig")
    page.locator("input[name=financial_counselling][value=no]").check()
    page.locator("input[name=individual_plan][value=no]").check()
    page.get_by_role("button", name="Lagre situasjonen").click()
    expect(page.get_by_text("passer ikke med arbeidssituasjonen").first).to_be_visible()
    _check(page, "the situation form with SSB's error")
    page.get_by_label("Viktigste kilde til livsopphold").select_option(label="Sosialhjelp")
    page.get_by_role("button", name="Lagre situasjonen").click()
    expect(page.get_by_text("Situasjonen er lagret.")).to_be_visible()

    page.goto(reverse("control:kostra"))
    page.get_by_role("button", name="Kjør kontrollene").click()
    expect(page.get_by_text("Ingen feil. Filen har 1 mottaker")).to_be_visible()
    _check(page, "KOSTRA without errors")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Last ned filen til SSB").click()
    path = download_info.value.path()
    lines = path.read_text(encoding="ascii").splitlines()
    assert [len(line) for line in lines] == [338]
    assert lines[0].startswith(f"0301{timezone.localdate().year % 100:02d}02")

    # What would 5 % more cost?
    page.goto(reverse("control:office"))
    page.get_by_role("link", name="Hva koster en satsendring?").click()
    page.get_by_label("Kontorets mottakere de siste 12 månedene").check()
    page.get_by_label("Alle satser opp eller ned med en prosent").check()
    page.get_by_label("Endring i prosent").fill("5")
    page.get_by_role("button", name="Beregn").click()
    expect(page.get_by_role("heading", name="Resultat")).to_be_visible()
    _check(page, "the simulation's result")


@pytest.mark.parametrize("language", ["nn", "en"])
def test_the_leaders_new_pages_in_nynorsk_and_english(
    world: World, new_page: Any, language: str
) -> None:
    _world(world)
    world.leader_oslo.language = language
    world.leader_oslo.save(update_fields=["language"])
    page = new_page(bypass_csp=True)
    log_in(page, world.leader_oslo)
    year = timezone.localdate().year
    for url in (
        f"{reverse('control:kostra')}?aar={year}&kommune=0301-02",
        reverse("people:person-situation", args=[world.citizen_oslo.pk]),
        f"{reverse('control:simulation')}?utvalg=kontor&endring=prosent&prosent=5",
        reverse("control:office"),
        reverse("learning:modules"),
        reverse("learning:module", args=["forvaltning"]),
        reverse("learning:office"),
        reverse("law:references"),
        reverse("law:reference", args=["stl-20a"]),
    ):
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language
        body = page.locator("main").inner_text()
        for bokmal in ("Kjør kontrollene", "Tidligere registreringer", "Hva koster"):
            assert bokmal not in body, (url, bokmal)
        _check(page, f"{url} in {language}")
