"""The person search's one box: names either way round, birth dates, references, a single
hit, mistyped numbers, Navet's own messages and protection badges (issue 10, point 12)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from navet.audit.models import AuditEvent
from navet.decisions.models import DecisionState
from tests.conftest import World, client_for
from tests.factories import (
    make_application,
    make_case,
    make_decision,
    make_employee,
    make_person,
)

SEARCH = "/personer/sok/"


def results(client: Client, query: str) -> bytes:
    """The results page of a search that lists (not a single hit)."""
    response = client.post(SEARCH, {"q": query})
    assert response.status_code == 302
    assert response["Location"].startswith(f"{SEARCH}?s="), response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page.content


def opened(client: Client, query: str) -> str:
    """Where a search that opens something directly goes."""
    response = client.post(SEARCH, {"q": query})
    assert response.status_code == 302
    return str(response["Location"])


@pytest.fixture
def eva(world: World):  # type: ignore[no-untyped-def]
    make_person(office=world.oslo, given_name="Ola", family_name="Aunet")
    return make_person(
        office=world.oslo, given_name="Eva", family_name="Aune", birth_date=date(1999, 4, 3)
    )


@pytest.mark.parametrize(
    "query", ["Aune, Eva", "aune,eva", "AUNE, E", "Aun, Ev", "Eva Aune", "eva au"]
)
def test_it_finds_a_person_by_family_comma_given_and_given_family(
    world: World, eva, query: str
) -> None:  # type: ignore[no-untyped-def]
    content = results(client_for(world.caseworker_oslo), "Aune")
    assert b"Ola Aunet" in content and b"Eva Aune<" in content
    assert opened(client_for(world.caseworker_oslo), query) == eva.get_absolute_url()


def test_comma_form_needs_both_parts_to_match(world: World, eva) -> None:  # type: ignore[no-untyped-def]
    content = results(client_for(world.caseworker_oslo), "Aune, Kari")
    assert b"Fant ingen personer" in content
    content = results(client_for(world.caseworker_oslo), "Au, ")
    assert b"Ola Aunet" in content and b"Eva Aune<" in content


@pytest.mark.parametrize("query", ["030499", "03.04.1999", "3.4.1999", "03041999"])
def test_it_finds_persons_born_on_the_day(world: World, eva, query: str) -> None:  # type: ignore[no-untyped-def]
    twin = make_person(office=world.oslo, given_name="Ida", birth_date=date(1999, 4, 3))
    content = results(client_for(world.caseworker_oslo), query)
    assert b"Eva Aune<" in content and twin.full_name.encode() in content
    assert b"Ola Aunet" not in content  # born on another day


def test_a_birth_date_search_never_shows_another_offices_person(world: World, eva) -> None:  # type: ignore[no-untyped-def]
    make_person(office=world.bergen, given_name="Berit", birth_date=date(1999, 4, 3))
    location = opened(client_for(world.caseworker_oslo), "030499")
    assert location == eva.get_absolute_url()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("310299", "Datoen finnes ikke"),
        ("1234", "Skriv alle 11 sifrene"),
        ("12345678901", "Fødselsnummeret er ikke gyldig"),
        ("a", "Skriv minst 2 tegn."),
        ("", "Skriv et navn, en fødselsdato, et fødselsnummer eller en referanse."),
        ("x" * 101, "Skriv høyst 100 tegn."),
    ],
)
def test_it_answers_in_navets_own_words_and_keeps_what_was_typed(
    world: World, query: str, message: str
) -> None:
    response = client_for(world.caseworker_oslo).post(SEARCH, {"q": query})
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text
    assert "Sørg for" not in text and "Dette feltet" not in text
    if query:
        assert f'value="{query}"' in text
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nb", "Skriv minst 2 tegn."),
        ("nn", "Skriv minst 2 teikn."),
        ("en", "at least 2 characters"),
    ],
)
def test_the_too_short_message_is_in_the_employees_language(
    world: World, language: str, message: str
) -> None:
    world.caseworker_oslo.language = language
    world.caseworker_oslo.save(update_fields=["language"])
    response = client_for(world.caseworker_oslo).post(SEARCH, {"q": "a"})
    assert message in response.content.decode()


def test_a_search_never_puts_the_query_in_the_url_and_is_never_stored(world: World) -> None:
    make_person(office=world.oslo, given_name="Kari", family_name="Hansen-Li")
    client = client_for(world.caseworker_oslo)
    response = client.post(SEARCH, {"q": "Hansen"})
    assert "Hansen" not in response["Location"]
    page = client.get(response["Location"])
    assert "no-store" in page["Cache-Control"]
    assert b'value="Hansen"' in page.content


def test_a_single_hit_opens_the_person_audited_as_a_read(world: World) -> None:
    client = client_for(world.caseworker_oslo)
    location = opened(client, world.citizen_oslo.national_id)
    assert location == world.citizen_oslo.get_absolute_url()
    assert world.citizen_oslo.national_id not in location
    assert AuditEvent.objects.filter(action="person.listed", person=world.citizen_oslo).count() == 1
    page = client.get(location)
    assert b"Kari Hansen" in page.content
    assert AuditEvent.objects.filter(action="person.read", person=world.citizen_oslo).count() == 1


def _application_with_decision(person):  # type: ignore[no-untyped-def]
    application = make_application(person=person)
    case = make_case(application=application)
    employee = make_employee(f"saksbehandler.{application.reference}", offices=[person.office])
    decision = make_decision(case=case, drafted_by=employee, state=DecisionState.MADE)
    return application, case, decision


def test_an_application_reference_opens_the_application(world: World) -> None:
    application, _case, _decision = _application_with_decision(world.citizen_oslo)
    client = client_for(world.caseworker_oslo)
    location = opened(client, f" {application.reference} ")
    assert location == application.get_absolute_url()
    assert client.get(location).status_code == 200
    read = AuditEvent.objects.filter(action="person.read", person=world.citizen_oslo)
    assert read.count() == 1


def test_a_decision_reference_opens_its_application_at_the_decision(world: World) -> None:
    application, case, decision = _application_with_decision(world.citizen_oslo)
    location = opened(client_for(world.caseworker_oslo), decision.reference.lower())
    assert location == f"/soknader/{application.pk}/vedtak/#sak-{case.reference}"


@pytest.mark.parametrize("kind", ["application", "decision"])
@pytest.mark.parametrize(
    "person_name", ["citizen_bergen", "strengt_fortrolig_oslo", "skjermet_oslo"]
)
def test_a_reference_the_employee_may_not_see_reads_like_no_hit(
    world: World, kind: str, person_name: str
) -> None:
    application, _case, decision = _application_with_decision(world.persons()[person_name])
    hidden = application.reference if kind == "application" else decision.reference
    nobody = "0315-2020-999999" if kind == "application" else "0315-2020-V99999"
    client = client_for(world.caseworker_oslo)

    def page(query: str) -> bytes:
        html = results(client, query).replace(query.encode(), b"")
        html = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)
        return re.sub(rb"s=[A-Za-z0-9_-]+", b"", html)

    assert page(hidden) == page(nobody)
    assert b"Fant ingen s" in page(hidden)
    assert not AuditEvent.objects.filter(action__in=["person.read", "person.listed"]).exists()


def test_results_show_protection_badges(world: World) -> None:
    authorised = make_employee(
        "veileder.alt",
        offices=[world.oslo],
        is_caseworker=True,
        may_see_strictly_confidential=True,
        may_see_confidential=True,
        may_see_shielded=True,
    )
    content = results(client_for(authorised), "17.05.1990").decode()  # the world's birthday
    for name, badge in (
        ("Frida Fortrolig", "Fortrolig adresse"),
        ("Sigrid Skjult", "Strengt fortrolig adresse"),
        ("Ulrik Utland", "Strengt fortrolig adresse i utlandet"),
        ("Sverre Skjermet", "Skjermet"),
    ):
        row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{name}(?:(?!</tr>).)*</tr>", content, re.S)
        assert row is not None, name
        assert badge in row.group(0), name
    kari = re.search(r"<tr[^>]*>(?:(?!</tr>).)*Kari Hansen(?:(?!</tr>).)*</tr>", content, re.S)
    assert kari is not None and "aksel-tag" not in kari.group(0)
