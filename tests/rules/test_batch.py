"""The vectorised path: synthetic households, what-if simulation, and its input checks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import pytest

from navet.rules.batch import (
    HouseholdArrays,
    living_costs_batch,
    scale_rates,
    simulate,
    split_child_band,
    synthetic_households,
)
from navet.rules.dates import age_on
from navet.rules.errors import RulesInputError
from navet.rules.ratesets import state_living_cost_rates

MARCH_2024 = date(2024, 3, 1)


def arrays_equal(a: HouseholdArrays, b: HouseholdArrays) -> bool:
    return (
        np.array_equal(a.adults, b.adults)
        and np.array_equal(a.child_birth, b.child_birth)
        and np.array_equal(a.expenses, b.expenses)
        and a.incomes.keys() == b.incomes.keys()
        and all(np.array_equal(a.incomes[t], b.incomes[t]) for t in a.incomes)
    )


def birth_date(yyyymmdd: int) -> date:
    return date(yyyymmdd // 10_000, yyyymmdd // 100 % 100, yyyymmdd % 100)


# --- synthetic households ----------------------------------------------------------------


def test_synthetic_households_are_reproducible_by_seed() -> None:
    one = synthetic_households(500, month=MARCH_2024, seed=7)
    again = synthetic_households(500, month=MARCH_2024, seed=7)
    other = synthetic_households(500, month=MARCH_2024, seed=8)
    assert arrays_equal(one, again)
    assert not arrays_equal(one, other)


def test_synthetic_households_are_valid_input() -> None:
    households = synthetic_households(1000, month=MARCH_2024, seed=3, max_children=4)
    assert len(households) == 1000
    assert households.child_birth.shape == (1000, 4)
    assert set(np.unique(households.adults)) <= {0, 1, 2}
    born = households.child_birth[households.child_birth > 0]
    assert born.size
    ages = [age_on(birth_date(int(b)), MARCH_2024) for b in born]
    assert min(ages) >= 0
    assert max(ages) <= 17
    # the arrays pass the batch checks
    result = living_costs_batch(MARCH_2024, households)
    assert (result.assistance >= 0).all()


# --- simulation ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def households() -> HouseholdArrays:
    return synthetic_households(5000, month=MARCH_2024, seed=11)


def test_five_percent_higher_rates_make_no_losers(households: HouseholdArrays) -> None:
    state = state_living_cost_rates()
    sim = simulate(
        MARCH_2024, households, baseline=state, reform=scale_rates(state, Decimal("1.05"))
    )
    assert sim.losers == 0
    assert sim.winners > 0
    assert sim.total_change > 0
    assert sim.total_reform > sim.total_baseline
    assert sim.recipients_reform >= sim.recipients_baseline
    assert sim.winners + sim.losers + sim.unchanged == sim.households == 5000


def test_scaled_rates_round_up_to_fifty_kroner() -> None:
    scaled = scale_rates(state_living_cost_rates(), Decimal("1.05"))
    rates_2024 = scaled.rates[-1]
    # 7 850 × 1.05 = 8 242.5 → 8 250; 13 100 × 1.05 = 13 755 → 13 800; 3 850 × 1.05 = 4 042.5 → 4 050
    assert rates_2024.adults["single"] == 8250
    assert rates_2024.adults["couple"] == 13800
    assert rates_2024.children[0].amount == 4050
    assert all(v % 50 == 0 for r in scaled.rates for v in r.adults.values())


def test_splitting_the_band_at_15_changes_only_households_with_a_child_aged_15_to_17(
    households: HouseholdArrays,
) -> None:
    state = state_living_cost_rates()
    split = split_child_band(state, 15, Decimal(6000))
    base = living_costs_batch(MARCH_2024, households, rate_set=state)
    new = living_costs_batch(MARCH_2024, households, rate_set=split)

    aged_15_17 = np.array(
        [
            sum(1 for b in row if b > 0 and 15 <= age_on(birth_date(int(b)), MARCH_2024) <= 17)
            for row in households.child_birth
        ]
    )
    assert aged_15_17.sum() > 0
    # 11–17 was 5 150 on 1.1.2024; 15–17 now 6 000: 850 more per such child
    assert np.array_equal(new.need - base.need, 850 * aged_15_17)
    changed = new.assistance != base.assistance
    assert changed.any()
    assert not (changed & (aged_15_17 == 0)).any()
    assert (new.assistance >= base.assistance).all()


def test_the_split_rate_set_has_the_new_bands() -> None:
    split = split_child_band(state_living_cost_rates(), 15, Decimal(6000))
    bands = [(b.age_from, b.age_to, int(b.amount)) for b in split.rates[-1].children]
    assert bands == [(0, 5, 3850), (6, 10, 3950), (11, 14, 5150), (15, 17, 6000)]


def test_group_totals_add_up_to_the_overall_totals(households: HouseholdArrays) -> None:
    state = state_living_cost_rates()
    sim = simulate(
        MARCH_2024,
        households,
        baseline=state,
        reform=split_child_band(scale_rates(state, Decimal("0.97")), 15, Decimal(6000)),
    )
    assert sim.winners > 0
    assert sim.losers > 0
    for groups in (sim.by_adults, sim.by_children):
        assert sum(g.households for g in groups.values()) == sim.households
        assert sum(g.baseline for g in groups.values()) == sim.total_baseline
        assert sum(g.reform for g in groups.values()) == sim.total_reform
        assert sum(g.winners for g in groups.values()) == sim.winners
        assert sum(g.losers for g in groups.values()) == sim.losers
    assert sum(count for _, _, count in sim.distribution) == sim.winners + sim.losers
    for low, high, _ in sim.distribution:
        assert high - low == 250


def test_simulation_totals_match_the_batch(households: HouseholdArrays) -> None:
    state = state_living_cost_rates()
    reform = scale_rates(state, Decimal("1.05"))
    sim = simulate(MARCH_2024, households, baseline=state, reform=reform)
    assert sim.total_baseline == int(living_costs_batch(MARCH_2024, households).assistance.sum())
    assert sim.total_reform == int(
        living_costs_batch(MARCH_2024, households, rate_set=reform).assistance.sum()
    )


# --- the batch on small hand-made households ----------------------------------------


def small() -> HouseholdArrays:
    return HouseholdArrays(
        adults=np.array([0, 1, 2], dtype=np.int8),
        child_birth=np.array([[0, 0], [20180301, 20180302], [20060301, 0]], dtype=np.int32),
        expenses=np.array([10_000, 0, 500], dtype=np.int64),
        incomes={
            "salary": np.array([20_000, 1_000, 0], dtype=np.int64),
            "child_benefit": np.array([0, 3_532, 0], dtype=np.int64),
        },
    )


def test_the_batch_on_hand_made_households() -> None:
    result = living_costs_batch(MARCH_2024, small())
    # single 7 850 + 10 000; couple 13 100 + 3 950 (6 on 1 March) + 3 850 (still 5);
    # shared housing 6 600 + 500, the child of 18 outside the rates
    assert result.need.tolist() == [17_850, 20_900, 7_100]
    assert result.counted_income.tolist() == [20_000, 1_000, 0]
    assert result.assistance.tolist() == [0, 19_900, 7_100]
    assert [w.code for w in result.warnings] == ["child_outside_rates"]


def test_the_batch_counts_barnetrygd_before_september_2022() -> None:
    result = living_costs_batch(date(2022, 8, 1), small())
    assert result.counted_income.tolist() == [20_000, 4_532, 0]


# --- bad arrays ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"adults": np.array([[0, 1, 2]], dtype=np.int8)}, "adults"),
        ({"child_birth": np.array([0, 0, 0], dtype=np.int32)}, "child_birth"),
        ({"child_birth": np.zeros((2, 2), dtype=np.int32)}, "child_birth"),
        ({"expenses": np.array([1, 2], dtype=np.int64)}, "expenses"),
        ({"incomes": {"salary": np.array([1, 2, 3, 4], dtype=np.int64)}}, "incomes.salary"),
        ({"adults": np.array([0, 3, 1], dtype=np.int8)}, "adults"),
        ({"adults": np.array([0, -1, 1], dtype=np.int8)}, "adults"),
        (
            {"child_birth": np.array([[0, 0], [20240401, 0], [0, 0]], dtype=np.int32)},
            "child_birth",
        ),
        (
            {"child_birth": np.array([[0, 0], [-20180301, 0], [0, 0]], dtype=np.int32)},
            "child_birth",
        ),
        ({"child_birth": np.array([[0, 0], [180301, 0], [0, 0]], dtype=np.int32)}, "child_birth"),
        ({"expenses": np.array([1, -2, 3], dtype=np.int64)}, "expenses"),
        (
            {"incomes": {"benefits": np.array([0, -1, 0], dtype=np.int64)}},
            "incomes.benefits",
        ),
        ({"incomes": {"lottery": np.array([0, 1, 0], dtype=np.int64)}}, "incomes.lottery"),
    ],
)
def test_bad_arrays_name_the_field(change: dict[str, Any], field: str) -> None:
    bad = replace(small(), **change)
    with pytest.raises(RulesInputError) as error:
        living_costs_batch(MARCH_2024, bad)
    assert error.value.field == field


def test_a_child_born_on_the_last_day_of_the_month_is_accepted() -> None:
    ok = replace(small(), child_birth=np.array([[20240331, 0], [0, 0], [0, 0]], dtype=np.int32))
    assert living_costs_batch(MARCH_2024, ok).need[0] == 7850 + 3850 + 10_000


def test_a_month_before_the_rates_names_the_month() -> None:
    with pytest.raises(RulesInputError) as error:
        living_costs_batch(
            date(2021, 12, 1), replace(small(), child_birth=np.zeros((3, 0), dtype=np.int32))
        )
    assert error.value.field == "month"
