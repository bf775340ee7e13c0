"""Account numbers (mod 11, 11 digits) and KIDs (MOD10 or MOD11)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from navet.iso20022.numbers import (
    is_account_number,
    is_kid,
    luhn_check_digit,
    mod11_check_char,
    normalise_account,
)

WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def with_check(body: str) -> str | None:
    rest = sum(w * int(d) for w, d in zip(WEIGHTS, body, strict=True)) % 11
    check = 0 if rest == 0 else 11 - rest
    return None if check == 10 else body + str(check)


def test_known_accounts() -> None:
    assert is_account_number("86011117947")
    assert not is_account_number("86011117948")
    assert normalise_account("8601 11 17947") == normalise_account("8601.11.17947") == "86011117947"
    assert normalise_account("1234567") is None  # a postgiro number stdnum would take
    assert normalise_account("0000 8601 11 17947") is None
    assert not is_account_number("8601 11 17947")  # stored form is the digits only


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_accounts_with_their_check_digit_pass_and_one_changed_digit_fails(body: str) -> None:
    account = with_check(body)
    if account is None:
        assert all(not is_account_number(body + str(d)) for d in range(10))
        return
    assert is_account_number(account)
    changed = account[:3] + str((int(account[3]) + 1) % 10) + account[4:]
    assert not is_account_number(changed)
    assert not is_account_number(account[:-1])


@given(st.text(alphabet="0123456789", min_size=1, max_size=24))
def test_kids_by_either_algorithm(body: str) -> None:
    assert is_kid(body + luhn_check_digit(body))
    assert is_kid(body + mod11_check_char(body))


@given(st.text(alphabet="0123456789", min_size=2, max_size=24), st.integers(0, 9))
def test_a_changed_digit_breaks_a_luhn_kid_unless_mod11_happens_to_match(
    body: str, delta: int
) -> None:
    kid = body + luhn_check_digit(body)
    changed = str((int(kid[0]) + 1 + delta % 9) % 10) + kid[1:]
    if changed != kid:
        assert is_kid(changed) == (mod11_check_char(changed[:-1]) == changed[-1])


def test_kid_shapes() -> None:
    assert not is_kid("1") and not is_kid("") and not is_kid("12a4") and not is_kid("9" * 26)
    body = "1234567"
    if mod11_check_char(body) == "-":
        assert is_kid(body + "-")
