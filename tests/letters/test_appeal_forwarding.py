"""The letter that sends an appeal to the Statsforvalteren: when it came, within or after
the deadline, which decision, that the office upholds it and why, the enclosures, who
handled it, and the copy to the appellant."""

from __future__ import annotations

from typing import Any

import pytest

from tests.letters.factories import TEXTS, make_appeal_forwarding
from tests.letters.pdfs import normalise, rendered

REQUIRED = {
    "nb": [
        "Statsforvalteren i Oslo og Viken",
        "Oversendelse av klage",
        "Vi sender klagen fra Kari Nordmann til Statsforvalteren, som avgjør klagen.",
        "Klagen gjelder vedtaket vårt av 15. januar 2025 med referanse 2025/00123.",
        "Vi fikk klagen 30. januar 2025.",
        "Klagen kom inn innen klagefristen.",
        "Hva klageren mener",
        "Vi har vurdert saken på nytt. Vi opprettholder vedtaket.",
        "Vedlegg",
        "Ola Saksbehandler saksbehandler",
        "Lise Leder ansvarlig leder",
        "Kopi til: Kari Nordmann",
        "Vår referanse: 2025/00999",
    ],
    "nn": [
        "Statsforvaltaren i Oslo og Viken",
        "Oversending av klage",
        "Vi sender klaga frå Kari Nordmann til Statsforvaltaren, som avgjer klaga.",
        "Klaga gjeld vedtaket vårt av 15. januar 2025 med referanse 2025/00123.",
        "Vi fekk klaga 30. januar 2025.",
        "Klaga kom inn innan klagefristen.",
        "Kva klagaren meiner",
        "Vi har vurdert saka på nytt. Vi held fast på vedtaket.",
        "Vedlegg",
        "Ola Saksbehandler saksbehandlar",
        "Lise Leder ansvarleg leiar",
        "Kopi til: Kari Nordmann",
    ],
    "en": [
        "Forwarding of appeal",
        "The appeal concerns our decision of 15 January 2025 with reference 2025/00123.",
        "We received the appeal on 30 January 2025.",
        "The appeal was received within the deadline.",
        "We have assessed the case again. We uphold the decision.",
        "Enclosures",
        "Copy to: Kari Nordmann",
    ],
}


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_it_states_every_required_element(language: Any) -> None:
    letter = make_appeal_forwarding(language)
    _, text = rendered(letter)
    expected = [
        *REQUIRED[language],
        TEXTS[language]["appeal_summary"],
        TEXTS[language]["office_assessment"],
        *letter.enclosures,
    ]
    missing = [phrase for phrase in expected if normalise(phrase) not in text]
    assert not missing, f"{language}: missing {missing}"


@pytest.mark.parametrize(
    ("language", "late", "in_time"),
    [
        ("nb", "Klagen kom inn etter klagefristen.", "innen klagefristen"),
        ("nn", "Klaga kom inn etter klagefristen.", "innan klagefristen"),
    ],
)
def test_a_late_appeal_says_it_came_after_the_deadline(
    language: Any, late: str, in_time: str
) -> None:
    _, text = rendered(make_appeal_forwarding(language, within_deadline=False))
    assert late in text
    assert in_time not in text


def test_without_enclosures_there_is_no_enclosures_heading() -> None:
    _, text = rendered(make_appeal_forwarding("nb", enclosures=()))
    assert "Vedlegg" not in text


def test_nynorsk_uses_no_bokmal_forms() -> None:
    _, text = rendered(make_appeal_forwarding("nn"))
    for word in (
        "klagen",
        "Statsforvalteren",
        "avgjør",
        "fikk ",
        "innen ",
        "saken",
        "opprettholder",
    ):
        assert word not in text


UPHELD = {
    "nb": ("Klagen gir ingen nye opplysninger. Vi opprettholder vedtaket.", "opprettholder"),
    "nn": ("Klaga gir ingen nye opplysningar. Vi held fast på vedtaket.", "held fast på"),
    "en": ("The appeal gives no new information. We uphold the decision.", "uphold"),
}
REASSESSED = {
    "nb": "Vi har vurdert saken på nytt.",
    "nn": "Vi har vurdert saka på nytt.",
    "en": "We have assessed the case again.",
}


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_it_says_once_that_the_decision_is_upheld(language: Any) -> None:
    assessment, upheld = UPHELD[language]
    _, text = rendered(make_appeal_forwarding(language, office_assessment=assessment))
    assert f"{REASSESSED[language]} {assessment}" in text
    assert text.count(upheld) == 1
    # An assessment that does not say it gets our sentence, once.
    _, plain = rendered(make_appeal_forwarding(language))
    assert plain.count(upheld) == 1
    assert f"{REASSESSED[language]} {TEXTS[language]['office_assessment']}" not in plain
