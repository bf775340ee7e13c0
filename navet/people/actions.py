"""State changes for persons."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee
from navet.people.models import Household, HouseholdMember, Person

CONTACT_FIELDS = (
    "phone",
    "email",
    "written_language",
    "interpreter_needed",
    "interpreter_language",
)


@transaction.atomic
def update_contact(*, person: Person, actor: Employee, changes: dict[str, object]) -> list[str]:
    """Save the changed contact fields; the audit row names the fields, not their values."""
    changed = [
        field
        for field in CONTACT_FIELDS
        if field in changes and getattr(person, field) != changes[field]
    ]
    if not changed:
        return []
    for field in changed:
        setattr(person, field, changes[field])
    person.save(update_fields=[*changed, "updated_at"])
    trail.record(
        actor=actor,
        action=AuditAction.PERSON_CONTACT_UPDATED,
        person=person,
        target=person,
        data={"fields": changed},
    )
    return changed


@transaction.atomic
def show_national_id(*, person: Person, actor: Employee) -> str:
    """The full fødselsnummer, shown on request and audited as such."""
    trail.record(
        actor=actor, action=AuditAction.PERSON_NATIONAL_ID_SHOWN, person=person, target=person
    )
    return person.national_id


@transaction.atomic
def move_to_household(
    *,
    person: Person,
    household: Household | None,
    role: str,
    on: date,
    actor: Employee | None,
    child_residence: str = "",
    visitation_class: int | None = None,
) -> HouseholdMember:
    """End the person's current membership the day before `on` and start a new one.

    `household=None` starts a new household with the person in it. The old membership is
    kept as history; the database allows only one open membership per person.
    """
    current = HouseholdMember.objects.current().select_for_update().filter(person=person).first()
    if current is not None:
        if on <= current.valid_from:
            raise ValueError("A move must come after the start of the current membership.")
        current.valid_to = on - timedelta(days=1)
        current.save(update_fields=["valid_to"])
    if household is None:
        household = Household.objects.create()
    member = HouseholdMember(
        household=household,
        person=person,
        role=role,
        child_residence=child_residence,
        visitation_class=visitation_class,
        valid_from=on,
    )
    member.full_clean()
    member.save()
    trail.record(
        actor=actor,
        action=AuditAction.PERSON_HOUSEHOLD_CHANGED,
        person=person,
        target=member,
        data={
            "household": str(household.pk),
            "role": role,
            "from": on.isoformat(),
            "previous_household": str(current.household_id) if current else None,
        },
    )
    return member
