"""Norwegian account numbers and KID references, as a payment file needs them.

- An account number (kontonummer) is 11 digits whose last is a mod-11 check digit
  (`stdnum.no.kontonr`). stdnum also takes 7-digit postgiro numbers and strips a leading
  0000, so the 11 digits are required here as well. Spaces and dots between the groups
  ("8601 11 17947", "8601.11.17947") are accepted and removed.
- A KID is 2 to 25 characters, digits with a check character last: MOD10 (Luhn) or MOD11
  (weights 2–7 from the right, "-" when the check is 10). The payer cannot know which one
  the payee's agreement uses, so either is accepted.
"""

from __future__ import annotations

from functools import lru_cache

from stdnum.no import kontonr

KID_MIN_LENGTH = 2
KID_MAX_LENGTH = 25


# A run checks each account when it is prepared, when its file is built and when the file
# is checked: remembered, the second and third checks are free.
@lru_cache(maxsize=2**18)
def normalise_account(text: str) -> str | None:
    """The 11 digits of a valid account number, or None."""
    digits = "".join(c for c in text.strip() if c not in " .")
    if len(digits) != 11 or not digits.isdigit():
        return None
    return digits if kontonr.is_valid(digits) else None


def is_account_number(text: str) -> bool:
    """A valid account number written as its 11 digits (as Navet stores it)."""
    return normalise_account(text) is not None and len(text) == 11


def luhn_check_digit(body: str) -> str:
    total = 0
    for i, char in enumerate(reversed(body)):
        digit = int(char) * (2 if i % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return str((10 - total % 10) % 10)


def mod11_check_char(body: str) -> str:
    """The MOD11 check character: a digit, or "-" when the check is 10."""
    total = sum(int(char) * (2 + i % 6) for i, char in enumerate(reversed(body)))
    check = 11 - total % 11
    if check == 11:
        return "0"
    if check == 10:
        return "-"
    return str(check)


def is_kid(text: str) -> bool:
    if not KID_MIN_LENGTH <= len(text) <= KID_MAX_LENGTH:
        return False
    body, check = text[:-1], text[-1]
    if not body.isdigit() or not (check.isdigit() or check == "-"):
        return False
    return luhn_check_digit(body) == check or mod11_check_char(body) == check
