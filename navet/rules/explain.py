"""Explanations: the lines a calculation returns, and the warnings it raises.

Every amount Navet proposes comes with lines that say what was added or subtracted, under
which rule, with which rate (its value, ``valid_from`` and source) and from which facts.
``navet.rules.texts.render_line`` turns a line into a sentence in bokmål, nynorsk or English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

# verified: read in a primary source; secondary: only from a secondary source or derived;
# administrator: registered in Navet by an administrator (not shipped with the rules).
Status = Literal["verified", "secondary", "administrator"]
Fact = str | int | Decimal


@dataclass(frozen=True)
class Source:
    """Where a value comes from, and how sure we are of it."""

    valid_from: date
    status: Status
    url: str
    title: str


@dataclass(frozen=True)
class RateUsed:
    """One rate a line used: what it is, its value, and its dated source."""

    name: str
    value: Decimal
    rate_set: str
    source: Source


@dataclass(frozen=True)
class Line:
    """One line of an explanation.

    ``kind`` says how the amount enters the result: ``need`` adds to the need, ``income``
    is counted against it, ``deduction`` is subtracted from a benefit, ``info`` does not
    change the sum (an income that is not counted, a child outside the rates), ``total``
    is a subtotal or the result.
    """

    key: str
    kind: Literal["need", "income", "deduction", "benefit", "info", "total"]
    amount: Decimal
    legal_reference: str
    rate: RateUsed | None = None
    source: Source | None = None
    facts: dict[str, Fact] = field(default_factory=dict)
    period: tuple[date, date] | None = None


@dataclass(frozen=True)
class Notice:
    """A warning the caseworker must see, such as a missing rate period or a secondary source."""

    code: str
    params: dict[str, Fact] = field(default_factory=dict)


class Notices:
    """Collects warnings once each, in the order they were raised."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, tuple[tuple[str, str], ...]], Notice] = {}

    def add(self, code: str, **params: Fact) -> None:
        key = (code, tuple(sorted((k, str(v)) for k, v in params.items())))
        self._items.setdefault(key, Notice(code, dict(params)))

    def source_used(self, rate_set: str, source: Source) -> None:
        if source.status == "administrator":
            self.add(
                "administrator_source",
                rate_set=rate_set,
                valid_from=source.valid_from.isoformat(),
                source=source.title,
            )
        elif source.status != "verified":
            self.add(
                "secondary_source",
                rate_set=rate_set,
                valid_from=source.valid_from.isoformat(),
                source=source.title,
            )

    def as_tuple(self) -> tuple[Notice, ...]:
        return tuple(self._items.values())
