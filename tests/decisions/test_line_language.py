"""The calculation's lines on a page are in the reader's language (issue 10, point 5): a
nynorsk or English reader of a bokmål person's calculation reads the lines as the rules
would have written them in their language; the letter keeps the person's language."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from navet.decisions.presenters import line_text
from navet.decisions.snapshot import VERSION, CalculationSnapshot
from navet.rules.requests import run_living_costs

REQUEST: dict[str, Any] = {
    "calculation": "living_costs",
    # Three months, the first and last only in part: prorating lines too.
    "period": {"from": "2024-03-11", "to": "2024-05-20"},
    "household": {
        "adults": "couple",
        "children": [
            {"birth_date": "2021-06-01"},
            {"birth_date": "2015-02-10"},
            {"birth_date": "2009-11-30"},
            {"birth_date": "2005-01-15"},  # 19: outside the rates for children
        ],
    },
    "expenses": [
        {"type": "rent", "amount": 11200},
        {"type": "electricity", "amount": 1200},
    ],
    "incomes": [
        {"type": "salary", "amount": 9000},
        {"type": "child_benefit", "amount": 4500},
        {"type": "housing_benefit", "amount": 1500},
    ],
}


def snapshot(language: str) -> CalculationSnapshot:
    result = run_living_costs(REQUEST, language)  # type: ignore[arg-type]
    return CalculationSnapshot.from_json(
        {"version": VERSION, "language": language, "request": REQUEST, "result": result}
    )


@pytest.mark.parametrize(("written", "reader"), [("nb", "nn"), ("nb", "en"), ("nn", "nb")])
def test_every_line_reads_as_the_rules_write_it_in_the_readers_language(
    written: str, reader: str
) -> None:
    stored = snapshot(written)
    expected = [line.text for line in snapshot(reader).lines]
    assert len(expected) > 20
    with translation.override(reader):
        assert [line_text(line, stored) for line in stored.lines] == expected


def test_the_letters_language_is_kept_where_the_reader_reads_it() -> None:
    stored = snapshot("nn")
    with translation.override("nn"):
        assert [line_text(line, stored) for line in stored.lines] == [
            line.text for line in stored.lines
        ]


def test_a_line_the_rules_no_longer_know_keeps_its_stored_text() -> None:
    stored = snapshot("nb")
    data = stored.to_json()
    data["result"]["lines"][0]["key"] = "adults.retired_key"
    old = CalculationSnapshot.from_json(data)
    with translation.override("en"):
        assert line_text(old.lines[0], old) == old.lines[0].text
