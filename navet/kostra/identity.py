"""SSB's reading of a fødselsnummer in the KOSTRA control program: valid mod-11 numbers
(fnr, d-nr with the first digit +4, FREG/synthetic numbers with the month +80) and SSB's
"adapted" numbers (a birth date followed by 00100, 00200 or 99999); the age is the reporting
year minus the year of birth."""

from __future__ import annotations

from datetime import date

WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
DUF_WEIGHTS = (4, 6, 3, 2, 4, 6, 3, 2, 7, 5)
ADAPTED_SUFFIXES = ("00100", "00200", "99999")


def _check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    if rest == 11:
        return 0
    return None if rest == 10 else rest


def has_valid_check_digits(number: str) -> bool:
    if len(number) != 11 or not number.isdigit():
        return False
    return _check_digit(number[:9], WEIGHTS_1) == int(number[9]) and _check_digit(
        number[:10], WEIGHTS_2
    ) == int(number[10])


def _century(individual: int, yy: int) -> int | None:
    if individual <= 499:
        return 1900
    if 500 <= individual <= 749 and yy >= 54:
        return 1800
    if 500 <= individual <= 999 and yy <= 39:
        return 2000
    if 900 <= individual <= 999 and yy >= 40:
        return 1900
    return None


def _day_month(number: str) -> tuple[int, int]:
    day, month = int(number[0:2]), int(number[2:4])
    if day > 40:
        day -= 40  # d-nummer
    if month > 80:
        month -= 80  # FREG / synthetic (Test Norge)
    elif month > 40:
        month -= 40  # H-nummer
    return day, month


def birth_year(number: str) -> int | None:
    """The year of birth an SSB-accepted number says, or None when SSB would not accept it."""
    if len(number) != 11 or not number.isdigit():
        return None
    yy = int(number[4:6])
    if number[6:] in ADAPTED_SUFFIXES:
        year = (2000 if yy <= date.today().year % 100 else 1900) + yy
        try:
            date(year, int(number[2:4]), int(number[0:2]))
        except ValueError:
            return None
        return year
    if not has_valid_check_digits(number):
        return None
    century = _century(int(number[6:9]), yy)
    if century is None:
        return None
    day, month = _day_month(number)
    try:
        date(century + yy, month, day)
    except ValueError:
        return None
    return century + yy


def is_accepted(number: str) -> bool:
    return birth_year(number) is not None


def age(number: str, year: int) -> int:
    """Age in the reporting year as SSB counts it; −1 when the number cannot be read."""
    born = birth_year(number)
    return -1 if born is None else year - born


def sex_code(number: str) -> str:
    """KOSTRA's KJONN from the number's individual digits: 1 man (odd), 2 woman (even)."""
    return "1" if int(number[8]) % 2 else "2"


def is_valid_duf(number: str) -> bool:
    if len(number) != 12 or not number.isdigit():
        return False
    control = sum(int(d) * w for d, w in zip(number[:10], DUF_WEIGHTS, strict=True)) % 11
    return f"{control:02d}" == number[10:]
