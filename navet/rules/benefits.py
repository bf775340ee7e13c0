"""Programme benefits paid as a share of G: kvalifiseringsstønad and introduksjonsstønad.

Both are 2 G a year, less for participants under 25, reduced for unapproved absence and
for some other incomes. The period is split wherever the rate changes: on the day G changes
(1 May), on the participant's 25th birthday and at each month end, so every line has one
rate. Amounts are exact fractions until each line is rounded half up to øre.

- **Kvalifiseringsstønad** (sosialtjenesteloven §§ 29–39): paid per weekday, the annual
  rate / 260 for each Monday–Friday in the period; an hour of unapproved absence costs
  the day rate / 7.5. Dagpenger, sykepenger and foreldrepenger are deducted krone for
  krone; bostøtte, barnebidrag, barnetrygd and kontantstøtte are not. The barnetillegg is
  not verified and not included (a warning says so when there are children).
- **Introduksjonsstønad** (integreringsloven): a whole calendar month is the annual rate /
  12; a part month is that / 30 per day counted in a 30-day month (``days_30``: the last
  day of a month is day 30, a 31st is not counted); an hour of unapproved
  absence costs the annual rate / 1850 (the divisors of the old introduksjonsloven § 9,
  flagged as secondary). Under 25: 2/3, or 1/3 when living with a parent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from navet.rules.dates import age_on, birthday, days_in_month, month_end, weekdays_between
from navet.rules.errors import RulesInputError
from navet.rules.explain import Line, Notice, Notices, RateUsed
from navet.rules.money import round_ore
from navet.rules.ratesets import (
    GTable,
    ProgrammeRules,
    grunnbelop,
    pick,
    programme_rules,
    read_amount,
    read_date,
    read_list,
    read_typed_amounts,
)
from navet.rules.serialise import explanation, number
from navet.rules.texts import Language

MAX_DAYS = 366


@dataclass(frozen=True)
class Absence:
    day: date
    hours: Decimal


@dataclass(frozen=True)
class Income:
    type: str
    amount: Decimal


@dataclass(frozen=True)
class Segment:
    first: date
    last: date
    g: Decimal
    fraction: Fraction
    annual: Fraction
    amount: Decimal


@dataclass(frozen=True)
class BenefitResult:
    amount: Decimal
    gross: Decimal
    absence_deduction: Decimal
    income_deduction: Decimal
    segments: tuple[Segment, ...]
    lines: tuple[Line, ...]
    warnings: tuple[Notice, ...]


def days_30(start: date, end: date, month_days: int = 30) -> int:
    """Days of ``start``..``end`` (inside one month) counted in a month of ``month_days`` days.

    The last day of a month counts as day 30, and day 31 is not counted, so the pieces of
    any calendar month always add up to 30 (a month split on a birthday pays one month).
    """
    first = start.day if start.day <= month_days else month_days + 1
    last = month_days if end.day == days_in_month(end) else min(end.day, month_days)
    return max(0, last - first + 1)


def _fraction_text(value: Fraction) -> str:
    return str(value) if value.denominator != 1 else str(value.numerator)


def _boundaries(first: date, last: date, birth_date: date, under_age: int, g: GTable) -> list[date]:
    """Days on which a new segment starts (besides ``first``)."""
    cuts = {d.source.valid_from for d in g.values if first < d.source.valid_from <= last}
    turns = birthday(birth_date, under_age)
    if first < turns <= last:
        cuts.add(turns)
    day = month_end(first) + timedelta(days=1)
    while day <= last:
        cuts.add(day)
        day = month_end(day) + timedelta(days=1)
    return sorted(cuts)


def _check_common(
    first: date,
    last: date,
    birth_date: date,
    absences: Sequence[Absence],
    incomes: Sequence[Income],
    rules: ProgrammeRules,
) -> None:
    if last < first:
        raise RulesInputError("period.to", "must not be before period.from")
    if (last - first).days + 1 > MAX_DAYS:
        raise RulesInputError("period.to", f"the period may be at most {MAX_DAYS} days")
    if birth_date >= first:
        raise RulesInputError("birth_date", "must be before the period")
    for i, absence in enumerate(absences):
        if not first <= absence.day <= last:
            raise RulesInputError(f"absence[{i}].date", "must be inside the period")
        if not Decimal(0) < absence.hours <= Decimal(24):
            raise RulesInputError(f"absence[{i}].hours", "must be more than 0 and at most 24")
    allowed = rules.deducted_income + rules.not_deducted_income
    for i, income in enumerate(incomes):
        if income.type not in allowed:
            raise RulesInputError(f"incomes[{i}].type", f"must be one of {', '.join(allowed)}")


def _programme(
    *,
    benefit: str,
    first: date,
    last: date,
    birth_date: date,
    fraction_key: str,
    absences: Sequence[Absence],
    incomes: Sequence[Income],
    rules_list: Sequence[ProgrammeRules],
    g: GTable,
    segment_amount: Callable[
        [Fraction, date, date, ProgrammeRules], tuple[Fraction, dict[str, Any]]
    ],
    hour_rate: Callable[[Fraction, ProgrammeRules], Fraction],
    notices: Notices,
) -> BenefitResult:
    rules = pick(
        rules_list, first, what=benefit, rate_set=benefit, field="period.from", notices=notices
    )
    _check_common(first, last, birth_date, absences, incomes, rules)
    notices.source_used(benefit, rules.divisors_source)
    lines: list[Line] = []
    segments: list[Segment] = []
    starts = [first, *_boundaries(first, last, birth_date, rules.under_age, g)]
    ends = [s - timedelta(days=1) for s in starts[1:]] + [last]
    annual_on: dict[date, Fraction] = {}
    for start, end in zip(starts, ends, strict=True):
        g_value = g.at(start, notices, "period.from")
        under = age_on(birth_date, start) < rules.under_age
        fraction = rules.fractions[fraction_key] if under else Fraction(1)
        annual = Fraction(g_value.amount) * rules.g_per_year * fraction
        raw, facts = segment_amount(annual, start, end, rules)
        amount = round_ore(raw)
        segments.append(Segment(start, end, g_value.amount, fraction, annual, amount))
        day = start
        while day <= end:
            annual_on[day] = annual
            day += timedelta(days=1)
        lines.append(
            Line(
                "benefit.period",
                "benefit",
                amount,
                rules.legal_reference,
                rate=RateUsed("G", g_value.amount, "folketrygden", g_value.source),
                facts={
                    "benefit": benefit,
                    "age": age_on(birth_date, start),
                    "fraction": _fraction_text(fraction),
                    "g_per_year": _fraction_text(rules.g_per_year),
                    "g": g_value.amount,
                    "annual": round_ore(annual),
                    **facts,
                },
                period=(start, end),
            )
        )
    gross = sum((s.amount for s in segments), Decimal(0))

    absence_total = Decimal(0)
    for absence in absences:
        deduction = round_ore(hour_rate(annual_on[absence.day], rules) * Fraction(absence.hours))
        absence_total += deduction
        lines.append(
            Line(
                "benefit.absence",
                "deduction",
                -deduction,
                rules.legal_reference,
                source=rules.divisors_source,
                facts={"date": absence.day.isoformat(), "hours": absence.hours},
            )
        )
    income_total = Decimal(0)
    for income in incomes:
        income_facts: dict[str, Any] = {"type": income.type, "amount": income.amount}
        if income.type in rules.deducted_income:
            income_total += income.amount
            lines.append(
                Line(
                    "benefit.income",
                    "deduction",
                    -income.amount,
                    rules.legal_reference,
                    source=rules.source,
                    facts=income_facts,
                )
            )
        else:
            lines.append(
                Line(
                    "benefit.income_not_deducted",
                    "info",
                    Decimal(0),
                    rules.legal_reference,
                    source=rules.source,
                    facts=income_facts,
                )
            )
    amount = max(Decimal(0), gross - absence_total - income_total)
    lines.append(
        Line("benefit.total", "total", amount, rules.legal_reference, period=(first, last))
    )
    return BenefitResult(
        amount=amount,
        gross=gross,
        absence_deduction=absence_total,
        income_deduction=income_total,
        segments=tuple(segments),
        lines=tuple(lines),
        warnings=notices.as_tuple(),
    )


def qualification_benefit(
    *,
    first: date,
    last: date,
    birth_date: date,
    absences: Sequence[Absence] = (),
    incomes: Sequence[Income] = (),
    children: int = 0,
    rules: Sequence[ProgrammeRules] | None = None,
    g: GTable | None = None,
) -> BenefitResult:
    """Kvalifiseringsstønad for ``first``..``last`` (see the module doc)."""
    notices = Notices()
    for i, absence in enumerate(absences):
        if absence.day.weekday() >= 5:
            raise RulesInputError(
                f"absence[{i}].date", "is a Saturday or Sunday; KVP is paid Monday to Friday"
            )
    if children < 0:
        raise RulesInputError("children", "must be zero or more")
    if children:
        notices.add("child_supplement_not_included")

    def per_weekday(
        annual: Fraction, start: date, end: date, r: ProgrammeRules
    ) -> tuple[Fraction, dict[str, Any]]:
        days = weekdays_between(start, end)
        per_year = r.divisors["weekdays_per_year"]
        return annual / per_year * days, {
            "weekdays": days,
            "weekdays_or_days": f"{days} × 1/{per_year}",
        }

    def per_hour(annual: Fraction, r: ProgrammeRules) -> Fraction:
        return annual / r.divisors["weekdays_per_year"] / r.divisors["hours_per_day"]

    return _programme(
        benefit="qualification_benefit",
        first=first,
        last=last,
        birth_date=birth_date,
        fraction_key="under_25_fraction",
        absences=absences,
        incomes=incomes,
        rules_list=rules or programme_rules("qualification_benefit"),
        g=g or grunnbelop(),
        segment_amount=per_weekday,
        hour_rate=per_hour,
        notices=notices,
    )


def introduction_benefit(
    *,
    first: date,
    last: date,
    birth_date: date,
    lives_with_parent: bool = False,
    absences: Sequence[Absence] = (),
    incomes: Sequence[Income] = (),
    rules: Sequence[ProgrammeRules] | None = None,
    g: GTable | None = None,
) -> BenefitResult:
    """Introduksjonsstønad for ``first``..``last`` (see the module doc)."""

    def per_month(
        annual: Fraction, start: date, end: date, r: ProgrammeRules
    ) -> tuple[Fraction, dict[str, Any]]:
        month = annual / r.divisors["months_per_year"]
        per_month = int(r.divisors["months_per_year"])
        if start.day == 1 and end.day == days_in_month(end):
            return month, {"weekdays_or_days": f"1/{per_month}"}
        per_day = int(r.divisors["days_per_month"])
        days = days_30(start, end, per_day)
        return month / per_day * days, {
            "days": days,
            "weekdays_or_days": f"{days}/{per_day} × 1/{per_month}",
        }

    def per_hour(annual: Fraction, r: ProgrammeRules) -> Fraction:
        return annual / r.divisors["hours_per_year"]

    key = "under_25_with_parent_fraction" if lives_with_parent else "under_25_fraction"
    return _programme(
        benefit="introduction_benefit",
        first=first,
        last=last,
        birth_date=birth_date,
        fraction_key=key,
        absences=absences,
        incomes=incomes,
        rules_list=rules or programme_rules("introduction_benefit"),
        g=g or grunnbelop(),
        segment_amount=per_month,
        hour_rate=per_hour,
        notices=Notices(),
    )


# --- JSON ------------------------------------------------------------------------------


def _period(data: Mapping[str, Any]) -> tuple[date, date]:
    period = data.get("period")
    if not isinstance(period, Mapping):
        raise RulesInputError("period", "is required: an object with from and to")
    return read_date(period.get("from"), "period.from"), read_date(period.get("to"), "period.to")


def _absences(items: Any) -> tuple[Absence, ...]:
    out = []
    for i, item in enumerate(read_list(items, "absence")):
        if not isinstance(item, Mapping):
            raise RulesInputError(f"absence[{i}]", "must be an object with date and hours")
        out.append(
            Absence(
                read_date(item.get("date"), f"absence[{i}].date"),
                read_amount(item.get("hours"), f"absence[{i}].hours"),
            )
        )
    return tuple(out)


def _incomes(items: Any) -> tuple[Income, ...]:
    return tuple(Income(t, a) for t, a in read_typed_amounts(items, "incomes"))


def benefit_json(
    name: str, function: Callable[..., BenefitResult], data: Mapping[str, Any], language: Language
) -> dict[str, Any]:
    first, last = _period(data)
    kwargs: dict[str, Any] = {
        "first": first,
        "last": last,
        "birth_date": read_date(data.get("birth_date"), "birth_date"),
        "absences": _absences(data.get("absence", [])),
        "incomes": _incomes(data.get("incomes", [])),
    }
    if name == "introduction_benefit":
        lives = data.get("lives_with_parent", False)
        if not isinstance(lives, bool):
            raise RulesInputError("lives_with_parent", "must be true or false")
        kwargs["lives_with_parent"] = lives
    else:
        children = data.get("children", 0)
        if isinstance(children, bool) or not isinstance(children, int):
            raise RulesInputError("children", "must be a whole number")
        kwargs["children"] = children
    result = function(**kwargs)
    return {
        "calculation": name,
        "amount": number(result.amount),
        "gross": number(result.gross),
        "absence_deduction": number(result.absence_deduction),
        "income_deduction": number(result.income_deduction),
        "segments": [
            {
                "from": s.first.isoformat(),
                "to": s.last.isoformat(),
                "g": number(s.g),
                "fraction": _fraction_text(s.fraction),
                "annual": number(round_ore(s.annual)),
                "amount": number(s.amount),
            }
            for s in result.segments
        ],
        **explanation(result.lines, result.warnings, language),
    }
