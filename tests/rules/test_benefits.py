"""Kvalifiseringsstønad and introduksjonsstønad: G by date, age, absence and other incomes.

Every expected figure is written out here from shared/reference/regelverk.md § 4 (not read
from the TOML files), so a typo in the data fails a test. Arithmetic is done with Fraction
and rounded half up to øre by the test's own helper.
"""

from __future__ import annotations

import itertools
import math
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from navet.rules import RulesInputError, introduction_benefit, qualification_benefit
from navet.rules.benefits import Absence, BenefitResult, Income
from navet.rules.explain import Notices
from navet.rules.ratesets import grunnbelop
from navet.rules.requests import run

# regelverk.md § 4.1: G (kr/year) by its legal effect date, 1 May of the year.
G = {
    2020: 101_351,
    2021: 106_399,
    2022: 111_477,
    2023: 118_620,
    2024: 124_028,
    2025: 130_160,
    2026: 136_549,  # ◐ secondary
}

KVP_DEDUCTED = ("dagpenger", "sickness_benefit", "parental_benefit")
KVP_NOT_DEDUCTED = ("housing_benefit", "child_support", "child_benefit", "cash_for_care")
INTRO_DEDUCTED = (
    "dagpenger",
    "sickness_benefit",
    "parental_benefit",
    "work_assessment_allowance",
    "disability_benefit",
)
INTRO_NOT_DEDUCTED = ("child_benefit", "cash_for_care")

ADULT = date(1980, 6, 15)  # 25 or older in every period below
YOUNG = date(2005, 6, 15)  # under 25 in every period below (turns 25 on 2030-06-15)


def ore(value: Fraction | int) -> Decimal:
    """Round a non-negative amount half up to øre (independent of navet.rules.money)."""
    cents = math.floor(Fraction(value) * 100 + Fraction(1, 2))
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def g_on(day: date) -> int:
    year = day.year if day >= date(day.year, 5, 1) else day.year - 1
    return G[min(year, 2026)]


def weekdays(first: date, last: date) -> int:
    count = 0
    day = first
    while day <= last:
        count += day.weekday() < 5
        day += timedelta(days=1)
    return count


def warnings(result: BenefitResult, code: str) -> list[dict[str, Any]]:
    return [n.params for n in result.warnings if n.code == code]


def kvp(first: date, last: date, birth: date = ADULT, **kwargs: Any) -> BenefitResult:
    return qualification_benefit(first=first, last=last, birth_date=birth, **kwargs)


def intro(first: date, last: date, birth: date = ADULT, **kwargs: Any) -> BenefitResult:
    return introduction_benefit(first=first, last=last, birth_date=birth, **kwargs)


def field_of(call: Any) -> str:
    with pytest.raises(RulesInputError) as error:
        call()
    return error.value.field


# --- G ----------------------------------------------------------------------------------


@pytest.mark.parametrize("year", sorted(G))
def test_each_g_is_in_force_from_1_may_of_its_year(year: int) -> None:
    table = grunnbelop()
    value = table.at(date(year, 5, 1), Notices(), "period.from")
    assert value.amount == G[year]
    assert value.source.valid_from == date(year, 5, 1)
    # the whole G year up to 30 April the year after
    assert table.at(date(year + 1, 4, 30), Notices(), "period.from").amount == G[year]
    if year - 1 in G:
        assert table.at(date(year, 4, 30), Notices(), "period.from").amount == G[year - 1]


@pytest.mark.parametrize("year", sorted(G)[1:])
def test_a_kvp_period_over_1_may_uses_the_old_g_before_and_the_new_g_from_it(year: int) -> None:
    result = kvp(date(year, 4, 30), date(year, 5, 1))
    assert [(s.first, s.last, s.g) for s in result.segments] == [
        (date(year, 4, 30), date(year, 4, 30), Decimal(G[year - 1])),
        (date(year, 5, 1), date(year, 5, 1), Decimal(G[year])),
    ]
    assert result.lines[1].rate is not None
    assert result.lines[1].rate.source.valid_from == date(year, 5, 1)


def test_the_first_g_2020_applies_from_1_may_2020() -> None:
    result = kvp(date(2020, 5, 1), date(2020, 5, 31))
    assert [s.g for s in result.segments] == [101_351]


def test_a_kvp_period_spanning_1_may_2024_is_split_in_two_segments() -> None:
    result = kvp(date(2024, 4, 15), date(2024, 5, 10))
    assert [(s.first, s.last, s.g) for s in result.segments] == [
        (date(2024, 4, 15), date(2024, 4, 30), Decimal(118_620)),
        (date(2024, 5, 1), date(2024, 5, 10), Decimal(124_028)),
    ]
    # 12 weekdays 15–30 April, 8 weekdays 1–10 May (1 May counts: it is a weekday)
    first = ore(Fraction(2 * 118_620, 260) * 12)
    second = ore(Fraction(2 * 124_028, 260) * 8)
    assert [s.amount for s in result.segments] == [first, second]
    assert result.amount == result.gross == first + second
    assert not warnings(result, "missing_rates")


def test_the_2026_g_is_secondary_and_warns() -> None:
    result = kvp(date(2026, 5, 4), date(2026, 5, 8))
    assert [s.g for s in result.segments] == [136_549]
    assert result.amount == ore(Fraction(2 * 136_549, 260) * 5)
    secondary = [w for w in warnings(result, "secondary_source") if w["rate_set"] == "folketrygden"]
    assert [w["valid_from"] for w in secondary] == ["2026-05-01"]


def test_a_verified_g_gives_no_secondary_warning_for_g() -> None:
    result = kvp(date(2025, 5, 1), date(2026, 4, 30))
    assert {s.g for s in result.segments} == {130_160}
    assert not [w for w in warnings(result, "secondary_source") if w["rate_set"] == "folketrygden"]


@pytest.mark.parametrize("benefit", [kvp, intro])
def test_a_period_before_the_first_g_names_period_from(benefit: Any) -> None:
    assert field_of(lambda: benefit(date(2020, 4, 1), date(2020, 4, 30))) == "period.from"
    assert field_of(lambda: benefit(date(2020, 4, 30), date(2020, 5, 5))) == "period.from"


def test_a_period_after_the_next_expected_g_uses_the_last_g_and_warns_missing_rates() -> None:
    result = kvp(date(2027, 5, 3), date(2027, 5, 7))
    assert [s.g for s in result.segments] == [136_549]
    missing = warnings(result, "missing_rates")
    assert len(missing) == 1
    assert missing[0]["missing_from"] == "2027-05-01"
    assert missing[0]["used_from"] == "2026-05-01"
    assert "missing_to" not in missing[0]
    # the day before, G 2026 is still the current one: no warning
    assert not warnings(kvp(date(2027, 4, 26), date(2027, 4, 30)), "missing_rates")


# --- kvalifiseringsstønad ---------------------------------------------------------------


def test_kvp_whole_month_is_weekdays_times_2g_over_260() -> None:
    # March 2024: 21 Monday–Friday days, skjærtorsdag and langfredag (28–29 March) counted
    result = kvp(date(2024, 3, 1), date(2024, 3, 31))
    assert result.amount == ore(Fraction(2 * 118_620, 260) * 21) == Decimal("19161.69")
    assert result.lines[0].facts["weekdays"] == 21


def test_kvp_under_25_is_two_thirds() -> None:
    result = kvp(date(2024, 3, 1), date(2024, 3, 31), YOUNG)
    assert result.amount == ore(Fraction(2, 3) * Fraction(2 * 118_620, 260) * 21)
    assert result.segments[0].fraction == Fraction(2, 3)


def test_kvp_turning_25_splits_on_the_birthday() -> None:
    # turns 25 on Wednesday 13 March 2024: 8 weekdays before at 2/3, 13 from it at full rate
    result = kvp(date(2024, 3, 1), date(2024, 3, 31), date(1999, 3, 13))
    day = Fraction(2 * 118_620, 260)
    assert [(s.first, s.last, s.fraction) for s in result.segments] == [
        (date(2024, 3, 1), date(2024, 3, 12), Fraction(2, 3)),
        (date(2024, 3, 13), date(2024, 3, 31), Fraction(1)),
    ]
    assert [s.amount for s in result.segments] == [ore(day * Fraction(2, 3) * 8), ore(day * 13)]


def test_kvp_turning_25_on_the_first_day_is_full_rate_throughout() -> None:
    result = kvp(date(2024, 3, 13), date(2024, 3, 31), date(1999, 3, 13))
    assert [s.fraction for s in result.segments] == [Fraction(1)]


def test_kvp_absence_costs_annual_over_260_over_7_5_per_hour() -> None:
    base = kvp(date(2024, 3, 1), date(2024, 3, 31))
    absent = kvp(
        date(2024, 3, 1),
        date(2024, 3, 31),
        absences=[
            Absence(date(2024, 3, 5), Decimal("3")),
            Absence(date(2024, 3, 6), Decimal("7.5")),
        ],
    )
    hour = Fraction(2 * 118_620) / 260 / Fraction(15, 2)
    expected = ore(hour * 3) + ore(hour * Fraction(15, 2))
    assert absent.absence_deduction == expected
    assert absent.amount == base.amount - expected
    assert [line.amount for line in absent.lines if line.key == "benefit.absence"] == [
        -ore(hour * 3),
        -ore(hour * Fraction(15, 2)),
    ]


def test_kvp_absence_is_priced_at_the_rate_of_its_own_day() -> None:
    # turns 25 on 13 March 2024: an hour on 12 March is at 2/3, one on 13 March at full rate
    hour = Fraction(2 * 118_620) / 260 / Fraction(15, 2)
    result = kvp(
        date(2024, 3, 1),
        date(2024, 3, 31),
        date(1999, 3, 13),
        absences=[Absence(date(2024, 3, 12), Decimal(2)), Absence(date(2024, 3, 13), Decimal(2))],
    )
    assert result.absence_deduction == ore(hour * Fraction(2, 3) * 2) + ore(hour * 2)


def test_kvp_dagpenger_sickness_and_parental_benefit_are_deducted_krone_for_krone() -> None:
    base = kvp(date(2024, 3, 1), date(2024, 3, 31))
    result = kvp(
        date(2024, 3, 1),
        date(2024, 3, 31),
        incomes=[
            Income("dagpenger", Decimal("1000")),
            Income("sickness_benefit", Decimal("500.50")),
            Income("parental_benefit", Decimal("250.25")),
        ],
    )
    assert result.income_deduction == Decimal("1750.75")
    assert result.amount == base.amount - Decimal("1750.75")
    assert [(line.kind, line.amount) for line in result.lines if line.key == "benefit.income"] == [
        ("deduction", Decimal("-1000")),
        ("deduction", Decimal("-500.50")),
        ("deduction", Decimal("-250.25")),
    ]


@pytest.mark.parametrize("kind", KVP_NOT_DEDUCTED)
def test_kvp_incomes_that_are_not_deducted_give_an_info_line(kind: str) -> None:
    base = kvp(date(2024, 3, 1), date(2024, 3, 31))
    result = kvp(date(2024, 3, 1), date(2024, 3, 31), incomes=[Income(kind, Decimal(5000))])
    assert result.amount == base.amount
    assert result.income_deduction == 0
    info = [line for line in result.lines if line.key == "benefit.income_not_deducted"]
    assert len(info) == 1
    assert info[0].kind == "info"
    assert info[0].amount == 0
    assert info[0].facts["type"] == kind


def test_kvp_an_unknown_income_type_names_its_index() -> None:
    incomes = [Income("dagpenger", Decimal(100)), Income("salary", Decimal(100))]
    assert (
        field_of(lambda: kvp(date(2024, 3, 1), date(2024, 3, 31), incomes=incomes))
        == "incomes[1].type"
    )


def test_kvp_is_never_negative() -> None:
    result = kvp(
        date(2024, 3, 1),
        date(2024, 3, 31),
        incomes=[Income("dagpenger", Decimal(1_000_000))],
        absences=[Absence(date(2024, 3, 5), Decimal(24))],
    )
    assert result.amount == 0
    assert result.lines[-1].key == "benefit.total"
    assert result.lines[-1].amount == 0


def test_kvp_children_warn_that_the_child_supplement_is_not_included() -> None:
    with_children = kvp(date(2024, 3, 1), date(2024, 3, 31), children=2)
    without = kvp(date(2024, 3, 1), date(2024, 3, 31))
    assert warnings(with_children, "child_supplement_not_included") == [{}]
    assert with_children.amount == without.amount
    assert not warnings(without, "child_supplement_not_included")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"absences": [Absence(date(2024, 4, 1), Decimal(1))]}, "absence[0].date"),
        ({"absences": [Absence(date(2024, 2, 29), Decimal(1))]}, "absence[0].date"),
        (
            {
                "absences": [
                    Absence(date(2024, 3, 4), Decimal(1)),
                    Absence(date(2024, 3, 5), Decimal(0)),
                ]
            },
            "absence[1].hours",
        ),
        ({"absences": [Absence(date(2024, 3, 5), Decimal("24.01"))]}, "absence[0].hours"),
        ({"absences": [Absence(date(2024, 3, 5), Decimal(25))]}, "absence[0].hours"),
        ({"birth_date": date(2024, 3, 2)}, "birth_date"),
        ({"birth_date": date(2024, 3, 1)}, "birth_date"),
        ({"last": date(2024, 2, 29)}, "period.to"),
        ({"last": date(2025, 3, 2)}, "period.to"),  # 1.3.2024–2.3.2025 is 367 days
        ({"children": -1}, "children"),
    ],
)
def test_kvp_bad_input_names_its_field(kwargs: dict[str, Any], field: str) -> None:
    args: dict[str, Any] = {"first": date(2024, 3, 1), "last": date(2024, 3, 31)}
    args["birth_date"] = ADULT
    args.update(kwargs)
    assert field_of(lambda: qualification_benefit(**args)) == field


def test_kvp_limits_are_inclusive() -> None:
    # 24 hours on a day, and a period of exactly 366 days, are accepted
    kvp(date(2024, 3, 1), date(2024, 3, 31), absences=[Absence(date(2024, 3, 5), Decimal(24))])
    assert kvp(date(2024, 3, 1), date(2025, 3, 1)).segments[-1].last == date(2025, 3, 1)  # 366 days


# --- introduksjonsstønad ----------------------------------------------------------------


def test_intro_whole_month_is_2g_over_12() -> None:
    result = intro(date(2024, 6, 1), date(2024, 6, 30))
    assert result.amount == ore(Fraction(2 * 124_028, 12)) == Decimal("20671.33")
    february = intro(date(2024, 2, 1), date(2024, 2, 29))
    assert february.amount == ore(Fraction(2 * 118_620, 12)) == Decimal("19770.00")


def test_intro_part_month_is_days_over_30_of_the_month() -> None:
    result = intro(date(2024, 6, 10), date(2024, 6, 30))
    assert result.amount == ore(Fraction(2 * 124_028, 12) / 30 * 21)
    # a 30-day month convention: 2..31 July is days 2..30, so 29/30 of a month
    late = intro(date(2024, 7, 2), date(2024, 7, 31))
    assert late.amount == ore(Fraction(2 * 124_028, 12) / 30 * 29)
    # the 31st alone is not counted; 1..30 of a 31-day month is a whole month
    assert intro(date(2024, 7, 31), date(2024, 7, 31)).amount == 0
    assert intro(date(2024, 7, 1), date(2024, 7, 30)).amount == ore(Fraction(2 * 124_028, 12))
    # the end of February is day 30: 15..29 February 2024 is 16/30
    feb = intro(date(2024, 2, 15), date(2024, 2, 29))
    assert feb.amount == ore(Fraction(2 * 118_620, 12) / 30 * 16)


def test_intro_period_over_months_and_1_may() -> None:
    result = intro(date(2024, 4, 15), date(2024, 6, 10))
    month_before = Fraction(2 * 118_620, 12)
    month_after = Fraction(2 * 124_028, 12)
    assert [(s.first, s.last, s.g) for s in result.segments] == [
        (date(2024, 4, 15), date(2024, 4, 30), Decimal(118_620)),
        (date(2024, 5, 1), date(2024, 5, 31), Decimal(124_028)),
        (date(2024, 6, 1), date(2024, 6, 10), Decimal(124_028)),
    ]
    assert [s.amount for s in result.segments] == [
        ore(month_before / 30 * 16),
        ore(month_after),
        ore(month_after / 30 * 10),
    ]


@pytest.mark.parametrize(
    ("birth", "lives_with_parent", "fraction"),
    [
        (YOUNG, False, Fraction(2, 3)),
        (YOUNG, True, Fraction(1, 3)),
        (ADULT, False, Fraction(1)),
        (ADULT, True, Fraction(1)),
    ],
)
def test_intro_fraction_by_age_and_living_with_a_parent(
    birth: date, lives_with_parent: bool, fraction: Fraction
) -> None:
    result = intro(date(2024, 6, 1), date(2024, 6, 30), birth, lives_with_parent=lives_with_parent)
    assert result.segments[0].fraction == fraction
    assert result.amount == ore(Fraction(2 * 124_028, 12) * fraction)


def test_intro_absence_hour_is_annual_over_1850() -> None:
    absences = [Absence(date(2024, 6, 3), Decimal("4.5"))]
    base = intro(date(2024, 6, 1), date(2024, 6, 30), YOUNG, lives_with_parent=True)
    result = intro(
        date(2024, 6, 1), date(2024, 6, 30), YOUNG, lives_with_parent=True, absences=absences
    )
    expected = ore(Fraction(2 * 124_028) * Fraction(1, 3) / 1850 * Fraction(9, 2))
    assert result.absence_deduction == expected
    assert result.amount == base.amount - expected


def test_intro_other_benefits_are_deducted_but_not_child_benefit_or_cash_for_care() -> None:
    base = intro(date(2024, 6, 1), date(2024, 6, 30))
    deducted = [Income(kind, Decimal(100 + i)) for i, kind in enumerate(INTRO_DEDUCTED)]
    kept = [Income(kind, Decimal(9_999)) for kind in INTRO_NOT_DEDUCTED]
    result = intro(date(2024, 6, 1), date(2024, 6, 30), incomes=deducted + kept)
    assert result.income_deduction == 100 + 101 + 102 + 103 + 104
    assert result.amount == base.amount - 510
    assert [line.facts["type"] for line in result.lines if line.key == "benefit.income"] == list(
        INTRO_DEDUCTED
    )
    assert [
        line.facts["type"] for line in result.lines if line.key == "benefit.income_not_deducted"
    ] == list(INTRO_NOT_DEDUCTED)


def test_intro_an_unknown_income_type_names_its_index() -> None:
    incomes = [Income("child_benefit", Decimal(100)), Income("salary", Decimal(100))]
    assert (
        field_of(lambda: intro(date(2024, 6, 1), date(2024, 6, 30), incomes=incomes))
        == "incomes[1].type"
    )


def test_intro_divisors_are_secondary_and_warn() -> None:
    result = intro(date(2024, 6, 1), date(2024, 6, 30))
    secondary = warnings(result, "secondary_source")
    assert [w["rate_set"] for w in secondary] == ["introduction_benefit"]
    assert "1850" in str(secondary[0]["source"])


def test_kvp_divisors_are_secondary_and_warn() -> None:
    result = kvp(date(2024, 6, 3), date(2024, 6, 7))
    assert [w["rate_set"] for w in warnings(result, "secondary_source")] == [
        "qualification_benefit"
    ]


def test_intro_is_never_negative() -> None:
    result = intro(
        date(2024, 6, 1), date(2024, 6, 30), incomes=[Income("dagpenger", Decimal(99_999))]
    )
    assert result.amount == 0


# BUG (navet/rules/benefits.py, introduction_benefit.per_month with _boundaries): a calendar
# month split on the 25th birthday is paid as two "part months" of days/30 each, so a
# 31-day month is paid as 31/30 of a month. Someone turning 25 on 2 March 2024 gets
# 1/30 × 2/3 + 30/30 months = 20 209.33 for March, more than someone already 25 all March
# (one whole month, 19 770.00). Being under 25 must never raise the amount.
def test_intro_turning_25_mid_month_never_pays_more_than_being_25_all_month() -> None:
    already = intro(date(2024, 3, 1), date(2024, 3, 31), date(1999, 3, 1))
    turning = intro(date(2024, 3, 1), date(2024, 3, 31), date(1999, 3, 2))
    assert already.amount == ore(Fraction(2 * 118_620, 12)) == Decimal("19770.00")
    assert [s.fraction for s in turning.segments] == [Fraction(2, 3), Fraction(1)]
    assert turning.amount <= already.amount


# --- properties -------------------------------------------------------------------------

BENEFITS = {
    "kvp": (qualification_benefit, KVP_DEDUCTED, KVP_NOT_DEDUCTED),
    "intro": (introduction_benefit, INTRO_DEDUCTED, INTRO_NOT_DEDUCTED),
}

hours = st.integers(min_value=1, max_value=48).map(lambda n: Decimal(n) / 2)
money = st.integers(min_value=0, max_value=5_000_000).map(lambda n: Decimal(n) / 100)


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    name = draw(st.sampled_from(sorted(BENEFITS)))
    function, deducted, not_deducted = BENEFITS[name]
    first = draw(st.dates(date(2021, 1, 1), date(2027, 12, 31)))
    length = draw(st.integers(min_value=1, max_value=300))
    last = first + timedelta(days=length - 1)
    # ages 18–30 at the start, so the 25th birthday often falls inside the period
    birth = first - timedelta(days=draw(st.integers(min_value=18 * 365, max_value=30 * 365)))
    absences = [
        Absence(first + timedelta(days=draw(st.integers(0, length - 1))), draw(hours))
        for _ in range(draw(st.integers(0, 3)))
    ]
    if name == "kvp":  # KVP is paid, and absence registered, Monday to Friday
        absences = [a for a in absences if a.day.weekday() < 5]
    incomes = [
        Income(draw(st.sampled_from(deducted + not_deducted)), draw(money))
        for _ in range(draw(st.integers(0, 3)))
    ]
    kwargs: dict[str, Any] = {
        "first": first,
        "last": last,
        "birth_date": birth,
        "absences": absences,
        "incomes": incomes,
    }
    if name == "intro":
        kwargs["lives_with_parent"] = draw(st.booleans())
    return {"name": name, "function": function, "deducted": deducted, "kwargs": kwargs}


def compute(case: dict[str, Any], **changes: Any) -> BenefitResult:
    result: BenefitResult = case["function"](**{**case["kwargs"], **changes})
    return result


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


@settings(max_examples=150, deadline=None)
@given(cases(), st.data())
def test_more_deducted_income_never_raises_the_amount(case: dict[str, Any], data: Any) -> None:
    before = compute(case)
    extra = Income(data.draw(st.sampled_from(case["deducted"])), data.draw(money))
    after = compute(case, incomes=[*case["kwargs"]["incomes"], extra])
    assert after.amount <= before.amount
    assert after.amount == max(Decimal(0), before.amount - extra.amount)


@settings(max_examples=150, deadline=None)
@given(cases(), st.data())
def test_more_absence_never_raises_the_amount(case: dict[str, Any], data: Any) -> None:
    first, last = case["kwargs"]["first"], case["kwargs"]["last"]
    before = compute(case)
    day = data.draw(st.dates(first, last))
    assume(case["name"] != "kvp" or day.weekday() < 5)
    extra = Absence(day, data.draw(hours))
    after = compute(case, absences=[*case["kwargs"]["absences"], extra])
    assert after.amount <= before.amount
    # more hours on an existing absence
    absences = case["kwargs"]["absences"]
    if absences:
        longer = [Absence(absences[0].day, min(Decimal(24), absences[0].hours + 1)), *absences[1:]]
        assert compute(case, absences=longer).amount <= before.amount


@settings(max_examples=150, deadline=None)
@given(cases(), st.integers(min_value=1, max_value=60))
def test_a_longer_period_never_lowers_gross(case: dict[str, Any], extra_days: int) -> None:
    before = compute(case)
    after = compute(case, last=case["kwargs"]["last"] + timedelta(days=extra_days))
    assert after.gross >= before.gross


@settings(max_examples=150, deadline=None)
@given(cases())
def test_amount_is_segments_minus_deductions_floored_at_zero(case: dict[str, Any]) -> None:
    result = compute(case)
    kwargs = case["kwargs"]
    birth = kwargs["birth_date"]
    with_parent = kwargs.get("lives_with_parent", False)
    for s in result.segments:
        # the rate of each segment, from the G table and the fractions written out above
        young = age_on(birth, s.first) < 25
        fraction = Fraction(1)
        if young:
            fraction = Fraction(1, 3) if with_parent else Fraction(2, 3)
        assert s.g == g_on(s.first)
        assert s.fraction == fraction
        assert s.annual == 2 * g_on(s.first) * fraction
        if case["name"] == "kvp":
            assert s.amount == ore(s.annual / 260 * weekdays(s.first, s.last))
        elif s.first.day == 1 and (s.last + timedelta(days=1)).day == 1:
            assert s.amount == ore(s.annual / 12)
        else:
            # 30-day month: the month's last day is day 30, a 31st is not counted
            month_last = (s.last + timedelta(days=1)).day == 1
            end = 30 if month_last else min(s.last.day, 30)
            start = s.first.day if s.first.day <= 30 else 31
            days = max(0, end - start + 1)
            assert s.amount == ore(s.annual / 12 / 30 * days)

    def annual_on(day: date) -> Fraction:
        (segment,) = [s for s in result.segments if s.first <= day <= s.last]
        return segment.annual

    per_hour = Fraction(1, 1950) if case["name"] == "kvp" else Fraction(1, 1850)
    absence = sum(
        (ore(annual_on(a.day) * per_hour * Fraction(a.hours)) for a in kwargs["absences"]),
        Decimal(0),
    )
    incomes = sum((i.amount for i in kwargs["incomes"] if i.type in case["deducted"]), Decimal(0))
    gross = sum((s.amount for s in result.segments), Decimal(0))
    assert result.gross == gross
    assert result.absence_deduction == absence
    assert result.income_deduction == incomes
    assert result.amount == max(Decimal(0), gross - absence - incomes)
    assert result.lines[-1].key == "benefit.total"
    assert result.lines[-1].amount == result.amount


@settings(max_examples=150, deadline=None)
@given(cases())
def test_segments_tile_the_period_with_one_rate_each(case: dict[str, Any]) -> None:
    result = compute(case)
    segments = result.segments
    assert segments[0].first == case["kwargs"]["first"]
    assert segments[-1].last == case["kwargs"]["last"]
    for s in segments:
        assert s.first <= s.last
        # one calendar month, one G year and one age class per segment
        assert (s.first.year, s.first.month) == (s.last.year, s.last.month)
        assert g_on(s.first) == g_on(s.last)
        birth = case["kwargs"]["birth_date"]
        assert (age_on(birth, s.first) < 25) == (age_on(birth, s.last) < 25)
    for before, after in itertools.pairwise(segments):
        assert after.first == before.last + timedelta(days=1)
    assert [line.period for line in result.lines if line.key == "benefit.period"] == [
        (s.first, s.last) for s in segments
    ]


# --- JSON -------------------------------------------------------------------------------

BENEFIT_KEYS = {
    "calculation",
    "amount",
    "gross",
    "absence_deduction",
    "income_deduction",
    "segments",
    "lines",
    "warnings",
}


def kvp_request(language: str) -> dict[str, Any]:
    return {
        "calculation": "qualification_benefit",
        "language": language,
        "period": {"from": "2024-04-15", "to": "2024-05-10"},
        "birth_date": "1999-04-20",
        "children": 1,
        "absence": [{"date": "2024-04-16", "hours": 2}],
        "incomes": [
            {"type": "dagpenger", "amount": 1000},
            {"type": "child_benefit", "amount": 1766},
        ],
    }


def intro_request(language: str) -> dict[str, Any]:
    return {
        "calculation": "introduction_benefit",
        "language": language,
        "period": {"from": "2024-04-15", "to": "2024-06-30"},
        "birth_date": "2001-01-01",
        "lives_with_parent": True,
        "absence": [{"date": "2024-05-02", "hours": "3.5"}],
        "incomes": [
            {"type": "sickness_benefit", "amount": "250.50"},
            {"type": "cash_for_care", "amount": 7500},
        ],
    }


@pytest.mark.parametrize("request_for", [kvp_request, intro_request])
def test_json_benefit_in_three_languages(request_for: Any) -> None:
    results = {language: run(request_for(language)) for language in ("nb", "nn", "en")}
    for result in results.values():
        assert set(result) == BENEFIT_KEYS
        assert result["lines"]
        assert all(isinstance(line["text"], str) and line["text"] for line in result["lines"])
        assert all(w["message"] for w in result["warnings"])
        assert {k: result[k] for k in BENEFIT_KEYS - {"lines", "warnings"}} == {
            k: results["nb"][k] for k in BENEFIT_KEYS - {"lines", "warnings"}
        }
    texts = {language: [line["text"] for line in r["lines"]] for language, r in results.items()}
    assert texts["nb"] != texts["en"]
    assert texts["nn"] != texts["en"]
    assert texts["nb"] != texts["nn"]  # the absence line: fravær / fråvær
    assert results["nb"]["amount"] > 0
    assert results["nb"]["income_deduction"] in (1000, 250.5)


def test_json_kvp_matches_the_python_result_and_names_the_dates() -> None:
    result = run(kvp_request("en"))
    direct = qualification_benefit(
        first=date(2024, 4, 15),
        last=date(2024, 5, 10),
        birth_date=date(1999, 4, 20),
        children=1,
        absences=[Absence(date(2024, 4, 16), Decimal(2))],
        incomes=[Income("dagpenger", Decimal(1000)), Income("child_benefit", Decimal(1766))],
    )
    assert Decimal(str(result["amount"])) == direct.amount
    assert [(s["from"], s["to"], s["g"], s["fraction"]) for s in result["segments"]] == [
        ("2024-04-15", "2024-04-19", 118_620, "2/3"),
        ("2024-04-20", "2024-04-30", 118_620, "1"),
        ("2024-05-01", "2024-05-10", 124_028, "1"),
    ]
    assert "child_supplement_not_included" in {w["code"] for w in result["warnings"]}
    assert "15 April 2024" in result["lines"][0]["text"]
    assert "15.4.2024" in run(kvp_request("nb"))["lines"][0]["text"]


def test_json_benefit_bad_input_names_the_field() -> None:
    request = kvp_request("nb")
    request["incomes"] = [{"type": "lottery", "amount": 5}]
    assert field_of(lambda: run(request)) == "incomes[0].type"
    request = intro_request("nn")
    request["lives_with_parent"] = "yes"
    assert field_of(lambda: run(request)) == "lives_with_parent"
