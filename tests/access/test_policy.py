"""The access policy: Nav's rule order, never-overridable rules, overrides, and that the
single-person check and the list filter always agree."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from navet.access import actions
from navet.access.models import AccessOverride
from navet.access.policy import Rule, check_person_access, visible_persons
from navet.people.models import AddressProtection, Person, RelationKind
from tests.conftest import World
from tests.factories import make_person, relate

# persona -> persons it may see among the world's persons
EXPECTED_VISIBLE = {
    "veileder.oslo": {"citizen_oslo"},
    "veileder.bergen": {"citizen_bergen"},
    "leder.oslo": {"citizen_oslo"},
    "veileder.fortrolig": {
        "citizen_oslo",
        "fortrolig_oslo",
        "strengt_fortrolig_oslo",
        "strengt_fortrolig_utland_oslo",
    },
    "admin": set(),
}


@pytest.mark.parametrize("persona", sorted(EXPECTED_VISIBLE))
def test_each_persona_sees_exactly_the_expected_persons(world: World, persona: str) -> None:
    employee = world.personas()[persona]
    seen_one_by_one = {
        name
        for name, person in world.persons().items()
        if check_person_access(employee, person).allowed
    }
    listed = set(visible_persons(employee).values_list("pk", flat=True))
    seen_in_list = {name for name, person in world.persons().items() if person.pk in listed}
    assert seen_one_by_one == EXPECTED_VISIBLE[persona]
    assert seen_in_list == EXPECTED_VISIBLE[persona]


@pytest.mark.parametrize(
    ("person_name", "rule"),
    [
        ("strengt_fortrolig_oslo", Rule.STRICTLY_CONFIDENTIAL),
        ("strengt_fortrolig_utland_oslo", Rule.STRICTLY_CONFIDENTIAL_ABROAD),
        ("fortrolig_oslo", Rule.CONFIDENTIAL),
        ("skjermet_oslo", Rule.SHIELDED),
        ("citizen_bergen", Rule.OFFICE),
    ],
)
def test_it_names_the_refusing_rule(world: World, person_name: str, rule: Rule) -> None:
    decision = check_person_access(world.caseworker_oslo, world.persons()[person_name])
    assert not decision.allowed
    assert decision.refused_by == rule
    assert decision.overridable == (rule == Rule.OFFICE)


def test_the_strictest_grading_is_checked_first(world: World) -> None:
    # Protected and shielded and in another office: the protection rule is the one named.
    person = make_person(
        office=world.bergen,
        address_protection=AddressProtection.STRICTLY_CONFIDENTIAL,
        shielded=True,
    )
    assert check_person_access(world.caseworker_oslo, person).refused_by == (
        Rule.STRICTLY_CONFIDENTIAL
    )


def test_administrator_without_caseworker_role_sees_no_one(world: World) -> None:
    assert not visible_persons(world.admin).exists()
    decision = check_person_access(world.admin, world.citizen_oslo)
    assert decision.refused_by == Rule.NO_PERSON_ROLE


@pytest.mark.parametrize(
    "kind",
    [
        RelationKind.PARENT,
        RelationKind.CHILD,
        RelationKind.PARTNER,
        RelationKind.FORMER_PARTNER,
        RelationKind.SIBLING,
        RelationKind.CO_PARENT,
    ],
)
def test_it_hides_the_employees_own_close_family(world: World, kind: RelationKind) -> None:
    own = make_person(office=world.oslo, given_name="Egen")
    relative = make_person(office=world.oslo, given_name="Slekt")
    world.caseworker_oslo.person = own
    world.caseworker_oslo.save(update_fields=["person"])
    # The relation may be registered in either direction.
    if kind in (RelationKind.PARENT, RelationKind.SIBLING):
        relate(relative, own, kind)
    else:
        relate(own, relative, kind)
    employee = type(world.caseworker_oslo).objects.get(pk=world.caseworker_oslo.pk)
    for person in (own, relative):
        assert check_person_access(employee, person).refused_by == Rule.HABILITET
        assert not visible_persons(employee).filter(pk=person.pk).exists()
    assert visible_persons(employee).filter(pk=world.citizen_oslo.pk).exists()


def test_an_override_opens_another_office_until_it_expires(world: World) -> None:
    employee, person = world.caseworker_oslo, world.citizen_bergen
    override = actions.create_override(
        employee=employee, person=person, reason="Ringte om nødhjelp, er på besøk i Oslo", hours=2
    )
    decision = check_person_access(employee, person)
    assert decision.allowed and decision.via_override
    assert visible_persons(employee).filter(pk=person.pk).exists()

    now = timezone.now()
    AccessOverride.objects.filter(pk=override.pk).update(
        created_at=now - timedelta(hours=2), expires_at=now - timedelta(seconds=1)
    )
    assert check_person_access(employee, person).refused_by == Rule.OFFICE
    assert not visible_persons(employee).filter(pk=person.pk).exists()


@pytest.mark.parametrize(
    "person_name",
    ["strengt_fortrolig_oslo", "strengt_fortrolig_utland_oslo", "fortrolig_oslo", "skjermet_oslo"],
)
def test_protected_persons_can_never_be_overridden(world: World, person_name: str) -> None:
    person = world.persons()[person_name]
    with pytest.raises(actions.OverrideNotAllowed):
        actions.create_override(
            employee=world.caseworker_bergen, person=person, reason="x" * 30, hours=1
        )
    # Even an override row written behind the policy's back does not open the person.
    AccessOverride.objects.create(
        employee=world.caseworker_bergen,
        person=person,
        reason="forged",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    assert not check_person_access(world.caseworker_bergen, person).allowed
    assert not visible_persons(world.caseworker_bergen).filter(pk=person.pk).exists()


def test_override_duration_is_limited(world: World, settings: object) -> None:
    with pytest.raises(actions.OverrideNotAllowed):
        actions.create_override(
            employee=world.caseworker_oslo,
            person=world.citizen_bergen,
            reason="x" * 30,
            hours=10_000,
        )


def test_policy_and_filter_agree_on_many_random_people(world: World) -> None:
    """Every combination of protection, shielding and office, for every persona."""
    for protection in AddressProtection:
        for shielded in (False, True):
            for office in (world.oslo, world.bergen, world.tromso):
                make_person(
                    office=office,
                    address_protection=protection,
                    shielded=shielded,
                    birth_date=date(1980, 1, 1),
                )
    for employee in world.personas().values():
        listed = set(visible_persons(employee).values_list("pk", flat=True))
        for person in Person.objects.all():
            assert check_person_access(employee, person).allowed == (person.pk in listed)


def test_policy_and_filter_agree_for_every_kind_of_employee(world: World) -> None:
    """Every combination of roles, authorisations and offices, with an override, a family
    relation and persons of every protection in every office: the one-person check and the
    list filter give the same answer everywhere."""
    import itertools

    from navet.core.models import Employee
    from tests.factories import make_employee

    persons = [
        make_person(office=office, address_protection=protection, shielded=shielded)
        for protection in AddressProtection
        for shielded in (False, True)
        for office in (world.oslo, world.bergen)
    ]
    flags = ("may_see_strictly_confidential", "may_see_confidential", "may_see_shielded")
    employees: list[Employee] = []
    combos = itertools.product(
        [(True, False), (False, True), (False, False)],  # caseworker / leader / neither
        itertools.product((False, True), repeat=3),
        [[world.oslo], [world.oslo, world.bergen], []],
    )
    for n, ((caseworker, leader), granted, offices) in enumerate(combos):
        employee = make_employee(
            f"combo.{n}",
            offices=offices,
            is_caseworker=caseworker,
            is_leader=leader,
            is_administrator=not (caseworker or leader),
            **dict(zip(flags, granted, strict=True)),
        )
        employees.append(employee)
    # One employee with an override on a Bergen person and family among the persons.
    subject = employees[0]
    subject.person = persons[0]
    subject.save(update_fields=["person"])
    relate(persons[2], persons[0], RelationKind.SIBLING)
    AccessOverride.objects.create(
        employee=subject,
        person=persons[1],
        reason="test",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    for employee in Employee.objects.all():
        listed = set(visible_persons(employee).values_list("pk", flat=True))
        for person in Person.objects.all():
            assert check_person_access(employee, person).allowed == (person.pk in listed), (
                employee.user.username,
                person.address_protection,
                person.shielded,
            )
