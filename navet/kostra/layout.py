"""SSB's record layout for a form and a reporting year, read from SSB's YAML.

Positions are rebuilt by adding up ``size`` in field order, as SSB's loader does (the YAML's
``from`` values are ignored there). Domain values are mapped to field *names*; nothing else
in Navet knows a position.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

import yaml

DataType = Literal["STRING_TYPE", "INTEGER_TYPE", "DATE_TYPE"]


class LayoutError(Exception):
    """No layout for that form and year, or SSB's file is not as expected."""


@dataclass(frozen=True)
class Field:
    name: str
    start: int  # 0-based offset in the record
    size: int
    data_type: DataType
    mandatory: bool
    codes: dict[str, str]  # code -> SSB's label
    description: str

    @property
    def end(self) -> int:
        return self.start + self.size


@dataclass(frozen=True)
class Layout:
    form: str
    year: int
    fields: tuple[Field, ...]

    @property
    def width(self) -> int:
        return self.fields[-1].end

    def field(self, name: str) -> Field:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise LayoutError(f"{self.form} {self.year} has no field {name}")


def available_years(form: str) -> list[int]:
    prefix = f"file_description_{form}_"
    names = (entry.name for entry in resources.files("navet.kostra.data").iterdir())
    return sorted(int(n[len(prefix) : -5]) for n in names if n.startswith(prefix))


@cache
def layout(form: str, year: int) -> Layout:
    """The layout SSB published for ``form`` and reporting ``year``."""
    if year not in available_years(form):
        raise LayoutError(f"no KOSTRA layout for {form} {year}")
    text = (
        resources.files("navet.kostra.data")
        .joinpath(f"file_description_{form}_{year}.yaml")
        .read_text(encoding="utf-8")
    )
    data = yaml.safe_load(text)
    fields: list[Field] = []
    start = 0
    for item in data["fields"]:
        codes = {str(c["code"]): str(c["value"]).strip() for c in item.get("codeList") or []}
        fields.append(
            Field(
                name=item["name"],
                start=start,
                size=int(item["size"]),
                data_type=item["dataType"],
                mandatory=bool(item.get("mandatory")),
                codes=codes,
                description=str(item.get("description") or ""),
            )
        )
        start += int(item["size"])
    return Layout(form=form, year=year, fields=tuple(fields))
