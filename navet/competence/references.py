"""The legal references Navet shows, and what each means: dated explanations in bokmål,
nynorsk and English, kept as data in ``data/legal_references.toml``.

Rules, in order:
1. A reference is a "§" (or "§§") and a section number, with an optional letter
   ("§ 20 a"), optionally preceded by the law's name ("forvaltningsloven § 11 a").
2. A reference without a law's name belongs to the page's default law, sosialtjenesteloven
   unless the caller says otherwise (an explanation of a forvaltningsloven section reads
   its own bare references as forvaltningsloven).
3. A law's name Navet does not know ("domstolloven § 148") makes no link: the crawl test
   (tests/competence/test_legal_refs.py) then fails until the reference is explained.
4. "§§ 28 og 29" is two references, each with its own explanation.
5. An explanation is guidance; the law text at its ``url`` is the source. Of several
   versions of one explanation, the one valid on the day asked for applies.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Literal

Language = Literal["nb", "nn", "en"]
LANGUAGES: tuple[Language, ...] = ("nb", "nn", "en")
DEFAULT_LAW = "stl"


@dataclass(frozen=True)
class Law:
    key: str
    name: dict[str, str]
    spellings: tuple[str, ...]
    url: str
    note: dict[str, str]


@dataclass(frozen=True)
class LegalReference:
    """One section's explanation, valid from a day."""

    key: str
    law: Law
    section: str
    valid_from: date
    title: dict[str, str]
    text: dict[str, str]

    def __post_init__(self) -> None:
        for language in LANGUAGES:
            if not self.title.get(language) or not self.text.get(language):
                raise ValueError(f"{self.key}: no title or text in {language}")
        if self.key != f"{self.law.key}-{self.section.replace(' ', '')}":
            raise ValueError(f"{self.key}: the key must be the law and the section")

    @property
    def url(self) -> str:
        """The section on Lovdata (e.g. https://lovdata.no/lov/2009-12-18-131/§18)."""
        return f"{self.law.url}/§{self.section.replace(' ', '')}"

    def label(self, language: str) -> str:
        """The reference as a reader cites it: "sosialtjenesteloven § 20 a"."""
        return f"{self.law.name[_language(language)]} § {self.section}"


def _language(language: str) -> Language:
    return language if language in LANGUAGES else "nb"


@cache
def _load() -> tuple[dict[str, Law], tuple[LegalReference, ...]]:
    raw = tomllib.loads(
        resources.files("navet.competence.data")
        .joinpath("legal_references.toml")
        .read_text(encoding="utf-8")
    )
    laws = {
        key: Law(
            key=key,
            name=dict(law["name"]),
            spellings=tuple(law["spellings"]),
            url=law["url"],
            note=dict(law["note"]),
        )
        for key, law in raw["laws"].items()
    }
    references = tuple(
        LegalReference(
            key=item["key"],
            law=laws[item["law"]],
            section=item["section"],
            valid_from=item["valid_from"],
            title=dict(item["title"]),
            text=dict(item["text"]),
        )
        for item in raw["references"]
    )
    return laws, references


def laws() -> dict[str, Law]:
    return _load()[0]


def all_references(on: date | None = None) -> list[LegalReference]:
    """Every explained section (its version valid on the day), by law and section."""
    keys = sorted({r.key for r in _load()[1]}, key=_sort_key)
    found = [explanation(key, on) for key in keys]
    return [r for r in found if r is not None]


def _sort_key(key: str) -> tuple[str, int, str]:
    law, _, section = key.partition("-")
    digits = "".join(c for c in section if c.isdigit())
    return (law, int(digits or 0), section)


def explanation(key: str, on: date | None = None) -> LegalReference | None:
    """The explanation of one section valid on the day (today when not given)."""
    day = on or date.today()
    versions = [r for r in _load()[1] if r.key == key and r.valid_from <= day]
    return max(versions, key=lambda r: r.valid_from, default=None)


def _law_pattern() -> str:
    spellings = sorted({s for law in laws().values() for s in law.spellings}, key=len, reverse=True)
    known = "|".join(re.escape(s) for s in spellings)
    # An unknown law's name still counts as a name, so its section is not taken for
    # sosialtjenesteloven's.
    return rf"(?P<law>{known}|[A-Za-zÆØÅæøå-]+(?:loven|lova|lovens))\s+"


SECTION = r"(?P<number>\d+)(?:\s?(?P<letter>[a-f])\b)?"


@cache
def _pattern() -> re.Pattern[str]:
    more = r"(?:\s*(?:,|og|and|–|-)\s*\d+(?:\s?[a-f]\b)?)*"
    return re.compile(rf"(?:{_law_pattern()})?(?P<sign>§§?)\s*{SECTION}(?P<more>{more})", re.I)


MORE_SECTION = re.compile(r"\d+(?:\s?[a-f]\b)?")


@dataclass(frozen=True)
class Found:
    """One reference in a text: its span and its key (None: no law Navet knows)."""

    start: int
    end: int
    key: str | None


def _law_key(name: str | None, default: str) -> str | None:
    if not name:
        return default
    lowered = name.lower()
    for law in laws().values():
        if lowered in law.spellings:
            return law.key
    return None


def find_references(text: str, default_law: str = DEFAULT_LAW) -> Iterator[Found]:
    """The references in a text, in order; "§§ 28 og 29" gives two."""
    for match in _pattern().finditer(text):
        law = _law_key(match.group("law"), default_law)
        section = match.group("number") + (match.group("letter") or "").lower()
        yield Found(
            match.start(),
            match.end("letter") if match.group("letter") else match.end("number"),
            f"{law}-{section}" if law else None,
        )
        offset = match.start("more")
        for extra in MORE_SECTION.finditer(match.group("more")):
            number = extra.group().replace(" ", "").lower()
            yield Found(
                offset + extra.start(), offset + extra.end(), f"{law}-{number}" if law else None
            )
