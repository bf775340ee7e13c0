"""The demo households: generated for the offices and personas in demo_data, deterministic
for a seed (names, addresses, relations, protection)."""

from __future__ import annotations

import random
import unicodedata
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final

from faker import Faker

from navet.core.models import Employee, Office
from navet.demo.data import (
    _ASSIGNED_PER_CASEWORKER,
    _BERGEN,
    _EMAIL_DOMAINS,
    _FOREIGN,
    _FOREIGN_SHARE,
    _OSLO,
    ANCHOR,
    FAKER_LOCALE,
    OFFICES,
    PERSONAS,
    _individual_numbers,
    _OfficeSpec,
    _Persona,
)
from navet.people.identifiers import make_synthetic_id
from navet.people.models import (
    AddressProtection,
    ChildResidence,
    FamilyRelation,
    Household,
    HouseholdMember,
    HouseholdRole,
    Person,
    RelationKind,
    WrittenLanguage,
)


@dataclass(frozen=True)
class _Address:
    street: str
    postal_code: str
    town: str


@dataclass(frozen=True)
class _Style:
    """What the members of one household have in common."""

    office: _OfficeSpec
    language: str = WrittenLanguage.BOKMAL
    interpreter: str = ""
    foreign: int | None = None  # index into _FOREIGN
    protection: str = AddressProtection.NONE
    shielded: bool = False


@dataclass
class _Group:
    """Persons written together or not at all: one household, or two linked by a child.
    The first person is the head of the (first) household."""

    style: _Style
    assignable: bool = True  # may the head get one of the personas as caseworker?
    persons: list[Person] = field(default_factory=list)
    households: list[Household] = field(default_factory=list)
    members: list[HouseholdMember] = field(default_factory=list)
    relations: list[FamilyRelation] = field(default_factory=list)


_NO_ADDRESS: Final = _Address("", "", "")


def _ascii(text: str) -> str:
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in " -"))
    return ".".join(kept.replace("-", " ").split())


class _Generator:
    """Builds persons and households in memory; touches no database."""

    def __init__(
        self, seed: int, offices: dict[str, Office], caseworkers: dict[str, Employee]
    ) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker(FAKER_LOCALE)
        self.fake.seed_instance(seed)
        self.offices = offices
        self.caseworkers = caseworkers
        self.assigned = dict.fromkeys(caseworkers, 0)
        self.next_individual: dict[tuple[date, bool], int] = {}
        self.own_person_ids: dict[str, str] = {}  # username -> national id

    # --- single values -------------------------------------------------------------------

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def birth_date(self, age: int) -> date:
        """A birth date giving exactly `age` years on ANCHOR."""
        return ANCHOR.replace(year=ANCHOR.year - age) - timedelta(days=self.rng.randint(0, 364))

    def national_id(self, birth_date: date, female: bool) -> str:
        """The next free Test Norge number for this birth date and sex, in order."""
        numbers = _individual_numbers(birth_date.year, female)
        key = (birth_date, female)
        position = self.next_individual.get(key, 0)
        while True:
            individual = numbers[position]  # IndexError would take ~200 persons on one day
            position += 1
            national_id = make_synthetic_id(birth_date, individual)
            if national_id is not None:
                self.next_individual[key] = position
                return national_id

    def adult_age(self, low: int = 18, high: int = 90) -> int:
        return max(low, min(high, int(self.rng.triangular(low, high, min(high, 35)))))

    def address(self, style: _Style) -> _Address:
        if style.protection in (
            AddressProtection.STRICTLY_CONFIDENTIAL,
            AddressProtection.STRICTLY_CONFIDENTIAL_ABROAD,
        ):
            return _NO_ADDRESS  # Folkeregisteret does not give it out
        spec = style.office
        number = f"{self.rng.randint(1, 120)}{self.rng.choice(('', '', '', '', 'A', 'B', 'C'))}"
        return _Address(
            f"{self.rng.choice(spec.streets)} {number}",
            self.rng.choice(spec.postal_codes),
            spec.town,
        )

    def style(self, spec: _OfficeSpec) -> _Style:
        draw = self.rng.random()
        if draw < _FOREIGN_SHARE:
            foreign = self.rng.randrange(len(_FOREIGN))
            interpreter, language = _FOREIGN[foreign][0], _FOREIGN[foreign][1]
            return _Style(spec, language, interpreter, foreign)
        if draw < _FOREIGN_SHARE + spec.nynorsk:
            return _Style(spec, WrittenLanguage.NYNORSK)
        return _Style(spec)

    def given_name(self, style: _Style, female: bool) -> str:
        if style.foreign is not None:
            names = _FOREIGN[style.foreign][3 if female else 2]
            return self.rng.choice(names)
        return self.fake.first_name_female() if female else self.fake.first_name_male()

    def family_name(self, style: _Style) -> str:
        if style.foreign is not None:
            return self.rng.choice(_FOREIGN[style.foreign][4])
        return self.fake.last_name()

    # --- persons ---------------------------------------------------------------------------

    def person(
        self,
        style: _Style,
        address: _Address,
        *,
        age: int,
        female: bool,
        given_name: str | None = None,
        family_name: str | None = None,
    ) -> Person:
        birth_date = self.birth_date(age)
        given = given_name or self.given_name(style, female)
        family = family_name or self.family_name(style)
        adult = age >= 18
        phone = ""
        if age >= 13:
            phone = f"{self.rng.choice('49')}{self.rng.randrange(10_000_000):07d}"
        email = ""
        if adult and self.rng.random() < 0.45:
            suffix = self.rng.choice(("", "", str(self.rng.randint(1, 99))))
            email = f"{_ascii(given)}.{_ascii(family)}{suffix}@{self.rng.choice(_EMAIL_DOMAINS)}"
        person = Person(
            id=self.uuid(),
            national_id=self.national_id(birth_date, female),
            given_name=given,
            family_name=family,
            birth_date=birth_date,
            phone=phone,
            email=email,
            street_address=address.street,
            postal_code=address.postal_code,
            postal_town=address.town,
            written_language=style.language,
            interpreter_needed=adult and bool(style.interpreter),
            interpreter_language=style.interpreter if adult else "",
            address_protection=style.protection,
            shielded=style.shielded,
            office_id=self.offices[style.office.number].pk,
        )
        person.refresh_name_keys()  # bulk_create does not call save()
        return person

    def child_ages(self, parent_age: int, count: int) -> list[int]:
        """Ages 0-17 for which the parent was 18-45 at the birth."""
        low, high = max(0, parent_age - 45), min(17, parent_age - 18)
        return sorted((self.rng.randint(low, high) for _ in range(count)), reverse=True)

    def parent_age(self) -> int:
        return self.rng.randint(22, 58)

    # --- households ------------------------------------------------------------------------

    def household(self, group: _Group, members: list[tuple[Person, str, str, int | None]]) -> None:
        household = Household(id=self.uuid())
        start = ANCHOR - timedelta(days=self.rng.randint(30, 3650))
        for person, role, residence, visitation_class in members:
            earliest = person.birth_date
            if role != HouseholdRole.CHILD:
                earliest += timedelta(days=18 * 365 + 5)
            group.members.append(
                HouseholdMember(
                    household_id=household.id,
                    person_id=person.id,
                    role=role,
                    child_residence=residence,
                    visitation_class=visitation_class,
                    valid_from=max(start, earliest),
                )
            )
            if person not in group.persons:
                group.persons.append(person)
        group.households.append(household)

    @staticmethod
    def relate(group: _Group, person: Person, relative: Person, kind: str, back: str) -> None:
        # Ids rather than instances: Django's relation descriptors are slow in bulk.
        group.relations += [
            FamilyRelation(person_id=person.id, relative_id=relative.id, kind=kind),
            FamilyRelation(person_id=relative.id, relative_id=person.id, kind=back),
        ]

    def relate_children(self, group: _Group, parents: list[Person], children: list[Person]) -> None:
        for parent in parents:
            for child in children:
                self.relate(group, parent, child, RelationKind.PARENT, RelationKind.CHILD)
        for index, child in enumerate(children):
            for sibling in children[index + 1 :]:
                self.relate(group, child, sibling, RelationKind.SIBLING, RelationKind.SIBLING)

    def assign(self, person: Person, style: _Style) -> None:
        """The first adults of Oslo and Bergen are the personas' own persons ("mine")."""
        number = style.office.number
        if (
            number in self.caseworkers
            and style.protection == AddressProtection.NONE
            and not style.shielded
            and self.assigned[number] < _ASSIGNED_PER_CASEWORKER
        ):
            person.caseworker_id = self.caseworkers[number].pk
            self.assigned[number] += 1

    def single(self, style: _Style) -> _Group:
        group = _Group(style)
        adult = self.person(
            style, self.address(style), age=self.adult_age(), female=self.rng.random() < 0.5
        )
        self.household(group, [(adult, HouseholdRole.APPLICANT, "", None)])
        return group

    def couple(self, style: _Style, *, children: int = 0) -> _Group:
        group = _Group(style)
        address = self.address(style)
        age = self.parent_age() if children else self.adult_age(low=20)
        female = self.rng.random() < 0.5
        same_sex = self.rng.random() < 0.05
        married = self.rng.random() < 0.55
        head = self.person(style, address, age=age, female=female)
        other_age = max(18, min(90, age + self.rng.randint(-5, 5)))
        other = self.person(
            style,
            address,
            age=other_age,
            female=female if same_sex else not female,
            family_name=head.family_name if married and self.rng.random() < 0.6 else None,
        )
        role = HouseholdRole.SPOUSE if married else HouseholdRole.PARTNER
        rows: list[tuple[Person, str, str, int | None]] = [
            (head, HouseholdRole.APPLICANT, "", None),
            (other, role, "", None),
        ]
        kids = [
            self.person(
                style,
                address,
                age=child_age,
                female=self.rng.random() < 0.5,
                family_name=self.rng.choice((head.family_name, other.family_name)),
            )
            for child_age in self.child_ages(min(age, other_age), children)
        ]
        rows += [(kid, HouseholdRole.CHILD, ChildResidence.LIVES_HERE, None) for kid in kids]
        self.household(group, rows)
        self.relate(group, head, other, RelationKind.PARTNER, RelationKind.PARTNER)
        self.relate_children(group, [head, other], kids)
        return group

    def single_parent(
        self, style: _Style, *, children: int, residence: str | None = None
    ) -> _Group:
        """A parent with children who live here, live here half the time (delt bosted) or
        live with the other parent and visit (samvær, with a samværsklasse). Half of the
        other parents are in the register too, in a household of their own."""
        group = _Group(style)
        address = self.address(style)
        age = self.parent_age()
        female = self.rng.random() < 0.7
        parent = self.person(style, address, age=age, female=female)
        child_ages = self.child_ages(age, children)
        other: Person | None = None
        other_address = self.address(style)
        if style.protection == AddressProtection.NONE and self.rng.random() < 0.5:
            low = child_ages[0] + 18
            other_age = max(low, min(90, age + self.rng.randint(-4, 6)))
            other = self.person(style, other_address, age=other_age, female=not female)
        rows: list[tuple[Person, str, str, int | None]] = [
            (parent, HouseholdRole.APPLICANT, "", None)
        ]
        kids = []
        for child_age in child_ages:
            here = (
                residence
                or self.rng.choices(
                    (ChildResidence.LIVES_HERE, ChildResidence.SHARED, ChildResidence.VISITATION),
                    weights=(55, 25, 20),
                )[0]
            )
            kid = self.person(
                style,
                other_address if here == ChildResidence.VISITATION else address,
                age=child_age,
                female=self.rng.random() < 0.5,
                family_name=parent.family_name,
            )
            kids.append(kid)
            visitation_class = self.rng.randint(1, 4) if here == ChildResidence.VISITATION else None
            rows.append((kid, HouseholdRole.CHILD, here, visitation_class))
        self.household(group, rows)
        self.relate_children(group, [parent], kids)
        if other is not None:
            self.household(group, [(other, HouseholdRole.APPLICANT, "", None)])
            for kid in kids:
                self.relate(group, other, kid, RelationKind.PARENT, RelationKind.CHILD)
            self.relate(group, parent, other, RelationKind.CO_PARENT, RelationKind.CO_PARENT)
            self.relate(
                group, parent, other, RelationKind.FORMER_PARTNER, RelationKind.FORMER_PARTNER
            )
        return group

    def parent_with_adult_child(self, style: _Style) -> _Group:
        group = _Group(style)
        address = self.address(style)
        age = self.rng.randint(40, 70)
        parent = self.person(style, address, age=age, female=self.rng.random() < 0.6)
        child_age = self.rng.randint(18, min(26, age - 20))
        child = self.person(
            style,
            address,
            age=child_age,
            female=self.rng.random() < 0.5,
            family_name=parent.family_name,
        )
        self.household(
            group,
            [
                (parent, HouseholdRole.APPLICANT, "", None),
                (child, HouseholdRole.OTHER_ADULT, "", None),
            ],
        )
        self.relate(group, parent, child, RelationKind.PARENT, RelationKind.CHILD)
        return group

    def sharing(self, style: _Style) -> _Group:
        """Unrelated adults sharing a flat (bofellesskap)."""
        group = _Group(style)
        address = self.address(style)
        adults = [
            self.person(
                style, address, age=self.rng.randint(19, 34), female=self.rng.random() < 0.5
            )
            for _ in range(self.rng.choice((2, 2, 3)))
        ]
        rows: list[tuple[Person, str, str, int | None]] = [
            (adults[0], HouseholdRole.APPLICANT, "", None)
        ]
        rows += [(adult, HouseholdRole.OTHER_ADULT, "", None) for adult in adults[1:]]
        self.household(group, rows)
        return group

    def own_family(self, persona: _Persona) -> _Group:
        """A persona's own entry in the register, with a partner and a child (habilitet)."""
        assert persona.office is not None
        style = _Style(persona.office)
        group = _Group(style, assignable=False)
        address = self.address(style)
        own = self.person(
            style,
            address,
            age=38,
            female=True,
            given_name=persona.given_name,
            family_name=persona.family_name,
        )
        partner = self.person(
            style, address, age=40, female=False, given_name="Jonas", family_name="Eide"
        )
        child = self.person(
            style,
            address,
            age=7,
            female=True,
            given_name="Emma",
            family_name=f"{persona.family_name} Eide",
        )
        self.household(
            group,
            [
                (own, HouseholdRole.APPLICANT, "", None),
                (partner, HouseholdRole.PARTNER, "", None),
                (child, HouseholdRole.CHILD, ChildResidence.LIVES_HERE, None),
            ],
        )
        self.relate(group, own, partner, RelationKind.PARTNER, RelationKind.PARTNER)
        self.relate_children(group, [own, partner], [child])
        self.own_person_ids[persona.username] = own.national_id
        return group

    # --- the whole population ------------------------------------------------------------

    def special_groups(self) -> Iterator[_Group]:
        """Fixed first: the habilitet family, then protected persons of every kind."""
        yield self.own_family(PERSONAS[0])
        for spec in (_OSLO, _BERGEN):
            confidential = _Style(spec, protection=AddressProtection.CONFIDENTIAL)
            yield self.single(confidential)
            yield self.single_parent(confidential, children=2)
            strict = _Style(spec, protection=AddressProtection.STRICTLY_CONFIDENTIAL)
            yield self.single(strict)
            yield self.single_parent(strict, children=1)
            abroad = _Style(spec, protection=AddressProtection.STRICTLY_CONFIDENTIAL_ABROAD)
            yield self.single(abroad)
            yield self.single(abroad)
            shielded = _Style(spec, shielded=True)
            yield self.couple(shielded)
            yield self.single(shielded)

    def shaped_group(self, shape: str, style: _Style) -> _Group:
        if shape == "single":
            return self.single(style)
        if shape == "couple":
            return self.couple(style)
        if shape == "couple_with_children":
            return self.couple(style, children=self.rng.choice((1, 1, 2, 2, 3)))
        if shape == "single_parent":
            return self.single_parent(style, children=self.rng.choice((1, 1, 2, 3)))
        if shape == "single_parent_shared":
            return self.single_parent(style, children=1, residence=ChildResidence.SHARED)
        if shape == "single_parent_visitation":
            return self.single_parent(style, children=1, residence=ChildResidence.VISITATION)
        if shape == "parent_with_adult_child":
            return self.parent_with_adult_child(style)
        return self.sharing(style)

    def random_groups(self) -> Iterator[_Group]:
        """One household of every shape in Oslo and Bergen first, then a weighted mix."""
        first = (
            "single",
            "couple",
            "couple_with_children",
            "single_parent",
            "single_parent_shared",
            "single_parent_visitation",
            "parent_with_adult_child",
            "sharing",
        )
        for spec in (_OSLO, _BERGEN):
            for shape in first:
                yield self.shaped_group(shape, self.style(spec))
        shapes = (
            "single",
            "couple",
            "couple_with_children",
            "single_parent",
            "parent_with_adult_child",
            "sharing",
        )
        weights = (36, 20, 20, 13, 5, 6)
        shares = [spec.share for spec in OFFICES]
        while True:
            spec = self.rng.choices(OFFICES, weights=shares)[0]
            shape = self.rng.choices(shapes, weights=weights)[0]
            yield self.shaped_group(shape, self.style(spec))

    def groups(self, total: int) -> Iterator[_Group]:
        """Groups holding exactly `total` persons: a group that would overshoot is replaced
        by a single adult of the same office."""
        made = 0
        sources = (self.special_groups(), self.random_groups())
        for source in sources:
            for made_group in source:
                if made >= total:
                    return
                group = made_group
                if made + len(group.persons) > total:
                    group = self.single(group.style)
                made += len(group.persons)
                if group.assignable:
                    self.assign(group.persons[0], group.style)
                yield group
