"""``python -m navet.rules``: one JSON object in on stdin, one JSON object out on stdout.

Bad input prints ``{"error": {"field": ..., "message": ...}}`` on stdout, the same message
on stderr, and exits with status 2. See docs/rules.md for every calculation's JSON.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TextIO

from navet.rules.errors import RulesInputError
from navet.rules.explain import Line, Notice, RateUsed, Source
from navet.rules.texts import LANGUAGES, Language, render_line, render_warning

Runner = Callable[[Mapping[str, Any], Language], dict[str, Any]]


def number(value: Decimal | int) -> int | float:
    """A JSON number: whole amounts as integers, others with their øre (exact in a float repr)."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    return value


def source_json(source: Source) -> dict[str, Any]:
    return {
        "valid_from": source.valid_from.isoformat(),
        "status": source.status,
        "url": source.url,
        "title": source.title,
    }


def rate_json(rate: RateUsed) -> dict[str, Any]:
    return {
        "name": rate.name,
        "value": number(rate.value),
        "rate_set": rate.rate_set,
        **{
            f"source_{k}" if k in ("url", "title") else k: v
            for k, v in source_json(rate.source).items()
        },
    }


def line_json(line: Line, language: Language) -> dict[str, Any]:
    out: dict[str, Any] = {
        "key": line.key,
        "text": render_line(line, language),
        "kind": line.kind,
        "amount": number(line.amount),
        "legal_reference": line.legal_reference,
    }
    if line.period is not None:
        out["period"] = {"from": line.period[0].isoformat(), "to": line.period[1].isoformat()}
    if line.rate is not None:
        out["rate"] = rate_json(line.rate)
    if line.source is not None:
        out["source"] = source_json(line.source)
    if line.facts:
        out["facts"] = plain(line.facts)
    return out


def warning_json(notice: Notice, language: Language) -> dict[str, Any]:
    return {
        "code": notice.code,
        "message": render_warning(notice, language),
        "params": plain(notice.params),
    }


def explanation(
    lines: tuple[Line, ...], warnings: tuple[Notice, ...], language: Language
) -> dict[str, Any]:
    return {
        "lines": [line_json(line, language) for line in lines],
        "warnings": [warning_json(notice, language) for notice in warnings],
    }


# --- the calculations ------------------------------------------------------------------


def run_living_costs(data: Mapping[str, Any], language: Language) -> dict[str, Any]:
    from navet.rules.living_costs import from_json, living_costs
    from navet.rules.ratesets import LivingCostRateSet

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
    from navet.rules.deadlines import appeal_deadline
    from navet.rules.ratesets import read_date

    result = appeal_deadline(read_date(data.get("received"), "received"))
    return {
        "calculation": "appeal_deadline",
        "received": result.received.isoformat(),
        "deadline": result.deadline.isoformat(),
        **explanation(result.lines, (), language),
    }


def run_qualification_benefit(data: Mapping[str, Any], language: Language) -> dict[str, Any]:
    from navet.rules.benefits import benefit_json, qualification_benefit

    return benefit_json("qualification_benefit", qualification_benefit, data, language)


def run_introduction_benefit(data: Mapping[str, Any], language: Language) -> dict[str, Any]:
    from navet.rules.benefits import benefit_json, introduction_benefit

    return benefit_json("introduction_benefit", introduction_benefit, data, language)


def run_debt_subsistence(data: Mapping[str, Any], language: Language) -> dict[str, Any]:
    from navet.rules.debt import debt_json

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


def main(
    stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr
) -> int:
    text = stdin.read()
    try:
        try:
            data = json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as error:
            raise RulesInputError(
                "input",
                f"is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})",
            ) from None
        result = run(data)
    except RulesInputError as error:
        json.dump(
            {"error": {"field": error.field, "message": error.message}}, stdout, ensure_ascii=False
        )
        stdout.write("\n")
        stderr.write(f"navet.rules: {error.field}: {error.message}\n")
        return 2
    json.dump(result, stdout, ensure_ascii=False, indent=2)
    stdout.write("\n")
    return 0
