"""One JSON request in, one JSON result out, for each calculation (see docs/rules.md)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from navet.rules.benefits import benefit_json, introduction_benefit, qualification_benefit
from navet.rules.deadlines import appeal_deadline
from navet.rules.debt import debt_json
from navet.rules.errors import RulesInputError
from navet.rules.living_costs import from_json, living_costs
from navet.rules.ratesets import LivingCostRateSet, read_date
from navet.rules.serialise import explanation, number
from navet.rules.texts import LANGUAGES, Language

Runner = Callable[[Mapping[str, Any], Language], dict[str, Any]]


def run_living_costs(data: Mapping[str, Any], language: Language) -> dict[str, Any]:
    kwargs = from_json(data)
    if "rate_set" in data:
        kwargs["rate_set"] = LivingCostRateSet.from_dict(data["rate_set"], "rate_set")
    result = living_costs(**kwargs)
    return {
        "calculation": "living_costs",
        "assistance": number(result.assistance),
        "need": number(result.need),
        "counted_income": number(result.counted_income),
        "months": [
            {
                "from": m.first.isoformat(),
                "to": m.last.isoformat(),
                "whole_month": m.whole_month,
                "rates_from": m.rates_from.isoformat(),
                "need": number(m.need),
                "counted_income": number(m.counted_income),
                "assistance": number(m.assistance),
            }
            for m in result.months
        ],
        **explanation(result.lines, result.warnings, language),
    }


def run_appeal_deadline(data: Mapping[str, Any], language: Language) -> dict[str, Any]:
    result = appeal_deadline(read_date(data.get("received"), "received"))
    return {
        "calculation": "appeal_deadline",
        "received": result.received.isoformat(),
        "deadline": result.deadline.isoformat(),
        **explanation(result.lines, (), language),
    }


def run_qualification_benefit(data: Mapping[str, Any], language: Language) -> dict[str, Any]:
    return benefit_json("qualification_benefit", qualification_benefit, data, language)


def run_introduction_benefit(data: Mapping[str, Any], language: Language) -> dict[str, Any]:
    return benefit_json("introduction_benefit", introduction_benefit, data, language)


def run_debt_subsistence(data: Mapping[str, Any], language: Language) -> dict[str, Any]:
    return debt_json(data, language)


CALCULATIONS: dict[str, Runner] = {
    "living_costs": run_living_costs,
    "qualification_benefit": run_qualification_benefit,
    "introduction_benefit": run_introduction_benefit,
    "debt_subsistence": run_debt_subsistence,
    "appeal_deadline": run_appeal_deadline,
}


def run(data: Any) -> dict[str, Any]:
    """Compute one JSON request; raises RulesInputError naming the field on bad input."""
    if not isinstance(data, Mapping):
        raise RulesInputError("input", "must be one JSON object")
    name = data.get("calculation")
    if name not in CALCULATIONS:
        raise RulesInputError("calculation", f"must be one of {', '.join(CALCULATIONS)}")
    language = data.get("language", "nb")
    if language not in LANGUAGES:
        raise RulesInputError("language", f"must be one of {', '.join(LANGUAGES)}")
    return CALCULATIONS[name](data, language)
