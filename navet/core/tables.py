"""What presenters hand to the table, tag and description-list components.

Presenters say what a cell means (a link, a struck-out value, a warning); the component
templates (templates/components/) turn it into Aksel markup. A plain string or number is a
cell too; `None` or "" shows as "–".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# The tag colours the tag component knows (templates/components/tag.html).
TagVariant = Literal["neutral", "info", "success", "warning", "error", "alt1", "alt2", "alt3"]


@dataclass(frozen=True)
class Tag:
    label: str
    variant: TagVariant = "neutral"


@dataclass(frozen=True)
class Cell:
    """A table cell with more than text: a link, tags after the text, or struck text.

    A struck value must be said in words in another cell too; a strike is not read out.
    With full_text, `text` is a shortened form shown on screen; the full text is read out
    and shown on hover. With select_name, the cell is a checkbox that picks the row.
    """

    text: str | None = ""
    href: str = ""
    tags: tuple[Tag, ...] = ()
    struck: bool = False
    full_text: str = ""
    nowrap: bool = False  # kept on one line (a reference, a date): never broken at a hyphen
    # A checkbox to pick the row (a form around the table sends `select_name=select_value`);
    # its label is read out, not shown.
    select_name: str = ""
    select_value: str = ""
    select_label: str = ""
    form: str = ""  # the id of the form the checkbox belongs to


@dataclass(frozen=True)
class Column:
    """A column header that sorts: a link to the list sorted by it (`sort_url`), and on the
    column the list is sorted by, `sort` ("ascending" or "descending", given as aria-sort).
    A plain string is a column header too."""

    label: str
    sort_url: str = ""
    sort: Literal["ascending", "descending", ""] = ""


CellValue = str | int | Cell | None
Row = list[CellValue]
