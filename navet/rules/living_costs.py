"""§ 18 living costs: the monthly need, the income counted against it, the assistance.

The rules, in the order they are applied for each calendar month of the period:

1. The rates are those of the rate set in force on the **first day of the calendar month**
   (the state and municipal rates change on the first of a month).
2. Need = the adults' rate (single, couple or shared housing) + one rate per child by the
   child's age **on the first day of the month** (a child born during the month is counted
   as 0 years old in that month and not at all in earlier months; a child of 18 or more
   is outside the rates and gets a warning) + the approved actual expenses (housing,
   electricity, kindergarten … are outside the rates and are added in full as approved).
3. Counted income = every income whose type is counted on the first day of the month.
   Barnetrygd is not counted from 1 September 2022; children's own earnings never are.
4. Whole month: assistance = max(0, need − counted income).
5. Part of a month (the period starts after the 1st or ends before the last day): need and
   counted income are each pro-rated by calendar days, ``amount × days / days_in_month``,
   rounded half up to whole kroner; assistance = max(0, need − counted income) of those.
6. The period's assistance, need and counted income are the sums over its months. A period
   is shorter than 12 months (``to`` before ``from`` + 12 months).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from navet.rules.dates import add_months, age_on, days_in_month, months_in
from navet.rules.errors import RulesInputError
from navet.rules.explain import Line, Notice, Notices, RateUsed
from navet.rules.money import round_kroner
from navet.rules.ratesets import (
    ADULT_CATEGORIES,
    IncomeRules,
    LivingCostRateSet,
    band_for,
    income_rules,
    read_date,
    read_list,
    read_typed_amounts,
    state_living_cost_rates,
)

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
MAX_MONTHS = 12
LAW = "sosialtjenesteloven § 18"


@dataclass(frozen=True)
class Child:
    birth_date: date


@dataclass(frozen=True)
class Household:
    adults: str
    children: tuple[Child, ...] = ()


@dataclass(frozen=True)
class Money:
    """An expense or an income: its type and whole kroner per month."""

    type: str
    amount: Decimal


@dataclass(frozen=True)
class MonthResult:
    first: date
    last: date
    rates_from: date
    need: Decimal
    counted_income: Decimal
    assistance: Decimal
    whole_month: bool


@dataclass(frozen=True)
class LivingCostsResult:
    assistance: Decimal
    need: Decimal
    counted_income: Decimal
    months: tuple[MonthResult, ...]
    lines: tuple[Line, ...]
    warnings: tuple[Notice, ...]


def living_costs(
    *,
    first: date,
    last: date,
    household: Household,
    expenses: Sequence[Money] = (),
    incomes: Sequence[Money] = (),
    rate_set: LivingCostRateSet | None = None,
    rules: IncomeRules | None = None,
) -> LivingCostsResult:
    """The § 18 assistance for ``first``..``last`` with its explanation (see module doc)."""
    rate_set = rate_set or state_living_cost_rates()
    rules = rules or income_rules()
    _check(first, last, household, expenses, incomes, rules)
    notices = Notices()
    lines: list[Line] = []
    months = []
    for start, end in months_in(first, last):
        month = _month(start, end, household, expenses, incomes, rate_set, rules, notices)
        months.append(month[0])
        lines += month[1]
    result = LivingCostsResult(
        assistance=sum((m.assistance for m in months), Decimal(0)),
        need=sum((m.need for m in months), Decimal(0)),
        counted_income=sum((m.counted_income for m in months), Decimal(0)),
        months=tuple(months),
        lines=tuple(lines),
        warnings=notices.as_tuple(),
    )
    if len(months) > 1:
        lines.append(
            Line("period.assistance", "total", result.assistance, LAW, period=(first, last))
        )
        result = LivingCostsResult(**{**result.__dict__, "lines": tuple(lines)})
    return result


def _check(
    first: date,
    last: date,
    household: Household,
    expenses: Sequence[Money],
    incomes: Sequence[Money],
    rules: IncomeRules,
) -> None:
    if last < first:
        raise RulesInputError("period.to", "must not be before period.from")
    if last >= add_months(first, MAX_MONTHS):
        raise RulesInputError("period.to", f"the period may span at most {MAX_MONTHS} months")
    if household.adults not in ADULT_CATEGORIES:
        raise RulesInputError("household.adults", f"must be one of {', '.join(ADULT_CATEGORIES)}")
    for i, child in enumerate(household.children):
        if child.birth_date > last:
            raise RulesInputError(
                f"household.children[{i}].birth_date", "is after the end of the period"
            )
    for i, expense in enumerate(expenses):
        if expense.type not in EXPENSE_TYPES:
            raise RulesInputError(
                f"expenses[{i}].type", f"must be one of {', '.join(EXPENSE_TYPES)}"
            )
        _check_whole(expense.amount, f"expenses[{i}].amount")
    for i, income in enumerate(incomes):
        if income.type not in rules.types:
            raise RulesInputError(f"incomes[{i}].type", f"must be one of {', '.join(rules.types)}")
        _check_whole(income.amount, f"incomes[{i}].amount")


def _check_whole(amount: Decimal, field: str) -> None:
    if amount < 0 or amount != amount.to_integral_value():
        raise RulesInputError(field, "must be whole kroner, zero or more")


def _month(
    start: date,
    end: date,
    household: Household,
    expenses: Sequence[Money],
    incomes: Sequence[Money],
    rate_set: LivingCostRateSet,
    rules: IncomeRules,
    notices: Notices,
) -> tuple[MonthResult, list[Line]]:
    month_first = start.replace(day=1)
    rates = rate_set.at(month_first, notices)
    law = f"{LAW} ({rate_set.name})"
    span = (start, end)
    lines: list[Line] = []

    adult_rate = rates.adults[household.adults]
    lines.append(
        Line(
            f"adults.{household.adults}",
            "need",
            adult_rate,
            law,
            rate=RateUsed(
                f"living_costs.{household.adults}", adult_rate, rate_set.id, rates.source
            ),
            facts={"adults": household.adults},
            period=span,
        )
    )
    need = adult_rate
    for i, child in enumerate(household.children):
        if child.birth_date > end:
            continue  # not yet born in this month
        age = max(0, age_on(child.birth_date, month_first))
        facts: dict[str, Any] = {
            "child": i + 1,
            "birth_date": child.birth_date.isoformat(),
            "age": age,
        }
        band = band_for(rates.children, age)
        if band is None:
            notices.add("child_outside_rates", child=i + 1, age=age)
            lines.append(
                Line("child.outside_rates", "info", Decimal(0), law, facts=facts, period=span)
            )
            continue
        facts["band"] = band.label()
        lines.append(
            Line(
                "child",
                "need",
                band.amount,
                law,
                rate=RateUsed(
                    f"living_costs.children.{band.label()}", band.amount, rate_set.id, rates.source
                ),
                facts=facts,
                period=span,
            )
        )
        need += band.amount
    for expense in expenses:
        lines.append(
            Line(
                "expense",
                "need",
                expense.amount,
                LAW,
                facts={"type": expense.type},
                period=span,
            )
        )
        need += expense.amount

    counted = Decimal(0)
    for i, income in enumerate(incomes):
        rule = rules.at(income.type, month_first, notices, f"incomes[{i}].type")
        facts = {"type": income.type, "amount": income.amount}
        if rule.counted:
            lines.append(
                Line(
                    "income.counted",
                    "income",
                    income.amount,
                    rule.legal_reference,
                    source=rule.source,
                    facts=facts,
                    period=span,
                )
            )
            counted += income.amount
        else:
            lines.append(
                Line(
                    "income.not_counted",
                    "info",
                    Decimal(0),
                    rule.legal_reference,
                    source=rule.source,
                    facts=facts,
                    period=span,
                )
            )

    lines.append(Line("month.need", "total", need, law, period=span))
    lines.append(Line("month.counted_income", "total", counted, LAW, period=span))
    whole = start == month_first and end.day == days_in_month(start)
    if not whole:
        days, dim = (end - start).days + 1, days_in_month(start)
        need = round_kroner(Fraction(need) * days / dim)
        counted = round_kroner(Fraction(counted) * days / dim)
        lines.append(
            Line(
                "month.prorated",
                "info",
                Decimal(0),
                LAW,
                facts={"days": days, "days_in_month": dim, "need": need, "counted_income": counted},
                period=span,
            )
        )
    assistance = max(Decimal(0), need - counted)
    lines.append(Line("month.assistance", "total", assistance, LAW, period=span))
    return (
        MonthResult(
            first=start,
            last=end,
            rates_from=rates.source.valid_from,
            need=need,
            counted_income=counted,
            assistance=assistance,
            whole_month=whole,
        ),
        lines,
    )


# --- reading the JSON shape ------------------------------------------------------------


def from_json(data: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments for ``living_costs`` from the command-line JSON shape."""
    period = data.get("period")
    if not isinstance(period, Mapping):
        raise RulesInputError("period", "is required: an object with from and to")
    first = read_date(period.get("from"), "period.from")
    last = read_date(period.get("to"), "period.to")
    household = data.get("household")
    if not isinstance(household, Mapping):
        raise RulesInputError("household", "is required: an object with adults and children")
    adults = household.get("adults")
    if adults not in ADULT_CATEGORIES:
        raise RulesInputError("household.adults", f"must be one of {', '.join(ADULT_CATEGORIES)}")
    children = []
    for i, child in enumerate(read_list(household.get("children", []), "household.children")):
        if not isinstance(child, Mapping):
            raise RulesInputError(f"household.children[{i}]", "must be an object with birth_date")
        children.append(
            Child(read_date(child.get("birth_date"), f"household.children[{i}].birth_date"))
        )
    return {
        "first": first,
        "last": last,
        "household": Household(adults=adults, children=tuple(children)),
        "expenses": _money_list(data.get("expenses", []), "expenses"),
        "incomes": _money_list(data.get("incomes", []), "incomes"),
    }


def _money_list(items: Any, path: str) -> tuple[Money, ...]:
    return tuple(Money(t, a) for t, a in read_typed_amounts(items, path, whole=True))
