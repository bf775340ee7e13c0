"""The decision letter says everything an enkeltvedtak must say, in bokmål, nynorsk and
English: the outcome, form, amount, period and payee; the rules; the facts and
considerations; the calculation; the children; the conditions and their consequences; the
appeal (three weeks, to the office, the Statsforvalteren decides, the deadline date);
access to documents; contact; and who made the decision."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest

from navet.letters.content import CalculationRow, ConditionText, DecisionLetter
from navet.letters.render import render_html
from tests.letters.factories import OFFICE, TEXTS, make_decision_letter, make_refused_letter
from tests.letters.pdfs import normalise, rendered

# Phrases that only the letter's own language produces, section by section.
REQUIRED: dict[str, list[str]] = {
    "nb": [
        "Vedtak: Økonomisk stønad til livsopphold",
        "Dato: 15. januar 2025",
        "Vår referanse: 2025/00123",
        "Du har søkt om «penger til husleie og livsopphold for februar».",
        "Vi har behandlet søknaden din og gjort vedtak.",
        "Du får økonomisk stønad på 25 810 kr.",
        "Stønaden gjelder for perioden 1. februar 2025 til 28. februar 2025.",
        "Vi betaler pengene til deg, til kontonummer 1234.56.78903.",
        "Dette er et bidrag. Det betyr at du ikke skal betale pengene tilbake.",
        "Vedtaket er gjort etter sosialtjenesteloven § 18 og sosialtjenesteloven § 20.",
        "Etter sosialtjenesteloven § 18 har du rett til økonomisk stønad",
        "Dette har vi lagt vekt på",
        "Slik har vi regnet",
        "Livsopphold, enslig voksen 7 850 kr",
        "Livsopphold, to barn 8 460 kr",
        "Husleie 12 000 kr",
        "Bostøtte −3 500 kr",
        "Barnetrygd er ikke regnet som inntekt",
        "Fritidsaktiviteter for barna +1 000 kr",
        "Stønad 25 810 kr",
        "Barn i familien",
        "Vilkår for stønaden",
        "Du må møte til samtale med veilederen din hver fjerde uke. (vilkår om aktivitet)",
        "Hvis du ikke oppfyller vilkåret: Stønaden for neste måned kan bli redusert.",
        "Hvis du ikke oppfyller vilkåret: Vi kan redusere stønaden med det du ville fått i bostøtte.",
        "kan vi redusere stønaden. Det står i sosialtjenesteloven § 20.",
        "Når du er under 30 år, skal vi sette vilkår om aktivitet",
        "sosialtjenesteloven § 20 a",
        "Du kan klage",
        "Du må klage innen tre uker fra du fikk dette brevet (forvaltningsloven §§ 28 og 29).",
        "Fristen for å klage er 12. februar 2025.",
        "Send klagen til Nav Grünerløkka.",
        "Vi vurderer saken din på nytt først.",
        "sender vi klagen til Statsforvalteren. Statsforvalteren avgjør klagen.",
        "Du har rett til å se dokumentene i saken din (forvaltningsloven § 18).",
        "Ring oss på 55 55 33 33, eller skriv til oss på nav.no/grunerlokka.",
        "Du kan også komme til Nav Grünerløkka, Thorvald Meyers gate 1, 0555 Oslo.",
        "Med vennlig hilsen",
        "Ola Saksbehandler saksbehandler",
        "Lise Leder ansvarlig leder",
    ],
    "nn": [
        "Vedtak: Økonomisk stønad til livsopphald",
        "Dato: 15. januar 2025",
        "Vår referanse: 2025/00123",
        "Du har søkt om «pengar til husleige og livsopphald for februar».",
        "Vi har behandla søknaden din og gjort vedtak.",
        "Du får økonomisk stønad på 25 810 kr.",
        "Stønaden gjeld for perioden 1. februar 2025 til 28. februar 2025.",
        "Vi betaler pengane til deg, til kontonummer 1234.56.78903.",
        "Dette er eit bidrag. Det betyr at du ikkje skal betale pengane tilbake.",
        "Vedtaket er gjort etter sosialtjenesteloven § 18 og sosialtjenesteloven § 20.",
        "Etter sosialtjenesteloven § 18 har du rett til økonomisk stønad dersom du ikkje kan",
        "Dette har vi lagt vekt på",
        "Slik har vi rekna",
        "Livsopphald, einsleg vaksen 7 850 kr",
        "Livsopphald, to born 8 460 kr",
        "Husleige 12 000 kr",
        "Bustøtte −3 500 kr",
        "Barnetrygd er ikkje rekna som inntekt",
        "Fritidsaktivitetar for borna +1 000 kr",
        "Stønad 25 810 kr",
        "Barn i familien",
        "Vilkår for stønaden",
        "Du må møte til samtale med rettleiaren din kvar fjerde veke. (vilkår om aktivitet)",
        "Dersom du ikkje oppfyller vilkåret: Stønaden for neste månad kan bli redusert.",
        "Dersom du ikkje oppfyller vilkåra, kan vi redusere stønaden. Det står i sosialtjenesteloven § 20.",
        "Når du er under 30 år, skal vi setje vilkår om aktivitet",
        "sosialtjenesteloven § 20 a",
        "Du kan klage",
        "Du må klage innan tre veker frå du fekk dette brevet (forvaltningsloven §§ 28 og 29).",
        "Fristen for å klage er 12. februar 2025.",
        "Send klaga til Nav Grünerløkka.",
        "Vi vurderer saka di på nytt først.",
        "sender vi klaga til Statsforvaltaren. Statsforvaltaren avgjer klaga.",
        "Du har rett til å sjå dokumenta i saka di (forvaltningsloven § 18).",
        "Ring oss på 55 55 33 33, eller skriv til oss på nav.no/grunerlokka.",
        "Du kan òg kome til Nav Grünerløkka, Thorvald Meyers gate 1, 0555 Oslo.",
        "Med venleg helsing",
        "Ola Saksbehandler saksbehandlar",
        "Lise Leder ansvarleg leiar",
    ],
    "en": [
        "This is a translation of the decision letter.",
        "Decision: Financial assistance for living costs",
        "Date: 15 January 2025",
        "Our reference: 2025/00123",
        "You have applied for \u201cmoney for rent and living costs for February\u201d.",
        "You will get financial assistance of NOK 25,810.",
        "The assistance covers the period 1 February 2025 to 28 February 2025.",
        "We will pay the money to you, to account number 1234.56.78903.",
        "This is a grant. This means that you do not have to pay the money back.",
        "The decision is made under sosialtjenesteloven § 18 and sosialtjenesteloven § 20.",
        "What we have emphasised",
        "How we calculated",
        "Living costs, single adult NOK 7,850",
        "Housing benefit NOK −3,500",
        "Leisure activities for the children NOK +1,000",
        "Assistance NOK 25,810",
        "Children in the family",
        "If you do not meet the condition: The assistance for the next month may be reduced.",
        "This follows from sosialtjenesteloven § 20.",
        "sosialtjenesteloven § 20 a",
        "You can appeal",
        "within three weeks of receiving this letter (forvaltningsloven §§ 28 and 29).",
        "The deadline for appealing is 12 February 2025.",
        "Send the appeal to Nav Grünerløkka.",
        "We will first assess your case again.",
        "The Statsforvalteren decides the appeal.",
        "You have the right to see the documents in your case (forvaltningsloven § 18).",
        "Call us on 55 55 33 33, or write to us at nav.no/grunerlokka.",
        "Ola Saksbehandler caseworker",
        "Lise Leder responsible manager",
    ],
}

# Words a nynorsk letter must not contain: the bokmål forms of words it uses.
BOKMAL_ONLY = [
    "ikke", "hvis", "hva", "hvorfor", "hvordan", "innen", "uker", "klagen", "pengene",
    "saken", "dokumentene", "trenger", "fikk", "vennlig", "hilsen", "også", "fra", "mer",
    "regnet", "gjelder", "behandlet", "Statsforvalteren", "avgjør", "leder", "saksbehandler",
    "disse", "vilkårene", "dem", "et", "en",
]  # fmt: skip


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_it_states_every_required_element(language: Any) -> None:
    letter = make_decision_letter(language)
    _, text = rendered(letter)
    expected = [
        *REQUIRED[language],
        *TEXTS[language]["facts"],
        TEXTS[language]["considerations"],
        TEXTS[language]["children"],
        *(condition.text for condition in letter.conditions),
        *(condition.consequence for condition in letter.conditions),
        *(row.text for row in letter.calculation),
        "Kari Nordmann",
        "Storgata 1",
        "55 55 33 33",
    ]
    missing = [phrase for phrase in expected if normalise(phrase) not in text]
    assert not missing, f"{language}: missing {missing}"


def test_nynorsk_uses_no_bokmal_forms() -> None:
    _, text = rendered(make_decision_letter("nn"))
    found = words(text) & set(BOKMAL_ONLY)
    assert not found
    assert "ikkje" in words(text)
    # The check is not vacuous: the bokmål letter has these words.
    _, bokmal = rendered(make_decision_letter("nb"))
    assert {"ikke", "hvis", "klagen", "Statsforvalteren"} <= words(bokmal)


def test_the_english_letter_has_no_norwegian_sentences() -> None:
    _, text = rendered(make_decision_letter("en"))
    assert not words(text) & {"Du", "Vi", "ikke", "ikkje", "vedtaket", "klagen", "Dette"}


def test_a_letter_without_conditions_prints_no_conditions() -> None:
    letter = make_decision_letter(
        "nb",
        conditions=(),
        no_activity_conditions_reason="",
        legal_basis=("sosialtjenesteloven § 18",),
    )
    _, text = rendered(letter)
    assert "vilkår" not in text.lower()
    assert "§ 20" not in text
    assert "Du får økonomisk stønad på 25 810 kr." in text


def test_it_gives_the_reason_for_not_setting_activity_conditions() -> None:
    letter = make_decision_letter(
        "nn", conditions=(), no_activity_conditions_reason="Du er over 30 år."
    )
    _, text = rendered(letter)
    assert (
        "Vi har ikkje sett vilkår om aktivitet etter sosialtjenesteloven § 20 a. "
        "Dette er grunnen: Du er over 30 år."
    ) in text
    assert "Vilkår for stønaden" not in text


def test_a_loan_says_it_must_be_paid_back() -> None:
    _, nb = rendered(make_decision_letter("nb", form="loan"))
    assert "Du får et lån på 25 810 kr." in nb
    assert "Dette er et lån. Det betyr at du må betale pengene tilbake." in nb
    assert "bidrag" not in nb
    _, nn = rendered(make_decision_letter("nn", form="loan"))
    assert "Du får eit lån på 25 810 kr." in nn
    assert "Dette er eit lån. Det betyr at du må betale pengane tilbake." in nn


def test_a_partly_granted_decision_says_so() -> None:
    letter = make_decision_letter("nb", outcome="partly_granted", amount=12_345)
    _, text = rendered(letter)
    assert "Du får delvis det du har søkt om: økonomisk stønad på 12 345 kr." in text
    _, nn = rendered(make_decision_letter("nn", outcome="partly_granted", form="loan"))
    assert "Du får delvis det du har søkt om: eit lån på 25 810 kr." in nn


def test_a_refusal_pays_nothing_but_shows_the_calculation() -> None:
    letter = make_refused_letter(
        "nb",
        calculation=(
            CalculationRow("Livsopphold, enslig voksen", 7_850, "need"),
            CalculationRow("Lønn", 21_000, "income"),
            CalculationRow("Stønad", 0, "total"),
        ),
    )
    _, text = rendered(letter)
    assert "Du får ikke det du har søkt om. Vi har avslått søknaden din." in text
    assert "Lønn −21 000 kr" in text
    assert "Vi betaler" not in text
    assert "Stønaden gjelder" not in text
    assert "Vilkår for stønaden" not in text
    assert "Fristen for å klage er 12. februar 2025." in text
    _, nn = rendered(make_refused_letter("nn"))
    assert "Du får ikkje det du har søkt om. Vi har avslått søknaden din." in nn


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_a_dismissal_never_says_you_get_anything(language: Any) -> None:
    letter = make_refused_letter(language, outcome="dismissed", calculation=())
    _, text = rendered(letter)
    assert "Vi avviser søknaden din." in text
    assert "Du får" not in text
    assert " kr" not in text
    assert "Slik har vi" not in text
    assert ("Fristen for å klage er 12. februar 2025." in text) and ("Du kan klage" in text)


def test_a_changed_decision_names_the_one_it_replaces() -> None:
    _, text = rendered(make_decision_letter("nb", replaces_reference="2024/00777"))
    assert "Dette vedtaket erstatter det tidligere vedtaket med referanse 2024/00777." in text
    _, nn = rendered(make_decision_letter("nn", replaces_reference="2024/00777"))
    assert "Dette vedtaket erstattar det tidlegare vedtaket med referanse 2024/00777." in nn
    _, original = rendered(make_decision_letter("nb"))
    assert "erstatter" not in original


def test_the_children_section_is_there_only_when_assessed() -> None:
    _, text = rendered(make_decision_letter("nb", children_assessment=""))
    assert "Barn i familien" not in text


def test_section_19_is_explained_and_other_references_are_cited_as_given() -> None:
    letter = make_decision_letter(
        "nb", legal_basis=("sosialtjenesteloven § 19", "sosialtjenesteloven § 21")
    )
    _, text = rendered(letter)
    assert "Vedtaket er gjort etter sosialtjenesteloven § 19 og sosialtjenesteloven § 21." in text
    assert "Etter sosialtjenesteloven § 19 kan vi i særlige tilfeller gi økonomisk hjelp" in text
    assert "Etter sosialtjenesteloven § 18" not in text


def test_an_open_ended_period_says_from_when() -> None:
    _, text = rendered(make_decision_letter("nb", period_to=None))
    assert "Stønaden gjelder fra 1. februar 2025." in text


def test_the_preview_has_the_same_key_elements_and_no_document_frame() -> None:
    letter = make_decision_letter("nn")
    html = render_html(letter, fragment=True)
    assert html.lstrip().startswith('<article class="letter" lang="nn">')
    assert "<html" not in html
    assert "<style" not in html
    assert "style=" not in html
    text = normalise(re.sub(r"<[^>]+>", " ", html))
    for phrase in [
        "Du får økonomisk stønad på 25 810 kr.",
        "Bustøtte −3 500 kr",
        "Fristen for å klage er 12. februar 2025.",
        "Send klaga til Nav Grünerløkka.",
        "Dersom du ikkje oppfyller vilkåret: Stønaden for neste månad kan bli redusert.",
        "Ola Saksbehandler",
        "Lise Leder",
        "55 55 33 33",
        "forvaltningsloven § 18",
    ]:
        assert phrase in text


def test_the_full_html_is_a_document_in_the_letters_language() -> None:
    html = render_html(make_decision_letter("en"))
    assert html.startswith("<!doctype html>")
    assert '<html lang="en">' in html
    assert "<title>Decision: Financial assistance for living costs</title>" in html


def test_text_from_the_case_is_escaped() -> None:
    letter = make_decision_letter("nb", applied_for='<script>alert("x")</script>')
    html = render_html(letter, fragment=True)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_bad_input_is_refused_before_rendering() -> None:
    with pytest.raises(ValueError, match="amount"):
        make_decision_letter("nb", amount=None)


def test_a_letter_is_a_plain_frozen_value() -> None:
    letter = make_decision_letter("nb")
    assert isinstance(letter, DecisionLetter)
    assert letter == make_decision_letter("nb")
    assert hash(letter) == hash(make_decision_letter("nb"))


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("nb", "Du har søkt om «Hjelp til husleie og strøm hos Fjordkraft». Vi har behandlet"),
        ("nn", "Du har søkt om «Hjelp til husleie og strøm hos Fjordkraft». Vi har behandla"),
        ("en", "You have applied for “Hjelp til husleie og strøm hos Fjordkraft”. We have"),
    ],
)
def test_the_applicants_own_words_are_quoted_as_typed_with_one_full_stop(
    language: Any, sentence: str
) -> None:
    letter = make_decision_letter(
        language, applied_for="Hjelp til husleie og strøm hos Fjordkraft. \n"
    )
    _, text = rendered(letter)
    assert sentence in text
    assert "Fjordkraft." not in text
    assert ".." not in text


def test_only_closing_punctuation_and_spacing_are_taken_from_the_applicants_words() -> None:
    letter = make_decision_letter("nb", applied_for="  Mat  og\nbuss i dag, kr. 300!?… ")
    text = normalise(re.sub(r"<[^>]+>", " ", render_html(letter, fragment=True)))
    assert "Du har søkt om «Mat og buss i dag, kr. 300». Vi har" in text
    # Nothing but punctuation: printed as typed rather than as empty quotes.
    letter = make_decision_letter("nb", applied_for="...")
    text = normalise(re.sub(r"<[^>]+>", " ", render_html(letter, fragment=True)))
    assert "Du har søkt om «...»." in text


CONSEQUENCES = {
    "nb": (
        "Hvis du ikke søker, kan stønaden neste måned bli redusert.",
        "Hvis du ikke oppfyller vilkåret: ",
    ),
    "nn": (
        "Dersom du ikkje søkjer, kan stønaden neste månad bli redusert.",
        "Dersom du ikkje oppfyller vilkåret: ",
    ),
    "en": (
        "If you do not apply, the assistance for the next month may be reduced.",
        "If you do not meet the condition: ",
    ),
}


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_a_consequence_that_says_when_is_printed_as_written(language: Any) -> None:
    says_when, label = CONSEQUENCES[language]
    plain = TEXTS[language]["conditions"][0]
    condition = ConditionText(TEXTS[language]["conditions"][1].text, says_when, False)
    _, text = rendered(make_decision_letter(language, conditions=(plain, condition)))
    assert f"{condition.text} {says_when}" in text
    assert f"{label}{says_when}" not in text
    # A consequence that does not say when keeps the label.
    assert f"{label}{plain.consequence}" in text
    assert text.count(label) == 1


@pytest.mark.parametrize(
    ("language", "come"),
    [
        ("nb", "Du kan også komme til Nav Grünerløkka. "),
        ("nn", "Du kan òg kome til Nav Grünerløkka. "),
        ("en", "You can also visit Nav Grünerløkka. "),
    ],
)
def test_without_a_visiting_address_it_names_the_office_but_no_post_box(
    language: Any, come: str
) -> None:
    office = replace(OFFICE, visiting_address_lines=())
    _, text = rendered(make_decision_letter(language, office=office))
    assert come in text
    # The post box is in the letterhead only, never where to come.
    assert text.count("Postboks 1") == 1
    assert text.startswith("Nav Grünerløkka Postboks 1 0501 Oslo")
    assert "Nav Grünerløkka Nav Grünerløkka" not in text
