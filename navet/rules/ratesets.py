"""Dated rate data: loading, validation and lookup by date.

Every value lives in a TOML file under ``data/`` with its ``valid_from``, source and
verification status. A rate set (the state's, or a municipality's own) is read into frozen
dataclasses by ``*.from_dict``, which accepts the same shape from TOML, from JSON on the
command line, or (later) from the database, and names the offending field when it is wrong.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any, Protocol, TypeVar

from navet.rules.errors import RulesInputError
from navet.rules.explain import Notices, Source
from navet.rules.money import parse_fraction

MAX_AMOUNT = Decimal(10_000_000)


class Dated(Protocol):
    @property
    def source(self) -> Source: ...


E = TypeVar("E", bound=Dated)


# --- reading helpers -------------------------------------------------------------------


def _require(data: Mapping[str, Any], key: str, path: str) -> Any:
    if not isinstance(data, Mapping):
        raise RulesInputError(path, "must be an object")
    if key not in data:
        raise RulesInputError(f"{path}.{key}" if path else key, "is required")
    return data[key]


def read_date(value: Any, path: str) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise RulesInputError(path, "must be a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RulesInputError(path, "is not a date written YYYY-MM-DD") from None


def read_amount(value: Any, path: str, *, whole: bool = False) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise RulesInputError(path, "must be an amount in kroner")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise RulesInputError(path, "is not an amount in kroner") from None
    if not amount.is_finite() or amount < 0:
        raise RulesInputError(path, "must be zero or more")
    if amount > MAX_AMOUNT:
        raise RulesInputError(path, f"is over {MAX_AMOUNT} kroner")
    if whole and amount != amount.to_integral_value():
        raise RulesInputError(path, "must be whole kroner")
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise RulesInputError(path, "has more than two decimals (øre)")
    return amount


def read_int(value: Any, path: str, *, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RulesInputError(path, "must be a whole number")
    if not low <= value <= high:
        raise RulesInputError(path, f"must be between {low} and {high}")
    return value


def read_str(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RulesInputError(path, "must be a non-empty text")
    return value


def read_list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise RulesInputError(path, "must be a list")
    return value


def read_typed_amounts(items: Any, path: str, *, whole: bool = False) -> list[tuple[str, Decimal]]:
    """A JSON list of ``{"type": ..., "amount": ...}`` objects (expenses, incomes, costs)."""
    out = []
    for i, item in enumerate(read_list(items, path)):
        if not isinstance(item, Mapping):
            raise RulesInputError(f"{path}[{i}]", "must be an object with type and amount")
        out.append(
            (
                read_str(item.get("type"), f"{path}[{i}].type"),
                read_amount(item.get("amount"), f"{path}[{i}].amount", whole=whole),
            )
        )
    return out


def read_source(data: Mapping[str, Any], path: str) -> Source:
    status = _require(data, "status", path)
    if status not in ("verified", "secondary", "administrator"):
        raise RulesInputError(
            f"{path}.status", "must be 'verified', 'secondary' or 'administrator'"
        )
    return Source(
        valid_from=read_date(_require(data, "valid_from", path), f"{path}.valid_from"),
        status=status,
        url=read_str(_require(data, "source", path), f"{path}.source"),
        title=read_str(data.get("source_title", data["source"]), f"{path}.source_title"),
    )


def read_expected_change(value: Any, path: str) -> tuple[int, int] | None:
    if value is None:
        return None
    text = read_str(value, path)
    try:
        month, day = (int(part) for part in text.split("-"))
        date(2001, month, day)
    except ValueError:
        raise RulesInputError(path, "must be a month and day written MM-DD") from None
    return month, day


def read_dated(
    items: Any, path: str, read_one: Callable[[Mapping[str, Any], str], E]
) -> tuple[E, ...]:
    entries = [read_one(item, f"{path}[{i}]") for i, item in enumerate(read_list(items, path))]
    if not entries:
        raise RulesInputError(path, "needs at least one dated entry")
    for i in range(1, len(entries)):
        if entries[i].source.valid_from <= entries[i - 1].source.valid_from:
            raise RulesInputError(
                f"{path}[{i}].valid_from", "must be later than the entry before it"
            )
    return tuple(entries)


def load_toml(name: str) -> dict[str, Any]:
    with resources.files("navet.rules.data").joinpath(name).open("rb") as handle:
        return tomllib.load(handle)


# --- lookup by date --------------------------------------------------------------------


def next_expected_change(after: date, expected: tuple[int, int]) -> date:
    candidate = date(after.year, *expected)
    return candidate if candidate > after else date(after.year + 1, *expected)


def pick(
    entries: Sequence[E],
    day: date,
    *,
    what: str,
    rate_set: str,
    field: str,
    notices: Notices,
    expected_change: tuple[int, int] | None = None,
) -> E:
    """The entry in force on ``day``: the latest one with ``valid_from`` on or before it.

    Before the first entry there is nothing to use, and the caller's ``field`` is named in
    the error. After the last expected change with no newer entry, the latest earlier entry
    is used and a ``missing_rates`` warning names the missing period.
    """
    chosen = None
    later = None
    for entry in entries:
        if entry.source.valid_from <= day:
            chosen = entry
        else:
            later = entry
            break
    if chosen is None:
        first = entries[0].source.valid_from
        raise RulesInputError(field, f"no {what} in {rate_set!r} before {first.isoformat()}")
    if expected_change is not None:
        expected = next_expected_change(chosen.source.valid_from, expected_change)
        if expected <= day:
            params: dict[str, str] = {
                "what": what,
                "rate_set": rate_set,
                "missing_from": expected.isoformat(),
                "used_from": chosen.source.valid_from.isoformat(),
            }
            if later is not None:
                params["missing_to"] = (later.source.valid_from - timedelta(days=1)).isoformat()
            notices.add("missing_rates", **params)
    notices.source_used(rate_set, chosen.source)
    return chosen


# --- age bands -------------------------------------------------------------------------


@dataclass(frozen=True)
class AgeBand:
    age_from: int
    age_to: int
    amount: Decimal

    def label(self) -> str:
        return f"{self.age_from}–{self.age_to}" if self.age_to < 100 else f"{self.age_from}+"


def read_bands(items: Any, path: str, *, whole: bool, cover_to: int) -> tuple[AgeBand, ...]:
    bands: list[AgeBand] = []
    for i, item in enumerate(read_list(items, path)):
        here = f"{path}[{i}]"
        band = AgeBand(
            age_from=read_int(
                _require(item, "age_from", here), f"{here}.age_from", low=0, high=120
            ),
            age_to=read_int(_require(item, "age_to", here), f"{here}.age_to", low=0, high=120),
            amount=read_amount(_require(item, "amount", here), f"{here}.amount", whole=whole),
        )
        if band.age_to < band.age_from:
            raise RulesInputError(f"{here}.age_to", "must not be below age_from")
        expected_from = bands[-1].age_to + 1 if bands else 0
        if band.age_from != expected_from:
            raise RulesInputError(
                f"{here}.age_from", f"must be {expected_from}: bands start at 0 and leave no gap"
            )
        bands.append(band)
    if not bands or bands[-1].age_to < cover_to:
        raise RulesInputError(path, f"the bands must cover ages 0 to {cover_to}")
    return tuple(bands)


def band_for(bands: Sequence[AgeBand], age: int) -> AgeBand | None:
    for band in bands:
        if band.age_from <= age <= band.age_to:
            return band
    return None


# --- § 18 living costs -----------------------------------------------------------------

ADULT_CATEGORIES = ("single", "couple", "shared_housing")


@dataclass(frozen=True)
class LivingCostRates:
    """One dated set of § 18 guideline rates, kroner per month."""

    source: Source
    adults: dict[str, Decimal]
    children: tuple[AgeBand, ...]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str) -> LivingCostRates:
        source = read_source(data, path)
        if source.valid_from.day != 1:
            raise RulesInputError(f"{path}.valid_from", "must be the first day of a month")
        adults = {
            category: read_amount(_require(data, category, path), f"{path}.{category}", whole=True)
            for category in ADULT_CATEGORIES
        }
        children = read_bands(
            _require(data, "children", path), f"{path}.children", whole=True, cover_to=17
        )
        return cls(source=source, adults=adults, children=children)


@dataclass(frozen=True)
class LivingCostRateSet:
    """A rate set for § 18: the state's guideline rates or a municipality's own."""

    id: str
    name: str
    owner: str
    expected_change: tuple[int, int] | None
    rates: tuple[LivingCostRates, ...]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "rate_set") -> LivingCostRateSet:
        head = data.get("rate_set", data)
        return cls(
            id=read_str(_require(head, "id", path), f"{path}.id"),
            name=read_str(_require(head, "name", path), f"{path}.name"),
            owner=read_str(_require(head, "owner", path), f"{path}.owner"),
            expected_change=read_expected_change(
                head.get("expected_change"), f"{path}.expected_change"
            ),
            rates=read_dated(
                _require(data, "rates", path), f"{path}.rates", LivingCostRates.from_dict
            ),
        )

    def at(self, day: date, notices: Notices, field: str = "period.from") -> LivingCostRates:
        return pick(
            self.rates,
            day,
            what="living_costs",
            rate_set=self.id,
            field=field,
            notices=notices,
            expected_change=self.expected_change,
        )

    def with_rates(
        self, *, id: str, name: str, rates: Sequence[LivingCostRates]
    ) -> LivingCostRateSet:
        return replace(self, id=id, name=name, owner="simulation", rates=tuple(rates))


@cache
def state_living_cost_rates() -> LivingCostRateSet:
    return LivingCostRateSet.from_dict(load_toml("living_costs_state.toml"))


# --- incomes under § 18 ----------------------------------------------------------------


@dataclass(frozen=True)
class IncomeRule:
    type: str
    counted: bool
    legal_reference: str
    source: Source

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str) -> IncomeRule:
        counted = _require(data, "counted", path)
        if not isinstance(counted, bool):
            raise RulesInputError(f"{path}.counted", "must be true or false")
        return cls(
            type=read_str(_require(data, "type", path), f"{path}.type"),
            counted=counted,
            legal_reference=read_str(
                _require(data, "legal_reference", path), f"{path}.legal_reference"
            ),
            source=read_source(data, path),
        )


@dataclass(frozen=True)
class IncomeRules:
    by_type: dict[str, tuple[IncomeRule, ...]]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "income_rules") -> IncomeRules:
        grouped: dict[str, list[IncomeRule]] = {}
        for i, item in enumerate(read_list(_require(data, "income", path), f"{path}.income")):
            rule = IncomeRule.from_dict(item, f"{path}.income[{i}]")
            grouped.setdefault(rule.type, []).append(rule)
        for type_, rules in grouped.items():
            rules.sort(key=lambda r: r.source.valid_from)
            dates = [r.source.valid_from for r in rules]
            if len(set(dates)) != len(dates):
                raise RulesInputError(f"{path}.income", f"two rules for {type_!r} on one date")
        return cls({t: tuple(r) for t, r in grouped.items()})

    @property
    def types(self) -> tuple[str, ...]:
        return tuple(self.by_type)

    def at(self, type_: str, day: date, notices: Notices, field: str) -> IncomeRule:
        if type_ not in self.by_type:
            raise RulesInputError(field, f"unknown income type {type_!r}")
        return pick(
            self.by_type[type_],
            day,
            what="income_rules",
            rate_set="income_rules",
            field=field,
            notices=notices,
        )


@cache
def income_rules() -> IncomeRules:
    return IncomeRules.from_dict(load_toml("income_rules.toml"))


# --- G ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GValue:
    source: Source
    amount: Decimal

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str) -> GValue:
        return cls(read_source(data, path), read_amount(_require(data, "amount", path), path))


@dataclass(frozen=True)
class GTable:
    expected_change: tuple[int, int] | None
    values: tuple[GValue, ...]

    def at(self, day: date, notices: Notices, field: str) -> GValue:
        return pick(
            self.values,
            day,
            what="G",
            rate_set="folketrygden",
            field=field,
            notices=notices,
            expected_change=self.expected_change,
        )


@cache
def grunnbelop() -> GTable:
    data = load_toml("grunnbelop.toml")
    return GTable(
        expected_change=read_expected_change(
            data.get("schedule", {}).get("expected_change"), "schedule.expected_change"
        ),
        values=read_dated(data["g"], "g", GValue.from_dict),
    )


# --- programme benefits (KVP, introduksjonsstønad) ------------------------------------


@dataclass(frozen=True)
class ProgrammeRules:
    source: Source
    legal_reference: str
    g_per_year: Fraction
    under_age: int
    fractions: dict[str, Fraction]
    deducted_income: tuple[str, ...]
    not_deducted_income: tuple[str, ...]
    divisors_source: Source
    divisors: dict[str, Fraction]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str) -> ProgrammeRules:
        fractions = {
            key: parse_fraction(str(value), f"{path}.{key}")
            for key, value in data.items()
            if key.endswith("_fraction")
        }
        raw_divisors = read_list(_require(data, "divisors", path), f"{path}.divisors")
        if len(raw_divisors) != 1:
            raise RulesInputError(f"{path}.divisors", "must hold exactly one entry")
        div = raw_divisors[0]
        div_path = f"{path}.divisors[0]"
        div_source = read_source({**div, "valid_from": data["valid_from"]}, div_path)
        divisors = {
            key: parse_fraction(str(value), f"{div_path}.{key}")
            for key, value in div.items()
            if key not in ("status", "source", "source_title")
        }
        return cls(
            source=read_source(data, path),
            legal_reference=read_str(
                _require(data, "legal_reference", path), f"{path}.legal_reference"
            ),
            g_per_year=parse_fraction(str(_require(data, "g_per_year", path)), path),
            under_age=read_int(_require(data, "under_age", path), path, low=1, high=120),
            fractions=fractions,
            deducted_income=tuple(_require(data, "deducted_income", path)),
            not_deducted_income=tuple(_require(data, "not_deducted_income", path)),
            divisors_source=div_source,
            divisors=divisors,
        )


@cache
def programme_rules(name: str) -> tuple[ProgrammeRules, ...]:
    data = load_toml(f"{name}.toml")
    return read_dated(data["rules"], "rules", ProgrammeRules.from_dict)


# --- debt settlement subsistence (FOR-2014-06-13-724) ---------------------------------

DEBTOR_CATEGORIES = ("single", "cohabiting", "supporting_spouse")


@dataclass(frozen=True)
class ContactBand:
    age_from: int
    age_to: int
    by_class: dict[int, Decimal]


@dataclass(frozen=True)
class DebtRates:
    source: Source
    debtor: dict[str, Decimal]
    children: tuple[AgeBand, ...]
    contact: tuple[ContactBand, ...]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str) -> DebtRates:
        contact = []
        for i, item in enumerate(read_list(data.get("contact", []), f"{path}.contact")):
            here = f"{path}.contact[{i}]"
            contact.append(
                ContactBand(
                    age_from=read_int(item.get("age_from"), f"{here}.age_from", low=0, high=120),
                    age_to=read_int(item.get("age_to"), f"{here}.age_to", low=0, high=120),
                    by_class={
                        n: read_amount(_require(item, f"class_{n}", here), f"{here}.class_{n}")
                        for n in (1, 2, 3, 4)
                    },
                )
            )
        return cls(
            source=read_source(data, path),
            debtor={
                c: read_amount(_require(data, c, path), f"{path}.{c}") for c in DEBTOR_CATEGORIES
            },
            children=read_bands(
                _require(data, "children", path), f"{path}.children", whole=False, cover_to=17
            ),
            contact=tuple(contact),
        )


@dataclass(frozen=True)
class DebtReductions:
    source: Source
    child_percent: Fraction
    child_from_person: int
    contact_percent: Fraction
    contact_from_child: int

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str) -> DebtReductions:
        return cls(
            source=read_source(data, path),
            child_percent=parse_fraction(str(_require(data, "child_percent", path)), path),
            child_from_person=read_int(
                _require(data, "child_from_person", path), path, low=1, high=20
            ),
            contact_percent=parse_fraction(str(_require(data, "contact_percent", path)), path),
            contact_from_child=read_int(
                _require(data, "contact_from_child", path), path, low=1, high=20
            ),
        )


@dataclass(frozen=True)
class DebtRateSet:
    id: str
    name: str
    expected_change: tuple[int, int] | None
    rates: tuple[DebtRates, ...]
    reductions: tuple[DebtReductions, ...]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "rate_set") -> DebtRateSet:
        head = data.get("rate_set", data)
        return cls(
            id=read_str(_require(head, "id", path), f"{path}.id"),
            name=read_str(_require(head, "name", path), f"{path}.name"),
            expected_change=read_expected_change(
                head.get("expected_change"), f"{path}.expected_change"
            ),
            rates=read_dated(_require(data, "rates", path), f"{path}.rates", DebtRates.from_dict),
            reductions=read_dated(
                _require(data, "reductions", path), f"{path}.reductions", DebtReductions.from_dict
            ),
        )


@cache
def state_debt_rates() -> DebtRateSet:
    return DebtRateSet.from_dict(load_toml("debt_subsistence.toml"))


def every_value_sourced() -> list[tuple[str, Source]]:
    """Every dated entry shipped in ``data/`` with its source (for tests and documentation)."""
    out: list[tuple[str, Source]] = []
    out += [("living_costs", r.source) for r in state_living_cost_rates().rates]
    out += [("income_rules", r.source) for rs in income_rules().by_type.values() for r in rs]
    out += [("G", g.source) for g in grunnbelop().values]
    for name in ("qualification_benefit", "introduction_benefit"):
        for p in programme_rules(name):
            out += [(name, p.source), (name, p.divisors_source)]
    debt = state_debt_rates()
    out += [("debt_subsistence", r.source) for r in debt.rates]
    out += [("debt_subsistence", r.source) for r in debt.reductions]
    return out
