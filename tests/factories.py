"""Plain factory functions for tests: make_office(), make_employee(), make_person(), ..."""

from __future__ import annotations

import calendar
import itertools
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

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


# --- casework: applications, cases, facts, decisions, appeals, documents -----------------
# Plain rows for view tests; the actions are tested through the actions themselves.


def make_application(*, person: Person, **overrides: Any) -> Any:
    from django.utils import timezone

    from navet.applications.actions import answer_due
    from navet.applications.models import Application, ApplicationStatus, Channel

    received = overrides.pop("received_at", timezone.now())
    values: dict[str, Any] = {
        "person": person,
        "office": person.office,
        "addressed_to": person.office.number,
        "channel": Channel.PAPER,
        "received_at": received,
        "status": ApplicationStatus.IN_PROGRESS,
        "applied_for": "Penger til mat og husleie",
        "reason": "Jeg har mistet jobben.",
        "due_on": answer_due(timezone.localdate(received)),
    }
    values.update(overrides)
    application = Application(**values)
    # A reference is taken in the creating transaction (also in live-server tests, which
    # run in autocommit).
    with transaction.atomic():
        if not application.reference:
            application.assign_reference()
        application.save()
    return application


def make_case(*, application: Any, **overrides: Any) -> Any:
    from navet.applications.models import Case, CaseKind

    n = application.cases.count() + 1
    values: dict[str, Any] = {
        "application": application,
        "reference": f"S{n}",
        "title": "Livsopphold",
        "kind": CaseKind.LIVING,
    }
    values.update(overrides)
    return Case.objects.create(**values)


def make_fact(*, application: Any, **overrides: Any) -> Any:
    from navet.applications.models import Fact, FactArea, FactSource

    values: dict[str, Any] = {
        "application": application,
        "area": FactArea.EXPENSE,
        "type": "husleie",
        "title": "Husleie",
        "amount": 9000,
        "source": FactSource.APPLICANT,
        "rules_type": "rent",
    }
    values.update(overrides)
    return Fact.objects.create(**values)


def make_decision(*, case: Any, drafted_by: Employee, **overrides: Any) -> Any:
    """A decision row. `state="made"` gives a made decision without a letter (use the
    actions when the letter matters)."""
    from django.utils import timezone

    from navet.decisions.calculation import calculate
    from navet.decisions.models import Decision, DecisionState, Outcome

    state = overrides.pop("state", DecisionState.DRAFT)
    today = timezone.localdate()
    values: dict[str, Any] = {
        "case": case,
        "drafted_by": drafted_by,
        # The whole month: a calculation that does not depend on today's day of the month.
        "period_from": today.replace(day=1),
        "period_to": today.replace(day=calendar.monthrange(today.year, today.month)[1]),
    }
    if state == DecisionState.MADE:
        values.update(
            {
                "outcome": Outcome.GRANTED,
                "form": "grant",
                "amount": 5000,
                "made_at": timezone.now(),
                "made_by": drafted_by,
                "proposed_by": drafted_by,
                "appeal_deadline": today + timedelta(days=21),
            }
        )
    values.update(overrides)
    decision = Decision(state=DecisionState.DRAFT, **values)
    with transaction.atomic():
        if not decision.reference:
            decision.assign_reference()
        decision.calculation = calculate(decision).to_json()
        decision.state = state
        decision.save()
    return decision


def make_appeal(*, decision: Any, registered_by: Employee, **overrides: Any) -> Any:
    from django.utils import timezone

    from navet.decisions.models import Appeal

    today = timezone.localdate()
    values: dict[str, Any] = {
        "decision": decision,
        "received_on": today,
        "deadline": today + timedelta(days=21),
        "summary": "Jeg mener beløpet er for lavt.",
        "registered_by": registered_by,
    }
    values.update(overrides)
    return Appeal.objects.create(**values)


def make_document(*, application: Any, **overrides: Any) -> Any:
    import hashlib
    import uuid

    from django.core.files.base import ContentFile

    from navet.applications.models import Document, DocumentKind

    content: bytes = overrides.pop("content", b"%PDF-1.7\n% test\n")
    document = Document(
        id=uuid.uuid4(),
        application=application,
        kind=overrides.pop("kind", DocumentKind.INTERIM_REPLY),
        title=overrides.pop("title", "Foreløpig svar på søknaden din"),
        language="nb",
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        **overrides,
    )
    document.file.save(f"{document.id}.pdf", ContentFile(content), save=False)
    document.save()
    return document


def make_decision_settings(*, office: Office, **overrides: Any) -> Any:
    from navet.decisions.models import DecisionSettings

    values: dict[str, Any] = {"responsible_name": "Lise Leder"}
    values.update(overrides)
    settings, _created = DecisionSettings.objects.update_or_create(office=office, defaults=values)
    return settings
