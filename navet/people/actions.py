"""State changes for persons."""

from __future__ import annotations

from django.db import transaction

from navet.audit import trail
from navet.core.models import Employee
from navet.people.models import Person

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
        action="person.contact_updated",
        person=person,
        target=person,
        data={"fields": changed},
    )
    return changed


@transaction.atomic
def show_national_id(*, person: Person, actor: Employee) -> str:
    """The full fødselsnummer, shown on request and audited as such."""
    trail.record(actor=actor, action="person.national_id_shown", person=person, target=person)
    return person.national_id
