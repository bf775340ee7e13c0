"""Read a schema-valid soknad.json into plain, frozen values for the case system.

Forward compatible as NAV asks (reference/digisos.md § 6.9): unknown fields are ignored,
unknown ``type`` codes are kept as given, titles are shown as sent, rows whose ``kilde`` is
``utdatert`` are left out everywhere, and the ``kompatibilitet`` texts for the version this
parser follows are kept as notices the caseworker must see.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from navet.digisos.validation import json_path, parse_date, parse_timestamp

PARSER_VERSION = "1.0.11"  # the soknad schema version this parser is written for

ItemArea = Literal["income", "expense", "asset", "payout", "expense_detail", "housing_support"]


@dataclass(frozen=True)
class Spouse:
    name: str
    birth_date: date | None
    national_id: str


@dataclass(frozen=True)
class Child:
    name: str
    birth_date: date | None
    national_id: str
    lives_with: bool | None
    shared_residence: bool | None
    visitation_percent: int | None
    path: str = field(default="", compare=False)  # $.data.familie.forsorgerplikt.ansvar[i]


@dataclass(frozen=True)
class Item:
    """One row of the søknad's economy: an income, expense, asset, payout or bostøtte sak."""

    area: ItemArea
    type: str
    title: str
    amount: int | None
    source: str
    overridden: bool
    path: str
    # Where the amount was read from (netto, brutto or belop), or "" when there is none.
    amount_path: str = field(default="", compare=False)


@dataclass(frozen=True)
class Confirmation:
    type: str
    title: str
    value: bool | None


@dataclass(frozen=True)
class Employment:
    employer: str
    start: date | None
    end: date | None
    percent: int | None


@dataclass(frozen=True)
class Soknad:
    version: str
    national_id: str
    given_name: str
    middle_name: str
    family_name: str
    birth_date: date | None
    phone: str
    account_number: str
    has_no_account: bool
    submitted_at: datetime | None
    office_number: str
    office_name: str
    municipality_number: str
    kind: str
    applied_for: str
    reason: str
    marital_status: str
    spouse: Spouse | None
    children: tuple[Child, ...]
    has_maintenance_duty: bool | None
    child_support: str
    housing_type: str
    household_size: int | None
    items: tuple[Item, ...]
    confirmations: tuple[Confirmation, ...]
    employment: tuple[Employment, ...]
    is_student: bool | None
    change_description: str
    notices: tuple[str, ...]
    register_failures: tuple[str, ...]


def parse_soknad(document: Mapping[str, Any]) -> Soknad:
    """The søknad in ``document``, which has passed ``schema_problems(document, SOKNAD)``.

    Missing optional fields become ``""``, ``None`` or ``()``; the parser does not raise on
    a schema-valid document.
    """
    data = _object(document.get("data"))
    personalia = _object(data.get("personalia"))
    navn = _object(personalia.get("navn"))
    kontonummer = _current(personalia.get("kontonummer"))
    mottaker = _object(document.get("mottaker"))
    begrunnelse = _current(data.get("begrunnelse"))
    familie = _object(data.get("familie"))
    sivilstatus = _current(familie.get("sivilstatus"))
    forsorgerplikt = _object(familie.get("forsorgerplikt"))
    bosituasjon = _current(data.get("bosituasjon"))
    utdanning = _current(data.get("utdanning"))
    situasjonendring = _current(data.get("situasjonendring"))
    kind = _text(data.get("soknadstype")) or "standard"
    return Soknad(
        version=_text(document.get("version")),
        national_id=_text(_current(personalia.get("personIdentifikator")).get("verdi")),
        given_name=_text(navn.get("fornavn")),
        middle_name=_text(navn.get("mellomnavn")),
        family_name=_text(navn.get("etternavn")),
        birth_date=parse_date(personalia.get("fodselsdato")),
        phone=_text(_current(personalia.get("telefonnummer")).get("verdi")),
        account_number=_text(kontonummer.get("verdi")),
        has_no_account=kontonummer.get("harIkkeKonto") is True,
        submitted_at=parse_timestamp(document.get("innsendingstidspunkt")),
        office_number=_text(mottaker.get("enhetsnummer")),
        office_name=_text(mottaker.get("navEnhetsnavn")),
        municipality_number=_text(mottaker.get("kommunenummer")),
        kind=kind,
        applied_for=_text(begrunnelse.get("hvaSokesOm")),
        reason=_text(begrunnelse.get("hvorforSoke")),
        marital_status=_text(sivilstatus.get("status")),
        spouse=_spouse(sivilstatus.get("ektefelle")),
        children=tuple(_children(forsorgerplikt.get("ansvar"))),
        has_maintenance_duty=_flag(_current(forsorgerplikt.get("harForsorgerplikt")).get("verdi")),
        child_support=_text(_current(forsorgerplikt.get("barnebidrag")).get("verdi")),
        housing_type=_text(bosituasjon.get("botype")),
        household_size=_whole(bosituasjon.get("antallPersoner")),
        items=tuple(_items(_object(data.get("okonomi")))),
        confirmations=tuple(_confirmations(data)),
        employment=tuple(_employment(_object(data.get("arbeid")))),
        is_student=_flag(utdanning.get("erStudent")),
        change_description=_text(situasjonendring.get("hvaHarEndretSeg")),
        notices=tuple(_notices(document.get("kompatibilitet"))),
        register_failures=tuple(
            str(name)
            for name, failed in _object(document.get("driftsinformasjon")).items()
            if failed is True
        ),
    )


# --- Parts -----------------------------------------------------------------------------


def _spouse(value: object) -> Spouse | None:
    if not isinstance(value, Mapping):
        return None
    return Spouse(
        name=_full_name(value.get("navn")),
        birth_date=parse_date(value.get("fodselsdato")),
        national_id=_text(value.get("personIdentifikator")),
    )


def _children(value: object) -> Iterator[Child]:
    for index, ansvar in enumerate(value if isinstance(value, list) else ()):
        if not isinstance(ansvar, Mapping):
            continue
        barn = _object(ansvar.get("barn"))
        if barn.get("kilde") == "utdatert":
            continue
        # borSammenMed is the applicant's answer; NAV only asks it for a child not registered
        # at the applicant's address, so the register's erFolkeregistrertSammen answers it
        # otherwise.
        lives_with = _flag(_current(ansvar.get("borSammenMed")).get("verdi"))
        if lives_with is None:
            lives_with = _flag(_current(ansvar.get("erFolkeregistrertSammen")).get("verdi"))
        yield Child(
            name=_full_name(barn.get("navn")),
            birth_date=parse_date(barn.get("fodselsdato")),
            national_id=_text(barn.get("personIdentifikator")),
            lives_with=lives_with,
            shared_residence=_flag(_current(ansvar.get("harDeltBosted")).get("verdi")),
            visitation_percent=_whole(_current(ansvar.get("samvarsgrad")).get("verdi")),
            path=json_path(("data", "familie", "forsorgerplikt", "ansvar", index)),
        )


def _items(okonomi: Mapping[str, Any]) -> Iterator[Item]:
    oversikt = _object(okonomi.get("oversikt"))
    opplysninger = _object(okonomi.get("opplysninger"))
    base = ("data", "okonomi")

    def rows(
        area: ItemArea, parent: Mapping[str, Any], *where: str
    ) -> Iterator[tuple[ItemArea, Mapping[str, Any], str]]:
        for index, row in enumerate(parent.get(where[-1]) or ()):
            if isinstance(row, Mapping) and row.get("kilde") != "utdatert":
                yield area, row, json_path((*base, *where, index))

    for area, row, path in rows("income", oversikt, "oversikt", "inntekt"):
        yield _item(area, row, path, "netto", "brutto")
    for area, row, path in rows("expense", oversikt, "oversikt", "utgift"):
        yield _item(area, row, path, "belop")
    for area, row, path in rows("asset", oversikt, "oversikt", "formue"):
        yield _item(area, row, path, "belop")
    for area, row, path in rows("payout", opplysninger, "opplysninger", "utbetaling"):
        yield _item(area, row, path, "netto", "belop", "brutto")
    for area, row, path in rows("expense_detail", opplysninger, "opplysninger", "utgift"):
        yield _item(area, row, path, "belop")
    bostotte = _object(opplysninger.get("bostotte"))
    for area, row, path in rows("housing_support", bostotte, "opplysninger", "bostotte", "saker"):
        kind = _text(row.get("type"))
        yield Item(
            area=area,
            type=kind,
            title=_text(row.get("beskrivelse")) or kind,
            amount=None,
            source=_text(row.get("kilde")),
            overridden=False,
            path=path,
        )


def _item(area: ItemArea, row: Mapping[str, Any], path: str, *amount_keys: str) -> Item:
    """The row as an Item; its amount is the first of ``amount_keys`` the row has."""
    amount, key = next(
        ((kroner, key) for key in amount_keys if (kroner := _kroner(row.get(key))) is not None),
        (None, ""),
    )
    return Item(
        area=area,
        type=_text(row.get("type")),
        title=_text(row.get("tittel")),
        amount=amount,
        source=_text(row.get("kilde")),
        overridden=row.get("overstyrtAvBruker") is True,
        path=path,
        amount_path=f"{path}.{key}" if key else "",
    )


def _confirmations(data: Mapping[str, Any]) -> Iterator[Confirmation]:
    opplysninger = _object(_object(data.get("okonomi")).get("opplysninger"))
    for row in _rows(opplysninger.get("bekreftelse")):
        if row.get("kilde") != "utdatert":
            yield Confirmation(
                type=_text(row.get("type")),
                title=_text(row.get("tittel")),
                value=_flag(row.get("verdi")),
            )


def _employment(arbeid: Mapping[str, Any]) -> Iterator[Employment]:
    for row in _rows(arbeid.get("forhold")):
        if row.get("kilde") != "utdatert":
            yield Employment(
                employer=_text(row.get("arbeidsgivernavn")),
                start=parse_date(row.get("fom")),
                end=parse_date(row.get("tom")),
                percent=_whole(row.get("stillingsprosent")),
            )


def _notices(value: object) -> Iterator[str]:
    """The kompatibilitet texts whose [minVersion, maxVersion] holds PARSER_VERSION.

    A missing bound is open. A bound that is not a version is treated as open too: NAV
    says every text for the version MUST be shown, so doubt shows the text.
    """
    ours = _version_key(PARSER_VERSION)
    assert ours is not None
    for row in _rows(value):
        text = _text(row.get("text"))
        low = _version_key(row.get("minVersion"))
        high = _version_key(row.get("maxVersion"))
        if text and (low is None or low <= ours) and (high is None or ours <= high):
            yield text


_SEMVER = re.compile(
    r"([0-9]+)\.([0-9]+)\.([0-9]+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?",
)

# A run of digits in numeric order: (how many significant digits, the digits).
_Number = tuple[int, str]
_VersionKey = tuple[_Number, _Number, _Number, int, tuple[tuple[int, _Number, str], ...]]


def _version_key(value: object) -> _VersionKey | None:
    """Semantic-version order: numbers numerically, a pre-release before its release."""
    match = _SEMVER.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    major, minor, patch, pre = match.groups()
    release = _number(major), _number(minor), _number(patch)
    if pre is None:
        return *release, 1, ()
    identifiers = tuple(
        (0, _number(part), "") if part.isdigit() else (1, (0, ""), part) for part in pre.split(".")
    )
    return *release, 0, identifiers


def _number(digits: str) -> _Number:
    """ASCII digits as a key in numeric order, without int(): a version number may have
    more digits than Python converts (4300), and the schema allows any number of them."""
    significant = digits.lstrip("0") or "0"
    return len(significant), significant


# --- Small readers ---------------------------------------------------------------------

_EMPTY: Mapping[str, Any] = {}


def _object(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else _EMPTY


def _current(value: object) -> Mapping[str, Any]:
    """An object with a ``kilde``, or nothing when that kilde is ``utdatert``."""
    found = _object(value)
    return _EMPTY if found.get("kilde") == "utdatert" else found


def _rows(value: object) -> Iterator[Mapping[str, Any]]:
    if isinstance(value, list):
        yield from (row for row in value if isinstance(row, Mapping))


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _whole(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    return int(value)


def _kroner(value: object) -> int | None:
    """An amount in whole kroner, rounded half up (away from zero); None when absent."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int):
        return value
    if not math.isfinite(value):
        return None
    if value.is_integer():  # every float beyond 2**52 is; quantize would need its digits
        return int(value)
    return int(Decimal(repr(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _full_name(value: object) -> str:
    navn = _object(value)
    parts = (_text(navn.get(name)).strip() for name in ("fornavn", "mellomnavn", "etternavn"))
    return " ".join(part for part in parts if part)
