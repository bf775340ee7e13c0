"""Follow-up in two browsers: the person answers the mapping in the portal; the caseworker
maps the situation with those answers, writes the goal and agrees two activities; the
person marks one done in the portal; the caseworker writes minutes of a meeting and shares
them, and the caseload's counters move."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from navet.followup import actions
from tests.browser.conftest import axe_violations, log_in
from tests.browser.test_citizen_portal import _log_in as citizen_log_in
from tests.conftest import World

pytestmark = pytest.mark.browser


def _counter(page: Page, label: str) -> int:
    page.goto("/portefolje/?omfang=kontor")
    chip = page.locator("a.aksel-chips__chip", has_text=label)
    return int(chip.locator(".navet-chip-count").inner_text())


def test_the_caseworker_and_the_person_follow_up_together(world: World, new_page: Any) -> None:
    person = world.citizen_oslo
    me = world.caseworker_oslo
    meeting = actions.plan_meeting(
        person=person,
        employee=me,
        starts_at=timezone.now() - timedelta(minutes=30),
        minutes_long=30,
        channel="in_person",
        place="Nav Grünerløkka",
        participants="Personen og veilederen",
        agenda="Kartlegging og plan",
    )

    # The person tells how things are before the conversation.
    citizen = new_page()
    citizen_log_in(citizen, person)
    citizen.wait_for_url("**/min-side/soknader/")
    citizen.goto("/min-side/kartlegging/")
    citizen.locator("summary", has_text="Økonomi og gjeld").click()  # each area folds
    citizen.locator("input[name='okonomi-rating'][value='2']").check()
    citizen.locator("textarea[name='okonomi-words']").fill("Husleia er for høy.")
    citizen.locator("input[name='okonomi-wants_help'][value='yes']").check()
    citizen.get_by_role("button", name="Lagre svarene").click()
    citizen.wait_for_url("**/min-side/plan/")
    expect(citizen.get_by_text("Svarene dine er lagret.")).to_be_visible()

    # The caseworker maps the situation with the person's answers filled in.
    staff = new_page()
    log_in(staff, me)
    unshared_before = _counter(staff, "Referat ikke delt")
    staff.goto(f"/personer/{person.pk}/kartlegging/")
    expect(staff.get_by_text("Personen har svart på Min side for 1 område")).to_be_visible()
    expect(staff.locator("textarea[name='okonomi-person_words']")).to_have_value(
        "Husleia er for høy."
    )
    staff.locator("textarea[name='okonomi-caseworker_note']").fill("Søke bostøtte.")
    staff.get_by_role("button", name="Lagre ny versjon").click()
    expect(staff.get_by_text("Kartleggingen er lagret som en ny versjon.")).to_be_visible()
    expect(staff.get_by_text("Versjon 1, kartlagt")).to_be_visible()

    # A goal and two agreed activities.
    staff.goto(f"/personer/{person.pk}/plan/")
    staff.locator("textarea[name='mal-text']").fill("Jobbe i butikk og klare husleia selv.")
    staff.get_by_role("button", name="Lagre målet").click()
    deadline = (timezone.localdate() + timedelta(days=14)).strftime("%d.%m.%Y")
    for kind, title in (("job_search", "Søke på fem jobber"), ("treatment", "Time hos fastlegen")):
        staff.locator(f"input[name='ny-kind'][value='{kind}']").check()
        staff.locator("input[name='ny-title']").fill(title)
        staff.locator("input[name='ny-to_date']").fill(deadline)
        staff.locator("input[name='ny-agreed']").check()
        staff.get_by_role("button", name="Legg inn aktiviteten").click()
        expect(staff.get_by_text("Aktiviteten er lagt inn i planen.")).to_be_visible()
        staff.goto(f"/personer/{person.pk}/plan/")
    assert not axe_violations(staff)

    # The person sees the goal and the activities, and marks one done.
    citizen.goto("/min-side/plan/")
    expect(citizen.locator("p", has_text="Jobbe i butikk og klare husleia selv.")).to_be_visible()
    citizen.get_by_role("link", name="Søke på fem jobber").click()
    expect(citizen.get_by_text("Avtalt med Nav").first).to_be_visible()
    expect(citizen.get_by_role("button", name="Lagre endringene")).to_have_count(0)
    citizen.locator("input[name='status-status'][value='done']").check()
    citizen.get_by_role("button", name="Lagre status").click()
    expect(citizen.get_by_text("Statusen er endret.")).to_be_visible()
    expect(citizen.get_by_text("– Du,")).to_be_visible()
    citizen.set_viewport_size({"width": 390, "height": 900})
    assert not axe_violations(citizen)

    staff.goto(f"/personer/{person.pk}/plan/")
    done = staff.locator("section[aria-labelledby='ended-heading']")
    expect(done.get_by_role("link", name="Søke på fem jobber")).to_be_visible()

    # Minutes of the meeting: not shared, the counter goes up; shared, it goes down and
    # the person reads them.
    staff.goto(f"/moter/{meeting.pk}/")
    staff.locator("textarea[name='referat-text']").fill("Vi laget en plan for jobbsøking.")
    staff.get_by_role("button", name="Lagre referatet").click()
    staff.wait_for_url("**/journal/*/")
    assert _counter(staff, "Referat ikke delt") == unshared_before + 1
    citizen.goto("/min-side/notater/")
    expect(citizen.get_by_text("Vi laget en plan for jobbsøking.")).to_have_count(0)
    staff.goto(f"/moter/{meeting.pk}/")
    staff.get_by_role("link", name="Referat fra møte").click()
    staff.get_by_role("button", name="Del med personen").click()
    assert _counter(staff, "Referat ikke delt") == unshared_before
    citizen.goto("/min-side/notater/")
    expect(citizen.get_by_text("Vi laget en plan for jobbsøking.")).to_be_visible()
    assert not axe_violations(staff)


@pytest.mark.parametrize("language", ["nn", "en"])
def test_the_follow_up_pages_in_nynorsk_and_english(
    world: World, new_page: Any, language: str
) -> None:
    from tests.browser.test_accessibility import PAGES

    me = world.caseworker_oslo
    me.language = language
    me.save(update_fields=["language"])
    page = new_page(bypass_csp=True)
    log_in(page, me)
    for name in (
        "caseload:caseload",
        "caseload:tasks",
        "people:person-plan",
        "plan:activity",
        "people:person-mapping",
        "people:person-detail",
    ):
        _persona, build = PAGES[name]
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(build(world))
            assert page.locator("html").get_attribute("lang") == language
            violations = axe_violations(page)
            assert not violations, f"{name} {language} {width}px: {violations}"
