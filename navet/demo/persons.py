"""Deterministic synthetic demo data: offices, the five staff personas, persons and households.

`seed_demo` is the one entry point (`manage.py seed_demo` calls it). Everything comes from the
seed: Faker's Norwegian locale and one `random.Random`, never the global random state, and
ages are counted on the fixed day `ANCHOR` so that the same seed gives the same people on any
day. Every fødselsnummer is a Skatteetaten Test Norge number (month + 80), which can never
belong to a real person.

Rerunning is safe: offices and employees are looked up by their keys, and persons by
fødselsnummer. A household group (a household, plus the other parent's household when a
child has one) is written only when none of its persons exists yet, so nothing is duplicated
and no person gets a second current household.

Seeding is not reading: no audit event per person, one `demo.seeded` event per run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.demo_passwords import DEMO_PASSWORD
from navet.core.models import Employee, Office
from navet.demo.casework import seed_applications
from navet.demo.data import _BERGEN, _OSLO, ANCHOR, OFFICES, PERSONAS
from navet.demo.households import _Generator, _Group
from navet.people.models import (
    FamilyRelation,
    Household,
    HouseholdMember,
    Person,
)

__all__ = ["ANCHOR", "DEMO_PASSWORD", "PERSONAS", "DemoSummary", "seed_demo"]

PROGRESS_EVERY: Final = 10_000
_CHUNK: Final = 5_000  # persons generated, then written, per round
_BATCH: Final = 1_000  # rows per INSERT
_LOOKUP_BATCH: Final = 900  # fødselsnumre per "which exist already?" query


@dataclass
class DemoSummary:
    offices_created: int = 0
    offices_existing: int = 0
    employees_created: int = 0
    employees_existing: int = 0
    persons_created: int = 0
    persons_existing: int = 0
    households_created: int = 0
    relations_created: int = 0
    applications_created: int = 0
    demo_passwords: bool = False

    def line(self) -> str:
        passwords = (
            f"personas' password: {DEMO_PASSWORD}"
            if self.demo_passwords
            else "personas have no usable password (NAVET_DEMO_MODE is off)"
        )
        return (
            f"Demo data: {self.persons_created} persons created, "
            f"{self.persons_existing} already there; "
            f"{self.households_created} households, {self.relations_created} family relations; "
            f"{self.applications_created} applications; "
            f"offices {self.offices_created} created/{self.offices_existing} already there; "
            f"employees {self.employees_created} created/{self.employees_existing} "
            f"already there; {passwords}."
        )

    def audit_data(self) -> dict[str, int]:
        return {
            "offices_created": self.offices_created,
            "employees_created": self.employees_created,
            "persons_created": self.persons_created,
            "persons_existing": self.persons_existing,
            "households_created": self.households_created,
            "relations_created": self.relations_created,
            "applications_created": self.applications_created,
        }


# --- writing -----------------------------------------------------------------------------


def _existing_ids(national_ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(national_ids), _LOOKUP_BATCH):
        chunk = national_ids[start : start + _LOOKUP_BATCH]
        found.update(
            Person.objects.filter(national_id__in=chunk).values_list("national_id", flat=True)
        )
    return found


def _write(groups: list[_Group], *, check_existing: bool, summary: DemoSummary) -> None:
    """Insert the groups none of whose persons exist yet; count the rest as already there."""
    if check_existing:
        existing = _existing_ids([p.national_id for g in groups for p in g.persons])
        fresh = [g for g in groups if not any(p.national_id in existing for p in g.persons)]
    else:
        fresh = groups
    persons = [p for g in fresh for p in g.persons]
    Person.objects.bulk_create(persons, batch_size=_BATCH)
    Household.objects.bulk_create([h for g in fresh for h in g.households], batch_size=_BATCH)
    HouseholdMember.objects.bulk_create([m for g in fresh for m in g.members], batch_size=_BATCH)
    relations = [r for g in fresh for r in g.relations]
    FamilyRelation.objects.bulk_create(relations, batch_size=_BATCH)
    summary.persons_created += len(persons)
    summary.persons_existing += sum(len(g.persons) for g in groups) - len(persons)
    summary.households_created += sum(len(g.households) for g in fresh)
    summary.relations_created += len(relations)


def _ensure_offices(summary: DemoSummary) -> dict[str, Office]:
    offices = {}
    for spec in OFFICES:
        office, created = Office.objects.get_or_create(
            number=spec.number,
            defaults={
                "name": spec.name,
                "municipality_number": spec.municipality_number,
                "district": spec.district,
                "district_number": spec.district_number,
            },
        )
        offices[spec.number] = office
        if created:
            summary.offices_created += 1
        else:
            summary.offices_existing += 1
    return offices


def _ensure_personas(offices: dict[str, Office], summary: DemoSummary) -> dict[str, Employee]:
    """The five personas. Password `demo` only in demo mode; otherwise unusable, and a
    persona left with the demo password from an earlier demo-mode run loses it."""
    user_model = get_user_model()
    employees = {}
    for persona in PERSONAS:
        user = user_model.objects.filter(username=persona.username).first()
        if user is None:
            user = user_model.objects.create_user(
                username=persona.username,
                password=DEMO_PASSWORD if settings.DEMO_MODE else None,
                first_name=persona.given_name,
                last_name=persona.family_name,
            )
        elif not settings.DEMO_MODE and user.check_password(DEMO_PASSWORD):
            user.set_unusable_password()
            user.save(update_fields=["password"])
        employee = Employee.objects.filter(user=user).first()
        if employee is None:
            employee = Employee.objects.create(
                user=user, nav_ident=persona.nav_ident, name=persona.name, **persona.flags
            )
            if persona.office is not None:
                employee.offices.set([offices[persona.office.number]])
            summary.employees_created += 1
        else:
            summary.employees_existing += 1
        employees[persona.username] = employee
    return employees


@transaction.atomic
def seed_demo(
    *,
    persons: int,
    seed: int,
    progress: Callable[[int], None] | None = None,
    applications: bool = True,
) -> DemoSummary:
    """Create (or complete) the demo data set for `seed` with `persons` persons.

    Deterministic for a given seed and count, and safe to rerun: what exists is left alone.
    `progress` is called with the running number of persons every 10 000 persons.
    """
    if persons < 0:
        raise ValueError("persons must not be negative")
    summary = DemoSummary(demo_passwords=bool(settings.DEMO_MODE))
    offices = _ensure_offices(summary)
    employees = _ensure_personas(offices, summary)
    caseworkers = {
        _OSLO.number: employees["veileder.oslo"],
        _BERGEN.number: employees["veileder.bergen"],
    }
    generator = _Generator(seed, offices, caseworkers)
    check_existing = Person.objects.exists()

    pending: list[_Group] = []
    pending_persons = done = 0
    for group in generator.groups(persons):
        pending.append(group)
        pending_persons += len(group.persons)
        if pending_persons >= _CHUNK:
            _write(pending, check_existing=check_existing, summary=summary)
            before, done = done, done + pending_persons
            pending, pending_persons = [], 0
            if progress is not None and done // PROGRESS_EVERY > before // PROGRESS_EVERY:
                progress(done)
    _write(pending, check_existing=check_existing, summary=summary)

    for username, national_id in generator.own_person_ids.items():
        employee = employees[username]
        if employee.person_id is None:
            own = Person.objects.filter(national_id=national_id).first()
            if own is not None and not Employee.objects.filter(person=own).exists():
                employee.person = own
                employee.save(update_fields=["person"])

    if applications:
        summary.applications_created = seed_applications(seed=seed)
    trail.record(
        actor=None, action=AuditAction.DEMO_SEEDED, data={"seed": seed, **summary.audit_data()}
    )
    return summary
