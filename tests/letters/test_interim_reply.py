"""The interim reply says when we got the application, that we need more time, when to
expect an answer and why, and what the person can do meanwhile, also today."""

from __future__ import annotations

from typing import Any

import pytest

from navet.letters.render import render_html
from tests.letters.factories import TEXTS, make_interim_reply
from tests.letters.pdfs import normalise, rendered

REQUIRED = {
    "nb": [
        "Foreløpig svar på søknaden din",
        "Vi fikk søknaden din 28. januar 2025.",
        "Vi trenger mer tid til å behandle søknaden din.",
        "Vi regner med å gi deg svar innen 21. mars 2025.",
        "Hvorfor det tar tid",
        "Mens du venter",
        "Gi oss beskjed hvis situasjonen din endrer seg",
        "Har du ikke penger til mat eller et sted å bo i dag? Kontakt oss med en gang på 55 55 33 33.",
        "Da vurderer vi om du trenger nødhjelp.",
        "Ring oss på 55 55 33 33",
        "Ola Saksbehandler saksbehandler",
        "Vår referanse: 2025/00456",
        "Dato: 3. mars 2025",
    ],
    "nn": [
        "Førebels svar på søknaden din",
        "Vi fekk søknaden din 28. januar 2025.",
        "Vi treng meir tid til å behandle søknaden din.",
        "Vi reknar med å gi deg svar innan 21. mars 2025.",
        "Kvifor det tek tid",
        "Medan du ventar",
        "Gi oss beskjed dersom situasjonen din endrar seg",
        "Har du ikkje pengar til mat eller ein stad å bu i dag? Kontakt oss med ein gong på 55 55 33 33.",
        "Då vurderer vi om du treng naudhjelp.",
        "Ring oss på 55 55 33 33",
        "Ola Saksbehandler saksbehandlar",
        "Vår referanse: 2025/00456",
        "Dato: 3. mars 2025",
    ],
    "en": [
        "Interim reply to your application",
        "We received your application on 28 January 2025.",
        "We expect to give you an answer by 21 March 2025.",
        "Why it takes time",
        "Contact us at once on 55 55 33 33.",
        "emergency help",
        "Ola Saksbehandler caseworker",
        "Our reference: 2025/00456",
    ],
}


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_it_states_every_required_element(language: Any) -> None:
    _, text = rendered(make_interim_reply(language))
    expected = [*REQUIRED[language], TEXTS[language]["interim_reason"], "Kari Nordmann"]
    missing = [phrase for phrase in expected if normalise(phrase) not in text]
    assert not missing, f"{language}: missing {missing}"


def test_it_has_no_appeal_section_and_no_leader() -> None:
    _, text = rendered(make_interim_reply("nb"))
    assert "klage" not in text
    assert "ansvarlig leder" not in text


def test_nynorsk_uses_no_bokmal_forms() -> None:
    _, text = rendered(make_interim_reply("nn"))
    for word in ("ikke ", "hvis ", "fikk ", "trenger ", "mer ", "innen ", "Mens ", "regner "):
        assert word not in text
    assert "ikkje" in text


def test_the_preview_has_the_key_elements() -> None:
    html = render_html(make_interim_reply("nb"), fragment=True)
    assert "21. mars 2025" in html
    assert "28. januar 2025" in html
    assert TEXTS["nb"]["interim_reason"] in html
