"""In Chromium: the warning before an idle session ends with unsaved work, and the locked
login page, both checked with axe."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, log_in
from tests.conftest import World

pytestmark = pytest.mark.browser


def test_unsaved_work_gets_a_warning_that_can_keep_the_session(
    world: World, new_page, settings
) -> None:  # type: ignore[no-untyped-def]
    # The warning opens 60 s before a 64 s idle end: the page looks after 4 s.
    settings.SESSION_IDLE_SECONDS = 64
    settings.SESSION_WARNING_SECONDS = 60
    page = new_page()
    log_in(page, world.caseworker_oslo)
    page.goto(reverse("people:person-contact-edit", args=[world.citizen_oslo.pk]))
    page.get_by_label("Telefon").fill("40 00 00 00")
    dialog = page.get_by_role("dialog", name="Du blir snart logget ut")
    expect(dialog).to_be_visible(timeout=15_000)
    expect(dialog).to_contain_text("ikke er lagret")
    # Aksel fades the modal in; axe measures contrast once the fade is over.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    violations = axe_violations(page)
    assert not violations, violations
    page.get_by_role("button", name="Fortsett å jobbe").click()
    expect(dialog).to_be_hidden()
    page.wait_for_timeout(500)
    left = page.evaluate("async () => (await (await fetch('/okt/')).json()).idle_seconds_left")
    assert left >= 60
    # The work was not lost: the field still holds what was typed.
    expect(page.get_by_label("Telefon")).to_have_value("40 00 00 00")


def test_no_warning_without_unsaved_work(world: World, new_page, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_IDLE_SECONDS = 64
    settings.SESSION_WARNING_SECONDS = 60
    page = new_page()
    log_in(page, world.caseworker_oslo)
    page.goto(reverse("people:person-contact-edit", args=[world.citizen_oslo.pk]))
    page.wait_for_timeout(6_000)
    expect(page.get_by_role("dialog")).to_be_hidden()


def test_the_locked_login_page(world: World, new_page, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LOGIN_MAX_FAILURES = 1
    page = new_page(bypass_csp=True)
    for _ in range(2):
        page.goto("/logg-inn/")
        page.get_by_label("Brukernavn").fill("veileder.oslo")
        page.get_by_label("Passord").fill("feil")
        page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_text("For mange mislykkede forsøk")).to_be_visible()
    expect(page.get_by_label("Brukernavn")).to_have_value("veileder.oslo")
    violations = axe_violations(page)
    assert not violations, violations
