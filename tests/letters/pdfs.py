"""Reading the letters' PDFs back with pypdf: text, PDF/A metadata, fonts."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from navet.letters.content import Letter
from navet.letters.render import RenderedLetter, render_letter

_PAGE_NUMBER = re.compile(r"\d+ / \d+$")


def normalise(text: str) -> str:
    """One space for every run of whitespace, no-break spaces included."""
    return " ".join(text.replace("\u00a0", " ").split())


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def pdf_text(pdf: bytes) -> str:
    """All pages' text as one normalised string, without the running footer (reference
    and page number) and list bullets, so a paragraph split over two pages reads whole."""
    pages = []
    for page in reader(pdf).pages:
        lines = [line for line in page.extract_text().splitlines() if line.strip() != "•"]
        if lines and _PAGE_NUMBER.search(lines[-1].strip()):
            lines.pop()
        pages.append(" ".join(lines))
    return normalise(" ".join(pages))


def _fonts_in(resources: Any) -> Iterator[DictionaryObject]:
    resources = resources.get_object() if resources is not None else None
    if not resources:
        return
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for xobject in (resources.get("/XObject") or {}).values():
        yield from _fonts_in(xobject.get_object().get("/Resources"))


def fonts(pdf: bytes) -> list[DictionaryObject]:
    """Every font dictionary used on any page (in page and form XObject resources)."""
    found: dict[int, DictionaryObject] = {}
    for page in reader(pdf).pages:
        for font in _fonts_in(page.get("/Resources")):
            found[id(font)] = font
    return list(found.values())


def is_embedded(font: DictionaryObject) -> bool:
    """The font program is in the file: in its descriptor, or in every descendant font's."""
    descendants = font.get("/DescendantFonts")
    if descendants is not None:
        return all(is_embedded(d.get_object()) for d in descendants.get_object())
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def xmp_packet(pdf: bytes) -> str:
    metadata: Any = reader(pdf).root_object["/Metadata"].get_object()
    data: bytes = metadata.get_data()
    return data.decode("utf-8")


@cache
def rendered(letter: Letter) -> tuple[RenderedLetter, str]:
    """The letter rendered once per test session, with its PDF's text (letters are frozen
    dataclasses, so equal letters share one rendering)."""
    result = render_letter(letter)
    return result, pdf_text(result.pdf)
