"""From the models to the letters (navet/decisions/letters.py): the office's letterhead
from its record, with the name once and no post box as a place to come; the forwarding
letter in the appellant's written language, saying once that the decision is upheld."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from navet.decisions.letters import appeal_forwarding_pdf, decision_letter_pdf
from navet.decisions.models import DecisionState
from tests.conftest import World
from tests.factories import make_appeal, make_decision
from tests.letters.pdfs import pdf_text


@pytest.fixture
def decision(world: World, application: Any) -> Any:
    world.oslo.postal_address = "Nav Grünerløkka, Postboks 1, 0501 Oslo"
    world.oslo.save(update_fields=["postal_address"])
    return make_decision(
        case=application.cases.get(),
        drafted_by=world.caseworker_oslo,
        state=DecisionState.MADE,
        responsible_name="Lise Leder",
    )


@pytest.mark.parametrize(
    ("language", "come"),
    [
        ("nb", "Du kan også komme til Nav Grünerløkka. "),
        ("nn", "Du kan òg kome til Nav Grünerløkka. "),
        ("en", "You can also visit Nav Grünerløkka. "),
    ],
)
def test_the_letterhead_names_the_office_once_and_no_post_box_is_a_place_to_come(
    world: World, decision: Any, language: Any, come: str
) -> None:
    rendered = decision_letter_pdf(
        decision, letter_date=timezone.localdate(), actor=world.caseworker_oslo, language=language
    )
    text = pdf_text(rendered.pdf)
    assert text.startswith("Nav Grünerløkka Postboks 1 0501 Oslo ")
    assert "Nav Grünerløkka Nav Grünerløkka" not in text
    assert come in text
    assert text.count("Postboks") == 1


@pytest.mark.parametrize(
    ("written", "assessment", "names", "bokmal_names"),
    [
        (
            "nb",
            "Klagen gir ingen nye opplysninger. Vi opprettholder vedtaket.",
            ("Statsforvalteren Dato", "Vi har vurdert saken på nytt. Klagen gir", "Klagen Med"),
            (),
        ),
        (
            "nn",
            "Klaga gir ingen nye opplysningar. Vi held fast på vedtaket.",
            ("Statsforvaltaren Dato", "Vi har vurdert saka på nytt. Klaga gir", "Klaga Med"),
            ("Statsforvalteren", "Klagen"),
        ),
    ],
)
def test_the_forwarding_letter_is_in_the_appellants_language_and_upholds_once(
    world: World,
    decision: Any,
    written: str,
    assessment: str,
    names: tuple[str, ...],
    bokmal_names: tuple[str, ...],
) -> None:
    person = decision.case.application.person
    person.written_language = written
    person.save(update_fields=["written_language"])
    appeal = make_appeal(
        decision=decision, registered_by=world.caseworker_oslo, office_assessment=assessment
    )
    text = pdf_text(appeal_forwarding_pdf(appeal, actor=world.caseworker_oslo).pdf)
    for name in names:
        assert name in text
    for name in bokmal_names:
        assert name not in text
    assert text.count("vedtaket.") == 1  # "Vi opprettholder/held fast på vedtaket."
    assert text.startswith("Nav Grünerløkka Postboks 1 0501 Oslo ")
