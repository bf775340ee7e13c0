"""Tests for the demo data set: navet.demo.persons.seed_demo and `manage.py seed_demo`."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, Q

from navet.access.policy import visible_persons_filter
from navet.audit.models import AuditEvent
from navet.core.models import Employee, Office
from navet.demo import persons as demo
from navet.demo.persons import DemoSummary, seed_demo
from navet.people.identifiers import parse_id
from navet.people.models import (
    AddressProtection,
    ChildResidence,
    FamilyRelation,
    Household,
    HouseholdMember,
    HouseholdRole,
    Person,
    RelationKind,
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


def _current_households() -> dict[object, list[HouseholdMember]]:
    households: dict[object, list[HouseholdMember]] = {}
    for member in HouseholdMember.objects.current().select_related("person"):
        households.setdefault(member.household_id, []).append(member)
    return households


def test_it_creates_exactly_the_number_of_persons_asked_for() -> None:
    summary = _seed()

    assert Person.objects.count() == PERSONS
    assert summary.persons_created == PERSONS
    assert summary.persons_existing == 0


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


def test_it_creates_offices_in_oslo_bergen_and_other_municipalities() -> None:
    _seed()

    municipalities = set(Office.objects.values_list("municipality_number", flat=True))
    assert Office.objects.count() >= 3
    assert {"0301", "4601"} <= municipalities
    assert len(municipalities) >= 3
    per_office = Counter(Person.objects.values_list("office__municipality_number", flat=True))
    assert per_office["0301"] + per_office["4601"] > PERSONS / 2


@pytest.mark.parametrize("municipality", ["0301", "4601"])
def test_it_creates_protected_persons_of_every_kind(municipality: str) -> None:
    _seed()

    persons = Person.objects.filter(office__municipality_number=municipality)
    kinds = set(persons.values_list("address_protection", flat=True))
    assert set(AddressProtection) <= kinds
    assert persons.filter(shielded=True).exists()


def test_strictly_confidential_persons_have_no_address_stored() -> None:
    _seed()

    strict = Person.objects.filter(
        address_protection__in=[
            AddressProtection.STRICTLY_CONFIDENTIAL,
            AddressProtection.STRICTLY_CONFIDENTIAL_ABROAD,
        ]
    )
    assert strict.count() >= 4
    assert set(strict.values_list("street_address", "postal_code", "postal_town")) == {("", "", "")}
    assert not Person.objects.filter(address_protection=AddressProtection.NONE, street_address="")


def test_it_creates_households_of_every_shape() -> None:
    _seed()

    shapes = set()
    for members in _current_households().values():
        roles = Counter(member.role for member in members)
        partnered = roles[HouseholdRole.SPOUSE] + roles[HouseholdRole.PARTNER]
        if len(members) == 1:
            shapes.add("single")
        elif partnered and not roles[HouseholdRole.CHILD]:
            shapes.add("couple")
        elif partnered:
            shapes.add("couple with children")
        elif roles[HouseholdRole.CHILD]:
            shapes.add("single parent")
        elif roles[HouseholdRole.OTHER_ADULT]:
            shapes.add("adults sharing")
        for member in members:
            if member.child_residence == ChildResidence.SHARED:
                shapes.add("delt bosted child")
            if member.child_residence == ChildResidence.VISITATION:
                assert member.visitation_class in {1, 2, 3, 4}
                shapes.add("samvær child")
    assert shapes == {
        "single",
        "couple",
        "couple with children",
        "single parent",
        "adults sharing",
        "delt bosted child",
        "samvær child",
    }


def test_every_person_is_in_exactly_one_current_household() -> None:
    _seed()

    counts = Person.objects.annotate(
        current=Count("memberships", filter=Q(memberships__valid_to__isnull=True))
    ).values_list("current", flat=True)
    assert set(counts) == {1}


def test_children_are_born_when_their_parents_were_adults() -> None:
    _seed()

    relations = FamilyRelation.objects.filter(kind=RelationKind.PARENT).select_related(
        "person", "relative"
    )
    assert relations.exists()
    for relation in relations:
        parent, child = relation.person, relation.relative
        assert child.age_on(demo.ANCHOR) < parent.age_on(demo.ANCHOR)
        assert parent.age_on(child.birth_date) >= 18
    # Every parent link has its child link back.
    assert relations.count() == FamilyRelation.objects.filter(kind=RelationKind.CHILD).count()


def test_all_national_ids_are_test_norge_numbers() -> None:
    _seed()

    ids = list(Person.objects.values_list("national_id", "birth_date"))
    assert len(ids) == PERSONS
    for national_id, birth_date in ids:
        parsed = parse_id(national_id, allow_synthetic=True)
        assert parsed.synthetic == "test_norge"
        assert parsed.birth_date == birth_date


def test_ages_span_babies_to_the_old() -> None:
    _seed(persons=1000)

    ages = {person.age_on(demo.ANCHOR) for person in Person.objects.only("birth_date")}
    assert min(ages) == 0
    assert max(ages) >= 75
    assert max(ages) <= 90


def test_it_creates_the_five_personas_with_their_flags() -> None:
    _seed()

    personas = {
        employee.user.username: employee
        for employee in Employee.objects.select_related("user").prefetch_related("offices")
    }
    assert set(personas) == {
        "veileder.oslo",
        "veileder.bergen",
        "leder.oslo",
        "veileder.fortrolig",
        "admin",
    }

    def flags(username: str) -> tuple[bool, ...]:
        e = personas[username]
        return (
            e.is_caseworker,
            e.is_leader,
            e.is_administrator,
            e.may_see_strictly_confidential,
            e.may_see_confidential,
        )

    def municipalities(username: str) -> list[str]:
        return [office.municipality_number for office in personas[username].offices.all()]

    assert flags("veileder.oslo") == (True, False, False, False, False)
    assert flags("veileder.bergen") == (True, False, False, False, False)
    assert flags("leder.oslo") == (False, True, False, False, False)
    assert flags("veileder.fortrolig") == (True, False, False, True, True)
    assert flags("admin") == (False, False, True, False, False)
    assert municipalities("veileder.oslo") == ["0301"]
    assert municipalities("veileder.bergen") == ["4601"]
    assert municipalities("leder.oslo") == ["0301"]
    assert municipalities("veileder.fortrolig") == ["0301"]
    assert municipalities("admin") == []
    nav_idents = [employee.nav_ident for employee in personas.values()]
    assert len(set(nav_idents)) == 5
    for employee in personas.values():
        employee.full_clean()  # the nav_ident format among others


def test_the_oslo_caseworker_has_a_family_of_her_own_in_oslo() -> None:
    _seed()

    employee = Employee.objects.get(user__username="veileder.oslo")
    own = employee.person
    assert own is not None
    assert own.office.municipality_number == "0301"
    kinds = set(FamilyRelation.objects.filter(person=own).values_list("kind", flat=True))
    assert {RelationKind.PARTNER, RelationKind.PARENT} <= kinds
    assert own.caseworker is None


def test_the_caseworkers_have_persons_of_their_own_office() -> None:
    _seed()

    for username, municipality in (("veileder.oslo", "0301"), ("veileder.bergen", "4601")):
        employee = Employee.objects.get(user__username=username)
        mine = Person.objects.assigned_to(employee)
        assert 10 <= mine.count() <= 20
        assert set(mine.values_list("office__municipality_number", flat=True)) == {municipality}
        assert mine.count() == mine.filter(visible_persons_filter(employee)).count()


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
