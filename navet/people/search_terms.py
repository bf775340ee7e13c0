"""What a caseworker typed into the person search, and what it means.

One text box takes all of these, told apart by their shape:

* a fødselsnummer or D-nummer: 11 digits (spaces allowed), check digits verified;
* a birth date: ``ddmmåå`` (``030499``), ``ddmmåååå`` or ``dd.mm.åååå`` (``03.04.1999``;
  also with ``/`` or ``-`` and one-digit day or month). Six digits leave the century open,
  so both 19åå and 20åå are searched, the later only if it is not in the future;
* a reference of an application (``0315-2026-000123``) or a decision (``0315-2026-V00045``,
  ADR 0005);
* a name: "Etternavn, Fornavn" (each part the start of the name) or "Fornavn Etternavn" /
  "Etternavn Fornavn" (the start of the whole name).

Pure parsing, no database. An error's message says what is wrong, never the number typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.people.identifiers import IdentifierError, parse_id

NATIONAL_ID_DIGITS = 11
APPLICATION_REFERENCE = re.compile(r"^[0-9]{4}-[0-9]{4}-[0-9]{6,}$")
DECISION_REFERENCE = re.compile(r"^[0-9]{4}-[0-9]{4}-V[0-9]{5,}$")
_DOTTED_DATE = re.compile(r"^([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{4})$")


class TermKind(StrEnum):
    NATIONAL_ID = "national_id"
    BIRTH_DATE = "birth_date"
    APPLICATION_REFERENCE = "application_reference"
    DECISION_REFERENCE = "decision_reference"
    NAME = "name"


class SearchTermError(ValueError):
    """The text cannot be searched for; the message is for the caseworker."""


@dataclass(frozen=True)
class SearchTerm:
    kind: TermKind
    text: str
    birth_dates: tuple[date, ...] = field(default=())
    # For "Etternavn, Fornavn": the two parts as typed (not yet normalised).
    family: str = ""
    given: str = ""

    @property
    def is_reference(self) -> bool:
        return self.kind in (TermKind.APPLICATION_REFERENCE, TermKind.DECISION_REFERENCE)


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _birth_dates(day: int, month: int, year: int, *, century_known: bool) -> tuple[date, ...]:
    today = timezone.localdate()
    candidates = (year,) if century_known else (1900 + year, 2000 + year)
    years = [y for y in candidates if y <= today.year]
    found = tuple(d for y in years if (d := _day(y, month, day)) is not None and d <= today)
    if not found:
        raise SearchTermError(
            _("Datoen finnes ikke. Skriv fødselsdatoen som ddmmåå eller dd.mm.åååå.")
        )
    return found


def parse_search(raw: str) -> SearchTerm:
    text = " ".join(raw.split())
    compact = text.replace(" ", "")
    if compact.isdigit():
        if len(compact) == NATIONAL_ID_DIGITS:
            try:
                parse_id(compact, allow_synthetic=settings.ALLOW_SYNTHETIC_IDS)
            except IdentifierError as error:
                raise SearchTermError(
                    _("Fødselsnummeret er ikke gyldig. Sjekk at alle de 11 sifrene er riktige.")
                ) from error
            return SearchTerm(TermKind.NATIONAL_ID, compact)
        if len(compact) in (6, 8):
            day, month, year = int(compact[:2]), int(compact[2:4]), int(compact[4:])
            dates = _birth_dates(day, month, year, century_known=len(compact) == 8)
            return SearchTerm(TermKind.BIRTH_DATE, compact, birth_dates=dates)
        raise SearchTermError(
            _("Skriv alle 11 sifrene i fødselsnummeret, eller fødselsdatoen med 6 sifre (ddmmåå).")
        )
    if match := _DOTTED_DATE.fullmatch(compact):
        day, month, year = (int(part) for part in match.groups())
        dates = _birth_dates(day, month, year, century_known=True)
        return SearchTerm(TermKind.BIRTH_DATE, compact, birth_dates=dates)
    upper = compact.upper()
    if APPLICATION_REFERENCE.fullmatch(upper):
        return SearchTerm(TermKind.APPLICATION_REFERENCE, upper)
    if DECISION_REFERENCE.fullmatch(upper):
        return SearchTerm(TermKind.DECISION_REFERENCE, upper)
    if "," in text:
        family, _comma, given = (part.strip() for part in text.partition(","))
        if "," in given or not family:
            raise SearchTermError(
                _("Skriv navnet som «Etternavn, Fornavn» eller «Fornavn Etternavn».")
            )
        return SearchTerm(TermKind.NAME, text, family=family, given=given)
    if not any(char.isalpha() for char in text):
        raise SearchTermError(
            _("Skriv et navn, en fødselsdato, et fødselsnummer eller en referanse.")
        )
    return SearchTerm(TermKind.NAME, text)
