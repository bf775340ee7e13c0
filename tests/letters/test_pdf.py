"""Every letter is a PDF/A-2u file: metadata, embedded fonts, language, A4, reproducible,
and nothing fetched from outside the project."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import weasyprint.urls
from django.conf import settings

from navet.letters.content import Letter, OfficeInfo, Recipient
from navet.letters.pdf import LocalFileFetcher, html_to_pdf
from navet.letters.render import render_letter
from tests.letters import factories
from tests.letters.pdfs import fonts, is_embedded, pdf_text, reader, rendered, xmp_packet

MAKERS: dict[str, Callable[..., Letter]] = {
    "decision": factories.make_decision_letter,
    "interim_reply": factories.make_interim_reply,
    "documentation_request": factories.make_documentation_request,
    "appeal_forwarding": factories.make_appeal_forwarding,
}
CASES = [(kind, language) for kind in MAKERS for language in ("nb", "nn", "en")]


@pytest.mark.parametrize(("kind", "language"), CASES)
def test_it_is_pdf_a_2u_with_title_and_language(kind: str, language: Any) -> None:
    letter = MAKERS[kind](language)
    result, _ = rendered(letter)
    assert result.pdf.startswith(b"%PDF-")
    pdf = reader(result.pdf)
    assert not pdf.is_encrypted
    xmp = pdf.xmp_metadata
    assert xmp is not None
    assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("2", "U")
    assert 'pdfaid:part="2"' in xmp_packet(result.pdf)
    catalog: Any = pdf.root_object
    assert catalog["/Lang"] == language
    intents = catalog["/OutputIntents"]
    assert [intent.get_object()["/S"] for intent in intents] == ["/GTS_PDFA1"]
    assert pdf.metadata is not None
    assert pdf.metadata.title == result.title
    assert result.language == language


@pytest.mark.parametrize(("kind", "language"), CASES)
def test_every_font_is_embedded_source_sans(kind: str, language: Any) -> None:
    result, _ = rendered(MAKERS[kind](language))
    used = fonts(result.pdf)
    assert used
    for font in used:
        assert is_embedded(font), font["/BaseFont"]
        assert "Source-Sans-3" in str(font["/BaseFont"])


def test_it_is_tagged_for_screen_readers() -> None:
    result, _ = rendered(factories.make_decision_letter("nb"))
    catalog: Any = reader(result.pdf).root_object
    assert catalog["/MarkInfo"]["/Marked"].value is True
    structure: Any = catalog["/StructTreeRoot"].get_object()
    tags: set[str] = set()
    pending: list[Any] = [structure]
    while pending:
        node: Any = pending.pop().get_object()
        if not hasattr(node, "get"):
            continue
        if "/S" in node:
            tags.add(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            kids = kids.get_object()
            pending.extend(kids if isinstance(kids, list) else [kids])
    assert {"/H1", "/H2", "/Table", "/TH", "/L", "/LI"} <= tags


def test_the_check_for_embedded_fonts_can_fail() -> None:
    from pypdf.generic import DictionaryObject, NameObject

    bare = DictionaryObject({NameObject("/FontDescriptor"): DictionaryObject()})
    assert not is_embedded(bare)


def test_it_is_a4_with_the_letter_date_as_creation_date() -> None:
    letter = factories.make_decision_letter("nb")
    result, _ = rendered(letter)
    pdf = reader(result.pdf)
    for page in pdf.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    assert pdf.metadata is not None
    assert pdf.metadata.creation_date is not None
    assert pdf.metadata.creation_date.date() == letter.letter_date


def test_the_same_letter_gives_the_same_bytes() -> None:
    letter = factories.make_interim_reply("nn")
    assert render_letter(letter).pdf == render_letter(letter).pdf


def test_names_with_sami_and_other_letters_use_the_embedded_font() -> None:
    office = OfficeInfo(
        name="Nav Kárášjohka",
        number="5610",
        address_lines=("Markangeaidnu 1", "9730 Kárášjohka"),
        phone="55 55 33 33",
        web="nav.no/karasjohka",
    )
    recipient = Recipient("Máret Ŋuolla Đuđá Čeŋgel", ("Šuoikkatluohkká 2", "9730 Kárášjohka"))
    letter = factories.make_interim_reply("nb", office=office, recipient=recipient)
    result = render_letter(letter)
    text = pdf_text(result.pdf)
    assert "Máret Ŋuolla Đuđá Čeŋgel" in text
    assert "Nav Kárášjohka" in text
    for font in fonts(result.pdf):
        assert is_embedded(font)
        assert "Source-Sans-3" in str(font["/BaseFont"])


def test_html_to_pdf_fetches_only_project_files(monkeypatch: pytest.MonkeyPatch) -> None:
    fetched: list[str] = []
    real_fetch = LocalFileFetcher.fetch

    def spy(self: LocalFileFetcher, url: str, headers: object = None) -> Any:
        fetched.append(url)
        return real_fetch(self, url, headers)

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a letter tried to use the network")

    monkeypatch.setattr(LocalFileFetcher, "fetch", spy)
    monkeypatch.setattr(weasyprint.urls.URLFetcher, "open", no_network)
    html = (
        '<!doctype html><html lang="nb"><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="https://example.com/evil.css">'
        '<link rel="stylesheet" href="file:///etc/hostname"></head>'
        '<body><p>Hei</p><img src="http://example.com/pixel.png" alt=""></body></html>'
    )
    pdf = html_to_pdf(html, title="Test", language="nb", created=date(2025, 1, 15))
    assert "Hei" in pdf_text(pdf)
    assert any(url.endswith(".woff2") for url in fetched)
    assert any("example.com" in url for url in fetched)  # asked for, and refused
    assert reader(pdf).metadata.title == "Test"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/font.woff2",
        "http://localhost/x.css",
        "data:text/css,body{}",
        "file:///etc/passwd",
        "file://otherhost/etc/passwd",
    ],
)
def test_the_fetcher_refuses_the_network_and_files_outside_the_project(url: str) -> None:
    fetcher = LocalFileFetcher((Path(settings.BASE_DIR) / "templates" / "letters",))
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch(url)


def test_the_fetcher_refuses_a_path_that_climbs_out() -> None:
    folder = Path(settings.BASE_DIR) / "templates" / "letters"
    fetcher = LocalFileFetcher((folder,))
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch((folder / ".." / ".." / "pyproject.toml").as_uri())
    assert fetcher.fetch((folder / "letter.css").as_uri()).read().startswith(b"/*")
