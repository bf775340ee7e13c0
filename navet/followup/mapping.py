"""Kartlegging: the person's part written in the portal, a caseworker's new version of the
mapping, and what changed since the one before. Each change is in a transaction with its
audit event; a version saved from an older one than the newest is refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee
from navet.followup.actions import StaleVersion, ensure_follow_up
from navet.followup.life_areas import NATIONAL_KEYS
from navet.followup.models import LifeArea, Mapping, MappingEntry, PersonAnswer
from navet.people.models import FamilyRelation, HouseholdMember, Person

ENTRY_FIELDS = ("rating", "person_words", "caseworker_note", "resources", "obstacles", "wants_help")
FIELD_LABELS = {
    "rating": gettext_lazy("Personens vurdering"),
    "person_words": gettext_lazy("Med personens egne ord"),
    "caseworker_note": gettext_lazy("Veilederens notat"),
    "resources": gettext_lazy("Ressurser"),
    "obstacles": gettext_lazy("Hindringer"),
    "wants_help": gettext_lazy("Ønsker hjelp med dette"),
}


class MappingRefused(Exception):
    """The mapping cannot be saved as it is; the message says why."""


def children_of(person: Person, today: date) -> list[Person]:
    """The person's children under 18: in the household now, or by the population
    register's relations (a child living with the other parent counts too)."""
    household_ids = HouseholdMember.objects.current().filter(person=person).values("household")
    in_household = HouseholdMember.objects.current().filter(
        household__in=household_ids, role="child"
    )
    related = FamilyRelation.objects.filter(
        Q(relative=person, kind="child") | Q(person=person, kind="parent")
    )
    ids = set(in_household.values_list("person_id", flat=True))
    for child_id, relative_id, kind in related.values_list("person_id", "relative_id", "kind"):
        ids.add(child_id if kind == "child" else relative_id)
    ids.discard(person.pk)
    children = Person.objects.filter(pk__in=ids).order_by("birth_date")
    return [child for child in children if child.age_on(today) < 18]


def latest_mappings(person: Person, count: int = 2) -> list[Mapping]:
    """The newest mappings, newest first, with their entries and areas (2 queries)."""
    return list(
        Mapping.objects.filter(person=person)
        .order_by("-number")
        .select_related("made_by")
        .prefetch_related("entries")[:count]
    )


@dataclass(frozen=True)
class Change:
    area: str
    field: str
    old: Any
    new: Any


def shown(field: str, value: Any) -> str:
    if value is None or value == "":
        return "–"
    if field == "wants_help":
        return _("Ja") if value else _("Nei")
    return str(value)


def _blank_as_none(value: Any) -> Any:
    return None if value in ("", None) else value


def changes_between(older: Mapping, newer: Mapping, names: dict[str, str]) -> list[Change]:
    """What changed from one mapping to the next, area by area and field by field."""
    before = {entry.area_key: entry for entry in older.entries.all()}
    found: list[Change] = []
    for entry in newer.entries.all():
        old = before.get(entry.area_key)
        for field in ENTRY_FIELDS:
            old_value = getattr(old, field) if old is not None else None
            new_value = getattr(entry, field)
            if _blank_as_none(old_value) != _blank_as_none(new_value):
                found.append(
                    Change(
                        names.get(entry.area_key, entry.area_key),
                        str(FIELD_LABELS[field]),
                        shown(field, old_value),
                        shown(field, new_value),
                    )
                )
    for field, label in (
        ("children_situation", _("Barnas situasjon")),
        ("summary", _("Oppsummering")),
    ):
        if getattr(older, field) != getattr(newer, field):
            found.append(
                Change("", label, shown(field, getattr(older, field)), getattr(newer, field))
            )
    return found


@transaction.atomic
def save_mapping(
    *,
    person: Person,
    employee: Employee,
    read_number: int,
    made_on: date,
    children_situation: str,
    summary: str,
    entries: dict[str, dict[str, Any]],
) -> Mapping:
    """A new version of the mapping. The children's situation is required when the person
    has children under 18."""
    Person.objects.select_for_update().filter(pk=person.pk).get()
    newest = Mapping.objects.filter(person=person).order_by("-number").first()
    current = newest.number if newest is not None else 0
    if current != read_number:
        raise StaleVersion(
            _(
                "Noen andre har lagret en nyere kartlegging (versjon %(number)s) siden du "
                "åpnet siden. Les den og gjør endringene dine på nytt."
            )
            % {"number": current}
        )
    if children_of(person, made_on) and not children_situation.strip():
        raise MappingRefused(_("Beskriv barnas situasjon: personen har barn under 18 år."))
    mapping = Mapping.objects.create(
        person=person,
        number=current + 1,
        made_on=made_on,
        children_situation=children_situation.strip(),
        summary=summary.strip(),
        made_by=employee,
        made_at=timezone.now(),
    )
    ensure_follow_up(person)
    known = NATIONAL_KEYS | set(
        LifeArea.objects.filter(office_id=person.office_id).values_list("key", flat=True)
    )
    MappingEntry.objects.bulk_create(
        MappingEntry(mapping=mapping, area_key=key, **values)
        for key, values in entries.items()
        if key in known
    )
    trail.record(
        actor=employee,
        action=AuditAction.MAPPING_SAVED,
        person=person,
        target=mapping,
        data={"number": mapping.number, "areas": len(entries)},
    )
    return mapping


@transaction.atomic
def answer(*, person: Person, answers: dict[str, dict[str, Any]]) -> int:
    """The person's own part, area by area (rating, words, wants help); an area left
    empty is left as it was. Returns how many areas were answered."""
    now = timezone.now()
    saved = 0
    for key, values in answers.items():
        if (
            values.get("rating") is None
            and not values.get("words")
            and values.get("wants_help") is None
        ):
            continue
        PersonAnswer.objects.update_or_create(
            person=person, area_key=key, defaults={**values, "answered_at": now}
        )
        saved += 1
    if saved:
        trail.record(
            actor=None,
            actor_label=trail.CITIZEN_ACTOR,
            action=AuditAction.CITIZEN_MAPPING_ANSWERED,
            person=person,
            target=person,
            data={"areas": saved},
        )
    return saved
