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

import random
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Final

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from faker import Faker

from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.demo_passwords import DEMO_PASSWORD
from navet.core.models import Employee, Office
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

__all__ = ["ANCHOR", "DEMO_PASSWORD", "PERSONAS", "DemoSummary", "seed_demo"]

# Ages are counted on this day, not today, so a rerun next year makes the same people.
ANCHOR: Final = date(2026, 1, 1)
# Faker has no "nb_NO"; its Norwegian (bokmål) locale is called no_NO.
FAKER_LOCALE: Final = "no_NO"
PROGRESS_EVERY: Final = 10_000
_CHUNK: Final = 5_000  # persons generated, then written, per round
_BATCH: Final = 1_000  # rows per INSERT
_LOOKUP_BATCH: Final = 900  # fødselsnumre per "which exist already?" query
_ASSIGNED_PER_CASEWORKER: Final = 20


@dataclass(frozen=True)
class _OfficeSpec:
    number: str
    name: str
    municipality_number: str
    district: str
    town: str
    postal_codes: tuple[str, ...]
    streets: tuple[str, ...]
    share: float  # of the random population
    nynorsk: float  # share of households writing nynorsk


OFFICES: Final = (
    _OfficeSpec(
        "0315",
        "Nav Grünerløkka",
        "0301",
        "Grünerløkka",
        "Oslo",
        ("0550", "0552", "0553", "0554", "0555", "0556", "0557", "0558", "0559", "0562", "0563"),
        (
            "Thorvald Meyers gate",
            "Markveien",
            "Toftes gate",
            "Seilduksgata",
            "Sofienberggata",
            "Helgesens gate",
            "Nordre gate",
            "Grüners gate",
            "Københavngata",
            "Fossveien",
            "Schleppegrells gate",
            "Sannergata",
            "Korsgata",
            "Rathkes gate",
        ),
        0.45,
        0.05,
    ),
    _OfficeSpec(
        "1203",
        "Nav Bergenhus",
        "4601",
        "Bergenhus",
        "Bergen",
        ("5003", "5004", "5005", "5006", "5007", "5008", "5011", "5012", "5013", "5015", "5017"),
        (
            "Nygårdsgaten",
            "Strandgaten",
            "Kong Oscars gate",
            "Vestre Torggaten",
            "Kalfarveien",
            "Nordnesgaten",
            "Sydnesgaten",
            "Sandviksveien",
            "Ladegårdsgaten",
            "Christies gate",
            "Håkonsgaten",
            "Marken",
        ),
        0.35,
        0.30,
    ),
    _OfficeSpec(
        "1601",
        "Nav Midtbyen",
        "5001",
        "Midtbyen",
        "Trondheim",
        ("7010", "7011", "7012", "7013", "7014", "7015"),
        (
            "Munkegata",
            "Kongens gate",
            "Dronningens gate",
            "Olav Tryggvasons gate",
            "Prinsens gate",
            "Erling Skakkes gate",
            "Fjordgata",
            "Kjøpmannsgata",
        ),
        0.12,
        0.10,
    ),
    _OfficeSpec(
        "1902",
        "Nav Tromsø",
        "5501",
        "",
        "Tromsø",
        ("9006", "9007", "9008", "9009", "9010", "9011", "9012", "9013"),
        (
            "Storgata",
            "Grønnegata",
            "Sjøgata",
            "Vestregata",
            "Skippergata",
            "Parkgata",
            "Kirkegata",
            "Fredrik Langes gate",
        ),
        0.08,
        0.08,
    ),
)
_OSLO, _BERGEN = OFFICES[0], OFFICES[1]


@dataclass(frozen=True)
class _Persona:
    username: str
    nav_ident: str
    given_name: str
    family_name: str
    office: _OfficeSpec | None
    flags: dict[str, bool]

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"


PERSONAS: Final = (
    _Persona("veileder.oslo", "Z990001", "Ingrid", "Solberg", _OSLO, {"is_caseworker": True}),
    _Persona("veileder.bergen", "Z990002", "Magnus", "Haugland", _BERGEN, {"is_caseworker": True}),
    _Persona("leder.oslo", "Z990003", "Kristin", "Bakke", _OSLO, {"is_leader": True}),
    _Persona(
        "veileder.fortrolig",
        "Z990004",
        "Henrik",
        "Lie",
        _OSLO,
        {
            "is_caseworker": True,
            "may_see_strictly_confidential": True,
            "may_see_confidential": True,
        },
    ),
    _Persona("admin", "Z990005", "Anne", "Nilsen", None, {"is_administrator": True}),
)

# Households whose members read and speak neither Norwegian language: (interpreter language,
# written language, male given names, female given names, family names).
_FOREIGN: Final = (
    (
        "arabisk",
        "other",
        ("Ahmad", "Omar", "Yousef", "Khaled"),
        ("Fatima", "Amira", "Layla", "Noor"),
        ("Haddad", "Khalil", "Nasser", "Saleh"),
    ),
    (
        "somali",
        "other",
        ("Abdi", "Mohamed", "Abdirahman", "Yusuf"),
        ("Hodan", "Fadumo", "Ayaan", "Hawa"),
        ("Warsame", "Hassan", "Farah", "Jama"),
    ),
    (
        "polsk",
        "other",
        ("Piotr", "Tomasz", "Krzysztof", "Marek"),
        ("Agnieszka", "Katarzyna", "Magdalena", "Anna"),
        ("Nowak", "Wójcik", "Kowalczyk", "Mazur"),
    ),
    (
        "ukrainsk",
        "other",
        ("Oleksandr", "Andrii", "Dmytro", "Serhii"),
        ("Olena", "Iryna", "Oksana", "Nataliia"),
        ("Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko"),
    ),
    (
        "tigrinja",
        "other",
        ("Yonas", "Dawit", "Samuel", "Tesfay"),
        ("Selam", "Helen", "Mebrat", "Senait"),
        ("Tesfamariam", "Gebremedhin", "Haile", "Berhane"),
    ),
    (
        "engelsk",
        "en",
        ("James", "Daniel", "Thomas", "Michael"),
        ("Sarah", "Emily", "Laura", "Rachel"),
        ("Smith", "Brown", "Taylor", "Wilson"),
    ),
)
_FOREIGN_SHARE: Final = 0.03
_EMAIL_DOMAINS: Final = ("example.com", "example.net", "example.org")  # reserved, never real

# Individnumre allowed for a birth year (§ 6.1), split by the sex digit (even = female).
_RANGE_1900: Final = tuple(range(0, 500))
_RANGE_1940: Final = tuple(range(0, 500)) + tuple(range(900, 1000))
_RANGE_2000: Final = tuple(range(500, 1000))


@cache
def _individual_numbers(year: int, female: bool) -> tuple[int, ...]:
    if year >= 2000:
        numbers = _RANGE_2000
    elif year >= 1940:
        numbers = _RANGE_1940
    else:
        numbers = _RANGE_1900
    return tuple(n for n in numbers if n % 2 == (0 if female else 1))


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

    from navet.applications.demo import seed_applications

    if applications:
        summary.applications_created = seed_applications(seed=seed)
    trail.record(
        actor=None, action=AuditAction.DEMO_SEEDED, data={"seed": seed, **summary.audit_data()}
    )
    return summary
