"""The leader's review of an override shows the employee's office and what they did about
the person while the access lasted, and nothing from before or after."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from navet.access.models import AccessOverride
from navet.audit import trail
from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction
from tests.audit.tools import tamper
from tests.conftest import World, client_for
from tests.factories import make_application


def override_for(world: World) -> AccessOverride:
    now = timezone.now()
    return AccessOverride.objects.create(
        employee=world.caseworker_bergen,
        person=world.citizen_oslo,
        reason="Personen møtte opp i Bergen og trenger nødhjelp i dag",
        created_at=now - timedelta(seconds=1),
        expires_at=now + timedelta(hours=2),
    )


def test_it_shows_the_office_and_what_was_done(world: World) -> None:
    application = make_application(person=world.citizen_oslo)
    # Before the override: not part of the review.
    trail.record(
        actor=world.caseworker_bergen,
        action=AuditAction.APPLICATION_FACT_ADDED,
        person=world.citizen_oslo,
        target=application,
    )
    with tamper():  # moved back in time (on PostgreSQL the trail refuses UPDATE otherwise)
        AuditEvent.objects.update(occurred_at=timezone.now() - timedelta(days=2))
    override = override_for(world)
    bergen = client_for(world.caseworker_bergen)
    assert bergen.get(f"/soknader/{application.pk}/beregning/").status_code == 200
    # Someone else's look at the same person is not the employee's.
    client_for(world.caseworker_oslo).get(world.citizen_oslo.get_absolute_url())

    url = f"/tilgang/enkelttilganger/{override.pk}/"
    page = client_for(world.leader_oslo).get(url).content.decode()
    assert "Ansattes kontor" in page and world.bergen.name in page
    assert "Hva den ansatte gjorde i tilgangsperioden" in page
    assert f"Søknad {application.reference}, beregningen" in page
    assert "La til en opplysning i søknaden" not in page
    assert "Personoversikten" not in page


def test_nothing_done_says_so(world: World) -> None:
    override = override_for(world)
    page = client_for(world.leader_oslo).get(f"/tilgang/enkelttilganger/{override.pk}/")
    assert "har ikke sett eller endret noe" in page.content.decode()


def test_the_list_shows_the_employees_office(world: World) -> None:
    override_for(world)
    page = client_for(world.leader_oslo).get("/tilgang/enkelttilganger/").content.decode()
    assert "Ansattes kontor" in page and world.bergen.name in page


def test_only_leaders_review(world: World) -> None:
    override = override_for(world)
    for employee in (world.caseworker_oslo, world.admin):
        client = client_for(employee)
        assert client.get("/tilgang/enkelttilganger/").status_code == 403
        assert client.get(f"/tilgang/enkelttilganger/{override.pk}/").status_code == 404
