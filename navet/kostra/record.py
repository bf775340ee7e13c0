"""Writing and reading fixed-width KOSTRA records.

A value is a ``str`` (a code or text, left-aligned), an ``int`` (whole kroner or a count,
right-aligned), a ``date`` (``DDMMÅÅÅÅ``) or ``None`` (blank). A value that does not fit
its field is refused, never cut: an amount is never reinterpreted.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date

from navet.kostra.layout import Layout

Value = str | int | date | None


class RecordError(ValueError):
    """A value does not fit SSB's layout (says which field and why)."""


def ascii_text(text: str) -> str:
    """Free text (a caseworker's id) as ASCII: æøå and accents folded, the rest dropped."""
    folded = text.replace("æ", "ae").replace("Æ", "AE").replace("ø", "o").replace("Ø", "O")
    folded = folded.replace("å", "aa").replace("Å", "AA")
    decomposed = unicodedata.normalize("NFKD", folded)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def _format(name: str, size: int, value: Value) -> str:
    if value is None or value == "":
        return " " * size
    if isinstance(value, bool):
        raise RecordError(f"{name}: a yes/no field takes its code, not {value!r}")
    if isinstance(value, int):
        if value < 0:
            raise RecordError(f"{name}: {value} is negative")
        text = str(value)
        if len(text) > size:
            raise RecordError(f"{name}: {value} does not fit in {size} digits")
        return text.rjust(size)
    if isinstance(value, date):
        return value.strftime("%d%m%Y")
    if not value.isascii():
        raise RecordError(f"{name}: {value!r} is not ASCII")
    if len(value) > size:
        raise RecordError(f"{name}: {value!r} is longer than {size} characters")
    return value.ljust(size)


def write_record(layout: Layout, values: Mapping[str, Value]) -> str:
    """One record of ``layout.width`` characters; fields not given are blank."""
    unknown = set(values) - {f.name for f in layout.fields}
    if unknown:
        raise RecordError(f"not in the {layout.form} {layout.year} layout: {sorted(unknown)}")
    parts = []
    for field in layout.fields:
        text = _format(field.name, field.size, values.get(field.name))
        if field.data_type == "DATE_TYPE" and text.strip() and len(text) != field.size:
            raise RecordError(f"{field.name}: a date takes {field.size} characters")
        parts.append(text)
    record = "".join(parts)
    if len(record) != layout.width:
        raise RecordError(f"the record has {len(record)} characters, not {layout.width}")
    return record


def read_record(layout: Layout, line: str) -> dict[str, str]:
    """The raw text of each field of a line that has the layout's width."""
    return {f.name: line[f.start : f.end] for f in layout.fields}


def write_file(records: list[str]) -> str:
    """The file's text: one record per line ending with LF; a single space when empty."""
    if not records:
        return " "
    return "".join(record + "\n" for record in records)
