"""Properties of § 18 living costs that hold for every household, month and income."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from navet.rules.batch import HouseholdArrays, living_costs_batch, ymd
from navet.rules.dates import add_months, age_on, days_in_month, month_end
from navet.rules.living_costs import Child, Household, Money, living_costs
from navet.rules.ratesets import income_rules
from tests.rules import official_rates as official

ADULTS = ("single", "couple", "shared_housing")
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
INCOME_TYPES = income_rules().types
BARNETRYGD_FREE = date(2022, 9, 1)

# The arithmetic and the batch equivalence get 200 examples; the monotonicity properties,
# whose failures show up quickly, 100 (tests/rules should run in about 20 seconds).
PROPERTY = settings(max_examples=200, deadline=None)
MONOTONE = settings(max_examples=100, deadline=None)

# whole months 2022-01 .. 2025-12
months = st.integers(0, 4 * 12 - 1).map(lambda i: add_months(date(2022, 1, 1), i))
amounts = st.integers(0, 40_000).map(Decimal)
expenses = st.lists(st.builds(Money, st.sampled_from(EXPENSE_TYPES), amounts), max_size=4)
incomes = st.lists(st.builds(Money, st.sampled_from(INCOME_TYPES), amounts), max_size=5)


@st.composite
def birth(draw: st.DrawFn, last: date) -> date:
    """A birth date on or before ``last``, half of them next to a band edge."""
    if draw(st.booleans()):
        return last - timedelta(days=draw(st.integers(0, 25 * 366)))
    # a birthday on, the day before or the day after the first of the month
    month = last.replace(day=1)
    age = draw(st.integers(0, 25))
    shift = draw(st.integers(-1, 1))
    return min(month.replace(year=month.year - age) + timedelta(days=shift), last)


@st.composite
def births(draw: st.DrawFn, last: date, max_size: int = 5) -> tuple[date, ...]:
    """Birth dates on or before ``last``: newborns to adults of 25 (outside the rates)."""
    return tuple(draw(st.lists(birth(last), max_size=max_size)))


@st.composite
def households(draw: st.DrawFn, last: date) -> Household:
    return Household(draw(st.sampled_from(ADULTS)), tuple(Child(b) for b in draw(births(last))))


@st.composite
def periods(draw: st.DrawFn, earliest: date = date(2022, 1, 1)) -> tuple[date, date]:
    """A period of up to two months, or a part of three, starting and ending on any day."""
    first = draw(st.dates(min_value=earliest, max_value=date(2025, 12, 31)))
    length = draw(st.integers(0, 62))
    return first, first + timedelta(days=length)


@st.composite
def part_of_a_month(draw: st.DrawFn) -> tuple[date, date]:
    month = draw(months)
    days = days_in_month(month)
    start = draw(st.integers(1, days))
    end = draw(st.integers(start, days))
    assume((start, end) != (1, days))
    return month.replace(day=start), month.replace(day=end)


# --- monotonicity ------------------------------------------------------------------------


@MONOTONE
@given(data=st.data(), period=periods(), extra=st.integers(0, 50_000))
def test_more_counted_income_never_raises_assistance(
    data: st.DataObject, period: tuple[date, date], extra: int
) -> None:
    first, last = period
    household = data.draw(households(last))
    spent = data.draw(expenses)
    income = data.draw(incomes)
    more = [*income, Money("salary", Decimal(extra))]
    base = living_costs(first=first, last=last, household=household, expenses=spent, incomes=income)
    richer = living_costs(first=first, last=last, household=household, expenses=spent, incomes=more)
    assert richer.assistance <= base.assistance
    assert richer.need == base.need
    assert richer.counted_income >= base.counted_income


@MONOTONE
@given(data=st.data(), period=periods(), raise_by=st.integers(0, 50_000))
def test_raising_an_income_never_raises_assistance(
    data: st.DataObject, period: tuple[date, date], raise_by: int
) -> None:
    first, last = period
    household = data.draw(households(last))
    income = data.draw(
        st.lists(st.builds(Money, st.sampled_from(INCOME_TYPES), amounts), min_size=1, max_size=5)
    )
    i = data.draw(st.integers(0, len(income) - 1))
    raised = list(income)
    raised[i] = Money(income[i].type, income[i].amount + raise_by)
    base = living_costs(first=first, last=last, household=household, incomes=income)
    after = living_costs(first=first, last=last, household=household, incomes=raised)
    assert after.assistance <= base.assistance


@MONOTONE
@given(
    data=st.data(),
    period=periods(earliest=BARNETRYGD_FREE),
    benefit=st.lists(amounts, min_size=1, max_size=3),
)
def test_child_benefit_never_changes_assistance_from_september_2022(
    data: st.DataObject, period: tuple[date, date], benefit: list[Decimal]
) -> None:
    first, last = period
    household = data.draw(households(last))
    income = data.draw(incomes)
    without = [m for m in income if m.type != "child_benefit"]
    with_benefit = [*income, *(Money("child_benefit", b) for b in benefit)]
    results = [
        living_costs(first=first, last=last, household=household, incomes=i)
        for i in (income, without, with_benefit)
    ]
    assert len({(r.assistance, r.need, r.counted_income) for r in results}) == 1


@MONOTONE
@given(data=st.data(), period=periods())
def test_adding_a_child_never_lowers_the_need(
    data: st.DataObject, period: tuple[date, date]
) -> None:
    first, last = period
    household = data.draw(households(last))
    (birth,) = data.draw(births(last, max_size=1).filter(len))
    bigger = Household(household.adults, (*household.children, Child(birth)))
    spent = data.draw(expenses)
    income = data.draw(incomes)
    base = living_costs(first=first, last=last, household=household, expenses=spent, incomes=income)
    more = living_costs(first=first, last=last, household=bigger, expenses=spent, incomes=income)
    assert more.need >= base.need
    assert more.assistance >= base.assistance


# --- the arithmetic ----------------------------------------------------------------------


def oracle_need(household: Household, spent: list[Money], month: date) -> int:
    """The need from the literal official table (2025 months use the 1.1.2024 rates)."""
    children = sum(
        official.child_rate(max(0, age_on(c.birth_date, month)), month) for c in household.children
    )
    return (
        official.adult_rate(household.adults, month) + children + int(sum(m.amount for m in spent))
    )


def oracle_counted(income: list[Money], month: date) -> int:
    def counted(type_: str) -> bool:
        if type_ == "child_earnings":
            return False
        if type_ == "child_benefit":
            return month < BARNETRYGD_FREE
        return True

    return int(sum(m.amount for m in income if counted(m.type)))


@PROPERTY
@given(data=st.data(), month=months)
def test_a_whole_month_is_max_of_zero_and_need_minus_income(
    data: st.DataObject, month: date
) -> None:
    household = data.draw(households(month_end(month)))
    spent = data.draw(expenses)
    income = data.draw(incomes)
    result = living_costs(
        first=month, last=month_end(month), household=household, expenses=spent, incomes=income
    )
    assert result.assistance == max(Decimal(0), result.need - result.counted_income)
    assert result.need == oracle_need(household, spent, month)
    assert result.counted_income == oracle_counted(income, month)
    (only,) = result.months
    assert only.whole_month
    assert only.rates_from == official.rates_from(month)


@PROPERTY
@given(data=st.data(), part=part_of_a_month())
def test_a_part_month_never_gives_more_than_the_whole_month(
    data: st.DataObject, part: tuple[date, date]
) -> None:
    start, end = part
    month = start.replace(day=1)
    household = data.draw(households(end))
    spent = data.draw(expenses)
    income = data.draw(incomes)
    whole = living_costs(
        first=month, last=month_end(month), household=household, expenses=spent, incomes=income
    )
    piece = living_costs(first=start, last=end, household=household, expenses=spent, incomes=income)
    assert not piece.months[0].whole_month
    assert 0 <= piece.assistance <= whole.assistance
    assert piece.need <= whole.need
    assert piece.assistance == max(Decimal(0), piece.need - piece.counted_income)


# --- the batch path equals the single path ---------------------------------------------


@st.composite
def batch_rows(
    draw: st.DrawFn, last: date
) -> list[tuple[str, tuple[date, ...], int, dict[str, int]]]:
    """Households as (adults, births, expenses, income per type), every income type present."""
    row = st.tuples(
        st.sampled_from(ADULTS),
        births(last),
        st.integers(0, 30_000),
        st.lists(
            st.integers(0, 20_000), min_size=len(INCOME_TYPES), max_size=len(INCOME_TYPES)
        ).map(lambda values: dict(zip(INCOME_TYPES, values, strict=True))),
    )
    return draw(st.lists(row, min_size=1, max_size=10))


@PROPERTY
@given(data=st.data(), month=months)
def test_the_batch_path_equals_the_single_path(data: st.DataObject, month: date) -> None:
    last = month_end(month)
    rows = data.draw(batch_rows(last))
    n = len(rows)
    width = max(len(b) for _, b, _, _ in rows)
    child_birth = np.zeros((n, width), dtype=np.int32)
    for i, (_, born, _, _) in enumerate(rows):
        for j, b in enumerate(born):
            child_birth[i, j] = ymd(b)
    arrays = HouseholdArrays(
        adults=np.array([ADULTS.index(a) for a, _, _, _ in rows], dtype=np.int8),
        child_birth=child_birth,
        expenses=np.array([e for _, _, e, _ in rows], dtype=np.int64),
        incomes={t: np.array([inc[t] for *_, inc in rows], dtype=np.int64) for t in INCOME_TYPES},
    )
    batch = living_costs_batch(month, arrays)

    for i, (adults, born, spent, inc) in enumerate(rows):
        single = living_costs(
            first=month,
            last=last,
            household=Household(adults, tuple(Child(b) for b in born)),
            expenses=[Money("rent", Decimal(spent))],
            incomes=[Money(t, Decimal(a)) for t, a in inc.items()],
        )
        assert (int(batch.need[i]), int(batch.counted_income[i]), int(batch.assistance[i])) == (
            int(single.need),
            int(single.counted_income),
            int(single.assistance),
        ), f"household {i}: {rows[i]}"
