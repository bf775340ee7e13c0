"""Validate Digisos documents against NAV's JSON schemas, and the project's rules on top.

Every problem is a :class:`Problem` with a JSON path (``$.hendelser[1].navKontor``) and an
English message. A message never repeats the value that failed: the documents hold national
identity numbers and account numbers, and problems end up in logs and on screens.

Schema validation follows reference/digisos.md § 6.5: ``Draft6Validator`` on a one-line
``{"$ref": <file URI>}`` schema, with a ``referencing`` registry that loads the vendored
schema files by ``file://`` URI, so every relative ``$ref`` resolves against its own file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from jsonschema import Draft6Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT6

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"

SOKNAD = "soknad/soknad.json"
VEDLEGG = "vedlegg/vedleggSpesifikasjon.json"
INNSYN = "digisos/soker/digisos-soker.json"
KLAGE = "klage/klage.json"

# The hendelse types that have their own part schema (digisos/soker/parts/hendelse/<type>.json).
HENDELSE_TYPES = (
    "tildeltNavKontor",
    "soknadsStatus",
    "vedtakFattet",
    "dokumentasjonEtterspurt",
    "forelopigSvar",
    "saksStatus",
    "utbetaling",
    "vilkar",
    "dokumentasjonkrav",
    "rammevedtak",
)

PathPart = str | int
JsonPath = tuple[PathPart, ...]
_Found = tuple[JsonPath, str]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TIDSPUNKT = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2}).([0-9]+)Z"
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where (a JSON path) and what, never the value."""

    path: str
    message: str
    file: str = ""

    def __str__(self) -> str:
        where = f"{self.file} {self.path}" if self.file else self.path
        return f"{where}: {self.message}"


# --- Schemas ---------------------------------------------------------------------------


@cache
def _load_schema_file(uri: str) -> Resource[Any]:
    """The schema file at a ``file://`` URI, which must lie in the vendored folder."""
    parts = urlsplit(uri)
    path = Path(unquote(parts.path)).resolve()
    if parts.scheme != "file" or not path.is_relative_to(SCHEMA_DIR):
        raise LookupError(f"only the vendored Digisos schemas can be referenced, not {uri}")
    document = json.loads(path.read_text(encoding="utf-8"))
    return Resource.from_contents(document, default_specification=DRAFT6)


def _registry() -> Registry[Any]:
    """Every vendored schema file, loaded and crawled once. A registry that only retrieves
    on demand cannot keep what it retrieves, so each `$ref` would read its file again (the
    digisos_throughput bench measured 6× slower validation that way)."""
    resources = [
        (path.as_uri(), _load_schema_file(path.as_uri()))
        for path in sorted(SCHEMA_DIR.rglob("*.json"))
    ]
    # attrs names the field _retrieve with the alias retrieve, which mypy does not see.
    empty: Registry[Any] = Registry(retrieve=_load_schema_file)  # type: ignore[call-arg]
    return empty.with_resources(resources).crawl()


_REGISTRY = _registry()


@cache
def _validator(schema: str) -> Draft6Validator:
    """One validator per schema, e.g. ``"soknad/soknad.json"`` (relative to SCHEMA_DIR)."""
    path = (SCHEMA_DIR / schema).resolve()
    if not path.is_relative_to(SCHEMA_DIR) or not path.is_file():
        raise ValueError(f"no Digisos schema {schema!r}")
    return Draft6Validator({"$ref": path.as_uri()}, registry=_REGISTRY)


def schema_problems(document: object, schema: str) -> list[Problem]:
    """Every way ``document`` breaks ``schema`` (e.g. SOKNAD), sorted by path."""
    return _problems(_found_in_errors(_validator(schema).iter_errors(document)))


# --- Messages without values -----------------------------------------------------------


def _found_in_errors(errors: Iterable[ValidationError]) -> Iterator[_Found]:
    for error in errors:
        yield from _explain(error)


def _explain(error: ValidationError) -> Iterator[_Found]:
    """Field-level (path, message) pairs for one error, built from the schema only.

    ``error.message`` repeats the failing value, so it is never used. The instance is only
    looked at for its shape (which keys it has), never quoted.
    """
    path: JsonPath = tuple(error.absolute_path)
    keyword = error.validator
    expected: Any = error.validator_value
    instance: Any = error.instance

    if keyword in ("oneOf", "anyOf"):
        yield from _explain_variants(error, path)
    elif keyword == "required":
        present = instance if isinstance(instance, Mapping) else {}
        for name in expected:
            if name not in present:
                yield path, f"{_quote(name)} is required"
    elif keyword == "dependencies":
        present = instance if isinstance(instance, Mapping) else {}
        for name, needs in expected.items():
            if name in present and isinstance(needs, list):
                for need in needs:
                    if need not in present:
                        yield path, f"{_quote(need)} is required when {_quote(name)} is present"
    elif keyword == "type":
        kinds = [expected] if isinstance(expected, str) else list(expected)
        yield path, f"must be of type {' or '.join(kinds)}"
    elif keyword == "enum":
        yield path, f"must be one of: {_list(expected)}"
    elif keyword == "const":
        yield path, f"must be {_literal(expected)}"
    elif keyword == "pattern":
        yield path, f"does not match the pattern {expected}"
    elif keyword == "format":
        yield path, f"must be a valid {expected}"
    elif keyword == "minItems":
        yield path, f"must have at least {expected} item{'' if expected == 1 else 's'}"
    elif keyword == "maxItems":
        yield path, f"must have at most {expected} item{'' if expected == 1 else 's'}"
    elif keyword == "minLength":
        yield path, f"must be at least {expected} characters long"
    elif keyword == "maxLength":
        yield path, f"must be at most {expected} characters long"
    elif keyword in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        relation = {
            "minimum": "at least",
            "exclusiveMinimum": "greater than",
            "maximum": "at most",
            "exclusiveMaximum": "less than",
        }[keyword]
        yield path, f"must be {relation} {expected}"
    elif keyword == "additionalProperties":
        yield path, "has a property the schema does not allow"
    elif keyword == "not":
        yield path, "matches a form the schema forbids"
    else:
        yield path, f"breaks the schema rule {_quote(str(keyword))}"


def _explain_variants(error: ValidationError, path: JsonPath) -> Iterator[_Found]:
    """A oneOf/anyOf failure, explained by the variant the instance was meant to be.

    Digisos variants are told apart by ``type`` (hendelse, adresse, filreferanse): the
    variant whose ``type`` matches is the one to explain. Otherwise (sivilstatus is told
    apart by ``status``) it is the variant with the fewest enum misses on its own
    properties; when that is still a tie, jsonschema's ``best_match`` picks the error.
    """
    instance: Any = error.instance
    if not error.context:  # oneOf: valid under more than one variant
        yield path, "matches more than one of the allowed variants"
        return
    branches: dict[PathPart, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    candidates = list(branches)

    def discriminator(sub: ValidationError) -> PathPart | None:
        """The property a variant is told apart by, when ``sub`` is its enum/const check."""
        if sub.validator in ("enum", "const") and len(sub.relative_path) == 1:
            name: PathPart = sub.relative_path[0]
            return name
        return None

    if isinstance(instance, Mapping) and "type" in instance:
        candidates = [
            b for b in candidates if not any(discriminator(s) == "type" for s in branches[b])
        ]
        if not candidates:
            allowed: list[Any] = []
            for subs in branches.values():
                for sub in subs:
                    if discriminator(sub) == "type":
                        allowed.extend(v for v in _as_list(sub.validator_value) if v not in allowed)
            yield (*path, "type"), f"must be one of: {_list(allowed)}"
            return
    misses = {b: sum(discriminator(s) is not None for s in branches[b]) for b in candidates}
    fewest = min(misses.values())
    best = [b for b in candidates if misses[b] == fewest]
    if len(best) == 1:
        yield from _found_in_errors(branches[best[0]])
        return
    parent: Any = error.schema
    if (
        isinstance(instance, Mapping)
        and "type" not in instance
        and isinstance(parent, Mapping)
        and "type" in parent.get("required", ())
    ):
        yield path, "'type' is required"
        return
    chosen = best_match([sub for b in best for sub in branches[b]])
    if chosen is None:  # pragma: no cover - context is never empty here
        yield path, "matches none of the allowed variants"
        return
    yield from _explain(chosen)


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _quote(name: str) -> str:
    return f"'{name}'"


def _literal(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _list(values: Iterable[Any]) -> str:
    return ", ".join(_literal(value) for value in values)


def json_path(parts: Sequence[PathPart]) -> str:
    """``("hendelser", 1, "navKontor")`` → ``$.hendelser[1].navKontor``."""
    text = "$"
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _IDENTIFIER.fullmatch(part):
            text += f".{part}"
        else:
            text += f"[{json.dumps(part, ensure_ascii=False)}]"
    return text


def _problems(found: Iterable[_Found]) -> list[Problem]:
    """Deduplicated, sorted by path (array indexes numerically), as Problems."""

    def key(item: _Found) -> tuple[tuple[tuple[int, int, str], ...], str]:
        path, message = item
        return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in path), message

    return [Problem(json_path(path), message) for path, message in sorted(set(found), key=key)]


# --- Innsyn (digisos-soker.json) ------------------------------------------------------


def innsyn_problems(document: object) -> list[Problem]:
    """Schema problems of a digisos-soker.json, field by field, plus the project's rules.

    The rules (reference/digisos.md § 5.4 and § 6.7) catch files that validate but that
    innsyn would show wrongly: order, missing fields innsyn needs, dangling references.
    """
    hendelser: list[Any] = []
    if isinstance(document, Mapping) and isinstance(document.get("hendelser"), list):
        hendelser = document["hendelser"]
    known = {
        index
        for index, hendelse in enumerate(hendelser)
        if isinstance(hendelse, Mapping) and hendelse.get("type") in HENDELSE_TYPES
    }
    part_found: dict[int, list[_Found]] = {}
    for index in known:
        part = f"digisos/soker/parts/hendelse/{hendelser[index]['type']}.json"
        part_found[index] = [
            (("hendelser", index, *path), message)
            for path, message in _found_in_errors(_validator(part).iter_errors(hendelser[index]))
        ]
    found: list[_Found] = []
    for error in _validator(INNSYN).iter_errors(document):
        at = tuple(error.absolute_path)
        if (
            error.validator == "oneOf"
            and len(at) == 2
            and at[0] == "hendelser"
            and isinstance(at[1], int)
            and part_found.get(at[1])
        ):
            continue  # the part schema below says what is wrong, field by field
        found.extend(_explain(error))
    for part_problems in part_found.values():
        found.extend(part_problems)
    found.extend(_nulls(document, ()))
    found.extend(_innsyn_rules(hendelser))
    return _problems(found)


def _nulls(value: object, path: JsonPath) -> Iterator[_Found]:
    if value is None:
        yield path, "must not be null: leave the key out instead"
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _nulls(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nulls(item, (*path, index))


_NEEDS_SAK = ("vedtakFattet", "utbetaling", "vilkar", "dokumentasjonkrav")
_NEEDS_STATUS_AND_TITLE = ("vilkar", "dokumentasjonkrav")


def _innsyn_rules(hendelser: Sequence[Any]) -> Iterator[_Found]:
    saker: set[str] = set()
    utbetalinger: set[str] = set()
    previous: tuple[int, tuple[str, Decimal]] | None = None
    for index, hendelse in enumerate(hendelser):
        if not isinstance(hendelse, Mapping):
            continue
        at: JsonPath = ("hendelser", index)
        kind = hendelse.get("type")

        if index == 0 and (kind != "soknadsStatus" or hendelse.get("status") != "MOTTATT"):
            yield at, "the first hendelse must be soknadsStatus MOTTATT"

        moment = _instant(hendelse.get("hendelsestidspunkt"))
        if moment is not None:
            if previous is not None and moment <= previous[1]:
                yield (
                    (*at, "hendelsestidspunkt"),
                    "must be later than the hendelsestidspunkt of "
                    f"{json_path(('hendelser', previous[0]))} (strictly increasing)",
                )
            previous = (index, moment)

        if kind in _NEEDS_STATUS_AND_TITLE:
            for name in ("status", "saksreferanse", "tittel"):
                if name not in hendelse:
                    yield at, f"'{name}' is required on {kind} (innsyn needs it)"
        if kind == "saksStatus" and "tittel" not in hendelse:
            yield at, "'tittel' is required on saksStatus (innsyn erases the title without it)"
        if kind == "utbetaling" and "annenMottaker" not in hendelse:
            yield (
                at,
                "'annenMottaker' is required on utbetaling (innsyn reads a missing value as "
                "true and hides the account number)",
            )

        for name, value in hendelse.items():
            if isinstance(name, str) and name.endswith("referanse"):
                values = value if isinstance(value, list) else [value]
                for position, each in enumerate(values):
                    if each == "default":
                        where = (*at, name, position) if isinstance(value, list) else (*at, name)
                        yield where, 'must not be "default" (innsyn treats it as a fallback sak)'

        saksreferanse = hendelse.get("saksreferanse")
        if kind in _NEEDS_SAK and isinstance(saksreferanse, str) and saksreferanse not in saker:
            yield (*at, "saksreferanse"), "refers to no saksStatus referanse earlier in the list"
        if kind in _NEEDS_STATUS_AND_TITLE and isinstance(
            hendelse.get("utbetalingsreferanse"), list
        ):
            for position, each in enumerate(hendelse["utbetalingsreferanse"]):
                if isinstance(each, str) and each not in utbetalinger:
                    yield (
                        (*at, "utbetalingsreferanse", position),
                        "refers to no utbetaling earlier in the list",
                    )

        if kind == "saksStatus" and isinstance(hendelse.get("referanse"), str):
            saker.add(hendelse["referanse"])
        if kind == "utbetaling" and isinstance(hendelse.get("utbetalingsreferanse"), str):
            utbetalinger.add(hendelse["utbetalingsreferanse"])


def _instant(value: object) -> tuple[str, Decimal] | None:
    """A tidspunkt as a sortable key, keeping every fraction digit (nanoseconds too)."""
    if not isinstance(value, str):
        return None
    match = _TIDSPUNKT.fullmatch(value)
    if match is None:
        return None
    return "".join(match.groups()[:6]), Decimal("0." + match.group(7))


# --- Timestamps and dates --------------------------------------------------------------


def format_timestamp(moment: datetime) -> str:
    """A tidspunkt: UTC, milliseconds, ``Z`` (``2018-10-04T13:37:00.134Z``).

    ``isoformat()`` would give ``+00:00`` and drop the fraction at microsecond 0; both fail
    the schema. A naive datetime raises ValueError: its zone would be a guess.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a tidspunkt needs a timezone-aware datetime")
    utc = moment.astimezone(UTC)
    return (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}"
        f"T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}.{utc.microsecond // 1000:03d}Z"
    )


def format_date(day: date) -> str:
    """A dato: ``YYYY-MM-DD``. A datetime raises TypeError (convert it to a date first)."""
    if isinstance(day, datetime):
        raise TypeError("a dato is a date, not a datetime")
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def parse_timestamp(value: object) -> datetime | None:
    """A tidspunkt as an aware UTC datetime (fraction cut to microseconds); None if invalid."""
    if not isinstance(value, str):
        return None
    match = _TIDSPUNKT.fullmatch(value)
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction = match.groups()
    try:
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second),
            int(fraction[:6].ljust(6, "0")),
            tzinfo=UTC,
        )
    except ValueError:
        return None


def parse_date(value: object) -> date | None:
    """A dato as a date; None when absent or not a real date (``2017-13-01``)."""
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
