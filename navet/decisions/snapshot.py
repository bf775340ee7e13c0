"""The calculation a decision rests on, as a typed structure with a version number.

It is stored as JSON on `Decision.calculation` and, once the decision is made, never
changes. Everything that shows a calculation (the tab, the letter, the assessment's
prefilled amount) reads it through `CalculationSnapshot.from_json`, so a decision made
today still renders when the rules' own output has moved on: a new shape gets a new
`VERSION` and a branch in `from_json` that reads the old one.

Version 1 (from 2026): the JSON keys are `version`, `language`, `request` (the rules' input,
as given), `result` (the rules' `living_costs` output: `assistance`, `need`,
`counted_income`, `months`, `lines`, `warnings`), `deviations`, `assistance` and, once made,
`frozen_at`; or `error` (with `request` when the input was there) when it could not be
computed. Rows written before the version number existed have the same shape and read as 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

VERSION = 1

LineKind = Literal["need", "income", "expense", "total", "info"]
LINE_KINDS: tuple[LineKind, ...] = ("need", "income", "expense", "total", "info")


class SnapshotError(ValueError):
    """A stored calculation this version of Navet cannot read."""


@dataclass(frozen=True)
class RateRef:
    """The rate a line used, with where it comes from."""

    name: str
    value: int | float
    rate_set: str
    valid_from: date | None
    status: str
    source_url: str
    source_title: str

    @property
    def verified(self) -> bool:
        return self.status == "verified"


@dataclass(frozen=True)
class SourceRef:
    """The rule or source a line without a rate rests on."""

    valid_from: date | None
    status: str
    url: str
    title: str


@dataclass(frozen=True)
class Line:
    """One line of the rules' explanation, in the letter's language."""

    index: int
    key: str
    text: str
    kind: LineKind
    amount: int
    legal_reference: str = ""
    rate: RateRef | None = None
    source: SourceRef | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def line_key(self) -> str:
        """Unique in the calculation: the index and the rules' key ("3:need.adult")."""
        return f"{self.index}:{self.key}"


@dataclass(frozen=True)
class DeviationRef:
    """The caseworker's own amount for one line, with the reason."""

    line: str
    text: str
    calculated: int
    amount: int
    reason: str

    @property
    def change(self) -> int:
        return self.amount - self.calculated


@dataclass(frozen=True)
class CalculationSnapshot:
    version: int
    language: str = ""
    request: dict[str, Any] = field(default_factory=dict)
    result: dict[str, Any] = field(default_factory=dict)
    lines: tuple[Line, ...] = ()
    warnings: tuple[str, ...] = ()
    notices: tuple[tuple[str, dict[str, Any]], ...] = ()
    deviations: tuple[DeviationRef, ...] = ()
    assistance: int | None = None
    error_field: str = ""
    error_message: str = ""
    frozen_at: datetime | None = None

    @property
    def failed(self) -> bool:
        return bool(self.error_field or self.error_message)

    @property
    def need(self) -> int:
        return int(self.result.get("need", 0))

    @property
    def counted_income(self) -> int:
        return int(self.result.get("counted_income", 0))

    def line(self, line_key: str) -> Line | None:
        return next((line for line in self.lines if line.line_key == line_key), None)

    def deviation(self, line_key: str) -> DeviationRef | None:
        return next((d for d in self.deviations if d.line == line_key), None)

    @classmethod
    def from_json(cls, data: Any) -> CalculationSnapshot:
        """Read a stored calculation; an empty one (no calculation yet) reads as empty."""
        if not isinstance(data, dict):
            raise SnapshotError(f"calculation: must be a JSON object, not {type(data).__name__}")
        version = data.get("version", 1)
        if version != VERSION:
            raise SnapshotError(f"calculation.version: {version!r} is not one Navet can read")
        error = data.get("error") or {}
        result = data.get("result") or {}
        frozen_at = data.get("frozen_at")
        return cls(
            version=VERSION,
            language=str(data.get("language", "")),
            request=dict(data.get("request") or {}),
            result=dict(result),
            lines=tuple(_line(i, line) for i, line in enumerate(result.get("lines", []))),
            warnings=tuple(
                str(w["message"]) for w in result.get("warnings", []) if w.get("message")
            ),
            notices=tuple(
                (str(w["code"]), dict(w.get("params") or {}))
                for w in result.get("warnings", [])
                if w.get("message") and w.get("code")
            ),
            deviations=tuple(_deviation(d) for d in data.get("deviations", [])),
            assistance=None if data.get("assistance") is None else int(data["assistance"]),
            error_field=str(error.get("field", "")),
            error_message=str(error.get("message", "")),
            frozen_at=datetime.fromisoformat(frozen_at) if frozen_at else None,
        )

    def to_json(self) -> dict[str, Any]:
        """The stored form: exactly what `from_json` reads back."""
        out: dict[str, Any] = {"version": self.version}
        if self.language:
            out["language"] = self.language
        if self.request:
            out["request"] = self.request
        if self.failed:
            out["error"] = {"field": self.error_field, "message": self.error_message}
        else:
            out["result"] = self.result
            out["deviations"] = [
                {
                    "line": d.line,
                    "text": d.text,
                    "calculated": d.calculated,
                    "amount": d.amount,
                    "reason": d.reason,
                }
                for d in self.deviations
            ]
            out["assistance"] = self.assistance
        if self.frozen_at is not None:
            out["frozen_at"] = self.frozen_at.isoformat()
        return out


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _line(index: int, line: dict[str, Any]) -> Line:
    rate = line.get("rate")
    source = line.get("source")
    kind = str(line.get("kind", "info"))
    return Line(
        index=index,
        key=str(line["key"]),
        text=str(line.get("text", "")),
        kind=kind if kind in LINE_KINDS else "info",
        amount=int(line.get("amount", 0)),
        legal_reference=str(line.get("legal_reference") or ""),
        rate=RateRef(
            name=str(rate.get("name", "")),
            value=rate.get("value", 0),
            rate_set=str(rate.get("rate_set", "")),
            valid_from=_date(rate.get("valid_from")),
            status=str(rate.get("status", "")),
            source_url=str(rate.get("source_url") or ""),
            source_title=str(rate.get("source_title") or ""),
        )
        if isinstance(rate, dict)
        else None,
        source=SourceRef(
            valid_from=_date(source.get("valid_from")),
            status=str(source.get("status", "")),
            url=str(source.get("url") or ""),
            title=str(source.get("title") or ""),
        )
        if isinstance(source, dict)
        else None,
        raw=line,
    )


def _deviation(data: dict[str, Any]) -> DeviationRef:
    return DeviationRef(
        line=str(data["line"]),
        text=str(data.get("text", "")),
        calculated=int(data["calculated"]),
        amount=int(data["amount"]),
        reason=str(data.get("reason", "")),
    )
