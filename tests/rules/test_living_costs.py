"""§ 18 living costs: the official rates, the band edges, barnetrygd, part months, warnings.

Expected figures are the state guideline rates of regelverk.md § 1.1, written out in
``tests/rules/official_rates.py`` (never read from the shipped TOML).
"""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from navet.rules.dates import month_end
from navet.rules.errors import RulesInputError
from navet.rules.living_costs import (
    Child,
    Household,
    LivingCostsResult,
    Money,
    living_costs,
)
from navet.rules.ratesets import LivingCostRateSet
from tests.rules import official_rates as official

ADULT_CATEGORIES = ("single", "couple", "shared_housing")
EXPENSE_TYPES = (
    "rent",
    "electricity",
    "municipal_fees",
    "mortgage_interest",
    "insurance",
    "kindergarten",
    "after_school",
    "other",
)
COUNTED_INCOME_TYPES = (
    "salary",
    "benefits",
    "housing_benefit",
    "child_support",
    "student_loan",
    "other",
)


def whole_month(
    year: int,
    month: int,
    adults: str = "single",
    children: tuple[date, ...] = (),
    **kwargs: Any,
) -> LivingCostsResult:
    first = date(year, month, 1)
    return living_costs(
        first=first,
        last=month_end(first),
        household=Household(adults, tuple(Child(b) for b in children)),
        **kwargs,
    )


def born_aged(age: int, on: date) -> date:
    """A birth date that makes the child exactly ``age`` on ``on`` (a first of a month)."""
    return on.replace(year=on.year - age)


def prorate(amount: int, days: int, days_in_month: int) -> int:
    """amount × days / days_in_month rounded half up, in integers only."""
    return (2 * amount * days + days_in_month) // (2 * days_in_month)


def codes(result: LivingCostsResult) -> list[str]:
    return [w.code for w in result.warnings]


def keys(result: LivingCostsResult) -> list[str]:
    return [line.key for line in result.lines]


# --- the official rates ------------------------------------------------------------------

# Every rate date, and the last month before the next one (2024-12 is still 1.1.2024).
RATE_MONTHS = [
    (date(2022, 1, 1), date(2022, 1, 1)),
    (date(2022, 1, 1), date(2022, 6, 1)),
    (date(2022, 7, 1), date(2022, 7, 1)),
    (date(2022, 7, 1), date(2022, 12, 1)),
    (date(2023, 1, 1), date(2023, 1, 1)),
    (date(2023, 1, 1), date(2023, 6, 1)),
    (date(2023, 7, 1), date(2023, 7, 1)),
    (date(2023, 7, 1), date(2023, 12, 1)),
    (date(2024, 1, 1), date(2024, 1, 1)),
    (date(2024, 1, 1), date(2024, 12, 1)),
]


@pytest.mark.parametrize("category", ADULT_CATEGORIES)
@pytest.mark.parametrize(("rate_date", "month"), RATE_MONTHS)
def test_adult_need_is_the_official_rate(rate_date: date, month: date, category: str) -> None:
    expected = official.ADULTS[category][official.RATE_DATES.index(rate_date)]
    result = whole_month(month.year, month.month, category)
    assert result.need == expected
    assert result.assistance == expected
    assert result.months[0].rates_from == rate_date


@pytest.mark.parametrize("band", list(official.CHILDREN))
@pytest.mark.parametrize(("rate_date", "month"), RATE_MONTHS)
def test_child_need_is_the_official_rate(
    rate_date: date, month: date, band: tuple[int, int]
) -> None:
    expected = official.CHILDREN[band][official.RATE_DATES.index(rate_date)]
    adult = official.ADULTS["couple"][official.RATE_DATES.index(rate_date)]
    low, high = band
    for age in range(low, high + 1):
        result = whole_month(month.year, month.month, "couple", (born_aged(age, month),))
        assert result.need == adult + expected, f"age {age}"
        child = next(line for line in result.lines if line.key == "child")
        assert child.amount == expected
        assert child.facts["age"] == age
        assert child.facts["band"] == f"{low}–{high}"


def test_need_adds_one_rate_per_child() -> None:
    month = date(2024, 3, 1)
    births = (born_aged(2, month), born_aged(8, month), born_aged(14, month), born_aged(3, month))
    result = whole_month(2024, 3, "couple", births)
    assert result.need == 13100 + 3850 + 3950 + 5150 + 3850
    assert [line.facts["child"] for line in result.lines if line.key == "child"] == [1, 2, 3, 4]


# --- band edges: the age on the first day of the month ------------------------------------


@pytest.mark.parametrize(
    ("birth", "age", "child_rate"),
    [
        (date(2018, 3, 1), 6, 3950),  # turns 6 on 1 March: 6–10 for all of March
        (date(2018, 3, 2), 5, 3850),  # turns 6 on 2 March: still 0–5 in March
        (date(2013, 3, 1), 11, 5150),  # turns 11 on the first: 11–17
        (date(2013, 3, 2), 10, 3950),  # turns 11 the day after: 6–10
        (date(2006, 3, 2), 17, 5150),  # turns 18 on 2 March: still 17 on the first
        (date(2024, 2, 29), 0, 3850),  # born the month before
        (date(2024, 3, 1), 0, 3850),  # born on the first
        (date(2024, 3, 31), 0, 3850),  # born during the month: counted as 0 years old
    ],
)
def test_the_band_is_chosen_by_the_age_on_the_first_of_the_month(
    birth: date, age: int, child_rate: int
) -> None:
    result = whole_month(2024, 3, "single", (birth,))
    assert result.need == 7850 + child_rate
    child = next(line for line in result.lines if line.key == "child")
    assert child.facts["age"] == age


def test_a_child_of_18_is_outside_the_rates_with_a_warning_and_a_line() -> None:
    result = whole_month(2024, 3, "single", (date(2006, 3, 1),))  # 18 on 1 March 2024
    assert result.need == 7850
    assert result.warnings[0].code == "child_outside_rates"
    assert result.warnings[0].params == {"child": 1, "age": 18}
    (line,) = [line for line in result.lines if line.key == "child.outside_rates"]
    assert line.kind == "info"
    assert line.amount == 0
    assert line.facts["age"] == 18
    assert "child" not in keys(result)


def test_only_the_adult_child_is_outside_the_rates() -> None:
    result = whole_month(2024, 3, "couple", (date(2010, 5, 5), date(2000, 1, 1)))
    assert result.need == 13100 + 5150
    assert result.warnings[0].params == {"child": 2, "age": 24}
    assert keys(result).count("child") == 1


def test_a_child_is_not_counted_in_months_before_it_is_born() -> None:
    result = living_costs(
        first=date(2024, 1, 1),
        last=date(2024, 3, 31),
        household=Household("single", (Child(date(2024, 3, 15)),)),
    )
    # January and February: no child yet. March: born during the month, counted as 0.
    assert [m.need for m in result.months] == [7850, 7850, 7850 + 3850]


# --- rate changes --------------------------------------------------------------------------


def test_june_and_july_2023_use_different_rates() -> None:
    births = (date(2015, 1, 1),)  # 8 years old
    june = whole_month(2023, 6, "couple", births)
    july = whole_month(2023, 7, "couple", births)
    assert june.months[0].rates_from == date(2023, 1, 1)
    assert june.need == 11450 + 3450
    assert july.months[0].rates_from == date(2023, 7, 1)
    assert july.need == 12600 + 3800


# --- incomes ---------------------------------------------------------------------------


def test_barnetrygd_is_counted_in_august_2022() -> None:
    result = whole_month(
        2022, 8, "single", (date(2020, 1, 1),), incomes=[Money("child_benefit", Decimal(1054))]
    )
    assert result.counted_income == 1054
    assert result.assistance == 6650 + 3250 - 1054
    assert "income.counted" in keys(result)
    assert "income.not_counted" not in keys(result)


def test_barnetrygd_is_not_counted_from_september_2022() -> None:
    result = whole_month(
        2022, 9, "single", (date(2020, 1, 1),), incomes=[Money("child_benefit", Decimal(1054))]
    )
    assert result.counted_income == 0
    assert result.assistance == 6650 + 3250
    (line,) = [line for line in result.lines if line.key.startswith("income.")]
    assert line.key == "income.not_counted"
    assert line.kind == "info"
    assert line.amount == 0
    assert line.facts == {"type": "child_benefit", "amount": Decimal(1054)}
    assert line.legal_reference == "sosialtjenesteloven § 18 tredje ledd"


def test_barnetrygd_changes_between_the_months_of_one_period() -> None:
    result = living_costs(
        first=date(2022, 8, 1),
        last=date(2022, 9, 30),
        household=Household("single", (Child(date(2020, 1, 1)),)),
        incomes=[Money("child_benefit", Decimal(1054))],
    )
    assert [m.counted_income for m in result.months] == [1054, 0]
    assert result.counted_income == 1054
    assert result.assistance == 2 * (6650 + 3250) - 1054


@pytest.mark.parametrize("year_month", [(2022, 1), (2022, 8), (2024, 3), (2025, 6)])
def test_childrens_own_earnings_are_never_counted(year_month: tuple[int, int]) -> None:
    year, month = year_month
    without = whole_month(year, month, "single", (date(2008, 1, 1),))
    result = whole_month(
        year, month, "single", (date(2008, 1, 1),), incomes=[Money("child_earnings", Decimal(2500))]
    )
    assert result.counted_income == 0
    assert result.assistance == without.assistance
    assert "income.not_counted" in keys(result)


@pytest.mark.parametrize("income_type", COUNTED_INCOME_TYPES)
@pytest.mark.parametrize("year_month", [(2022, 1), (2022, 9), (2024, 3)])
def test_other_incomes_are_counted(income_type: str, year_month: tuple[int, int]) -> None:
    year, month = year_month
    result = whole_month(year, month, "couple", incomes=[Money(income_type, Decimal(3000))])
    adult = official.adult_rate("couple", date(year, month, 1))
    assert result.counted_income == 3000
    assert result.assistance == adult - 3000
    (line,) = [line for line in result.lines if line.key == "income.counted"]
    assert line.kind == "income"
    assert line.amount == 3000
    assert line.facts["type"] == income_type


def test_the_income_types_are_the_known_ones() -> None:
    from navet.rules.ratesets import income_rules

    assert set(income_rules().types) == {
        *COUNTED_INCOME_TYPES,
        "child_benefit",
        "child_earnings",
    }


def test_several_incomes_are_summed() -> None:
    result = whole_month(
        2024,
        3,
        "couple",
        incomes=[Money("salary", Decimal(4000)), Money("benefits", Decimal(2500))],
    )
    assert result.counted_income == 6500
    assert result.assistance == 13100 - 6500


# --- expenses and the result -------------------------------------------------------------


@pytest.mark.parametrize("expense_type", EXPENSE_TYPES)
def test_expenses_are_added_in_full(expense_type: str) -> None:
    result = whole_month(2024, 3, "single", expenses=[Money(expense_type, Decimal(4321))])
    assert result.need == 7850 + 4321
    (line,) = [line for line in result.lines if line.key == "expense"]
    assert line.kind == "need"
    assert line.amount == 4321
    assert line.facts == {"type": expense_type}


def test_several_expenses_are_added() -> None:
    result = whole_month(
        2024,
        3,
        "single",
        expenses=[Money("rent", Decimal(11000)), Money("electricity", Decimal(900))],
    )
    assert result.need == 7850 + 11000 + 900


def test_assistance_is_never_negative() -> None:
    result = whole_month(2024, 3, "single", incomes=[Money("salary", Decimal(30000))])
    assert result.need == 7850
    assert result.counted_income == 30000
    assert result.assistance == 0
    assert result.months[0].assistance == 0


def test_assistance_is_need_minus_income() -> None:
    result = whole_month(
        2024,
        3,
        "couple",
        (date(2019, 6, 10),),
        expenses=[Money("rent", Decimal(12000))],
        incomes=[Money("salary", Decimal(5000)), Money("child_benefit", Decimal(1766))],
    )
    assert result.need == 13100 + 3850 + 12000
    assert result.counted_income == 5000
    assert result.assistance == 13100 + 3850 + 12000 - 5000


# --- part months -------------------------------------------------------------------------


def test_a_part_month_prorates_need_and_income_by_days() -> None:
    result = living_costs(
        first=date(2024, 3, 16),
        last=date(2024, 3, 31),
        household=Household("couple", (Child(date(2019, 6, 10)),)),
        expenses=[Money("rent", Decimal(12000))],
        incomes=[Money("salary", Decimal(5000))],
    )
    need = prorate(13100 + 3850 + 12000, 16, 31)
    income = prorate(5000, 16, 31)
    assert (need, income) == (14942, 2581)  # 14 941.94 and 2 580.65
    (month,) = result.months
    assert month.whole_month is False
    assert (month.first, month.last) == (date(2024, 3, 16), date(2024, 3, 31))
    assert month.need == need
    assert month.counted_income == income
    assert month.assistance == need - income
    assert result.assistance == need - income
    (line,) = [line for line in result.lines if line.key == "month.prorated"]
    assert line.facts["days"] == 16
    assert line.facts["days_in_month"] == 31


def test_a_part_month_rounds_half_up() -> None:
    # 7 853 × 15 / 30 = 3 926.5 → 3 927; 1 × 15 / 30 = 0.5 → 1 (half-even would give 3 926 and 0)
    result = living_costs(
        first=date(2024, 6, 1),
        last=date(2024, 6, 15),
        household=Household("single"),
        expenses=[Money("other", Decimal(3))],
        incomes=[Money("salary", Decimal(1))],
    )
    assert result.need == 3927
    assert result.counted_income == 1
    assert result.assistance == 3926


def test_a_part_month_assistance_is_never_negative() -> None:
    result = living_costs(
        first=date(2024, 2, 10),
        last=date(2024, 2, 20),
        household=Household("single"),
        incomes=[Money("salary", Decimal(20000))],
    )
    assert result.assistance == 0
    assert result.need == prorate(7850, 11, 29)
    assert result.counted_income == prorate(20000, 11, 29)


def test_a_period_across_a_rate_change_gives_two_months_with_their_own_rates() -> None:
    result = living_costs(
        first=date(2023, 6, 15),
        last=date(2023, 7, 14),
        household=Household("single", (Child(date(2010, 1, 1)),)),  # 13 years old
        incomes=[Money("salary", Decimal(1000))],
    )
    june, july = result.months
    assert june.rates_from == date(2023, 1, 1)
    assert july.rates_from == date(2023, 7, 1)
    assert (june.first, june.last) == (date(2023, 6, 15), date(2023, 6, 30))
    assert (july.first, july.last) == (date(2023, 7, 1), date(2023, 7, 14))
    assert june.need == prorate(6850 + 4500, 16, 30)
    assert june.counted_income == prorate(1000, 16, 30)
    assert july.need == prorate(7550 + 4950, 14, 31)
    assert july.counted_income == prorate(1000, 14, 31)
    assert result.assistance == june.assistance + july.assistance
    assert result.need == june.need + july.need
    assert result.counted_income == june.counted_income + july.counted_income
    total = result.lines[-1]
    assert total.key == "period.assistance"
    assert total.amount == result.assistance
    assert total.period == (date(2023, 6, 15), date(2023, 7, 14))


def test_whole_months_of_a_period_are_summed() -> None:
    result = living_costs(
        first=date(2024, 1, 1),
        last=date(2024, 12, 31),
        household=Household("shared_housing"),
        incomes=[Money("benefits", Decimal(1000))],
    )
    assert len(result.months) == 12
    assert all(m.whole_month for m in result.months)
    assert result.assistance == 12 * (6600 - 1000)


# --- missing and secondary rates ------------------------------------------------------


def test_a_month_in_2025_uses_the_2024_rates_and_warns() -> None:
    result = whole_month(2025, 3, "single")
    assert result.months[0].rates_from == date(2024, 1, 1)
    assert result.need == 7850
    (warning,) = result.warnings
    assert warning.code == "missing_rates"
    assert warning.params["missing_from"] == "2025-01-01"
    assert warning.params["used_from"] == "2024-01-01"
    assert "missing_to" not in warning.params


def test_a_month_in_2026_names_the_first_missing_date() -> None:
    result = whole_month(2026, 6, "couple")
    assert result.need == 13100
    assert [w.params["missing_from"] for w in result.warnings] == ["2025-01-01"]


def test_december_2024_has_no_missing_rates_warning() -> None:
    assert whole_month(2024, 12, "single").warnings == ()


def test_a_period_into_2025_warns_once() -> None:
    result = living_costs(
        first=date(2024, 12, 1), last=date(2025, 2, 28), household=Household("single")
    )
    assert codes(result) == ["missing_rates"]


def test_the_secondary_2023_rates_are_used_with_a_warning() -> None:
    result = whole_month(2023, 3, "single")
    assert result.need == 6850
    assert result.months[0].rates_from == date(2023, 1, 1)
    (warning,) = result.warnings
    assert warning.code == "secondary_source"
    assert warning.params["rate_set"] == "state"
    assert warning.params["valid_from"] == "2023-01-01"


@pytest.mark.parametrize("year_month", [(2022, 3), (2022, 10), (2023, 9), (2024, 3)])
def test_verified_rates_give_no_warning(year_month: tuple[int, int]) -> None:
    assert whole_month(*year_month, "couple", (date(2015, 1, 1),)).warnings == ()


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (date(2021, 12, 1), date(2021, 12, 31)),
        (date(2021, 12, 15), date(2022, 1, 15)),
    ],
)
def test_a_date_before_the_first_rates_names_period_from(first: date, last: date) -> None:
    with pytest.raises(RulesInputError) as error:
        living_costs(first=first, last=last, household=Household("single"))
    assert error.value.field == "period.from"


# --- bad input ---------------------------------------------------------------------------

GOOD: dict[str, Any] = {
    "first": date(2024, 3, 1),
    "last": date(2024, 3, 31),
    "household": Household("single", (Child(date(2015, 1, 1)),)),
    "expenses": (Money("rent", Decimal(9000)),),
    "incomes": (Money("salary", Decimal(1000)),),
}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"household": Household("triple")}, "household.adults"),
        (
            {"expenses": (Money("rent", Decimal(1)), Money("car", Decimal(1)))},
            "expenses[1].type",
        ),
        ({"expenses": (Money("rent", Decimal(-1)),)}, "expenses[0].amount"),
        ({"expenses": (Money("rent", Decimal("100.50")),)}, "expenses[0].amount"),
        ({"incomes": (Money("lottery", Decimal(1)),)}, "incomes[0].type"),
        (
            {"incomes": (Money("salary", Decimal(1)), Money("salary", Decimal(-500)))},
            "incomes[1].amount",
        ),
        (
            {"household": Household("couple", (Child(date(2015, 1, 1)), Child(date(2024, 4, 1))))},
            "household.children[1].birth_date",
        ),
        ({"last": date(2024, 2, 29)}, "period.to"),
        ({"last": date(2025, 3, 1)}, "period.to"),
        ({"first": date(2024, 1, 1), "last": date(2025, 1, 1)}, "period.to"),
    ],
)
def test_bad_input_names_the_field(change: dict[str, Any], field: str) -> None:
    with pytest.raises(RulesInputError) as error:
        living_costs(**{**GOOD, **change})
    assert error.value.field == field


def test_the_good_input_is_accepted() -> None:
    # The base of the bad-input cases above is itself valid: each case fails for its one change.
    assert living_costs(**GOOD).assistance == 7850 + 3950 + 9000 - 1000  # child aged 9


def test_a_period_of_twelve_months_is_accepted() -> None:
    result = living_costs(
        first=date(2024, 1, 1), last=date(2024, 12, 31), household=Household("single")
    )
    assert len(result.months) == 12


def test_a_child_born_on_the_last_day_is_accepted() -> None:
    result = whole_month(2024, 3, "single", (date(2024, 3, 31),))
    assert result.need == 7850 + 3850


# --- the explanation -------------------------------------------------------------------


def rich_result() -> LivingCostsResult:
    return living_costs(
        first=date(2023, 6, 10),
        last=date(2023, 8, 31),
        household=Household(
            "couple", (Child(date(2020, 2, 2)), Child(date(2011, 7, 15)), Child(date(2004, 1, 1)))
        ),
        expenses=[Money("rent", Decimal(10500)), Money("kindergarten", Decimal(1500))],
        incomes=[
            Money("salary", Decimal(8000)),
            Money("child_benefit", Decimal(3000)),
            Money("child_earnings", Decimal(700)),
            Money("housing_benefit", Decimal(1200)),
        ],
    )


def test_every_line_has_a_legal_reference() -> None:
    for line in rich_result().lines:
        assert line.legal_reference.startswith("sosialtjenesteloven § 18"), line


def test_rate_lines_carry_the_rate_used_with_its_date_and_source() -> None:
    result = rich_result()
    rate_lines = [
        line for line in result.lines if line.key.startswith("adults.") or line.key == "child"
    ]
    assert len(rate_lines) == 3 * 3  # adults + two children under 18, in each of three months
    for line in rate_lines:
        assert line.kind == "need"
        assert line.rate is not None
        assert line.rate.value == line.amount
        assert line.rate.rate_set == "state"
        assert line.period is not None
        assert line.rate.source.valid_from == official.rates_from(line.period[0])
        assert line.rate.source.url.startswith("https://")
    assert {line.rate.source.valid_from for line in rate_lines if line.rate} == {
        date(2023, 1, 1),
        date(2023, 7, 1),
    }


def test_every_need_line_is_a_rate_or_an_expense() -> None:
    for line in rich_result().lines:
        if line.kind == "need":
            assert (line.rate is not None) != (line.key == "expense"), line


def test_income_lines_carry_the_rule_source() -> None:
    for line in rich_result().lines:
        if line.key.startswith("income."):
            assert line.source is not None
            assert line.source.url.startswith("https://")


def test_the_month_totals_match_their_lines() -> None:
    result = rich_result()
    assert len(result.months) == 3
    for month in result.months:
        lines = [line for line in result.lines if line.period == (month.first, month.last)]
        need = sum(line.amount for line in lines if line.kind == "need")
        counted = sum(line.amount for line in lines if line.kind == "income")
        (need_line,) = [line for line in lines if line.key == "month.need"]
        (income_line,) = [line for line in lines if line.key == "month.counted_income"]
        (assistance_line,) = [line for line in lines if line.key == "month.assistance"]
        assert need_line.amount == need
        assert income_line.amount == counted
        assert assistance_line.amount == month.assistance
        if month.whole_month:
            assert month.need == need
            assert month.counted_income == counted


# --- a municipal rate set ------------------------------------------------------------

MUNICIPAL: dict[str, Any] = {
    "rate_set": {
        "id": "oslo-2024",
        "name": "Oslo kommunes satser",
        "owner": "0301 Oslo",
        "expected_change": "01-01",
    },
    "rates": [
        {
            "valid_from": "2024-01-01",
            "status": "verified",
            "source": "https://www.oslo.kommune.no/satser-2024",
            "source_title": "Oslo kommune, satser 2024",
            "single": 8000,
            "couple": 13500,
            "shared_housing": 7000,
            "children": [
                {"age_from": 0, "age_to": 5, "amount": 4000},
                {"age_from": 6, "age_to": 10, "amount": 4100},
                {"age_from": 11, "age_to": 14, "amount": 5200},
                {"age_from": 15, "age_to": 17, "amount": 5900},
            ],
        }
    ],
}


def municipal() -> LivingCostRateSet:
    return LivingCostRateSet.from_dict(MUNICIPAL)


@pytest.mark.parametrize(
    ("age", "band", "amount"),
    [
        (3, "0–5", 4000),
        (10, "6–10", 4100),
        (11, "11–14", 5200),
        (14, "11–14", 5200),
        (15, "15–17", 5900),
        (17, "15–17", 5900),
    ],
)
def test_a_municipal_rate_set_is_used_when_given(age: int, band: str, amount: int) -> None:
    month = date(2024, 3, 1)
    result = whole_month(2024, 3, "couple", (born_aged(age, month),), rate_set=municipal())
    assert result.need == 13500 + amount
    child = next(line for line in result.lines if line.key == "child")
    assert child.facts["band"] == band
    assert child.rate is not None
    assert child.rate.rate_set == "oslo-2024"
    assert child.rate.source.url == "https://www.oslo.kommune.no/satser-2024"
    assert "Oslo kommunes satser" in child.legal_reference
    assert result.warnings == ()


def test_a_municipal_rate_set_before_its_first_date_names_period_from() -> None:
    with pytest.raises(RulesInputError) as error:
        whole_month(2023, 12, "single", rate_set=municipal())
    assert error.value.field == "period.from"


def test_a_municipal_gap_warns_with_the_missing_period() -> None:
    data = copy.deepcopy(MUNICIPAL)
    later = copy.deepcopy(data["rates"][0])
    data["rates"][0]["valid_from"] = "2022-01-01"
    later["valid_from"] = "2024-01-01"
    later["single"] = 8200
    data["rates"].append(later)
    rate_set = LivingCostRateSet.from_dict(data)
    result = whole_month(2023, 5, "single", rate_set=rate_set)
    assert result.need == 8000
    (warning,) = result.warnings
    assert warning.code == "missing_rates"
    assert warning.params["missing_from"] == "2023-01-01"
    assert warning.params["missing_to"] == "2023-12-31"
    assert whole_month(2024, 5, "single", rate_set=rate_set).need == 8200


def _set(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    target: Any = data
    for step in path[:-1]:
        target = target[step]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value


_DELETE = object()
_R0 = ("rates", 0)


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        ((*_R0, "children", 1, "age_from"), 7, "rate_set.rates[0].children[1].age_from"),
        ((*_R0, "children", 0, "age_from"), 1, "rate_set.rates[0].children[0].age_from"),
        ((*_R0, "children", 3), _DELETE, "rate_set.rates[0].children"),
        ((*_R0, "children", 2, "age_to"), 10, "rate_set.rates[0].children[2].age_to"),
        ((*_R0, "valid_from"), "2024-01-15", "rate_set.rates[0].valid_from"),
        ((*_R0, "valid_from"), "1.1.2024", "rate_set.rates[0].valid_from"),
        ((*_R0, "single"), 8000.5, "rate_set.rates[0].single"),
        ((*_R0, "couple"), "13500.50", "rate_set.rates[0].couple"),
        ((*_R0, "shared_housing"), -7000, "rate_set.rates[0].shared_housing"),
        ((*_R0, "couple"), _DELETE, "rate_set.rates[0].couple"),
        ((*_R0, "children", 0, "amount"), 4000.25, "rate_set.rates[0].children[0].amount"),
        ((*_R0, "status"), "unverified", "rate_set.rates[0].status"),
        (("rates",), [], "rate_set.rates"),
        (("rate_set", "id"), "", "rate_set.id"),
    ],
)
def test_an_invalid_rate_set_names_the_path(path: tuple[Any, ...], value: Any, field: str) -> None:
    data = copy.deepcopy(MUNICIPAL)
    _set(data, path, value)
    with pytest.raises(RulesInputError) as error:
        LivingCostRateSet.from_dict(data)
    assert error.value.field == field


@pytest.mark.parametrize("second", ["2023-07-01", "2024-01-01"])
def test_rate_entries_must_be_in_date_order(second: str) -> None:
    data = copy.deepcopy(MUNICIPAL)
    entry = copy.deepcopy(data["rates"][0])
    entry["valid_from"] = second
    data["rates"].append(entry)
    with pytest.raises(RulesInputError) as error:
        LivingCostRateSet.from_dict(data)
    assert error.value.field == "rate_set.rates[1].valid_from"


def test_the_municipal_example_itself_is_valid() -> None:
    # The invalid cases above each change one thing in this valid rate set.
    rate_set = municipal()
    assert [b.label() for b in rate_set.rates[0].children] == ["0–5", "6–10", "11–14", "15–17"]


def test_a_twelve_month_period_may_start_mid_month() -> None:
    result = living_costs(
        first=date(2024, 1, 15),
        last=date(2025, 1, 14),
        household=Household("single", ()),
    )
    assert len(result.months) == 13
    with pytest.raises(RulesInputError) as error:
        living_costs(
            first=date(2024, 1, 15), last=date(2025, 1, 15), household=Household("single", ())
        )
    assert error.value.field == "period.to"
