"""The documentation request lists what we need, the deadline, how to send it, what
happens if it does not come, and how to contact us."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from navet.letters.content import RequestedDocumentText
from navet.letters.render import render_html
from tests.letters.factories import OFFICE, make_documentation_request
from tests.letters.pdfs import normalise, rendered

REQUIRED = {
    "nb": [
        "Vi trenger dokumentasjon fra deg",
        "For å behandle søknaden din trenger vi disse dokumentene:",
        "Send dokumentene innen 22. april 2025.",
        "Slik sender du dokumentene",
        "Du kan laste opp dokumentene på nav.no, eller levere dem hos Nav Grünerløkka, Thorvald Meyers gate 1, 0555 Oslo.",
        "Hvis vi ikke har fått dokumentene innen fristen, avgjør vi søknaden med de opplysningene vi har.",
        "Det kan bety at du får avslag på søknaden.",
        "Ring oss på 55 55 33 33",
        "Ola Saksbehandler saksbehandler",
        "Vår referanse: 2025/00789",
    ],
    "nn": [
        "Vi treng dokumentasjon frå deg",
        "For å behandle søknaden din treng vi desse dokumenta:",
        "Send dokumenta innan 22. april 2025.",
        "Slik sender du dokumenta",
        "Du kan laste opp dokumenta på nav.no, eller levere dei hos Nav Grünerløkka, Thorvald Meyers gate 1, 0555 Oslo.",
        "Dersom vi ikkje har fått dokumenta innan fristen, avgjer vi søknaden med dei opplysningane vi har.",
        "Det kan bety at du får avslag på søknaden.",
        "Ring oss på 55 55 33 33",
        "Ola Saksbehandler saksbehandlar",
        "Vår referanse: 2025/00789",
    ],
    "en": [
        "We need documentation from you",
        "To process your application, we need these documents:",
        "Send the documents by 22 April 2025.",
        "You can upload the documents at nav.no, or hand them in at Nav Grünerløkka, Thorvald Meyers gate 1, 0555 Oslo.",
        "we will decide your application on the information we have.",
        "This may mean that your application is refused.",
        "Call us on 55 55 33 33",
        "Ola Saksbehandler caseworker",
    ],
}


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_it_states_every_required_element(language: Any) -> None:
    letter = make_documentation_request(language)
    _, text = rendered(letter)
    expected = [
        *REQUIRED[language],
        *(document.title for document in letter.documents),
        *(document.description for document in letter.documents),
    ]
    missing = [phrase for phrase in expected if normalise(phrase) not in text]
    assert not missing, f"{language}: missing {missing}"


def test_nynorsk_uses_no_bokmal_forms() -> None:
    _, text = rendered(make_documentation_request("nn"))
    for word in ("ikke ", "hvis ", "dokumentene", "trenger ", "innen ", "disse ", "finner "):
        assert word not in text
    assert "ikkje" in text


def test_a_document_without_description_prints_only_its_title() -> None:
    letter = make_documentation_request(
        "nb", documents=(RequestedDocumentText("Lønnsslipp for mars", ""),)
    )
    html = render_html(letter, fragment=True)
    assert "<strong>Lønnsslipp for mars</strong></li>" in html
    _, text = rendered(letter)
    assert "Lønnsslipp for mars" in text
    assert "Husleiekontrakt" not in text


@pytest.mark.parametrize(
    ("language", "hand_in"),
    [
        ("nb", "eller levere dem hos Nav Grünerløkka. "),
        ("nn", "eller levere dei hos Nav Grünerløkka. "),
        ("en", "or hand them in at Nav Grünerløkka. "),
    ],
)
def test_without_a_visiting_address_documents_are_not_handed_in_at_a_post_box(
    language: Any, hand_in: str
) -> None:
    office = replace(OFFICE, visiting_address_lines=())
    _, text = rendered(make_documentation_request(language, office=office))
    assert hand_in in text
    assert text.count("Postboks") == 1  # the letterhead's postal address
    assert "Nav Grünerløkka, Postboks" not in text
