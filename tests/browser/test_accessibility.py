"""axe-core on every page Navet serves: no serious or critical violation.

`PAGES` must name every HTML page's URL; `test_every_page_is_checked` fails when a new
page is added without an entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from navet.access.models import AccessOverride
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import World
from tests.test_authorization_matrix import iter_patterns

pytestmark = pytest.mark.browser

# POST-only or JSON; the national-id page is the person overview, checked below.
NOT_PAGES = {"core:logout", "core:set-language", "healthz", "people:person-show-national-id"}


def _override(world: World) -> AccessOverride:
    return AccessOverride.objects.create(
        employee=world.caseworker_oslo,
        person=world.citizen_bergen,
        reason="Personen møtte opp i Oslo og trenger nødhjelp",
        expires_at=timezone.now() + timedelta(hours=1),
    )


# url name -> (persona attribute or None for anonymous, url builder)
PAGES: dict[str, tuple[str | None, Callable[[World], str]]] = {
    "core:login": (None, lambda w: reverse("core:login")),
    "core:start": ("caseworker_oslo", lambda w: reverse("core:start")),
    "people:search": ("caseworker_oslo", lambda w: reverse("people:search")),
    "people:person-detail": (
        "caseworker_confidential",
        lambda w: w.fortrolig_oslo.get_absolute_url(),
    ),
    "people:person-access-log": (
        "leader_oslo",
        lambda w: reverse("people:person-access-log", args=[w.citizen_oslo.pk]),
    ),
    "access:override-new": ("caseworker_oslo", lambda w: ""),  # reached through a search
    "access:override-review": ("leader_oslo", lambda w: reverse("access:override-review")),
    "access:override-review-detail": (
        "leader_oslo",
        lambda w: reverse("access:override-review-detail", args=[_override(w).pk]),
    ),
    "people:person-contact-edit": (
        "caseworker_oslo",
        lambda w: reverse("people:person-contact-edit", args=[w.citizen_oslo.pk]),
    ),
    "core:admin-home": ("admin", lambda w: reverse("core:admin-home")),
    "core:office-new": ("admin", lambda w: reverse("core:office-new")),
    "core:office-edit": ("admin", lambda w: reverse("core:office-edit", args=[w.oslo.pk])),
    "core:employee-new": ("admin", lambda w: reverse("core:employee-new")),
    "core:employee-edit": (
        "admin",
        lambda w: reverse("core:employee-edit", args=[w.caseworker_oslo.pk]),
    ),
}


def test_every_page_is_checked() -> None:
    names = {name for name, _pattern in iter_patterns()} - NOT_PAGES
    assert names == set(PAGES), f"add these pages to PAGES: {names - set(PAGES)}"


def _check(page: Any, label: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{label}: {violations}"


@pytest.mark.parametrize("url_name", sorted(PAGES))
def test_page_has_no_serious_accessibility_violation(world: World, new_page, url_name: str) -> None:  # type: ignore[no-untyped-def]
    persona, build = PAGES[url_name]
    page = new_page(bypass_csp=True)
    if persona is not None:
        log_in(page, getattr(world, persona))
    if url_name == "access:override-new":
        page.goto(reverse("people:search"))
        page.get_by_label("Navn eller fødselsnummer").fill(world.citizen_bergen.national_id)
        page.get_by_role("button", name="Søk").click()
        _check(page, "search with override offer")
        page.get_by_role("link", name="Be om midlertidig tilgang").click()
        page.get_by_role("button", name="Gi meg tilgang").click()  # empty form: errors shown
        _check(page, "override form with errors")
        return
    response = page.goto(build(world))
    assert response is not None and response.status == 200, url_name
    _check(page, url_name)
    if url_name == "people:search":
        page.get_by_label("Navn eller fødselsnummer").fill("Hansen")
        page.get_by_role("button", name="Søk").click()
        _check(page, "search results")
    if url_name == "people:person-detail":
        page.get_by_role("button", name="Vis hele fødselsnummeret").click()
        _check(page, "person overview with the whole national id")
    if url_name == "people:person-contact-edit":
        page.get_by_label("Telefon").fill("12ab")
        page.get_by_role("button", name="Lagre").click()
        _check(page, "contact form with errors")
    if url_name == "core:login":
        page.get_by_role("button", name="Logg inn").click()
        _check(page, "login with errors")


@pytest.mark.parametrize("language", ["nn", "en"])
def test_pages_in_nynorsk_and_english(world: World, new_page, language: str) -> None:  # type: ignore[no-untyped-def]
    world.caseworker_confidential.language = language
    world.caseworker_confidential.save(update_fields=["language"])
    page = new_page(bypass_csp=True)
    log_in(page, world.caseworker_confidential)
    for url in (reverse("core:start"), world.fortrolig_oslo.get_absolute_url()):
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language
        _check(page, f"{url} in {language}")


def test_error_pages(world: World, new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page(bypass_csp=True)
    log_in(page, world.caseworker_oslo)
    response = page.goto("/personer/00000000-0000-0000-0000-000000000000/")
    assert response is not None and response.status == 404
    _check(page, "404")
    response = page.goto(reverse("core:admin-home"))
    assert response is not None and response.status == 403
    _check(page, "403")
