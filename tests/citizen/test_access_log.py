"""Who has looked at my data: staff reads and changes from the audit trail, with office,
role and reason, never an employee's name and never the person's own reads."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from navet.access.models import AccessOverride
from navet.audit.models import AuditEvent
from tests.conftest import World, citizen_client, client_for
from tests.factories import make_application


def test_staff_reads_are_listed_with_office_role_and_reason_and_no_name(world: World) -> None:
    application = make_application(person=world.citizen_oslo)
    client_for(world.caseworker_oslo).get(f"/soknader/{application.pk}/")
    client_for(world.leader_oslo).get(world.citizen_oslo.get_absolute_url())
    citizen = citizen_client(world.citizen_oslo)
    citizen.get("/min-side/soknader/")  # the person's own read: not listed
    page = citizen.get("/min-side/hvem-har-sett/").content.decode()
    assert page.count("Så på opplysningene") == 2
    assert world.oslo.name in page
    assert "Veileder" in page and "Leder" in page
    assert application.reference in page
    assert "Saksbehandling ved Nav-kontoret ditt" in page
    for employee in world.personas().values():
        assert employee.name not in page
    assert "Så på søknadene sine" not in page


def test_an_overrides_reason_is_the_why(world: World) -> None:
    AccessOverride.objects.create(
        employee=world.caseworker_bergen,
        person=world.citizen_oslo,
        reason="Personen møtte opp i Bergen og ba om hjelp",
        expires_at=timezone.now() + timezone.timedelta(hours=1),
    )
    client_for(world.caseworker_bergen).get(world.citizen_oslo.get_absolute_url())
    page = citizen_client(world.citizen_oslo).get("/min-side/hvem-har-sett/").content.decode()
    assert "Personen møtte opp i Bergen og ba om hjelp" in page
    assert world.bergen.name in page


def test_the_log_pages_by_keyset_in_a_bounded_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    client = client_for(world.caseworker_oslo)
    url = world.citizen_oslo.get_absolute_url()
    for _n in range(60):
        client.get(url)
    citizen = citizen_client(world.citizen_oslo)
    citizen.get("/min-side/hvem-har-sett/")
    with django_assert_max_num_queries(16):
        page = citizen.get("/min-side/hvem-har-sett/").content.decode()
    assert page.count("Så på opplysningene") == 50
    assert "Eldre" in page
    oldest_shown = (
        AuditEvent.objects.about(world.citizen_oslo).filter(actor__isnull=False).order_by("-id")[49]
    )
    with django_assert_max_num_queries(16):
        second = citizen.get(f"/min-side/hvem-har-sett/?for={oldest_shown.id}").content.decode()
    assert second.count("Så på opplysningene") == 10
    assert "Eldre" not in second and "Til de nyeste" in second


def test_a_bad_page_parameter_is_the_first_page(world: World) -> None:
    response = citizen_client(world.citizen_oslo).get("/min-side/hvem-har-sett/?for=abc")
    assert response.status_code in (200, 400)
