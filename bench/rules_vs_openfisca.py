#!/usr/bin/env python
# mypy: allow-subclassing-any
"""Time Navet's vectorised § 18 living costs against the same rules in OpenFisca-core.

    .venv/bin/python bench/rules_vs_openfisca.py [--households 1000000] [--month 2024-03]
                                                 [--repeat 3] [--seed 1]

The script builds, in itself, a small OpenFisca tax-benefit system for the § 18 rules of
``navet.rules.living_costs`` for one whole calendar month: persons (one adult applicant and
the children) in households, the children's rates from their birth dates, household sums over
the members, and parameters built from Navet's own rate data (``state_living_cost_rates()``
and ``income_rules()``, with their ``valid_from`` dates), so both engines use the same numbers.

It generates households with ``navet.rules.batch.synthetic_households`` (not timed), then
``--repeat`` times computes the assistance with ``living_costs_batch`` and with an OpenFisca
simulation built from the same arrays, checks the two assistance arrays are identical, and
prints the median times. The last line is ``speedup=<openfisca median / navet median>``.
Exit 0 when identical, 1 when not, 2 when OpenFisca-core is not installed.
See bench/README.md for what each time includes.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar, cast

import numpy as np
from numpy.typing import NDArray

from navet.rules.batch import HouseholdArrays, living_costs_batch, synthetic_households
from navet.rules.ratesets import (
    ADULT_CATEGORIES,
    IncomeRules,
    LivingCostRateSet,
    income_rules,
    state_living_cost_rates,
)

try:
    from openfisca_core.entities import build_entity
    from openfisca_core.indexed_enums import Enum
    from openfisca_core.model_api import ETERNITY, MONTH, max_, select
    from openfisca_core.parameters import ParameterNode
    from openfisca_core.simulations import Simulation, SimulationBuilder
    from openfisca_core.taxbenefitsystems import TaxBenefitSystem
    from openfisca_core.variables import Variable
except ImportError:
    print(
        "OpenFisca-core is not installed; this benchmark compares Navet with it.\n"
        "Install the bench extra:  .venv/bin/pip install -e '.[bench]'   (or: make bench-rules)",
        file=sys.stderr,
    )
    sys.exit(2)

T = TypeVar("T")
# OpenFisca-core ships no type information: what its formulas receive, for the reader.
Population = Any
Period = Any
Parameters = Any
Array = Any


# --- the OpenFisca model of § 18 living costs ------------------------------------------
#
# Written as an OpenFisca country package would be: entities, an Enum, one Variable class
# per concept with a vectorised formula. The lower-case class names are OpenFisca's
# convention (a variable's name is its class name).

Person = build_entity(
    key="person", plural="persons", label="A member of the household", is_person=True
)
Household = build_entity(
    key="household",
    plural="households",
    label="A household applying for økonomisk stønad",
    roles=[
        {"key": "adult", "plural": "adults", "label": "Adult"},
        {"key": "child", "plural": "children", "label": "Child"},
    ],
)


class AdultCategory(Enum):
    single = "Single adult"
    couple = "Couple"
    shared_housing = "Adult sharing housing"


class birth(Variable):
    value_type = date
    entity = Person
    definition_period = ETERNITY
    label = "Date of birth"


class age(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "Whole years of age on the first day of the month"

    def formula(person: Population, period: Period, parameters: Parameters) -> Array:
        born = person("birth", period)
        first = period.start
        year = born.astype("datetime64[Y]").astype(int) + 1970
        month = born.astype("datetime64[M]").astype(int) % 12 + 1
        day = (born - born.astype("datetime64[M]")).astype(int) + 1
        had_birthday = (month < first.month) | ((month == first.month) & (day <= first.day))
        return first.year - year - np.where(had_birthday, 0, 1)


class child_rate(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "The child's living-cost rate by age band (a child born in the month is 0)"

    def formula(person: Population, period: Period, parameters: Parameters) -> Array:
        bands = parameters(period).living_costs.child_by_age
        return bands.calc(max_(person("age", period), 0))


class adult_category(Variable):
    value_type = Enum
    possible_values = AdultCategory
    default_value = AdultCategory.single
    entity = Household
    definition_period = MONTH
    label = "The adults' rate category"


class adults_rate(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "The adults' living-cost rate"

    def formula(household: Population, period: Period, parameters: Parameters) -> Array:
        category = household("adult_category", period)
        rates = parameters(period).living_costs.adults
        return select(
            [category == c for c in AdultCategory],
            [rates[c.name] for c in AdultCategory],
        )


class children_rate(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "The sum of the children's rates"

    def formula(household: Population, period: Period, parameters: Parameters) -> Array:
        rates = household.members("child_rate", period)
        return household.sum(rates, role=Household.CHILD)


class approved_expenses(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Approved actual expenses (housing, electricity, kindergarten …)"


class need(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "The month's need"

    def formula(household: Population, period: Period, parameters: Parameters) -> Array:
        return (
            household("adults_rate", period)
            + household("children_rate", period)
            + household("approved_expenses", period)
        )


class counted_income(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "The incomes counted against the need"

    def formula(household: Population, period: Period, parameters: Parameters) -> Array:
        counted = parameters(period).income_counted
        return sum(household(type_, period) * counted[type_] for type_ in counted)


class assistance(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "§ 18 assistance for the month"

    def formula(household: Population, period: Period, parameters: Parameters) -> Array:
        return max_(household("need", period) - household("counted_income", period), 0)


def _income_variable(type_: str) -> type[Variable]:
    """One household input variable per income type of Navet's income rules."""
    return type(
        type_,
        (Variable,),
        {
            "value_type": float,
            "entity": Household,
            "definition_period": MONTH,
            "label": f"Income {type_}, kroner per month",
        },
    )


def _parameters(rate_set: LivingCostRateSet, rules: IncomeRules) -> ParameterNode:
    """The OpenFisca parameter tree, from Navet's rate data with its valid_from dates."""

    def history(values: Mapping[date, Any]) -> dict[str, Any]:
        return {"values": {day.isoformat(): value for day, value in values.items()}}

    adults = {
        category: history({r.source.valid_from: int(r.adults[category]) for r in rate_set.rates})
        | {"description": f"Rate for {category}, kroner per month"}
        for category in ADULT_CATEGORIES
    }
    # A single-amount scale: bracket i holds band i's lower age and amount; one more
    # bracket from the age after the last band gives 0 (a child of 18 or more is outside the
    # rates). Rate sets with fewer bands at some date get empty brackets far above.
    size = max(len(r.children) for r in rate_set.rates) + 1
    thresholds: list[dict[date, int]] = [{} for _ in range(size)]
    amounts: list[dict[date, int]] = [{} for _ in range(size)]
    for r in rate_set.rates:
        day = r.source.valid_from
        steps = [(b.age_from, int(b.amount)) for b in r.children]
        steps.append((r.children[-1].age_to + 1, 0))
        steps += [(1_000 + i, 0) for i in range(size - len(steps))]
        for i, (threshold, amount) in enumerate(steps):
            thresholds[i][day], amounts[i][day] = threshold, amount
    child_by_age = {
        "description": "Rate per child by age on the first day of the month",
        "metadata": {"type": "single_amount"},
        "brackets": [
            {"threshold": history(t), "amount": history(a)}
            for t, a in zip(thresholds, amounts, strict=True)
        ],
    }
    counted = {
        type_: history({rule.source.valid_from: rule.counted for rule in by_date})
        | {"description": f"Whether {type_} counts against the need"}
        for type_, by_date in rules.by_type.items()
    }
    return ParameterNode(
        "",
        data={
            # Not "children": a ParameterNode keeps its own children under that name.
            "living_costs": {"adults": adults, "child_by_age": child_by_age},
            "income_counted": counted,
        },
    )


def openfisca_system(rate_set: LivingCostRateSet, rules: IncomeRules) -> TaxBenefitSystem:
    if [c.name for c in AdultCategory] != list(ADULT_CATEGORIES):
        raise RuntimeError("AdultCategory must list ADULT_CATEGORIES in the same order")
    system = TaxBenefitSystem([Person, Household])
    system.add_variables(
        birth,
        age,
        child_rate,
        adult_category,
        adults_rate,
        children_rate,
        approved_expenses,
        need,
        counted_income,
        assistance,
        *(_income_variable(t) for t in rules.types),
    )
    system.parameters = _parameters(rate_set, rules)
    return system


# --- the two runs, from the same arrays ------------------------------------------------

ADULT_ROLE, CHILD_ROLE = 0, 1
# Navet's input has no adults' birth dates; they get OpenFisca's default for a date
# variable and do not enter the result (children's rates are summed over role child).
ADULT_BIRTH = np.datetime64("1970-01-01", "D")


def _dates(ymd: NDArray[np.int32]) -> NDArray[np.datetime64]:
    """YYYYMMDD integers as datetime64[D]."""
    years = (ymd // 10_000 - 1970).astype("datetime64[Y]")
    months = years.astype("datetime64[M]") + (ymd // 100 % 100 - 1)
    days = months.astype("datetime64[D]") + (ymd % 100 - 1)
    return cast("NDArray[np.datetime64]", days)


def openfisca_assistance(
    system: TaxBenefitSystem, month: date, households: HouseholdArrays
) -> tuple[NDArray[np.float32], dict[str, float]]:
    """The assistance array, and the seconds spent in each step."""
    steps: dict[str, float] = {}
    start = time.perf_counter()
    n = len(households)
    present = households.child_birth > 0
    child_household = np.nonzero(present)[0]
    persons = n + len(child_household)
    person_household = np.concatenate([np.arange(n), child_household])
    person_role = np.concatenate(
        [np.full(n, ADULT_ROLE, dtype=np.int8), np.full(persons - n, CHILD_ROLE, dtype=np.int8)]
    )
    person_birth = np.concatenate(
        [np.full(n, ADULT_BIRTH), _dates(households.child_birth[present])]
    )
    steps["person rows"] = time.perf_counter() - start

    start = time.perf_counter()
    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity("person", range(persons))
    household = builder.declare_entity("household", range(n))
    builder.join_with_persons(household, person_household, person_role)
    simulation: Simulation = builder.build(system)
    period = f"{month.year:04d}-{month.month:02d}"
    simulation.set_input("birth", period, person_birth)
    simulation.set_input("adult_category", period, households.adults)
    simulation.set_input("approved_expenses", period, households.expenses)
    for type_, values in households.incomes.items():
        simulation.set_input(type_, period, values)
    steps["build simulation"] = time.perf_counter() - start

    start = time.perf_counter()
    result = simulation.calculate("assistance", period)
    steps["calculate"] = time.perf_counter() - start
    return result, steps


def navet_assistance(month: date, households: HouseholdArrays) -> NDArray[np.int64]:
    return living_costs_batch(month, households).assistance


# --- the command -----------------------------------------------------------------------


def _runs(runs: list[float]) -> str:
    return f"median of {len(runs)}: " + " ".join(f"{t:.4f}" for t in runs)


def _timed(call: Callable[[], T]) -> tuple[T, float]:
    """``call()`` and its seconds; as timeit does, with the garbage collector off while timed
    (and a collection before, so one engine's garbage is not freed in the other's time)."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        result = call()
        return result, time.perf_counter() - start
    finally:
        gc.enable()


def _month(text: str) -> date:
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a month written YYYY-MM") from None


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=_positive, default=1_000_000, help="default 1000000")
    parser.add_argument("--month", type=_month, default=date(2024, 3, 1), help="default 2024-03")
    parser.add_argument("--repeat", type=_positive, default=3, help="runs per engine (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="for the synthetic households")
    return parser.parse_args()


def _progress(message: str) -> None:
    print(message, flush=True)


def main() -> int:
    args = _arguments()
    month: date = args.month
    label = f"{month.year:04d}-{month.month:02d}"

    _progress("loading Navet's rate data and building the OpenFisca tax-benefit system …")
    rate_set, rules = state_living_cost_rates(), income_rules()
    system = openfisca_system(rate_set, rules)

    _progress(f"generating {args.households} synthetic households for {label} (not timed) …")
    households, seconds = _timed(
        lambda: synthetic_households(args.households, month=month, seed=args.seed)
    )
    children = int((households.child_birth > 0).sum())
    _progress(f"  {len(households)} households, {children} children, in {seconds:.2f} s")

    navet_runs: list[float] = []
    openfisca_runs: list[float] = []
    openfisca_steps: dict[str, list[float]] = {}
    navet: NDArray[np.int64] | None = None
    openfisca: NDArray[np.float32] | None = None
    for run in range(1, args.repeat + 1):
        _progress(f"run {run}/{args.repeat}: Navet living_costs_batch …")
        navet, seconds = _timed(lambda: navet_assistance(month, households))
        navet_runs.append(seconds)
        _progress(f"  Navet {seconds:.3f} s")
        _progress(f"run {run}/{args.repeat}: OpenFisca simulation …")
        (openfisca, steps), seconds = _timed(
            lambda: openfisca_assistance(system, month, households)
        )
        openfisca_runs.append(seconds)
        for step, step_seconds in steps.items():
            openfisca_steps.setdefault(step, []).append(step_seconds)
        detail = ", ".join(f"{step} {t:.3f}" for step, t in steps.items())
        _progress(f"  OpenFisca {seconds:.3f} s ({detail})")
    assert navet is not None and openfisca is not None

    _progress("comparing the assistance arrays …")
    diff = np.abs(navet.astype(np.float64) - openfisca.astype(np.float64))
    max_abs_diff = float(diff.max()) if diff.size else 0.0
    navet_time = statistics.median(navet_runs)
    openfisca_time = statistics.median(openfisca_runs)

    print()
    print(f"N={len(households)} households, {children} children, month {label}")
    print(f"navet_time={navet_time:.4f} s ({_runs(navet_runs)})")
    print(f"openfisca_time={openfisca_time:.4f} s ({_runs(openfisca_runs)})")
    print(
        "  of which "
        + ", ".join(f"{step} {statistics.median(t):.3f}" for step, t in openfisca_steps.items())
        + " (medians)"
    )
    print(f"navet_total={int(navet.sum())} kr, recipients {int((navet > 0).sum())}")
    print(
        f"openfisca_total={int(openfisca.astype(np.int64).sum())} kr, "
        f"recipients {int((openfisca > 0).sum())}"
    )
    print(f"max_abs_diff={max_abs_diff:g}")
    if max_abs_diff != 0:
        print(f"households where the engines differ: {int((diff != 0).sum())}")
    print(f"speedup={openfisca_time / navet_time:.1f}")
    return 0 if max_abs_diff == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
