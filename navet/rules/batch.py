"""Vectorised § 18 living costs for many households at once, and what-if simulation.

``living_costs_batch`` applies exactly the rules of ``navet.rules.living_costs`` for one
whole calendar month to arrays of households (tests check it equals the single path), so a
leader can ask what a change of rates would cost and who would gain or lose.

Households are columns of NumPy arrays:

- ``adults``: int8 index into ``ADULT_CATEGORIES`` (0 single, 1 couple, 2 shared housing);
- ``child_birth``: int32 matrix (households × max children), birth dates as YYYYMMDD,
  0 where there is no child; age on a day is ``(YYYYMMDD(day) − birth) // 10000``;
- ``expenses``: int64 approved actual expenses per month (whole kroner);
- ``incomes``: int64 per income type per month (whole kroner).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from navet.rules.dates import month_end
from navet.rules.errors import RulesInputError
from navet.rules.explain import Notice, Notices, Source
from navet.rules.ratesets import (
    ADULT_CATEGORIES,
    AgeBand,
    IncomeRules,
    LivingCostRates,
    LivingCostRateSet,
    income_rules,
    state_living_cost_rates,
)

EARLIEST_BIRTH = 1850_01_01


@dataclass(frozen=True)
class HouseholdArrays:
    adults: NDArray[np.int8]
    child_birth: NDArray[np.int32]
    expenses: NDArray[np.int64]
    incomes: Mapping[str, NDArray[np.int64]] = field(default_factory=dict)

    def __len__(self) -> int:
        return int(self.adults.shape[0])


@dataclass(frozen=True)
class BatchResult:
    need: NDArray[np.int64]
    counted_income: NDArray[np.int64]
    assistance: NDArray[np.int64]
    warnings: tuple[Notice, ...]


def ymd(day: date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day


def _check(households: HouseholdArrays, month: date) -> None:
    n = len(households)
    if households.adults.ndim != 1:
        raise RulesInputError("adults", "must be a one-dimensional array")
    if households.child_birth.ndim != 2 or households.child_birth.shape[0] != n:
        raise RulesInputError("child_birth", "must be a matrix with one row per household")
    if households.expenses.shape != (n,):
        raise RulesInputError("expenses", "must have one value per household")
    if n and (households.adults.min() < 0 or households.adults.max() >= len(ADULT_CATEGORIES)):
        raise RulesInputError("adults", f"must be 0 to {len(ADULT_CATEGORIES) - 1}")
    births = households.child_birth
    if births.size and births.max() > ymd(month_end(month)):
        raise RulesInputError("child_birth", "a child is born after the end of the month")
    if births.size and (births.min() < 0 or ((births > 0) & (births < EARLIEST_BIRTH)).any()):
        raise RulesInputError("child_birth", f"must be 0 or a date YYYYMMDD from {EARLIEST_BIRTH}")
    if n and households.expenses.min() < 0:
        raise RulesInputError("expenses", "must be zero or more")
    for type_, values in households.incomes.items():
        if values.shape != (n,):
            raise RulesInputError(f"incomes.{type_}", "must have one value per household")
        if n and values.min() < 0:
            raise RulesInputError(f"incomes.{type_}", "must be zero or more")


def amount_by_age(bands: tuple[AgeBand, ...], no_child_age: int) -> NDArray[np.int32]:
    """Child rate for every age 0..``no_child_age``; −1 where the age is outside the bands.

    A birth value of 0 (no child) computes as ``no_child_age`` years old (the year of the
    month), whose entry is 0, so absent children need no mask: an index, not a branch.
    """
    table = np.full(no_child_age + 1, -1, dtype=np.int32)
    for band in bands:
        table[band.age_from : min(band.age_to, no_child_age - 1) + 1] = int(band.amount)
    table[no_child_age] = 0
    return table


def living_costs_batch(
    month: date,
    households: HouseholdArrays,
    *,
    rate_set: LivingCostRateSet | None = None,
    rules: IncomeRules | None = None,
) -> BatchResult:
    """Need, counted income and assistance for one whole calendar month, per household."""
    rate_set = rate_set or state_living_cost_rates()
    rules = rules or income_rules()
    first = month.replace(day=1)
    _check(households, first)
    notices = Notices()
    rates = rate_set.at(first, notices, field="month")

    adult_rates = np.array([int(rates.adults[c]) for c in ADULT_CATEGORIES], dtype=np.int64)
    need = adult_rates[households.adults]
    births = households.child_birth
    if births.shape[1]:
        ages = (np.int32(ymd(first)) - births) // 10_000
        np.clip(ages, 0, first.year, out=ages)
        per_child = amount_by_age(rates.children, first.year)[ages]
        if per_child.min() < 0:
            outside = per_child < 0
            notices.add("child_outside_rates", child="*", age=int(ages[outside].min()))
            per_child[outside] = 0
        # column by column: faster than per_child.sum(axis=1) for a few wide columns
        for column in range(per_child.shape[1]):
            need += per_child[:, column]
    need = need + households.expenses

    counted = np.zeros(len(households), dtype=np.int64)
    for type_, values in households.incomes.items():
        if rules.at(type_, first, notices, f"incomes.{type_}").counted:
            counted += values
    assistance = np.maximum(need - counted, 0)
    return BatchResult(need, counted, assistance, notices.as_tuple())


# --- what-if ---------------------------------------------------------------------------


def _round_to(value: Decimal, step: int, mode: Literal["up", "nearest"]) -> Decimal:
    rounding = ROUND_CEILING if mode == "up" else ROUND_HALF_UP
    return (value / step).quantize(Decimal(1), rounding=rounding) * step


def _reformed(
    rates: LivingCostRates, adults: dict[str, Decimal], children: tuple[AgeBand, ...], title: str
) -> LivingCostRates:
    source = Source(rates.source.valid_from, rates.source.status, rates.source.url, title)
    return LivingCostRates(source=source, adults=adults, children=children)


def scale_rates(
    rate_set: LivingCostRateSet,
    factor: Decimal,
    *,
    step: int = 50,
    rounding: Literal["up", "nearest"] = "up",
) -> LivingCostRateSet:
    """Every rate × ``factor``, rounded to ``step`` kroner (the state rounds up to 50 kr)."""

    def scale(value: Decimal) -> Decimal:
        return _round_to(value * factor, step, rounding)

    rates = [
        _reformed(
            r,
            {k: scale(v) for k, v in r.adults.items()},
            tuple(AgeBand(b.age_from, b.age_to, scale(b.amount)) for b in r.children),
            f"{r.source.title} × {factor}",
        )
        for r in rate_set.rates
    ]
    return rate_set.with_rates(
        id=f"{rate_set.id}×{factor}", name=f"{rate_set.name} × {factor}", rates=rates
    )


def split_child_band(
    rate_set: LivingCostRateSet, at_age: int, upper_amount: Decimal
) -> LivingCostRateSet:
    """Split the child band holding ``at_age`` there; the older part gets ``upper_amount``."""
    rates = []
    for r in rate_set.rates:
        bands: list[AgeBand] = []
        for b in r.children:
            if b.age_from < at_age <= b.age_to:
                bands += [
                    AgeBand(b.age_from, at_age - 1, b.amount),
                    AgeBand(at_age, b.age_to, upper_amount),
                ]
            else:
                bands.append(b)
        rates.append(
            _reformed(r, dict(r.adults), tuple(bands), f"{r.source.title}, split at {at_age}")
        )
    return rate_set.with_rates(
        id=f"{rate_set.id}/split{at_age}", name=f"{rate_set.name}, split at {at_age}", rates=rates
    )


def change_child_band(
    rate_set: LivingCostRateSet, age_from: int, amount: Decimal
) -> LivingCostRateSet:
    """The child band that starts at ``age_from`` gets ``amount``; every other rate stays."""
    rates = [
        _reformed(
            r,
            dict(r.adults),
            tuple(
                AgeBand(b.age_from, b.age_to, amount) if b.age_from == age_from else b
                for b in r.children
            ),
            f"{r.source.title}, {age_from}+ = {amount}",
        )
        for r in rate_set.rates
    ]
    return rate_set.with_rates(
        id=f"{rate_set.id}/band{age_from}={amount}",
        name=f"{rate_set.name}, band from {age_from} = {amount}",
        rates=rates,
    )


@dataclass(frozen=True)
class Group:
    households: int
    baseline: int
    reform: int
    winners: int
    losers: int


@dataclass(frozen=True)
class Simulation:
    """Monthly cost and winners and losers of a reform, compared with a baseline."""

    month: date
    households: int
    recipients_baseline: int
    recipients_reform: int
    total_baseline: int
    total_reform: int
    winners: int
    losers: int
    unchanged: int
    mean_gain: float
    mean_loss: float
    # (from, to, households): the change per household in kroner, in bins [from, to)
    distribution: tuple[tuple[int, int, int], ...]
    by_adults: dict[str, Group]
    by_children: dict[str, Group]
    warnings: tuple[Notice, ...]

    @property
    def total_change(self) -> int:
        return self.total_reform - self.total_baseline


def _group(
    mask: NDArray[np.bool_],
    base: NDArray[np.int64],
    new: NDArray[np.int64],
    delta: NDArray[np.int64],
) -> Group:
    return Group(
        households=int(mask.sum()),
        baseline=int(base[mask].sum()),
        reform=int(new[mask].sum()),
        winners=int((delta[mask] > 0).sum()),
        losers=int((delta[mask] < 0).sum()),
    )


def simulate(
    month: date,
    households: HouseholdArrays,
    *,
    baseline: LivingCostRateSet,
    reform: LivingCostRateSet,
    bin_width: int = 250,
) -> Simulation:
    base = living_costs_batch(month, households, rate_set=baseline)
    new = living_costs_batch(month, households, rate_set=reform)
    delta = new.assistance - base.assistance
    gains, losses = delta[delta > 0], delta[delta < 0]

    distribution: tuple[tuple[int, int, int], ...] = ()
    changed = delta[delta != 0]
    if changed.size:
        low = int(np.floor(changed.min() / bin_width)) * bin_width
        high = (int(np.floor(changed.max() / bin_width)) + 1) * bin_width
        counts, edges = np.histogram(changed, bins=np.arange(low, high + 1, bin_width))
        distribution = tuple(
            (int(edges[i]), int(edges[i + 1]), int(c)) for i, c in enumerate(counts) if c
        )

    children = (
        (households.child_birth > 0).sum(axis=1)
        if households.child_birth.shape[1]
        else np.zeros(len(households), dtype=np.int64)
    )
    child_groups = {"0": children == 0, "1": children == 1, "2": children == 2, "3+": children >= 3}
    return Simulation(
        month=month.replace(day=1),
        households=len(households),
        recipients_baseline=int((base.assistance > 0).sum()),
        recipients_reform=int((new.assistance > 0).sum()),
        total_baseline=int(base.assistance.sum()),
        total_reform=int(new.assistance.sum()),
        winners=int(gains.size),
        losers=int(losses.size),
        unchanged=int((delta == 0).sum()),
        mean_gain=float(gains.mean()) if gains.size else 0.0,
        mean_loss=float(losses.mean()) if losses.size else 0.0,
        distribution=distribution,
        by_adults={
            c: _group(households.adults == i, base.assistance, new.assistance, delta)
            for i, c in enumerate(ADULT_CATEGORIES)
        },
        by_children={
            k: _group(m, base.assistance, new.assistance, delta) for k, m in child_groups.items()
        },
        warnings=base.warnings + tuple(w for w in new.warnings if w not in base.warnings),
    )


def synthetic_households(
    n: int, *, month: date, seed: int = 1, max_children: int = 4
) -> HouseholdArrays:
    """``n`` random households for benchmarks and simulation demos (no real people)."""
    rng = np.random.default_rng(seed)
    adults = rng.choice(np.arange(3, dtype=np.int8), size=n, p=[0.6, 0.25, 0.15])
    n_children = rng.choice(np.arange(max_children + 1), size=n, p=_child_weights(max_children))
    base = ymd(month.replace(day=1))
    years = rng.integers(0, 18, size=(n, max_children), dtype=np.int32)
    month_day = rng.integers(1, 13, size=(n, max_children), dtype=np.int32) * 100 + rng.integers(
        1, 29, size=(n, max_children), dtype=np.int32
    )
    births = (base // 10_000 - years) * 10_000 + month_day
    births = np.minimum(births, base)  # nobody born after the first of the month
    births[np.arange(max_children)[None, :] >= n_children[:, None]] = 0
    expenses = rng.integers(0, 20_000, size=n, dtype=np.int64)
    incomes = {
        "salary": np.where(rng.random(n) < 0.3, rng.integers(0, 25_000, size=n), 0).astype(
            np.int64
        ),
        "benefits": np.where(rng.random(n) < 0.4, rng.integers(0, 18_000, size=n), 0).astype(
            np.int64
        ),
        "housing_benefit": np.where(rng.random(n) < 0.3, rng.integers(0, 5_000, size=n), 0).astype(
            np.int64
        ),
        "child_benefit": (n_children * 1_766).astype(np.int64),
        "child_earnings": np.where(rng.random(n) < 0.05, rng.integers(0, 3_000, size=n), 0).astype(
            np.int64
        ),
    }
    return HouseholdArrays(
        adults=adults, child_birth=births.astype(np.int32), expenses=expenses, incomes=incomes
    )


def _child_weights(max_children: int) -> list[float]:
    weights = [0.55, 0.2, 0.15, 0.07] + [0.03] * max(0, max_children - 3)
    weights = weights[: max_children + 1]
    total = sum(weights)
    return [w / total for w in weights]
