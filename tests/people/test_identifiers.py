"""Tests for navet.people.identifiers (pure Python, no database).

Facts from /work/shared/reference/regelverk.md §6. The check-digit arithmetic is re-implemented
here independently, so the properties do not just compare the module with itself.

Why single-digit changes are always caught, under both K1 rules: K2 is unchanged in 2032 and
makes 5,4,3,2,7,6,5,4,3,2,1 · digits ≡ 0 (mod 11). Changing one digit by δ (1 ≤ |δ| ≤ 9) changes
that sum by w·δ with 1 ≤ w ≤ 7, and 11 is prime, so the sum is no longer ≡ 0. The 2032 rule only
weakens K1: a *different K1 with K2 recomputed* (two changed digits) can be valid, as in
Skatteetaten's pair 30108299920 / 30108299939.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from navet.people.identifiers import (
    IdentifierError,
    IdKind,
    ParsedId,
    check_digits,
    is_valid_id,
    make_synthetic_id,
    mask_id,
    parse_id,
)

K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
FAR_FUTURE = date(2100, 1, 1)

OLD_RULE = "30108299920"  # Skatteetaten's worked example, old-rule K1
NEW_RULE = "30108299939"  # same person and individnummer 999, 2032 rule (remainder 1)


# --- independent reference arithmetic -------------------------------------------------------


def ref_sum(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False))


def ref_control(digits: str, weights: tuple[int, ...]) -> int | None:
    """11 - (sum mod 11); 11 → 0; 10 → impossible (None)."""
    k = 11 - ref_sum(digits, weights) % 11
    if k == 11:
        return 0
    return None if k == 10 else k


def ref_k2(first10: str) -> int | None:
    return ref_control(first10, K2_WEIGHTS)


def ref_old_number(first9: str) -> str | None:
    k1 = ref_control(first9, K1_WEIGHTS)
    if k1 is None:
        return None
    k2 = ref_k2(first9 + str(k1))
    return None if k2 is None else f"{first9}{k1}{k2}"


def ref_new_number(first9: str, remainder: int) -> str | None:
    """A number whose K1 leaves ``remainder`` (1..3) under the 2032 rule."""
    k1 = (remainder - ref_sum(first9, K1_WEIGHTS)) % 11
    if k1 == 10:
        return None
    k2 = ref_k2(first9 + str(k1))
    return None if k2 is None else f"{first9}{k1}{k2}"


def allowed_individuals(year: int) -> list[range]:
    """§6.1: which individnumre the old rule allocates to a year of birth."""
    if 1854 <= year <= 1899:
        return [range(500, 750)]
    if 1900 <= year <= 1939:
        return [range(0, 500)]
    if 1940 <= year <= 1999:
        return [range(0, 500), range(900, 1000)]
    if 2000 <= year <= 2039:
        return [range(500, 1000)]
    return []


def first9_for(birth: date, individual: int, *, dnr: bool = False, month_offset: int = 0) -> str:
    day = birth.day + (40 if dnr else 0)
    return f"{day:02d}{birth.month + month_offset:02d}{birth.year % 100:02d}{individual:03d}"


def raises_identifier_error(value: str, **kwargs: object) -> IdentifierError:
    with pytest.raises(IdentifierError) as info:
        parse_id(value, **kwargs)  # type: ignore[arg-type]
    return info.value


def assert_no_digits_leak(err: BaseException, value: str) -> None:
    """No run of four or more digits (so no part of an identifier) in the error or its repr."""
    for text in (str(err), repr(err), *map(str, err.args)):
        assert not re.search(r"\d{4,}", text), text
    digits = value.replace(" ", "")
    if len(digits) >= 4:
        assert digits not in str(err)
    assert err.__cause__ is None
    assert err.__context__ is None


# --- strategies -----------------------------------------------------------------------------

OFFSETS = {None: 0, "dolly": 40, "test_norge": 80}


@st.composite
def birth_and_individual(draw: st.DrawFn, max_date: date = date(2039, 12, 31)) -> tuple[date, int]:
    birth = draw(st.dates(min_value=date(1854, 1, 1), max_value=max_date))
    ranges = allowed_individuals(birth.year)
    assume(ranges)
    chosen = draw(st.sampled_from(ranges))
    return birth, draw(st.integers(min_value=chosen.start, max_value=chosen.stop - 1))


@st.composite
def old_rule_numbers(draw: st.DrawFn) -> tuple[str, date, bool, str | None]:
    """(number, birth date, is D-nummer, synthetic kind) for a valid old-rule number."""
    birth, individual = draw(birth_and_individual())
    dnr = draw(st.booleans())
    synthetic = draw(st.sampled_from([None, "dolly", "test_norge"]))
    number = ref_old_number(first9_for(birth, individual, dnr=dnr, month_offset=OFFSETS[synthetic]))
    assume(number is not None)
    assert number is not None
    return number, birth, dnr, synthetic


@st.composite
def new_rule_numbers(draw: st.DrawFn) -> str:
    """A valid 2032-rule number: any individnummer, real day and month, K1 remainder 1..3."""
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
    individual = draw(st.integers(min_value=0, max_value=999))
    dnr = draw(st.booleans())
    offset = draw(st.sampled_from([0, 40, 80]))
    remainder = draw(st.integers(min_value=1, max_value=3))
    number = ref_new_number(first9_for(birth, individual, dnr=dnr, month_offset=offset), remainder)
    assume(number is not None)
    assert number is not None
    return number


any_valid_number = st.one_of(old_rule_numbers().map(lambda t: t[0]), new_rule_numbers())


# --- worked examples from regelverk.md §6 ---------------------------------------------------


def test_skatteetaten_old_and_new_rule_pair_both_valid() -> None:
    assert is_valid_id(OLD_RULE, allow_synthetic=False)
    assert is_valid_id(NEW_RULE, allow_synthetic=False)
    old = parse_id(OLD_RULE, allow_synthetic=False)
    new = parse_id(NEW_RULE, allow_synthetic=False)
    assert old == ParsedId(OLD_RULE, IdKind.FNR, None, date(1982, 10, 30), new_k1_rule=False)
    assert new.new_k1_rule is True
    assert new.kind is IdKind.FNR
    assert new.synthetic is None
    # Derived from the century table as a provisional guess; the register is authoritative.
    assert new.birth_date == date(1982, 10, 30)


@pytest.mark.parametrize("valid", [OLD_RULE, NEW_RULE])
def test_every_single_changed_digit_of_the_worked_example_is_invalid(valid: str) -> None:
    for position in range(11):
        for digit in "0123456789":
            if digit == valid[position]:
                continue
            changed = valid[:position] + digit + valid[position + 1 :]
            assert not is_valid_id(changed, allow_synthetic=True), (position, digit)


def test_k1_remainder_4_is_invalid_even_under_2032_rule() -> None:
    first9 = OLD_RULE[:9]
    for remainder in range(11):
        k1 = (remainder - ref_sum(first9, K1_WEIGHTS)) % 11
        if k1 == 10:
            continue
        k2 = ref_k2(first9 + str(k1))
        if k2 is None:
            continue
        number = f"{first9}{k1}{k2}"
        assert is_valid_id(number, allow_synthetic=False) is (remainder <= 3), remainder
        if remainder <= 3:
            assert parse_id(number, allow_synthetic=False).new_k1_rule is (remainder != 0)


@pytest.mark.parametrize(
    ("number", "birth", "kind"),
    [
        ("01019010046", date(1990, 1, 1), IdKind.FNR),
        ("41019010110", date(1990, 1, 1), IdKind.DNR),
    ],
)
def test_real_fnr_and_dnr(number: str, birth: date, kind: IdKind) -> None:
    parsed = parse_id(number, allow_synthetic=False)
    assert parsed.kind is kind
    assert parsed.birth_date == birth
    assert parsed.synthetic is None
    assert parsed.new_k1_rule is False


def test_d_number_day_plus_40_and_bad_day() -> None:
    parsed = parse_id("41019010110", allow_synthetic=False)
    assert parsed.kind == "dnr"
    # Day 72 (= 32 + 40) does not exist.
    bad = ref_old_number("720190100")
    assert bad is not None
    assert not is_valid_id(bad, allow_synthetic=True)


@pytest.mark.parametrize(
    ("number", "synthetic", "kind", "birth"),
    [
        ("15507600333", "dolly", IdKind.FNR, date(1976, 10, 15)),
        ("55507608360", "dolly", IdKind.DNR, date(1976, 10, 15)),
        ("01419010029", "dolly", IdKind.FNR, date(1990, 1, 1)),
        ("01819010001", "test_norge", IdKind.FNR, date(1990, 1, 1)),
        ("41819010186", "test_norge", IdKind.DNR, date(1990, 1, 1)),
    ],
)
def test_synthetic_numbers_only_with_allow_synthetic(
    number: str, synthetic: str, kind: IdKind, birth: date
) -> None:
    assert not is_valid_id(number, allow_synthetic=False)
    err = raises_identifier_error(number, allow_synthetic=False)
    assert "synthetic" in str(err)
    assert_no_digits_leak(err, number)

    parsed = parse_id(number, allow_synthetic=True)
    assert parsed.synthetic == synthetic
    assert parsed.kind is kind
    assert parsed.birth_date == birth
    assert is_valid_id(number, allow_synthetic=True)


def test_future_birth_date_refused() -> None:
    number = next(
        n for i in range(500, 1000) if (n := ref_old_number(first9_for(date(2030, 6, 1), i)))
    )
    err = raises_identifier_error(number, allow_synthetic=False, today=date(2030, 5, 31))
    assert "future" in str(err)
    assert_no_digits_leak(err, number)
    assert parse_id(number, allow_synthetic=False, today=date(2030, 6, 1)).birth_date == date(
        2030, 6, 1
    )


def test_default_today_refuses_far_future_birth() -> None:
    number = next(
        n for i in range(500, 1000) if (n := ref_old_number(first9_for(date(2039, 12, 31), i)))
    )
    assert not is_valid_id(number, allow_synthetic=False)


def test_old_rule_century_table_and_leap_days() -> None:
    # 29.02.1900 does not exist (individnummer 000-499 → 1900s); 29.02.2000 does (500-999).
    n1900 = next(n for i in range(500) if (n := ref_old_number(f"290200{i:03d}")))
    n2000 = next(n for i in range(500, 1000) if (n := ref_old_number(f"290200{i:03d}")))
    assert not is_valid_id(n1900, allow_synthetic=False)
    assert parse_id(n2000, allow_synthetic=False).birth_date == date(2000, 2, 29)
    n1880 = next(n for i in range(500, 750) if (n := ref_old_number(f"150380{i:03d}")))
    assert parse_id(n1880, allow_synthetic=False).birth_date == date(1880, 3, 15)
    n1985 = next(n for i in range(900, 1000) if (n := ref_old_number(f"150385{i:03d}")))
    assert parse_id(n1985, allow_synthetic=False).birth_date == date(1985, 3, 15)


def test_individual_number_without_century_only_valid_under_2032_rule() -> None:
    # Individnummer 800 was never allocated to years 40-99 under the old rule.
    first9 = "150385800"
    old = ref_old_number(first9)
    assert old is not None
    err = raises_identifier_error(old, allow_synthetic=False)
    assert_no_digits_leak(err, old)
    new = next(n for r in (1, 2, 3) if (n := ref_new_number(first9, r)))
    parsed = parse_id(new, allow_synthetic=False)
    assert parsed.new_k1_rule is True
    assert parsed.birth_date is None


def test_2032_rule_never_raises_future_date_but_gives_no_birth_date() -> None:
    # Individnummer 600 with year 30 → the table says 2030, which is after "today".
    new = next(n for r in (1, 2, 3) if (n := ref_new_number("010130600", r)))
    parsed = parse_id(new, allow_synthetic=False, today=date(2026, 1, 1))
    assert parsed.new_k1_rule is True
    assert parsed.birth_date is None
    assert parse_id(new, allow_synthetic=False, today=date(2031, 1, 1)).birth_date == date(
        2030, 1, 1
    )


def test_2032_rule_accepts_leap_day_in_other_century() -> None:
    # 29.02.00 with individnummer 100: the table says 1900 (no 29 Feb), but a 2032 number
    # can belong to someone born in 2000.
    new = next(n for r in (1, 2, 3) if (n := ref_new_number("290200100", r)))
    parsed = parse_id(new, allow_synthetic=False)
    assert parsed.new_k1_rule is True
    assert parsed.birth_date is None
    # 30 February exists in no century.
    bad = [n for r in (1, 2, 3) if (n := ref_new_number("300200100", r))]
    assert bad
    for number in bad:
        assert not is_valid_id(number, allow_synthetic=True)


@pytest.mark.parametrize(
    "first9",
    [
        "000190100",  # day 0
        "320190100",  # day 32
        "310490100",  # 31 April
        "011390100",  # month 13
        "010090100",  # month 0
        "015390100",  # month 13 + 40
        "019390100",  # month 13 + 80
        "016190100",  # month 61 (neither offset)
        "810190100",  # FH-nummer style, day + 80: not supported
    ],
)
def test_impossible_dates(first9: str) -> None:
    numbers = [n for n in (ref_old_number(first9), ref_new_number(first9, 1)) if n]
    assert numbers
    for number in numbers:
        err = raises_identifier_error(number, allow_synthetic=True)
        assert_no_digits_leak(err, number)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "3010829992",
        "301082999200",
        "3010829992a",
        "30108299920\n",
        "30-10-82-99920",
        "３０１０８２９９９２０",  # full-width digits
        "٣٠١٠٨٢٩٩٩٢٠",  # Arabic-Indic digits
    ],
)
def test_not_eleven_ascii_digits(value: str) -> None:
    assert not is_valid_id(value, allow_synthetic=True)
    err = raises_identifier_error(value, allow_synthetic=True)
    assert_no_digits_leak(err, value)


def test_spaces_are_stripped() -> None:
    parsed = parse_id(" 301082 99920 ", allow_synthetic=False)
    assert parsed.value == OLD_RULE


def test_non_string_input_is_identifier_error() -> None:
    with pytest.raises(IdentifierError):
        parse_id(30108299920, allow_synthetic=False)  # type: ignore[arg-type]


def test_repr_and_errors_do_not_contain_the_number() -> None:
    parsed = parse_id(OLD_RULE, allow_synthetic=False)
    assert OLD_RULE not in repr(parsed)
    assert OLD_RULE not in str(parsed)
    assert "301082*****" in repr(parsed)
    wrong = OLD_RULE[:10] + "1"
    err = raises_identifier_error(wrong, allow_synthetic=False)
    assert "K2" in str(err)
    assert_no_digits_leak(err, wrong)


def test_check_digits() -> None:
    assert check_digits("301082999") == (2, 0)
    assert check_digits("010190100") == (4, 6)
    # Some prefixes have no old-rule K1 or K2.
    impossible = [f"010190{i:03d}" for i in range(1000) if ref_old_number(f"010190{i:03d}") is None]
    assert impossible
    for first9 in impossible:
        assert check_digits(first9) is None
    for bad in ["", "30108299", "3010829990", "30108299x", "３０１０８２９９９"]:
        with pytest.raises(IdentifierError):
            check_digits(bad)


def test_make_synthetic_id() -> None:
    number = make_synthetic_id(date(1990, 1, 1), 100)
    assert number == "01819010001"
    assert make_synthetic_id(date(1990, 1, 1), 101, dnr=True) == "41819010186"
    # An impossible check digit gives None; the caller tries the next individnummer.
    nones = [i for i in range(500) if make_synthetic_id(date(1990, 1, 1), i) is None]
    assert nones
    for i in nones:
        assert ref_old_number(first9_for(date(1990, 1, 1), i, month_offset=80)) is None


@pytest.mark.parametrize(
    ("birth", "individual"),
    [
        (date(1990, 1, 1), 600),  # 500-899 is not a 1900s number
        (date(1920, 1, 1), 950),  # 900-999 only from 1940
        (date(2010, 1, 1), 100),  # 2000s need 500-999
        (date(1880, 1, 1), 800),  # 1800s need 500-749
        (date(1850, 1, 1), 600),  # before 1854
        (date(2040, 1, 1), 600),  # after 2039
        (date(1990, 1, 1), -1),
        (date(1990, 1, 1), 1000),
    ],
)
def test_make_synthetic_id_rejects_inconsistent_individual(birth: date, individual: int) -> None:
    with pytest.raises(ValueError):
        make_synthetic_id(birth, individual)


def test_mask_id() -> None:
    assert mask_id("01019010046") == "010190*****"
    assert mask_id("010190 10046") == "010190*****"
    assert mask_id("0101901004") == "*" * 11
    assert mask_id("not a number") == "*" * 11


# --- properties -----------------------------------------------------------------------------


@given(birth_and_individual(), st.booleans())
def test_make_synthetic_id_round_trips(bi: tuple[date, int], dnr: bool) -> None:
    birth, individual = bi
    number = make_synthetic_id(birth, individual, dnr=dnr)
    expected = ref_old_number(first9_for(birth, individual, dnr=dnr, month_offset=80))
    assert number == expected
    assume(number is not None)
    assert number is not None
    parsed = parse_id(number, allow_synthetic=True, today=date(2039, 12, 31))
    assert parsed.birth_date == birth
    assert parsed.kind is (IdKind.DNR if dnr else IdKind.FNR)
    assert parsed.synthetic == "test_norge"
    assert parsed.new_k1_rule is False
    with pytest.raises(IdentifierError):
        parse_id(number, allow_synthetic=False, today=date(2039, 12, 31))


@given(birth_and_individual(max_date=date(2025, 12, 31)), st.booleans())
def test_make_synthetic_id_valid_today(bi: tuple[date, int], dnr: bool) -> None:
    number = make_synthetic_id(*bi, dnr=dnr)
    assume(number is not None)
    assert number is not None
    assert is_valid_id(number, allow_synthetic=True)
    assert not is_valid_id(number, allow_synthetic=False)


@given(old_rule_numbers())
def test_generated_old_rule_numbers_parse(sample: tuple[str, date, bool, str | None]) -> None:
    number, birth, dnr, synthetic = sample
    parsed = parse_id(number, allow_synthetic=True, today=FAR_FUTURE)
    assert parsed.value == number
    assert parsed.birth_date == birth
    assert parsed.kind is (IdKind.DNR if dnr else IdKind.FNR)
    assert parsed.synthetic == synthetic
    assert parsed.new_k1_rule is False
    assert check_digits(number[:9]) == (int(number[9]), int(number[10]))


@given(new_rule_numbers())
def test_generated_new_rule_numbers_parse(number: str) -> None:
    parsed = parse_id(number, allow_synthetic=True, today=FAR_FUTURE)
    assert parsed.new_k1_rule is True
    # The old-rule K1 for these nine digits, if any, is a different digit.
    assert ref_control(number[:9], K1_WEIGHTS) != int(number[9])


@given(any_valid_number, st.integers(min_value=0, max_value=10), st.integers(1, 9))
def test_any_single_digit_change_is_invalid(number: str, position: int, delta: int) -> None:
    # True under both K1 rules, because K2 (unchanged in 2032) catches every single change.
    assert parse_id(number, allow_synthetic=True, today=FAR_FUTURE)
    changed_digit = str((int(number[position]) + delta) % 10)
    changed = number[:position] + changed_digit + number[position + 1 :]
    assert changed != number
    with pytest.raises(IdentifierError):
        parse_id(changed, allow_synthetic=True, today=FAR_FUTURE)


@given(old_rule_numbers(), st.integers(0, 9))
def test_other_k1_with_recomputed_k2_valid_only_under_2032_rule(
    sample: tuple[str, date, bool, str | None], k1: int
) -> None:
    number, birth, _, synthetic = sample
    assume(str(k1) != number[9])
    k2 = ref_k2(number[:9] + str(k1))
    assume(k2 is not None)
    twin = f"{number[:9]}{k1}{k2}"
    remainder = (ref_sum(number[:9], K1_WEIGHTS) + k1) % 11
    assert remainder != 0  # the old-rule K1 is unique
    if remainder <= 3:
        parsed = parse_id(twin, allow_synthetic=True, today=FAR_FUTURE)
        assert parsed.new_k1_rule is True
        assert parsed.synthetic == synthetic
        assert parsed.birth_date == birth  # the century guess agrees with the old twin
    else:
        with pytest.raises(IdentifierError):
            parse_id(twin, allow_synthetic=True, today=FAR_FUTURE)


@given(st.text())
def test_text_that_is_not_eleven_digits_is_never_valid(text: str) -> None:
    assume(not re.fullmatch(r"[0-9]{11}", text.replace(" ", "")))
    assert not is_valid_id(text, allow_synthetic=True)
    assert not is_valid_id(text, allow_synthetic=False)


@given(st.text(alphabet="0123456789 ", max_size=30))
def test_digit_strings_of_wrong_length_are_never_valid(text: str) -> None:
    assume(len(text.replace(" ", "")) != 11)
    assert not is_valid_id(text, allow_synthetic=True)


@given(st.text(), st.booleans(), st.dates())
def test_parse_id_raises_only_identifier_error(text: str, allow: bool, today: date) -> None:
    try:
        parse_id(text, allow_synthetic=allow, today=today)
    except IdentifierError as err:
        assert_no_digits_leak(err, text)


@given(st.text(alphabet="0123456789", min_size=11, max_size=11), st.booleans(), st.dates())
def test_eleven_digit_strings_parse_or_raise_identifier_error(
    text: str, allow: bool, today: date
) -> None:
    try:
        parsed = parse_id(text, allow_synthetic=allow, today=today)
    except IdentifierError as err:
        assert_no_digits_leak(err, text)
    else:
        assert parsed.value == text
        assert text not in repr(parsed)
        assert parsed.birth_date is None or parsed.birth_date <= today
        assert allow or parsed.synthetic is None


@given(st.text())
def test_mask_id_never_shows_personal_digits(text: str) -> None:
    masked = mask_id(text)
    assert len(masked) == 11
    assert masked.endswith("*****")
