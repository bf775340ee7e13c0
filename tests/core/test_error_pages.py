"""Navet's own error pages in demo mode, which is not debug mode: 403, 404 and 500 in the
base layout, in bokmål, nynorsk and English, with nothing of Django's debug pages; and the
404 for a person one may not see is the 404 for a person who does not exist."""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client

from navet.core.models import Employee
from navet.people.models import Person
from tests.conftest import World
from tests.core.failing_urls import FAILURE

# status -> language -> (heading, text); the link home in each language.
PAGES = {
    403: {
        "nb": ("Du har ikke tilgang til denne siden", "Siden krever en rolle du ikke har."),
        "nn": ("Du har ikkje tilgang til denne sida", None),
        "en": ("You do not have access to this page", None),
    },
    404: {
        "nb": ("Fant ikke siden", "Siden finnes ikke, eller du har ikke tilgang til den."),
        "nn": ("Fann ikkje sida", None),
        "en": ("Page not found", None),
    },
    500: {
        "nb": ("Noe gikk galt hos oss", "Feilen er logget. Prøv igjen om litt."),
        "nn": ("Noko gjekk gale hos oss", None),
        "en": ("Something went wrong on our side", None),
    },
}
HOME = {"nb": "Til forsiden", "nn": "Til framsida", "en": "To the front page"}
DEBUG_PAGE_MARKS = ("Traceback", "URLconf", "DEBUG = True", "Request Method", "{%", "{{", "%}")


@pytest.fixture(autouse=True)
def _demo_mode_without_debug(settings) -> None:  # type: ignore[no-untyped-def]
    """What `make run` runs with (var/local.env): demo mode, DEBUG off."""
    settings.DEMO_MODE = True
    settings.DEBUG = False


def client_in(employee: Employee, language: str) -> Client:
    employee.language = language
    employee.save(update_fields=["language"])
    client = Client(raise_request_exception=False)
    client.force_login(employee.user)
    return client


def assert_navet_error_page(response, status: int, language: str) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == status
    assert response["Content-Language"] == language
    page = response.content.decode()
    heading, text = PAGES[status][language]
    assert f">{heading}</h1>" in page
    assert text is None or text in page
    assert HOME[language] in page
    # The base layout with the Aksel look, in the page's language.
    assert f'<html lang="{language}" class="aksel-theme light"' in page
    assert "/static/navet/navet.css" in page and "/static/vendor/aksel/ds-css.min.css" in page
    assert f"{heading} – Navet</title>" in page
    # Nothing of the debug page, no template code, no bokmål left in nn or en.
    for mark in DEBUG_PAGE_MARKS:
        assert mark not in page, mark
    if language != "nb":
        assert PAGES[status]["nb"][0] not in page
        assert HOME["nb"] not in page
    return page


LANGUAGES = ["nb", "nn", "en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unknown_address_is_navets_404(world: World, language: str) -> None:
    response = client_in(world.caseworker_oslo, language).get("/finnes-ikke/")
    assert_navet_error_page(response, 404, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_person_one_may_not_see_is_navets_404(world: World, language: str) -> None:
    client = client_in(world.caseworker_oslo, language)
    response = client.get(f"/personer/{world.strengt_fortrolig_oslo.pk}/")
    page = assert_navet_error_page(response, 404, language)
    assert "Skjult" not in page and world.strengt_fortrolig_oslo.national_id not in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_one_may_not_use_is_navets_403(world: World, language: str) -> None:
    # Reviewing overrides is for leaders.
    response = client_in(world.caseworker_oslo, language).get("/tilgang/enkelttilganger/")
    assert_navet_error_page(response, 403, language)


@pytest.mark.urls("tests.core.failing_urls")
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_failure_is_navets_500_without_its_message(world: World, language: str) -> None:
    response = client_in(world.caseworker_oslo, language).get("/feiler/")
    page = assert_navet_error_page(response, 500, language)
    assert FAILURE not in page and "RuntimeError" not in page and "24017312345" not in page
    # The request id leads to the log line.
    assert response["X-Request-ID"] in page


def test_an_anonymous_visitor_gets_navets_404_too(db: None) -> None:
    response = Client().get("/finnes-ikke/")
    assert_navet_error_page(response, 404, "nb")


# --- The 404 for a person one may not see -------------------------------------------------


def normalised(response, person_id: object, stand_in: object) -> str:  # type: ignore[no-untyped-def]
    """The page with what differs from request to request made equal: the request id, the
    CSRF token, and the person id of the address asked for (in the language switch's
    `next`), which is the stand-in's."""
    page = response.content.decode().replace(str(person_id), str(stand_in))
    page = page.replace(response["X-Request-ID"], "REQUEST-ID")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken"', page)


def headers(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    varying = {"X-Request-ID", "Set-Cookie", "Content-Length", "Date"}
    return {name: value for name, value in response.headers.items() if name not in varying}


@pytest.mark.parametrize(
    "hidden",
    [
        "citizen_bergen",
        "fortrolig_oslo",
        "strengt_fortrolig_oslo",
        "strengt_fortrolig_utland_oslo",
        "skjermet_oslo",
    ],
)
@pytest.mark.parametrize("suffix", ["", "kontakt/", "fodselsnummer/"])
def test_a_hidden_persons_404_is_the_404_of_a_person_who_does_not_exist(
    world: World, hidden: str, suffix: str
) -> None:
    person: Person = world.persons()[hidden]
    missing = uuid.uuid4()
    client = client_in(world.caseworker_oslo, "nb")
    get = client.post if suffix == "fodselsnummer/" else client.get
    for_hidden = get(f"/personer/{person.pk}/{suffix}")
    for_missing = get(f"/personer/{missing}/{suffix}")
    assert for_hidden.status_code == for_missing.status_code == 404
    assert normalised(for_hidden, person.pk, missing) == normalised(for_missing, missing, missing)
    assert headers(for_hidden) == headers(for_missing)
    # The comparison compares something: the page is Navet's 404, and the ids differ.
    assert "Fant ikke siden" in for_missing.content.decode()
    assert str(person.pk) in for_hidden.content.decode()
