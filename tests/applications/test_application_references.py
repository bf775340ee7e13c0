"""An application's reference: office, year received (Norwegian time) and a running number,
given in the transaction that registers or imports it, unique in the database, and what
the pages and letters show."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from navet.applications import actions
from navet.applications.models import Application
from navet.core.models import Employee, Office, OfficeSequence
from navet.people.models import Person
from tests.conftest import World, client_for
from tests.factories import make_application
from tests.letters.pdfs import normalise, reader


def register(
    person: Person, office: Office, received_at: datetime, actor: Employee | None
) -> Application:
    return actions.register_application(
        person=person,
        office=office,
        channel="paper",
        received_at=received_at,
        applied_for="Mat",
        actor=actor,
    )


def test_it_numbers_applications_per_office_and_year(world: World) -> None:
    me = world.caseworker_oslo
    at = datetime(2026, 3, 2, 10, tzinfo=UTC)
    first = register(world.citizen_oslo, world.oslo, at, me)
    second = register(world.citizen_oslo, world.oslo, at, me)
    assert (first.reference, second.reference) == ("0315-2026-000001", "0315-2026-000002")
    second.refresh_from_db()
    assert second.reference == "0315-2026-000002"
    assert str(second) == "Søknad 0315-2026-000002"


def test_a_new_year_starts_at_one(world: World) -> None:
    me = world.caseworker_oslo
    register(world.citizen_oslo, world.oslo, datetime(2026, 12, 30, 12, tzinfo=UTC), me)
    register(world.citizen_oslo, world.oslo, datetime(2026, 12, 31, 12, tzinfo=UTC), me)
    new_year = register(world.citizen_oslo, world.oslo, datetime(2027, 1, 2, 9, tzinfo=UTC), me)
    assert new_year.reference == "0315-2027-000001"


def test_the_year_is_the_year_received_in_norwegian_time(world: World) -> None:
    # 23:30 UTC on New Year's Eve is half past midnight on 1 January in Oslo.
    at = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    application = register(world.citizen_oslo, world.oslo, at, world.caseworker_oslo)
    assert application.reference == "0315-2027-000001"


def test_two_offices_never_collide(world: World) -> None:
    at = datetime(2026, 3, 2, 10, tzinfo=UTC)
    oslo = register(world.citizen_oslo, world.oslo, at, world.caseworker_oslo)
    bergen = register(world.citizen_bergen, world.bergen, at, world.caseworker_bergen)
    assert (oslo.reference, bergen.reference) == ("0315-2026-000001", "1203-2026-000001")


def test_the_database_refuses_a_duplicate_reference(world: World) -> None:
    taken = make_application(person=world.citizen_oslo)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_application(person=world.citizen_oslo, reference=taken.reference)


def test_the_database_refuses_an_application_without_a_reference(world: World) -> None:
    application = Application(
        person=world.citizen_oslo,
        office=world.oslo,
        channel="paper",
        received_at=timezone.now(),
        applied_for="Mat",
        due_on=date(2026, 4, 2),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        application.save()


def test_a_reference_is_given_once(world: World) -> None:
    application = make_application(person=world.citizen_oslo)
    with pytest.raises(ValueError, match="already has a reference"):
        application.assign_reference()


def test_a_failed_registration_gives_its_number_back(world: World) -> None:
    at = datetime(2026, 3, 2, 10, tzinfo=UTC)
    with pytest.raises(RuntimeError), transaction.atomic():
        register(world.citizen_oslo, world.oslo, at, world.caseworker_oslo)
        raise RuntimeError("the rest of the registration failed")
    assert register(world.citizen_oslo, world.oslo, at, None).reference == "0315-2026-000001"


def test_the_worklist_and_the_page_show_the_reference(world: World) -> None:
    me = world.caseworker_oslo
    application = register(world.citizen_oslo, world.oslo, timezone.now(), me)
    actions.assign_application(application=application, caseworker=me, actor=me)
    year = timezone.localdate().year
    client = client_for(me)
    worklist = client.get("/soknader/", {"liste": "mine"}).content.decode()
    assert f"0315-{year}-000001" in worklist
    page = client.get(application.get_absolute_url()).content.decode()
    assert f"Søknad 0315-{year}-000001" in page


def test_the_interim_reply_letter_shows_the_reference(world: World) -> None:
    me = world.caseworker_oslo
    application = register(world.citizen_oslo, world.oslo, timezone.now(), me)
    document = actions.send_interim_reply(
        application=application,
        expected_by=timezone.localdate() + timedelta(days=14),
        reason="Vi venter på opplysninger fra Skatteetaten.",
        actor=me,
    )
    text = normalise(" ".join(page.extract_text() for page in reader(document.file.read()).pages))
    assert f"Vår referanse: {application.reference}" in text


@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_get_distinct_consecutive_numbers() -> None:
    """Ten registrations at once for one office: the row lock on the counter hands out
    each number once."""
    if connection.vendor != "postgresql":
        pytest.skip("parallel connections to one database: PostgreSQL (CI runs both)")
    from tests.factories import make_office, make_person

    office = make_office("0315", "Nav Grünerløkka", "0301")
    person = make_person(office=office)
    at = datetime(2026, 3, 2, 10, tzinfo=UTC)
    start = threading.Barrier(10)
    references: list[str] = []
    errors: list[Exception] = []

    def attempt() -> None:
        try:
            start.wait()
            references.append(
                actions.register_application(
                    person=person,
                    office=office,
                    channel="paper",
                    received_at=at,
                    applied_for="Mat",
                    actor=None,
                ).reference
            )
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(references) == [f"0315-2026-{n:06d}" for n in range(1, 11)]
    assert OfficeSequence.objects.get(office=office, year=2026).last_number == 10
