"""Norwegian personal identifiers: fødselsnummer, D-nummer and synthetic test numbers.

Pure Python, no Django. The facts are in ``/work/shared/reference/regelverk.md`` §6:

* Layout ``DDMMYY`` + individnummer (3 digits) + K1 + K2.
* K1 weights 3 7 6 1 8 9 4 5 2, K2 weights 5 4 3 2 7 6 5 4 3 2 (the last one on K1).
  Under the old rule K1 makes the weighted sum of the first ten digits ≡ 0 (mod 11). For
  numbers issued from 1 January 2032 the remainder may be 0, 1, 2 or 3. K2 is unchanged and
  always makes the weighted sum of all eleven digits ≡ 0 (mod 11).
* D-nummer: day + 40. NAV/Dolly synthetic numbers: month + 40. Skatteetaten Test Norge/Tenor
  synthetic numbers: month + 80. The day and month offsets combine.
* Old rule: the individnummer gives the century (§6.1). Numbers issued under the 2032 rule do
  not carry the century, so a birth date derived from them is only a guess.

Nothing in this module ever puts an identifier in an error message or a ``repr``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final

__all__ = [
    "IdKind",
    "IdentifierError",
    "ParsedId",
    "check_digits",
    "is_valid_id",
    "make_synthetic_id",
    "mask_id",
    "parse_id",
]

_DIGITS: Final = frozenset("0123456789")
_K1_WEIGHTS: Final = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2_WEIGHTS: Final = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
# Remainders of (weighted sum of d1..i3 + K1) mod 11 that a K1 digit may produce.
_OLD_K1_REMAINDERS: Final = frozenset({0})
_NEW_K1_REMAINDERS: Final = frozenset({0, 1, 2, 3})

_D_NUMBER_DAY_OFFSET: Final = 40
_DOLLY_MONTH_OFFSET: Final = 40
_TEST_NORGE_MONTH_OFFSET: Final = 80

SYNTHETIC_DOLLY: Final = "dolly"
SYNTHETIC_TEST_NORGE: Final = "test_norge"

_MASK: Final = "*" * 5


class IdentifierError(ValueError):
    """The text is not an acceptable identifier.

    The message says what is wrong, never which number it was.
    """


class IdKind(StrEnum):
    FNR = "fnr"
    DNR = "dnr"


@dataclass(frozen=True)
class ParsedId:
    """A validated identifier.

    ``birth_date`` is None when the century cannot be derived. For ``new_k1_rule`` numbers
    (issued from 2032) it is at best a provisional guess from the old century table; the real
    birth date must come from Folkeregisteret.
    """

    value: str
    kind: IdKind
    synthetic: str | None
    birth_date: date | None
    new_k1_rule: bool

    def __repr__(self) -> str:
        # Never show the full number: logs and tracebacks use repr().
        return (
            f"ParsedId(value={mask_id(self.value)!r}, kind={self.kind.value!r}, "
            f"synthetic={self.synthetic!r}, birth_date={self.birth_date!r}, "
            f"new_k1_rule={self.new_k1_rule!r})"
        )


def _is_ascii_digits(text: str, length: int) -> bool:
    return len(text) == length and all(ch in _DIGITS for ch in text)


def _weighted_sum(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(ch) * weight for ch, weight in zip(digits, weights, strict=True))


def _check_digit(weighted_sum: int) -> int | None:
    """The digit that makes ``weighted_sum + digit`` divisible by 11, or None if it would be 10."""
    digit = (11 - weighted_sum % 11) % 11
    return None if digit == 10 else digit


def check_digits(first9: str) -> tuple[int, int] | None:
    """K1 and K2 for nine digits (DDMMYY + individnummer) under the old K1 rule.

    Returns None when K1 or K2 would be 10, i.e. no valid old-rule number starts with these
    nine digits. Raises IdentifierError unless ``first9`` is exactly nine ASCII digits.
    """
    if not isinstance(first9, str) or not _is_ascii_digits(first9, 9):
        raise IdentifierError("expected exactly 9 digits")
    k1 = _check_digit(_weighted_sum(first9, _K1_WEIGHTS))
    if k1 is None:
        return None
    k2 = _check_digit(_weighted_sum(f"{first9}{k1}", _K2_WEIGHTS))
    if k2 is None:
        return None
    return k1, k2


def _century(individual: int, yy: int) -> int | None:
    """The century (1800, 1900 or 2000) that the old rule (§6.1) assigns, or None."""
    if 0 <= individual <= 499:
        return 1900
    if 500 <= individual <= 749 and yy >= 54:
        return 1800
    if 500 <= individual <= 999 and yy <= 39:
        return 2000
    if 900 <= individual <= 999 and yy >= 40:
        return 1900
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_id(value: str, *, allow_synthetic: bool, today: date | None = None) -> ParsedId:
    """Validate a fødselsnummer or D-nummer and describe it.

    Spaces are removed first; what is left must be exactly 11 ASCII digits. The checks are:
    K2 (one valid digit); K1 under the old rule or the 2032 rule (remainder 0-3); day 1-31 or,
    for a D-nummer, 41-71; month 1-12, or +40 (Dolly) / +80 (Test Norge) when
    ``allow_synthetic`` is true (synthetic numbers are refused otherwise).

    Old-rule numbers: the century comes from the individnummer (§6.1). An individnummer that
    fits no century for the year is refused, the date must exist, and the birth date must not
    be after ``today`` (default ``date.today()``).

    2032-rule numbers (``new_k1_rule=True``): the individnummer no longer gives the century.
    The number is accepted when day and month exist for some century; ``birth_date`` is the
    old century table's guess when that gives a real date not after ``today``, and None
    otherwise. It is never authoritative: for these numbers the birth date (and gender) must
    come from Folkeregisteret, and the caller should supply it from there.
    """
    if not isinstance(value, str):
        raise IdentifierError("identifier must be text")
    digits = value.replace(" ", "")
    if not _is_ascii_digits(digits, 11):
        raise IdentifierError("identifier must be exactly 11 digits")

    if _weighted_sum(digits, (*_K2_WEIGHTS, 1)) % 11 != 0:
        raise IdentifierError("second check digit (K2) is wrong")
    k1_remainder = _weighted_sum(digits[:10], (*_K1_WEIGHTS, 1)) % 11
    if k1_remainder not in _NEW_K1_REMAINDERS:
        raise IdentifierError("first check digit (K1) is wrong")
    new_k1_rule = k1_remainder not in _OLD_K1_REMAINDERS

    day = int(digits[0:2])
    month = int(digits[2:4])
    yy = int(digits[4:6])
    individual = int(digits[6:9])

    kind = IdKind.FNR
    if day > _D_NUMBER_DAY_OFFSET:
        kind = IdKind.DNR
        day -= _D_NUMBER_DAY_OFFSET

    synthetic: str | None = None
    if month > _TEST_NORGE_MONTH_OFFSET:
        synthetic = SYNTHETIC_TEST_NORGE
        month -= _TEST_NORGE_MONTH_OFFSET
    elif month > _DOLLY_MONTH_OFFSET:
        synthetic = SYNTHETIC_DOLLY
        month -= _DOLLY_MONTH_OFFSET

    if not (1 <= day <= 31 and 1 <= month <= 12):
        raise IdentifierError("day or month is out of range")
    if synthetic is not None and not allow_synthetic:
        raise IdentifierError("synthetic test identifiers are not accepted here")

    today = date.today() if today is None else today
    century = _century(individual, yy)
    guessed = None if century is None else _safe_date(century + yy, month, day)

    if new_k1_rule:
        # 2000-2099 has the most permissive leap years (00 is a leap year), so this accepts a
        # day and month that exist in at least one century.
        if _safe_date(2000 + yy, month, day) is None:
            raise IdentifierError("birth date does not exist")
        birth_date = guessed if guessed is not None and guessed <= today else None
    else:
        if century is None:
            raise IdentifierError("individual number does not match the year of birth")
        if guessed is None:
            raise IdentifierError("birth date does not exist")
        if guessed > today:
            raise IdentifierError("birth date is in the future")
        birth_date = guessed

    return ParsedId(
        value=digits,
        kind=kind,
        synthetic=synthetic,
        birth_date=birth_date,
        new_k1_rule=new_k1_rule,
    )


def is_valid_id(value: str, *, allow_synthetic: bool) -> bool:
    """True if ``parse_id`` accepts ``value`` (birth dates are checked against today)."""
    try:
        parse_id(value, allow_synthetic=allow_synthetic)
    except IdentifierError:
        return False
    return True


def make_synthetic_id(birth_date: date, individual: int, *, dnr: bool = False) -> str | None:
    """A Skatteetaten Test Norge number (month + 80) with old-rule check digits.

    ``individual`` (0-999) must be an individnummer that §6.1 allows for the year of
    ``birth_date`` (1854-2039), otherwise ValueError. With ``dnr`` the day gets + 40.
    Returns None when the check digits are impossible (10); try the next individnummer then.
    """
    if isinstance(individual, bool) or not 0 <= individual <= 999:
        raise ValueError("individual number must be between 0 and 999")
    year = birth_date.year
    if _century(individual, year % 100) != year - year % 100:
        raise ValueError("individual number does not match the century of the birth date")
    day = birth_date.day + (_D_NUMBER_DAY_OFFSET if dnr else 0)
    month = birth_date.month + _TEST_NORGE_MONTH_OFFSET
    first9 = f"{day:02d}{month:02d}{year % 100:02d}{individual:03d}"
    digits = check_digits(first9)
    if digits is None:
        return None
    return f"{first9}{digits[0]}{digits[1]}"


def mask_id(value: str) -> str:
    """``"010190*****"``: the six birth-date digits, with the five personal digits masked.

    Anything that is not 11 digits (spaces ignored) is masked completely, so that a malformed
    value is never shown either.
    """
    digits = value.replace(" ", "") if isinstance(value, str) else ""
    if not _is_ascii_digits(digits, 11):
        return "*" * 11
    return f"{digits[:6]}{_MASK}"
