"""HTML → PDF/A-2u with WeasyPrint, offline, with the vendored Source Sans 3 embedded.

PDF/A-2u (ISO 19005-2, level U): every font embedded, an sRGB output intent, XMP metadata
and a Unicode mapping for all text, so the archive (Noark 5) can search and extract it.
WeasyPrint adds the output intent, the XMP packet and a file identifier computed from the
content; with the creation date taken from the letter date and the font timestamps pinned
(below), the same letter gives the same bytes. The PDF is also tagged (headings, lists,
the calculation table), so a screen reader can follow it.

Fonts: the vendored files are variable WOFF2 (static/vendor/fonts/source-sans-3), one
file for all weights. Decompressing WOFF2 is the slowest step of a letter, so the URL
fetcher does it once per process and serves the cached TrueType bytes; WeasyPrint then
embeds a subset of each weight used, as a static instance.

The URL fetcher serves only files inside the font and letter-template folders: a letter
never reaches the network. A refused URL is logged by WeasyPrint and left out.
"""

from __future__ import annotations

import io
import logging
import os
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from fontTools.ttLib import woff2
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_VARIANT = "pdf/a-2u"
FONT_FAMILY = "Source Sans 3"
_UNICODE_RANGES = {
    "latin": (
        "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,"
        "U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD"
    ),
    # Sami letters (á č đ ŋ š ŧ ž), and names from all over Europe.
    "latin-ext": (
        "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,"
        "U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,"
        "U+2C60-2C7F,U+A720-A7FF"
    ),
}

# WeasyPrint turns each variable font into a static one with fontTools, which stamps the
# font's "modified" time with the current time unless SOURCE_DATE_EPOCH is set (the
# reproducible-builds convention). A letter must give the same bytes every time, so pin it
# for this process unless the environment already does. Nothing else in Navet reads it.
os.environ.setdefault("SOURCE_DATE_EPOCH", "0")

# Rendering a letter is routine: WeasyPrint's step-by-step progress and fontTools' notes
# would fill the log at INFO. Their warnings (a refused URL, a missing glyph) still show.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)


def font_dir() -> Path:
    return Path(settings.BASE_DIR) / "static" / "vendor" / "fonts" / "source-sans-3"


def letter_css_path() -> Path:
    return Path(settings.BASE_DIR) / "templates" / "letters" / "letter.css"


@cache
def _read_resource(path: Path) -> bytes:
    """A file's bytes; a WOFF2 font decompressed to TrueType (cached: fonts only)."""
    if path.suffix != ".woff2":
        return path.read_bytes()
    out = io.BytesIO()
    woff2.decompress(io.BytesIO(path.read_bytes()), out)
    return out.getvalue()


class LocalFileFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
    """Serves file:// URLs inside the allowed folders and refuses everything else.

    WOFF2 fonts are answered decompressed, from a per-process cache.
    """

    def __init__(self, allowed: tuple[Path, ...]) -> None:
        super().__init__(allowed_protocols=("file",))
        self.allowed = tuple(folder.resolve() for folder in allowed)

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(f"Letters load no external resources; refused {url[:80]}")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self.allowed):
            raise ValueError(f"Not a letter resource; refused {path.name}")
        if path.suffix == ".woff2":
            return URLFetcherResponse(path.as_uri(), _read_resource(path))
        return URLFetcherResponse(path.as_uri(), path.read_bytes())


def font_face_css() -> str:
    """@font-face rules for the latin and latin-ext files (each serves every weight).

    No font-weight descriptor: WeasyPrint 70 rejects a range ("200 900"), and without one
    Pango asks the variable font for the weight each element needs.
    """
    rules = []
    for subset, unicode_range in _UNICODE_RANGES.items():
        uri = (font_dir() / f"source-sans-3-{subset}-wght-normal.woff2").as_uri()
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; font-style: normal; '
            f'src: url("{uri}"); unicode-range: {unicode_range}; }}'
        )
    return "\n".join(rules)


@cache
def _fetcher() -> LocalFileFetcher:
    return LocalFileFetcher((font_dir(), letter_css_path().parent))


def html_to_pdf(html: str, *, title: str, language: str, created: date | None = None) -> bytes:
    """The letter as tagged PDF/A-2u bytes (A4 from letter.css), with title and language in
    the metadata. `created` (the letter date) fixes the creation date, so the PDF is
    reproducible."""
    fetcher = _fetcher()
    font_config = FontConfiguration()
    stylesheets = [
        weasyprint.CSS(string=font_face_css(), font_config=font_config, url_fetcher=fetcher),
        weasyprint.CSS(
            filename=str(letter_css_path()), font_config=font_config, url_fetcher=fetcher
        ),
    ]
    document = weasyprint.HTML(
        string=html, base_url=letter_css_path().parent.as_uri(), url_fetcher=fetcher
    ).render(
        font_config=font_config, stylesheets=stylesheets, pdf_variant=PDF_VARIANT, pdf_tags=True
    )
    document.metadata.title = title
    document.metadata.lang = language
    document.metadata.generator = "Navet"
    if created is not None:
        stamp = created.isoformat()
        document.metadata.created = stamp
        document.metadata.modified = stamp
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    return pdf
