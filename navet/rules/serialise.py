"""The rules' results as JSON: amounts as numbers, explanation lines in the asked language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from navet.rules.explain import Line, Notice, RateUsed, Source
from navet.rules.texts import Language, render_line, render_warning


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
