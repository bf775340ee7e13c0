"""The demo's fixed tables: the offices, the five personas, the languages of households
that speak neither Norwegian language, and the individnumre allowed per birth year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Final

# Ages are counted on this day, not today, so a rerun next year makes the same people.
ANCHOR: Final = date(2026, 1, 1)
# Faker has no "nb_NO"; its Norwegian (bokmål) locale is called no_NO.
FAKER_LOCALE: Final = "no_NO"


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


# A caseworker gets at most this many of the office's persons assigned.
_ASSIGNED_PER_CASEWORKER: Final = 20
