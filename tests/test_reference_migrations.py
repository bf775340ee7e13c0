"""The reference migrations number the rows that already exist: applications per office and
year received (Norwegian time), decisions per office and year created, made decisions too
(on PostgreSQL past their immutability trigger, which is on again afterwards), and each
counter continues from the last number used."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.apps.registry import Apps
from django.db import DatabaseError, connection, transaction

from navet.applications import actions
from navet.core.models import Office, OfficeSequence
from navet.people.models import Person
from tests.migrations import migrate, migrate_to_latest, state_at

BEFORE = [
    ("core", "0003_login_throttle"),
    ("applications", "0001_initial"),
    ("decisions", "0003_decision_return"),
]
AFTER = [
    ("core", "0004_office_sequences"),
    ("applications", "0002_application_reference"),
    ("decisions", "0004_decision_reference"),
]


@pytest.fixture
def before() -> Iterator[Apps]:
    """The database as it was before references; back at the latest state afterwards."""
    with state_at(BEFORE) as apps:
        yield apps


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def create_rows(apps: Apps) -> dict[str, Any]:
    Office = apps.get_model("core", "Office")
    Employee = apps.get_model("core", "Employee")
    User = apps.get_model("auth", "User")
    Person = apps.get_model("people", "Person")
    Application = apps.get_model("applications", "Application")
    Case = apps.get_model("applications", "Case")
    Decision = apps.get_model("decisions", "Decision")
    oslo = Office.objects.create(number="0315", name="Nav Grünerløkka", municipality_number="0301")
    bergen = Office.objects.create(number="1203", name="Nav Bergenhus", municipality_number="4601")
    employee = Employee.objects.create(
        user=User.objects.create(username="veileder.oslo"), nav_ident="T000001", name="Veileder"
    )
    person = Person.objects.create(
        national_id="17059012345",
        given_name="Kari",
        family_name="Hansen",
        birth_date=date(1990, 5, 17),
        office=oslo,
    )

    def application(office: Any, received_at: datetime) -> Any:
        return Application.objects.create(
            person=person,
            office=office,
            channel="paper",
            received_at=received_at,
            applied_for="Mat",
            due_on=received_at.date(),
        )

    # Created out of order: the numbers follow the time received.
    rows = {
        "oslo_2026_feb": application(oslo, at(2026, 2, 1, 9)),
        "oslo_new_years_eve": application(oslo, at(2025, 12, 31, 22, 30)),  # 23:30 in Oslo
        "oslo_new_year": application(oslo, at(2025, 12, 31, 23, 30)),  # 00:30 on 1 January
        "oslo_2025_jun": application(oslo, at(2025, 6, 1, 9)),
        "bergen_2026": application(bergen, at(2026, 1, 15, 9)),
    }

    def decision(app: Any, created_at: datetime, *, made: bool, **extra: Any) -> Any:
        case = Case.objects.get_or_create(
            application=app, reference="S1", defaults={"title": "Livsopphold", "kind": "annet"}
        )[0]
        row = Decision.objects.create(case=case, drafted_by=employee, **extra)
        Decision.objects.filter(pk=row.pk).update(created_at=created_at)
        if made:
            Decision.objects.filter(pk=row.pk).update(
                state="made", made_at=created_at, outcome="INNVILGET"
            )
        return row

    rows["d_feb_made"] = decision(rows["oslo_2026_feb"], at(2026, 2, 3, 9), made=True)
    rows["d_feb_draft"] = decision(
        rows["oslo_2026_feb"], at(2026, 2, 4, 9), made=False, replaces=rows["d_feb_made"]
    )
    rows["d_bergen"] = decision(rows["bergen_2026"], at(2026, 1, 20, 9), made=True)
    rows["d_2025"] = decision(rows["oslo_2025_jun"], at(2025, 6, 5, 9), made=True)
    return rows


@pytest.mark.django_db(transaction=True)
def test_existing_rows_are_numbered_per_office_and_year(before: Apps) -> None:
    rows = create_rows(before)
    apps = migrate(AFTER)
    Application = apps.get_model("applications", "Application")
    Decision = apps.get_model("decisions", "Decision")
    Sequence = apps.get_model("core", "OfficeSequence")

    def reference(model: Any, name: str) -> str:
        return str(model.objects.get(pk=rows[name].pk).reference)

    assert {
        name: reference(Application, name)
        for name in ("oslo_2025_jun", "oslo_new_years_eve", "oslo_new_year", "oslo_2026_feb")
    } == {
        "oslo_2025_jun": "0315-2025-000001",
        "oslo_new_years_eve": "0315-2025-000002",
        "oslo_new_year": "0315-2026-000001",
        "oslo_2026_feb": "0315-2026-000002",
    }
    assert reference(Application, "bergen_2026") == "1203-2026-000001"
    assert {
        name: reference(Decision, name)
        for name in ("d_2025", "d_feb_made", "d_feb_draft", "d_bergen")
    } == {
        "d_2025": "0315-2025-V00001",
        "d_feb_made": "0315-2026-V00001",
        "d_feb_draft": "0315-2026-V00002",
        "d_bergen": "1203-2026-V00001",
    }
    counters = {
        (s.office.number, s.year, s.kind): s.last_number
        for s in Sequence.objects.select_related("office")
    }
    assert counters == {
        ("0315", 2025, "application"): 2,
        ("0315", 2026, "application"): 2,
        ("1203", 2026, "application"): 1,
        ("0315", 2025, "decision"): 1,
        ("0315", 2026, "decision"): 2,
        ("1203", 2026, "decision"): 1,
    }
    if connection.vendor == "postgresql":
        # The immutability trigger is on again.
        made = Decision.objects.filter(pk=rows["d_feb_made"].pk)
        with pytest.raises(DatabaseError, match="final"), transaction.atomic():
            made.update(considerations="endret")

    # The counter continues where the migration left it.
    migrate_to_latest()
    application = actions.register_application(
        person=Person.objects.get(),
        office=Office.objects.get(number="0315"),
        channel="paper",
        received_at=at(2026, 3, 1, 9),
        applied_for="Mat",
        actor=None,
    )
    assert application.reference == "0315-2026-000003"


@pytest.mark.django_db(transaction=True)
def test_going_back_forgets_the_numbers_and_forward_gives_the_same(before: Apps) -> None:
    create_rows(before)
    apps = migrate(AFTER)
    first = sorted(apps.get_model("applications", "Application").objects.values_list("reference"))
    migrate([("applications", "0001_initial"), ("decisions", "0003_decision_return")])
    assert not OfficeSequence.objects.exists()
    apps = migrate(AFTER)
    again = sorted(apps.get_model("applications", "Application").objects.values_list("reference"))
    assert again == first and len(first) == 5
    assert apps.get_model("core", "OfficeSequence").objects.count() == 6
