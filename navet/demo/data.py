"""The demo's fixed tables, read from tables.toml (the offices with their streets, the
five personas, the languages of households that speak neither Norwegian language), and the
individnumre allowed per birth year."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Final

# Ages are counted on this day, not today, so a rerun next year makes the same people.
ANCHOR: Final = date(2026, 1, 1)
# Faker has no "nb_NO"; its Norwegian (bokmål) locale is called no_NO.
FAKER_LOCALE: Final = "no_NO"


_TABLES: Final = tomllib.loads(
    resources.files("navet.demo").joinpath("tables.toml").read_text(encoding="utf-8")
)


@dataclass(frozen=True)
class _OfficeSpec:
    number: str
    name: str
    municipality_number: str
    district: str
    district_number: str  # SSB's, for KOSTRA (Oslo's districts only)
    town: str
    postal_codes: tuple[str, ...]
    streets: tuple[str, ...]
    share: float  # of the random population
    nynorsk: float  # share of households writing nynorsk


OFFICES: Final = tuple(
    _OfficeSpec(
        number=row["number"],
        name=row["name"],
        municipality_number=row["municipality_number"],
        district=row["district"],
        district_number=row.get("district_number", ""),
        town=row["town"],
        postal_codes=tuple(row["postal_codes"]),
        streets=tuple(row["streets"]),
        share=row["share"],
        nynorsk=row["nynorsk"],
    )
    for row in _TABLES["offices"]
)
_OSLO, _BERGEN = OFFICES[0], OFFICES[1]
_OFFICE_BY_NUMBER: Final = {office.number: office for office in OFFICES}


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


PERSONAS: Final = tuple(
    _Persona(
        username=row["username"],
        nav_ident=row["nav_ident"],
        given_name=row["given_name"],
        family_name=row["family_name"],
        office=_OFFICE_BY_NUMBER[row["office"]] if row["office"] else None,
        flags=dict(row["flags"]),
    )
    for row in _TABLES["personas"]
)

# Households whose members read and speak neither Norwegian language: (interpreter language,
# written language, male given names, female given names, family names).
_Names = tuple[str, ...]
_FOREIGN: Final[tuple[tuple[str, str, _Names, _Names, _Names], ...]] = tuple(
    (
        row["interpreter_language"],
        row["written_language"],
        tuple(row["male_given_names"]),
        tuple(row["female_given_names"]),
        tuple(row["family_names"]),
    )
    for row in _TABLES["foreign_households"]
)
_FOREIGN_SHARE: Final = 0.03


@dataclass(frozen=True)
class DemoRequest:
    """What a digital demo application asks for and why, and its expenses besides the rent
    as (Digisos utgift type, title, least, most kroner a month)."""

    what: str
    why: str
    expenses: tuple[tuple[str, str, int, int], ...]
    with_children: bool = False  # only for applicants with children


REQUESTS: Final = tuple(
    DemoRequest(
        what=row["what"],
        why=row["why"],
        expenses=tuple((t, title, lo, hi) for t, title, lo, hi in row["expenses"]),
        with_children=row.get("with_children", False),
    )
    for row in _TABLES["requests"]
)
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


# A caseworker gets at most this many of the office's persons assigned.
_ASSIGNED_PER_CASEWORKER: Final = 20
