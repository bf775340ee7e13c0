"""How persons are shown in tables and on the visittkort (data for the components)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from navet.core.tables import Cell, Row, Tag
from navet.people.models import AddressProtection, HouseholdMember, Person, WrittenLanguage


def person_columns() -> list[str]:
    return [_("Navn"), _("Fødselsnummer"), _("Alder"), _("Nav-kontor")]


def person_rows(persons: Iterable[Person], today: date) -> list[Row]:
    return [
        [
            Cell(
                person.full_name,
                href=person.get_absolute_url(),
                tags=tuple(protection_tags(person)),
            ),
            person.masked_national_id,
            str(person.age_on(today)),
            person.office.name,
        ]
        for person in persons
    ]


def protection_tags(person: Person) -> list[Tag]:
    """Fortrolig / strengt fortrolig adresse and skjermet: shown wherever the person is."""
    tags = []
    if person.address_protection != AddressProtection.NONE:
        tags.append(Tag(person.get_address_protection_display(), "error"))
    if person.shielded:
        tags.append(Tag(_("Skjermet"), "warning"))
    return tags


def person_tags(person: Person) -> list[Tag]:
    tags = protection_tags(person)
    if person.interpreter_needed:
        label = _("Trenger tolk")
        if person.interpreter_language:
            label = _("Trenger tolk: %(language)s") % {"language": person.interpreter_language}
        tags.append(Tag(label, "info"))
    if person.written_language == WrittenLanguage.NYNORSK:
        tags.append(Tag(_("Nynorsk"), "neutral"))
    return tags


def person_facts(
    person: Person, *, age: int, show_address: bool, national_id: str | None = None
) -> list[tuple[str, Any]]:
    if show_address:
        address = ", ".join(
            part
            for part in (
                person.street_address,
                f"{person.postal_code} {person.postal_town}".strip(),
            )
            if part
        ) or _("Ikke registrert")
    else:
        address = _("Adressen er skjermet")
    interpreter = _("Nei")
    if person.interpreter_needed:
        interpreter = person.interpreter_language or _("Ja")
    return [
        (_("Fødselsnummer"), national_id or person.masked_national_id),
        (
            _("Fødselsdato"),
            _("%(date)s (%(age)s år)")
            % {"date": date_format(person.birth_date, "j. F Y"), "age": age},
        ),
        (_("Nav-kontor"), person.office.name),
        (_("Veileder"), person.caseworker.name if person.caseworker else _("Ikke tildelt")),
        (_("Skriftlig målform"), person.get_written_language_display()),
        (_("Tolk"), interpreter),
        (_("Telefon"), person.phone or _("Ikke registrert")),
        (_("E-post"), person.email or _("Ikke registrert")),
        (_("Adresse"), address),
    ]


def household_columns() -> list[str]:
    return [_("Navn"), _("Rolle"), _("Alder"), _("Bosted")]


def household_rows(members: Iterable[HouseholdMember], today: date) -> list[Row]:
    rows: list[Row] = []
    for member in members:
        residence = member.get_child_residence_display() if member.child_residence else ""
        if member.visitation_class:
            residence = _("%(residence)s, samværsklasse %(class)s") % {
                "residence": residence,
                "class": member.visitation_class,
            }
        rows.append(
            [
                Cell(member.person.full_name, href=member.person.get_absolute_url()),
                member.get_role_display(),
                str(member.person.age_on(today)),
                residence,
            ]
        )
    return rows
