"""The leader's access log for the office: filters by person, employee, dates and action,
rows that say which page and application were seen, pages of 50, leaders only."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee
from tests.conftest import World, client_for
from tests.factories import make_application, make_employee, make_person
from tests.queries import assert_queries_flat

URL = "/personer/innsynslogg/"


def looks(employee: Employee, path: str) -> None:
    assert client_for(employee).get(path).status_code == 200


def table(page: str) -> str:
    """The log itself, without the filter form (whose options name every employee)."""
    return page[page.index("<table") : page.index("</table>")]


def filtered(client: Client, **filters: Any) -> str:
    """Send the filter form; the result page's URL carries a key, never the filters.
    Returns the table and the count above it."""
    response = client.post(URL, filters)
    assert response.status_code == 302
    location = response["Location"]
    for value in filters.values():
        if value and not str(value).isdigit():
            assert str(value) not in location
    page = client.get(location)
    assert page.status_code == 200
    content = page.content.decode()
    return content[content.index('role="status"') : content.index("</table>")]


def test_only_leaders_see_it(world: World) -> None:
    for employee in (world.caseworker_oslo, world.caseworker_confidential, world.admin):
        client = client_for(employee)
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"person": "Hansen"}).status_code == 403
    assert client_for(world.leader_oslo).get(URL).status_code == 200


def test_rows_name_the_page_and_application_seen(world: World) -> None:
    application = make_application(person=world.citizen_oslo)
    looks(world.caseworker_oslo, f"/soknader/{application.pk}/vurdering/")
    looks(world.caseworker_oslo, world.citizen_oslo.get_absolute_url())
    page = table(client_for(world.leader_oslo).get(URL).content.decode())
    assert f"Søknad {application.reference}, vurderingen" in page
    assert "Personoversikten" in page
    assert "Så på opplysningene" in page
    for code in ("person.read", "applications:", "application-assessment"):
        assert code not in page


def test_it_shows_only_the_offices_persons_the_leader_may_see(world: World) -> None:
    looks(world.caseworker_bergen, world.citizen_bergen.get_absolute_url())
    looks(world.caseworker_confidential, world.fortrolig_oslo.get_absolute_url())
    looks(world.caseworker_oslo, world.citizen_oslo.get_absolute_url())
    page = client_for(world.leader_oslo).get(URL).content.decode()
    assert world.citizen_oslo.full_name in page
    assert world.citizen_bergen.full_name not in page
    assert world.fortrolig_oslo.full_name not in page


def test_filter_by_person_name(world: World) -> None:
    other = make_person(office=world.oslo, given_name="Per", family_name="Annensen")
    looks(world.caseworker_oslo, world.citizen_oslo.get_absolute_url())
    looks(world.caseworker_oslo, other.get_absolute_url())
    leader = client_for(world.leader_oslo)
    page = filtered(leader, person="Annensen")
    assert "Per Annensen" in page and "Kari Hansen" not in page
    # As the person search reads it: "Etternavn, Fornavn".
    page = filtered(leader, person="Hansen, Kari")
    assert "Kari Hansen" in page and "Per Annensen" not in page
    # A fødselsnummer works too, and stays out of the URL.
    page = filtered(leader, person=world.citizen_oslo.national_id)
    assert "Kari Hansen" in page and "Per Annensen" not in page


def test_filter_by_employee_action_and_their_combination(world: World) -> None:
    application = make_application(person=world.citizen_oslo)
    looks(world.caseworker_oslo, world.citizen_oslo.get_absolute_url())
    looks(world.caseworker_confidential, f"/soknader/{application.pk}/")
    leader = client_for(world.leader_oslo)

    by_employee = filtered(leader, employee=world.caseworker_confidential.pk)
    assert world.caseworker_confidential.name in by_employee
    assert world.caseworker_oslo.name not in by_employee

    listed = filtered(leader, action=AuditAction.PERSON_LISTED.value)
    assert "Fikk personen i et søkeresultat" in listed
    assert "Personoversikten" not in listed

    both = filtered(
        leader,
        employee=world.caseworker_oslo.pk,
        action=AuditAction.PERSON_READ.value,
        person="Hansen",
    )
    assert "Personoversikten" in both
    assert f"Søknad {application.reference}" not in both
    assert "1 hendelse" in both


def test_filter_by_dates(world: World) -> None:
    looks(world.caseworker_oslo, world.citizen_oslo.get_absolute_url())
    today = timezone.localdate()
    leader = client_for(world.leader_oslo)
    yesterday = (today - timedelta(days=1)).strftime("%d.%m.%Y")
    before = filtered(leader, date_to=yesterday)
    assert "0 hendelser" in before and "Kari Hansen" not in before
    on_the_day = filtered(leader, date_from=today.strftime("%d.%m.%Y"), date_to=today.isoformat())
    assert "Kari Hansen" in on_the_day


def test_bad_dates_give_an_error_and_change_nothing(world: World) -> None:
    looks(world.caseworker_oslo, world.citizen_oslo.get_absolute_url())
    other = make_person(office=world.oslo, given_name="Per", family_name="Annensen")
    looks(world.caseworker_oslo, other.get_absolute_url())
    leader = client_for(world.leader_oslo)
    response = leader.post(URL, {"person": "Annensen"})
    kept = response["Location"]
    for dates, message in (
        ({"date_from": "31.02.2025"}, "Skriv datoen som dd.mm.åååå"),
        ({"date_from": "i går"}, "Skriv datoen som dd.mm.åååå"),
        ({"date_from": "10.01.2026", "date_to": "01.01.2026"}, "Til-datoen kan ikke være før"),
    ):
        refused = leader.post(kept, dates)
        assert refused.status_code == 400
        page = refused.content.decode()
        assert message in page
        # The list is still the one filtered by the name.
        assert "Per Annensen" in page and "Kari Hansen" not in page
    assert leader.get(kept).status_code == 200


def test_listed_persons_are_audited(world: World) -> None:
    looks(world.caseworker_oslo, world.citizen_oslo.get_absolute_url())
    client_for(world.leader_oslo).get(URL)
    assert AuditEvent.objects.filter(
        actor=world.leader_oslo, action="person.listed", person=world.citizen_oslo
    ).exists()


def test_it_pages_and_the_count_says_how_many(world: World) -> None:
    caseworker = client_for(world.caseworker_oslo)
    for _ in range(55):
        caseworker.get(world.citizen_oslo.get_absolute_url())
    leader = client_for(world.leader_oslo)
    page = filtered(leader, employee=world.caseworker_oslo.pk)
    assert 'role="status"' in page
    total = AuditEvent.objects.filter(actor=world.caseworker_oslo, person=world.citizen_oslo)
    assert f"{total.count()} hendelser" in page and "Side 1 av 2" in page
    assert page.count("<tr") == 1 + 50


def test_query_count_does_not_grow(world: World) -> None:
    def add(n: int) -> None:
        person = make_person(office=world.oslo, family_name=f"Mange{n}")
        application = make_application(person=person)
        worker = make_employee(f"veileder.mange{n}", offices=[world.oslo], is_caseworker=True)
        looks(worker, person.get_absolute_url())
        looks(worker, f"/soknader/{application.pk}/vurdering/")

    assert_queries_flat(client_for(world.leader_oslo), URL, add, 16)
