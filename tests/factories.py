"""Plain factory functions for tests: make_office(), make_employee(), make_person(), ..."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model

from navet.core.models import Employee, Office
from navet.people.identifiers import make_synthetic_id
from navet.people.models import (
    FamilyRelation,
    Household,
    HouseholdMember,
    Person,
    RelationKind,
)

_counter = itertools.count(1)


def make_office(number: str, name: str, municipality: str, district: str = "") -> Office:
    office, _created = Office.objects.get_or_create(
        number=number,
        defaults={"name": name, "municipality_number": municipality, "district": district},
    )
    return office


def make_employee(
    username: str,
    *,
    offices: list[Office] = (),  # type: ignore[assignment]
    password: str = "demo",
    **flags: Any,
) -> Employee:
    user = get_user_model().objects.create_user(username=username, password=password)
    n = next(_counter)
    employee = Employee.objects.create(
        user=user,
        nav_ident=f"T{n:06d}",
        name=flags.pop("name", username.replace(".", " ").title()),
        **flags,
    )
    employee.offices.set(offices)
    return employee


def next_national_id(birth_date: date) -> str:
    """A fresh, valid Test Norge number for the birth date."""
    while True:
        n = next(_counter)
        individual = (n * 7) % 500 if birth_date.year < 2000 else 500 + (n * 7) % 500
        candidate = make_synthetic_id(birth_date, individual)
        if candidate and not Person.objects.filter(national_id=candidate).exists():
            return candidate


def make_person(*, office: Office, **overrides: Any) -> Person:
    birth_date = overrides.pop("birth_date", date(1990, 5, 17))
    n = next(_counter)
    values: dict[str, Any] = {
        "given_name": f"Testperson{n}",
        "family_name": "Nordmann",
        "birth_date": birth_date,
        "national_id": next_national_id(birth_date),
        "street_address": f"Testveien {n}",
        "postal_code": "0150",
        "postal_town": "Oslo",
        "office": office,
    }
    values.update(overrides)
    return Person.objects.create(**values)


def make_household(
    members: list[tuple[Person, str]], valid_from: date = date(2024, 1, 1), **extra: Any
) -> Household:
    household = Household.objects.create()
    for person, role in members:
        HouseholdMember.objects.create(
            household=household, person=person, role=role, valid_from=valid_from, **extra
        )
    return household


def relate(person: Person, relative: Person, kind: RelationKind) -> FamilyRelation:
    return FamilyRelation.objects.create(person=person, relative=relative, kind=kind)
