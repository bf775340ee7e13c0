"""The demo population (navet.demo.persons.seed_demo) as the tests read it: seeded once for
the module, since no test here changes it. Runs that change the data (reruns, other
seeds, passwords, the command) are in test_seed_demo.py, each on its own database."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from navet.access.policy import visible_persons_filter
from navet.core.models import Employee, Office
from navet.demo import persons as demo
from navet.demo.persons import DemoSummary, seed_demo
from navet.people.identifiers import parse_id
from navet.people.models import (
    AddressProtection,
    ChildResidence,
    FamilyRelation,
    HouseholdMember,
    HouseholdRole,
    Person,
    RelationKind,
)

# make test runs pytest with --dist loadfile: one worker runs this file and seeds once.
pytestmark = pytest.mark.django_db

PERSONS = 200


@pytest.fixture(scope="module")
def seeded(
    django_db_setup: None, django_db_blocker: pytest.FixtureRequest
) -> Iterator[DemoSummary]:
    """The population alone (demo applications are tested in tests/casework/test_demo.py),
    committed once; the module's tests only read it, and it is flushed after them."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        summary = seed_demo(persons=PERSONS, seed=1, applications=False)
    yield summary
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        call_command("flush", interactive=False, verbosity=0)


def _current_households() -> dict[object, list[HouseholdMember]]:
    households: dict[object, list[HouseholdMember]] = {}
    for member in HouseholdMember.objects.current().select_related("person"):
        households.setdefault(member.household_id, []).append(member)
    return households


def test_it_creates_exactly_the_number_of_persons_asked_for(seeded: DemoSummary) -> None:
    summary = seeded

    assert Person.objects.count() == PERSONS
    assert summary.persons_created == PERSONS
    assert summary.persons_existing == 0


def test_it_creates_offices_in_oslo_bergen_and_other_municipalities(seeded: DemoSummary) -> None:
    municipalities = set(Office.objects.values_list("municipality_number", flat=True))
    assert Office.objects.count() >= 3
    assert {"0301", "4601"} <= municipalities
    assert len(municipalities) >= 3
    per_office = Counter(Person.objects.values_list("office__municipality_number", flat=True))
    assert per_office["0301"] + per_office["4601"] > PERSONS / 2


@pytest.mark.parametrize("municipality", ["0301", "4601"])
def test_it_creates_protected_persons_of_every_kind(seeded: DemoSummary, municipality: str) -> None:
    persons = Person.objects.filter(office__municipality_number=municipality)
    kinds = set(persons.values_list("address_protection", flat=True))
    assert set(AddressProtection) <= kinds
    assert persons.filter(shielded=True).exists()


def test_strictly_confidential_persons_have_no_address_stored(seeded: DemoSummary) -> None:
    strict = Person.objects.filter(
        address_protection__in=[
            AddressProtection.STRICTLY_CONFIDENTIAL,
            AddressProtection.STRICTLY_CONFIDENTIAL_ABROAD,
        ]
    )
    assert strict.count() >= 4
    assert set(strict.values_list("street_address", "postal_code", "postal_town")) == {("", "", "")}
    assert not Person.objects.filter(address_protection=AddressProtection.NONE, street_address="")


def test_it_creates_households_of_every_shape(seeded: DemoSummary) -> None:
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


def test_every_person_is_in_exactly_one_current_household(seeded: DemoSummary) -> None:
    counts = Person.objects.annotate(
        current=Count("memberships", filter=Q(memberships__valid_to__isnull=True))
    ).values_list("current", flat=True)
    assert set(counts) == {1}


def test_children_are_born_when_their_parents_were_adults(seeded: DemoSummary) -> None:
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


def test_all_national_ids_are_test_norge_numbers(seeded: DemoSummary) -> None:
    ids = list(Person.objects.values_list("national_id", "birth_date"))
    assert len(ids) == PERSONS
    for national_id, birth_date in ids:
        parsed = parse_id(national_id, allow_synthetic=True)
        assert parsed.synthetic == "test_norge"
        assert parsed.birth_date == birth_date


def test_it_creates_the_five_personas_with_their_flags(seeded: DemoSummary) -> None:
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


def test_the_oslo_caseworker_has_a_family_of_her_own_in_oslo(seeded: DemoSummary) -> None:
    employee = Employee.objects.get(user__username="veileder.oslo")
    own = employee.person
    assert own is not None
    assert own.office.municipality_number == "0301"
    kinds = set(FamilyRelation.objects.filter(person=own).values_list("kind", flat=True))
    assert {RelationKind.PARTNER, RelationKind.PARENT} <= kinds
    assert own.caseworker is None


def test_the_caseworkers_have_persons_of_their_own_office(seeded: DemoSummary) -> None:
    for username, municipality in (("veileder.oslo", "0301"), ("veileder.bergen", "4601")):
        employee = Employee.objects.get(user__username=username)
        mine = Person.objects.assigned_to(employee)
        assert 10 <= mine.count() <= 20
        assert set(mine.values_list("office__municipality_number", flat=True)) == {municipality}
        assert mine.count() == mine.filter(visible_persons_filter(employee)).count()
