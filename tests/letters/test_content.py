"""A letter's content is checked when it is made, so a bad mapping never becomes a letter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from navet.letters.content import CalculationRow, ConditionText, OfficeInfo
from tests.letters.factories import (
    make_appeal_forwarding,
    make_decision_letter,
    make_documentation_request,
    make_interim_reply,
    make_refused_letter,
)


@pytest.mark.parametrize(
    ("make", "overrides", "message"),
    [
        (make_decision_letter, {"language": "se"}, "language"),
        (make_decision_letter, {"outcome": "approved"}, "outcome"),
        (make_decision_letter, {"form": "gift"}, "form"),
        (make_decision_letter, {"amount": None}, "amount"),
        (make_decision_letter, {"amount": -1}, "negative"),
        (make_decision_letter, {"payment_recipient": " "}, "who gets paid"),
        (make_decision_letter, {"legal_basis": ()}, "legal_basis"),
        (make_decision_letter, {"period_to": date(2025, 1, 1)}, "period_from"),
        (make_decision_letter, {"appeal_deadline": date(2025, 1, 15)}, "appeal_deadline"),
        (make_decision_letter, {"responsible_name": ""}, "responsible_name"),
        (make_refused_letter, {"amount": 100}, "no amount"),
        (
            make_refused_letter,
            {"conditions": (ConditionText("Møt opp.", "Redusert stønad.", False),)},
            "no conditions",
        ),
        (make_interim_reply, {"expected_by": date(2025, 3, 3)}, "expected_by"),
        (make_interim_reply, {"received_on": date(2025, 3, 4)}, "received_on"),
        (make_interim_reply, {"reason": ""}, "reason"),
        (make_documentation_request, {"documents": ()}, "documents"),
        (make_documentation_request, {"deadline": date(2025, 4, 7)}, "deadline"),
        (make_appeal_forwarding, {"appeal_received_on": date(2025, 1, 1)}, "decision_date"),
        (make_appeal_forwarding, {"office_assessment": "  "}, "office_assessment"),
    ],
)
def test_it_refuses_inconsistent_content(
    make: Callable[..., Any], overrides: dict[str, Any], message: str
) -> None:
    letter = make("nb")
    with pytest.raises(ValueError, match=message):
        replace(letter, **overrides)


def test_rows_conditions_and_offices_check_themselves() -> None:
    with pytest.raises(ValueError, match="kind"):
        CalculationRow("Husleie", 100, "rent")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="consequence"):
        ConditionText("Møt opp.", "", False)
    with pytest.raises(ValueError, match="repeat the office's name"):
        OfficeInfo("Nav Oslo", "0301", ("NAV  Oslo", "Postboks 1"), "55 55 33 33", "nav.no")
    with pytest.raises(ValueError, match="post-office box"):
        OfficeInfo(
            "Nav Oslo", "0301", (), "55 55 33 33", "nav.no", visiting_address_lines=("Pb. 1",)
        )
    # Without a postal address the letterhead is the name, the phone and the web address.
    assert OfficeInfo("Nav Oslo", "0301", (), "55 55 33 33", "nav.no").address_lines == ()


def test_every_example_letter_is_valid_in_every_language() -> None:
    for language in ("nb", "nn", "en"):
        for make in (
            make_decision_letter,
            make_refused_letter,
            make_interim_reply,
            make_documentation_request,
            make_appeal_forwarding,
        ):
            assert make(language).language == language
