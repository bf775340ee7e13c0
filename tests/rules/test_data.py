"""The shipped rate data: parsed, sourced, marked as in regelverk.md, nothing unverified."""

from __future__ import annotations

import tomllib
from datetime import date
from importlib import resources

import pytest

from navet.rules.ratesets import (
    every_value_sourced,
    income_rules,
    load_toml,
    state_living_cost_rates,
)
from tests.rules import official_rates as official

DATA_FILES = sorted(
    entry.name
    for entry in resources.files("navet.rules.data").iterdir()
    if entry.name.endswith(".toml")
)


def test_the_data_files_are_the_expected_ones() -> None:
    assert {
        "living_costs_state.toml",
        "income_rules.toml",
        "grunnbelop.toml",
        "qualification_benefit.toml",
        "introduction_benefit.toml",
        "debt_subsistence.toml",
    } <= set(DATA_FILES)


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_toml_file_parses(name: str) -> None:
    with resources.files("navet.rules.data").joinpath(name).open("rb") as handle:
        data = tomllib.load(handle)
    assert data


def test_every_shipped_value_has_a_status_and_an_https_source() -> None:
    sourced = every_value_sourced()
    assert {what for what, _ in sourced} >= {"living_costs", "income_rules", "G"}
    for what, source in sourced:
        assert source.status in ("verified", "secondary"), (what, source)
        assert source.url.startswith("https://"), (what, source)
        assert " " not in source.url, (what, source)
        assert source.title.strip(), (what, source)


def test_the_state_rates_have_exactly_the_dates_of_regelverk() -> None:
    dates = [r.source.valid_from for r in state_living_cost_rates().rates]
    assert tuple(dates) == official.RATE_DATES


def test_no_living_cost_rates_for_2025_or_2026_are_shipped() -> None:
    # regelverk.md § 1.1: the 2025 and 2026 rates are ❌ NOT VERIFIED.
    for entry in state_living_cost_rates().rates:
        assert entry.source.valid_from < date(2025, 1, 1), entry.source
    raw = load_toml("living_costs_state.toml")
    assert all(entry["valid_from"] < date(2025, 1, 1) for entry in raw["rates"])


def test_the_status_marks_follow_regelverk() -> None:
    # ◐ secondary for 1.1.2023 only; ✅ verified for the other columns
    for entry in state_living_cost_rates().rates:
        expected = "secondary" if entry.source.valid_from in official.SECONDARY else "verified"
        assert entry.source.status == expected, entry.source.valid_from


def test_the_shipped_rates_are_the_official_figures() -> None:
    for entry in state_living_cost_rates().rates:
        column = official.RATE_DATES.index(entry.source.valid_from)
        assert {k: int(v) for k, v in entry.adults.items()} == {
            k: figures[column] for k, figures in official.ADULTS.items()
        }
        assert {(b.age_from, b.age_to): int(b.amount) for b in entry.children} == {
            band: figures[column] for band, figures in official.CHILDREN.items()
        }


def test_barnetrygd_stops_counting_on_1_september_2022() -> None:
    rules = income_rules().by_type["child_benefit"]
    assert [(r.source.valid_from, r.counted) for r in rules] == [
        (date(2022, 1, 1), True),
        (date(2022, 9, 1), False),
    ]
    assert [(r.source.valid_from, r.counted) for r in income_rules().by_type["child_earnings"]] == [
        (date(2022, 1, 1), False)
    ]
