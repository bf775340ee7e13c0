"""The calculation a decision rests on reads back the same, today and in five years.

`data/calculation_v1_2026-12.json` is a calculation as Navet stored it on a made decision
in December 2026. It is never regenerated: when the rules' output changes shape, this file
keeps the old shape and must still render on the tab and in the letter.
"""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from navet.core.tables import Cell
from navet.decisions.letters import calculation_rows as letter_rows
from navet.decisions.presenters import calculation_rows, deviable_lines, deviation_rows, warnings
from navet.decisions.snapshot import VERSION, CalculationSnapshot, SnapshotError

STORED = Path(__file__).parent / "data" / "calculation_v1_2026-12.json"


def stored() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(STORED.read_text(encoding="utf-8"))
    return data


def test_a_calculation_stored_in_2026_reads_with_its_lines_deviation_and_amount() -> None:
    snapshot = CalculationSnapshot.from_json(stored())

    assert snapshot.version == 1
    assert snapshot.language == "nb"
    assert [line.kind for line in snapshot.lines] == [
        "need", "need", "need", "need", "info", "income", "total", "total", "total",
    ]  # fmt: skip
    assert snapshot.lines[0].text == "Veiledende sats for enslig"
    assert snapshot.lines[0].amount == 7850
    assert snapshot.lines[0].rate is not None and snapshot.lines[0].rate.rate_set == "state"
    assert snapshot.lines[5].source is not None and snapshot.lines[5].source.title
    assert snapshot.need == 21600 and snapshot.counted_income == 4000
    assert snapshot.deviations[0].line == "0:" + snapshot.lines[0].key
    assert snapshot.deviations[0].change == 500
    assert snapshot.assistance == 18100
    assert snapshot.frozen_at == datetime(2026, 12, 4, 14, 30, tzinfo=UTC)
    assert len(snapshot.warnings) == 1


def test_it_writes_back_exactly_what_was_stored() -> None:
    data = stored()
    assert CalculationSnapshot.from_json(data).to_json() == data


def test_the_tab_and_the_letter_render_the_stored_calculation() -> None:
    snapshot = CalculationSnapshot.from_json(stored())
    with translation.override("nb"):
        own = calculation_rows(snapshot)
    assert [row[0] for row in own] == [line.text for line in snapshot.lines]  # as stored
    with translation.override("en"):
        rows = calculation_rows(snapshot)
    assert rows[0][0] == "Guideline rate for a single adult"  # the reader's language
    assert [row[1] for row in rows][:6] == ["Need", "Need", "Need", "Need", "Information", "Income"]
    first_amount = rows[0][2]
    assert isinstance(first_amount, Cell)
    assert [tag.label for tag in first_amount.tags] == ["Deviation"]
    assert isinstance(rows[0][3], Cell) and "7" in str(rows[0][3].text)
    assert deviation_rows(snapshot)[0][3] == "Ekstra strømutgift i desember"
    assert [line.key for line in deviable_lines(snapshot)] == [
        line.line_key for line in snapshot.lines if line.kind in ("need", "income")
    ]

    letter = letter_rows(snapshot)
    assert [(row.text, row.amount) for row in letter[:9]] == [
        (line.text, line.amount) for line in snapshot.lines
    ]
    assert letter[-1].kind == "deviation"
    deviation = snapshot.deviations[0]
    assert letter[-1].amount == deviation.amount - deviation.calculated  # the change, signed
    assert letter[-1].text.startswith(f"Avvik: {deviation.text}, ")
    assert letter[-1].text.endswith(". Ekstra strømutgift i desember")


def test_a_row_from_before_the_version_number_reads_as_version_1() -> None:
    data = stored()
    del data["version"]
    assert CalculationSnapshot.from_json(data) == CalculationSnapshot.from_json(stored())


@pytest.mark.parametrize("version", [0, 2, "1"])
def test_a_version_this_navet_does_not_know_is_refused_by_name(version: object) -> None:
    data = {**stored(), "version": version}
    with pytest.raises(SnapshotError, match=r"calculation\.version"):
        CalculationSnapshot.from_json(data)


def test_a_line_kind_the_letter_does_not_know_shows_as_information() -> None:
    data = copy.deepcopy(stored())
    data["result"]["lines"][4]["kind"] = "something_new"
    assert CalculationSnapshot.from_json(data).lines[4].kind == "info"


def test_no_calculation_yet_and_a_failed_one_read_and_write_back() -> None:
    empty = CalculationSnapshot.from_json({})
    assert empty.lines == () and empty.assistance is None and not empty.failed

    failed = CalculationSnapshot(VERSION, error_field="period", error_message="Periode mangler.")
    assert failed.failed
    assert CalculationSnapshot.from_json(failed.to_json()) == failed
    frozen = replace(failed, frozen_at=datetime(2026, 12, 4, tzinfo=UTC))
    assert CalculationSnapshot.from_json(frozen.to_json()).frozen_at == frozen.frozen_at


def test_warnings_show_in_the_readers_language_from_their_code() -> None:
    snapshot = CalculationSnapshot.from_json(stored())
    with translation.override("en"):
        (text,) = warnings(snapshot)
    assert text.startswith("Navet has no rates for living costs from 1 January 2025.")
    with translation.override("nn"):
        assert warnings(snapshot)[0].startswith("Navet manglar satsar for livsopphald")


def test_a_warning_navet_cannot_render_again_keeps_its_stored_text() -> None:
    data = copy.deepcopy(stored())
    data["result"]["warnings"][0]["code"] = "from_a_future_version"
    snapshot = CalculationSnapshot.from_json(data)
    with translation.override("en"):
        assert warnings(snapshot) == [data["result"]["warnings"][0]["message"]]
