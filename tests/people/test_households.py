"""One current household per person, with history kept."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from navet.audit.models import AuditEvent
from navet.people import actions
from navet.people.models import ChildResidence, HouseholdMember, HouseholdRole
from tests.conftest import World
from tests.factories import make_person


def test_moving_keeps_history_and_one_current_household(world: World) -> None:
    kari = world.citizen_oslo
    first = actions.move_to_household(
        person=kari, household=None, role=HouseholdRole.APPLICANT, on=date(2024, 1, 1), actor=None
    )
    partner = make_person(office=world.oslo)
    actions.move_to_household(
        person=partner,
        household=first.household,
        role=HouseholdRole.PARTNER,
        on=date(2024, 3, 1),
        actor=world.caseworker_oslo,
    )
    second = actions.move_to_household(
        person=kari,
        household=None,
        role=HouseholdRole.APPLICANT,
        on=date(2025, 6, 1),
        actor=world.caseworker_oslo,
    )
    history = list(HouseholdMember.objects.filter(person=kari).order_by("valid_from"))
    assert [m.household_id for m in history] == [first.household_id, second.household_id]
    assert history[0].valid_to == date(2025, 5, 31)
    assert HouseholdMember.objects.current().filter(person=kari).get() == second
    assert AuditEvent.objects.filter(action="person.household_changed", person=kari).count() == 2


def test_the_database_refuses_a_second_current_household(world: World) -> None:
    kari = world.citizen_oslo
    actions.move_to_household(
        person=kari, household=None, role=HouseholdRole.APPLICANT, on=date(2024, 1, 1), actor=None
    )
    other = actions.move_to_household(
        person=make_person(office=world.oslo),
        household=None,
        role=HouseholdRole.APPLICANT,
        on=date(2024, 1, 1),
        actor=None,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        HouseholdMember.objects.create(
            household=other.household, person=kari, role="partner", valid_from=date(2024, 2, 1)
        )


def test_a_move_backwards_in_time_is_refused(world: World) -> None:
    kari = world.citizen_oslo
    actions.move_to_household(
        person=kari, household=None, role=HouseholdRole.APPLICANT, on=date(2024, 1, 1), actor=None
    )
    with pytest.raises(ValueError, match="after the start"):
        actions.move_to_household(
            person=kari,
            household=None,
            role=HouseholdRole.APPLICANT,
            on=date(2023, 1, 1),
            actor=None,
        )
    assert HouseholdMember.objects.filter(person=kari).count() == 1


def test_only_children_have_a_residence_and_samvaer_class_is_1_to_4(world: World) -> None:
    with pytest.raises(ValidationError):
        actions.move_to_household(
            person=world.citizen_oslo,
            household=None,
            role=HouseholdRole.APPLICANT,
            on=date(2024, 1, 1),
            actor=None,
            child_residence=ChildResidence.SHARED,
        )
    child = make_person(office=world.oslo, birth_date=date(2019, 4, 2))
    with pytest.raises(ValidationError):
        actions.move_to_household(
            person=child,
            household=None,
            role=HouseholdRole.CHILD,
            on=date(2024, 1, 1),
            actor=None,
            child_residence=ChildResidence.VISITATION,
            visitation_class=5,
        )
    assert not HouseholdMember.objects.exists()


def test_a_person_with_an_invalid_or_unallowed_number_does_not_validate(
    world: World,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    from navet.people.models import Person

    person = Person(
        national_id="12345678901",
        given_name="Ugyldig",
        family_name="Nummer",
        birth_date=date(1990, 1, 1),
        office=world.oslo,
    )
    with pytest.raises(ValidationError, match="ikke gyldig"):
        person.full_clean()
    settings.ALLOW_SYNTHETIC_IDS = False
    with pytest.raises(ValidationError):  # a Test Norge number where they are not allowed
        Person(
            **{
                **{
                    f: getattr(world.citizen_oslo, f)
                    for f in ("given_name", "family_name", "birth_date")
                },
                "office": world.oslo,
                "national_id": world.citizen_oslo.national_id,
            }
        ).clean_fields()
