"""Every explanation line and warning renders in bokmål, nynorsk and English."""

from __future__ import annotations

import string
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pytest

from navet.rules.batch import HouseholdArrays, living_costs_batch
from navet.rules.deadlines import appeal_deadline
from navet.rules.explain import Line, Notice
from navet.rules.living_costs import EXPENSE_TYPES, Child, Household, Money, living_costs
from navet.rules.ratesets import ADULT_CATEGORIES, LivingCostRateSet, income_rules
from navet.rules.texts import (
    LABELS,
    LANGUAGES,
    LINES,
    WARNINGS,
    label,
    rate_set_label,
    render_line,
    render_warning,
)

MUNICIPAL_WITH_A_GAP = {
    "rate_set": {"id": "bergen", "name": "Bergen", "owner": "4601", "expected_change": "01-01"},
    "rates": [
        {
            "valid_from": valid_from,
            "status": "verified",
            "source": "https://www.bergen.kommune.no/satser",
            "single": 7000,
            "couple": 12000,
            "shared_housing": 6000,
            "children": [
                {"age_from": 0, "age_to": 14, "amount": 3500},
                {"age_from": 15, "age_to": 17, "amount": 5000},
            ],
        }
        for valid_from in ("2022-01-01", "2024-01-01")
    ],
}


def produced() -> tuple[list[Line], list[Notice]]:
    """Lines and warnings from calculations that between them reach every key."""
    results = [
        # whole month, every adult category, children in every band and one of 18+,
        # every expense type, every income type (counted and not)
        *(
            living_costs(
                first=date(2024, 3, 1),
                last=date(2024, 3, 31),
                household=Household(
                    adults,
                    (
                        Child(date(2021, 1, 1)),
                        Child(date(2016, 1, 1)),
                        Child(date(2010, 1, 1)),
                        Child(date(2001, 1, 1)),
                    ),
                ),
                expenses=[Money(t, Decimal(100 + i)) for i, t in enumerate(EXPENSE_TYPES)],
                incomes=[Money(t, Decimal(200 + i)) for i, t in enumerate(income_rules().types)],
            )
            for adults in ADULT_CATEGORIES
        ),
        # part months across a rate change, secondary source, barnetrygd counted
        living_costs(
            first=date(2022, 12, 10),
            last=date(2023, 1, 20),
            household=Household("couple", (Child(date(2015, 5, 5)),)),
            incomes=[Money("child_benefit", Decimal(1054)), Money("salary", Decimal("999"))],
        ),
        # missing rates in 2025
        living_costs(first=date(2025, 2, 1), last=date(2025, 3, 15), household=Household("single")),
        # a municipal rate set with a missing year (missing_to)
        living_costs(
            first=date(2023, 5, 1),
            last=date(2023, 5, 31),
            household=Household("single", (Child(date(2008, 1, 1)),)),
            rate_set=LivingCostRateSet.from_dict(MUNICIPAL_WITH_A_GAP),
        ),
    ]
    lines = [line for r in results for line in r.lines]
    warnings = [w for r in results for w in r.warnings]
    # the batch path's warnings (its child_outside_rates names no single child)
    batch = living_costs_batch(
        date(2025, 5, 1),
        HouseholdArrays(
            adults=np.array([0, 1], dtype=np.int8),
            child_birth=np.array([[20010101], [20150101]], dtype=np.int32),
            expenses=np.array([0, 0], dtype=np.int64),
            incomes={"housing_benefit": np.array([100, 0], dtype=np.int64)},
        ),
    )
    assert {w.code for w in batch.warnings} == {
        "missing_rates",
        "child_outside_rates",
        "secondary_source",
    }
    warnings += batch.warnings
    # appeal deadlines that move past every kind of day that is not a working day
    start = date(2024, 1, 1)
    for offset in range(0, 3 * 366):
        lines += appeal_deadline(start + timedelta(days=offset)).lines
    return lines, warnings


LINES_PRODUCED, WARNINGS_PRODUCED = produced()


def test_the_calculations_reach_every_living_costs_and_deadline_key() -> None:
    wanted = {
        key
        for key in LINES
        if key.split(".")[0]
        in ("adults", "child", "expense", "income", "month", "period", "deadline")
    }
    assert {line.key for line in LINES_PRODUCED} == wanted
    assert {w.code for w in WARNINGS_PRODUCED} == {
        "missing_rates",
        "secondary_source",
        "child_outside_rates",
    }
    assert any("missing_to" in w.params for w in WARNINGS_PRODUCED)
    reasons = {line.facts["reason"] for line in LINES_PRODUCED if line.key == "deadline.moved"}
    assert reasons >= {"saturday", "sunday", "christmas_day", "constitution_day", "easter_monday"}


@pytest.mark.parametrize("table", [LINES, WARNINGS], ids=["LINES", "WARNINGS"])
def test_every_text_has_all_three_languages(table: dict[str, dict[str, str]]) -> None:
    for key, texts in table.items():
        assert set(texts) == set(LANGUAGES) == {"nb", "nn", "en"}, key
        for language in LANGUAGES:
            assert texts[language].strip(), (key, language)


@pytest.mark.parametrize("table", [LINES, WARNINGS], ids=["LINES", "WARNINGS"])
def test_every_language_uses_the_same_placeholders(table: dict[str, dict[str, str]]) -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, texts in table.items():
        assert fields(texts["nb"]) == fields(texts["nn"]) == fields(texts["en"]), key


def test_every_label_has_all_three_languages() -> None:
    for key, texts in LABELS.items():
        assert set(texts) == {"nb", "nn", "en"}, key


def test_every_type_and_reason_the_rules_use_has_a_label() -> None:
    reasons = {"saturday", "sunday", *public_holiday_names()}
    for key in (*ADULT_CATEGORIES, *EXPENSE_TYPES, *income_rules().types, *reasons):
        assert key in LABELS, key


def public_holiday_names() -> set[str]:
    from navet.rules.dates import public_holidays

    return set(public_holidays(2024).values())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_produced_line_renders(language: str) -> None:
    for line in LINES_PRODUCED:
        text = render_line(line, language)  # type: ignore[arg-type]
        assert text.strip()
        assert "{" not in text and "}" not in text, (line.key, text)
        for fact in ("type", "reason"):
            if fact in line.facts:
                code = str(line.facts[fact])
                assert label(code, language) in text, (line.key, text)  # type: ignore[arg-type]
                if language != "en":
                    # the raw code never shows where a Norwegian label belongs
                    assert code not in text, (line.key, text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_produced_warning_renders(language: str) -> None:
    for notice in WARNINGS_PRODUCED:
        text = render_warning(notice, language)  # type: ignore[arg-type]
        assert text.strip()
        assert "{" not in text and "}" not in text, (notice.code, text)


def test_the_missing_period_is_named_in_the_warning() -> None:
    (notice,) = [w for w in WARNINGS_PRODUCED if "missing_to" in w.params]
    assert render_warning(notice, "nb").startswith(
        "Navet mangler satser for livsopphold fra 1.1.2023 til 31.12.2023."
    )
    assert "from 1 January 2023 to 31 December 2023" in render_warning(notice, "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_missing_rates_warning_names_what_in_words_not_codes(language: str) -> None:
    whats = ["living_costs", "income_rules", "G", "debt_subsistence", "debt_reductions"]
    for what in [*whats, "qualification_benefit", "introduction_benefit"]:
        notice = Notice(
            "missing_rates",
            {
                "what": what,
                "rate_set": "x",
                "missing_from": "2025-01-01",
                "used_from": "2024-01-01",
            },
        )
        text = render_warning(notice, language)  # type: ignore[arg-type]
        assert label(f"rates.{what}", language) in text, text  # type: ignore[arg-type]
        assert "_" not in text and "rates." not in text, text


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_produced_warning_names_its_rate_set_in_words(language: str) -> None:
    ids = {"state", "income_rules", "folketrygden", "debt-state", "municipality-0301"}
    ids |= {"qualification_benefit", "introduction_benefit"}
    for rate_set in ids:
        notice = Notice(
            "secondary_source",
            {"rate_set": rate_set, "valid_from": "2024-01-01", "source": "Rundskriv"},
        )
        text = render_warning(notice, language)  # type: ignore[arg-type]
        words = rate_set_label(rate_set, language)  # type: ignore[arg-type]
        assert words != rate_set and words in text and "rate_set." not in text, text
    for notice in WARNINGS_PRODUCED:
        text = render_warning(notice, language)  # type: ignore[arg-type]
        assert "_" not in text and "rate_set." not in text, text


@pytest.mark.parametrize("key", [f"adults.{c}" for c in ADULT_CATEGORIES])
def test_nynorsk_differs_from_bokmal_for_the_adult_lines(key: str) -> None:
    line = next(line for line in LINES_PRODUCED if line.key == key)
    nb, nn, en = (render_line(line, lang) for lang in ("nb", "nn", "en"))
    assert nn != nb
    assert len({nb, nn, en}) == 3


def test_the_three_languages_differ_for_a_not_counted_income() -> None:
    line = next(line for line in LINES_PRODUCED if line.key == "income.not_counted")
    assert len({render_line(line, lang) for lang in ("nb", "nn", "en")}) == 3
