"""Tests for the demo data set: navet.demo.persons.seed_demo and `manage.py seed_demo`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from navet.audit.models import AuditEvent
from navet.core.models import Employee, Office
from navet.demo import persons as demo
from navet.demo.persons import DemoSummary, seed_demo
from navet.people.models import (
    FamilyRelation,
    Household,
    HouseholdMember,
    Person,
)

pytestmark = pytest.mark.django_db

PERSONS = 200


def _seed(seed: int = 1, persons: int = PERSONS) -> DemoSummary:
    # The population alone: demo applications are tested in tests/casework/test_demo.py.
    return seed_demo(persons=persons, seed=seed, applications=False)


def _population() -> list[tuple[str, str, str, str]]:
    return sorted(
        Person.objects.values_list("national_id", "given_name", "family_name", "office__number")
    )


def _remove_persons() -> None:
    Household.objects.all().delete()
    Person.objects.all().delete()  # memberships and relations go with them


def test_it_is_deterministic_for_a_seed() -> None:
    _seed(seed=7)
    first = _population()
    _remove_persons()

    _seed(seed=7)

    assert _population() == first


def test_another_seed_gives_other_persons() -> None:
    _seed(seed=7)
    first = {row[0] for row in _population()}
    _remove_persons()

    _seed(seed=8)

    assert {row[0] for row in _population()} != first


def test_a_rerun_creates_nothing_new() -> None:
    _seed()
    counts = (
        Office.objects.count(),
        Employee.objects.count(),
        Person.objects.count(),
        Household.objects.count(),
        HouseholdMember.objects.count(),
        FamilyRelation.objects.count(),
    )

    again = _seed()

    assert again.persons_created == 0
    assert again.persons_existing == PERSONS
    assert again.households_created == again.relations_created == 0
    assert again.offices_created == again.employees_created == 0
    assert counts == (
        Office.objects.count(),
        Employee.objects.count(),
        Person.objects.count(),
        Household.objects.count(),
        HouseholdMember.objects.count(),
        FamilyRelation.objects.count(),
    )


def test_a_larger_run_keeps_the_persons_already_there() -> None:
    _seed(persons=100)
    before = {row[0] for row in _population()}

    summary = _seed(persons=PERSONS)

    assert summary.persons_created + summary.persons_existing == PERSONS
    assert Person.objects.count() == 100 + summary.persons_created
    # The first run's last household may have been cut down to fit; everything before it
    # is the same household in both runs.
    assert summary.persons_existing >= 90
    assert before <= {row[0] for row in _population()}


def test_it_records_one_audit_event_per_run_and_none_per_person() -> None:
    _seed()
    _seed()

    events = list(AuditEvent.objects.order_by("id"))
    assert [event.action for event in events] == ["demo.seeded", "demo.seeded"]
    assert events[0].actor is None
    assert events[0].person is None
    assert events[0].data["persons_created"] == PERSONS
    assert events[1].data["persons_created"] == 0


def test_ages_span_babies_to_the_old() -> None:
    _seed(persons=1000)

    ages = {person.age_on(demo.ANCHOR) for person in Person.objects.only("birth_date")}
    assert min(ages) == 0
    assert max(ages) >= 75
    assert max(ages) <= 90


def test_the_demo_password_works_in_demo_mode(settings: pytest.FixtureRequest) -> None:
    settings.DEMO_MODE = True  # type: ignore[attr-defined]

    summary = _seed(persons=0)

    assert summary.demo_passwords
    for user in get_user_model().objects.all():
        assert user.check_password("demo")


def test_the_personas_have_no_usable_password_outside_demo_mode(
    settings: pytest.FixtureRequest,
) -> None:
    settings.DEMO_MODE = False  # type: ignore[attr-defined]

    summary = _seed(persons=0)

    assert not summary.demo_passwords
    assert "no usable password" in summary.line()
    users = get_user_model().objects.all()
    assert users.count() == 5
    for user in users:
        assert not user.has_usable_password()
        assert not user.check_password("demo")


def test_a_run_outside_demo_mode_takes_the_demo_password_away(
    settings: pytest.FixtureRequest,
) -> None:
    settings.DEMO_MODE = True  # type: ignore[attr-defined]
    _seed(persons=0)
    settings.DEMO_MODE = False  # type: ignore[attr-defined]

    _seed(persons=0)

    for user in get_user_model().objects.all():
        assert not user.check_password("demo")


def test_the_command_prints_a_one_line_summary() -> None:
    out = StringIO()

    call_command("seed_demo", "--persons", "30", "--seed", "3", stdout=out)

    assert Person.objects.count() == 30
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1
    assert "30 persons created" in lines[0]


def test_if_empty_is_a_no_op_when_persons_exist() -> None:
    _seed(persons=30)
    events = AuditEvent.objects.count()
    out = StringIO()

    call_command("seed_demo", "--persons", "60", "--seed", "9", "--if-empty", stdout=out)

    assert Person.objects.count() == 30
    assert AuditEvent.objects.count() == events
    assert out.getvalue().strip().count("\n") == 0
    assert "already has persons" in out.getvalue()


def test_if_empty_seeds_an_empty_database() -> None:
    call_command("seed_demo", "--persons", "30", "--if-empty", stdout=StringIO())

    assert Person.objects.count() == 30


@pytest.mark.slow
def test_it_reports_progress_every_ten_thousand_persons(monkeypatch: pytest.MonkeyPatch) -> None:
    # Scaled down: progress every 50 persons, written in rounds of 25.
    monkeypatch.setattr(demo, "PROGRESS_EVERY", 50)
    monkeypatch.setattr(demo, "_CHUNK", 25)
    reported: list[int] = []

    seed_demo(persons=PERSONS, seed=1, progress=reported.append)

    assert len(reported) == PERSONS // 50 - 1  # the last round is the summary's
    assert reported == sorted(reported)
    assert all(count < PERSONS for count in reported)
