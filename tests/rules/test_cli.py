"""``python -m navet.rules``: JSON in, JSON out, exit 2 with the field named on bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from navet.rules.cli import main

ROOT = Path(__file__).resolve().parents[2]

ISSUE_EXAMPLE = {
    "calculation": "living_costs",
    "period": {"from": "2024-03-01", "to": "2024-03-31"},
    "household": {"adults": "single", "children": [{"birth_date": "2019-06-10"}]},
    "expenses": [{"type": "rent", "amount": 12000}],
    "incomes": [{"type": "salary", "amount": 5000}],
}


def run(text: str) -> tuple[int, dict, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(io.StringIO(text), out, err)
    return status, json.loads(out.getvalue()), err.getvalue()


def test_the_module_runs_as_a_program_without_django() -> None:
    code = (
        "import runpy, sys; sys.argv = ['navet.rules'];"
        "import builtins; real = builtins.__import__\n"
        "def guard(name, *a, **k):\n"
        "    assert not name.startswith('django'), name\n"
        "    return real(name, *a, **k)\n"
        "builtins.__import__ = guard\n"
        "runpy.run_module('navet.rules', run_name='__main__')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(ISSUE_EXAMPLE),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    # 7 850 (single, 1.1.2024) + 3 850 (child 4 years) + 12 000 rent − 5 000 salary
    assert result["need"] == 23700
    assert result["counted_income"] == 5000
    assert result["assistance"] == 18700
    assert result["warnings"] == []
    assert [line["key"] for line in result["lines"]] == [
        "adults.single",
        "child",
        "expense",
        "income.counted",
        "month.need",
        "month.counted_income",
        "month.assistance",
    ]
    first = result["lines"][0]
    assert first["rate"]["valid_from"] == "2024-01-01"
    assert first["rate"]["source_url"].startswith("https://www.regjeringen.no/")
    assert first["legal_reference"].startswith("sosialtjenesteloven § 18")


def test_bad_input_exits_2_from_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "navet.rules"],
        input='{"calculation": "living_costs", "period": {"from": "2024-03-01"}}',
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 2
    assert json.loads(done.stdout) == {
        "error": {"field": "period.to", "message": "must be a date written YYYY-MM-DD"}
    }
    assert "period.to" in done.stderr


@pytest.mark.parametrize(
    ("request_text", "field"),
    [
        ("", "input"),
        ("{not json", "input"),
        ("[1, 2]", "input"),
        ('{"calculation": "tax"}', "calculation"),
        ('{"calculation": "living_costs", "language": "de"}', "language"),
        ('{"calculation": "living_costs"}', "period"),
        (json.dumps({**ISSUE_EXAMPLE, "household": {"adults": "trio"}}), "household.adults"),
        (
            json.dumps({**ISSUE_EXAMPLE, "expenses": [{"type": "rent", "amount": -1}]}),
            "expenses[0].amount",
        ),
        (
            json.dumps({**ISSUE_EXAMPLE, "expenses": [{"type": "rent", "amount": 10.5}]}),
            "expenses[0].amount",
        ),
        (
            json.dumps({**ISSUE_EXAMPLE, "expenses": [{"type": "rent", "amount": "x"}]}),
            "expenses[0].amount",
        ),
        (
            json.dumps({**ISSUE_EXAMPLE, "expenses": [{"type": "yacht", "amount": 1}]}),
            "expenses[0].type",
        ),
        (
            json.dumps({**ISSUE_EXAMPLE, "incomes": [{"type": "lottery", "amount": 1}]}),
            "incomes[0].type",
        ),
        (json.dumps({**ISSUE_EXAMPLE, "incomes": {"type": "salary"}}), "incomes"),
        (
            json.dumps(
                {
                    **ISSUE_EXAMPLE,
                    "household": {"adults": "single", "children": [{"birth_date": "2025-01-01"}]},
                }
            ),
            "household.children[0].birth_date",
        ),
        (
            json.dumps({**ISSUE_EXAMPLE, "period": {"from": "2021-12-01", "to": "2021-12-31"}}),
            "period.from",
        ),
        (
            json.dumps({**ISSUE_EXAMPLE, "period": {"from": "2024-03-01", "to": "2024-02-01"}}),
            "period.to",
        ),
        (json.dumps({**ISSUE_EXAMPLE, "rate_set": {"id": "oslo"}}), "rate_set.name"),
        ('{"calculation": "appeal_deadline", "received": "12.03.2026"}', "received"),
        ('{"calculation": "appeal_deadline"}', "received"),
    ],
)
def test_bad_input_names_the_field_and_exits_2(request_text: str, field: str) -> None:
    status, out, err = run(request_text)
    assert status == 2
    assert out["error"]["field"] == field
    assert out["error"]["message"]
    assert err.startswith(f"navet.rules: {field}: ")


def test_a_municipal_rate_set_is_taken_from_the_input() -> None:
    rate_set = {
        "rate_set": {"id": "oslo-2024", "name": "Oslo kommunes satser", "owner": "0301"},
        "rates": [
            {
                "valid_from": "2024-01-01",
                "status": "verified",
                "source": "https://www.oslo.kommune.no/",
                "single": 8000,
                "couple": 13500,
                "shared_housing": 6800,
                "children": [
                    {"age_from": 0, "age_to": 5, "amount": 3900},
                    {"age_from": 6, "age_to": 10, "amount": 4000},
                    {"age_from": 11, "age_to": 14, "amount": 5200},
                    {"age_from": 15, "age_to": 17, "amount": 5900},
                ],
            }
        ],
    }
    request = {**ISSUE_EXAMPLE, "rate_set": rate_set}
    request["household"] = {"adults": "single", "children": [{"birth_date": "2008-06-10"}]}
    status, out, _ = run(json.dumps(request))
    assert status == 0
    assert out["need"] == 8000 + 5900 + 12000
    assert out["lines"][1]["rate"]["rate_set"] == "oslo-2024"
    assert out["lines"][1]["facts"]["band"] == "15–17"
    assert out["lines"][0]["legal_reference"] == "sosialtjenesteloven § 18 (Oslo kommunes satser)"


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_texts_follow_the_language(language: str) -> None:
    status, out, _ = run(json.dumps({**ISSUE_EXAMPLE, "language": language}))
    assert status == 0
    expected = {
        "nb": "Veiledende sats for enslig",
        "nn": "Rettleiande sats for einsleg",
        "en": "Guideline rate for a single adult",
    }[language]
    assert out["lines"][0]["text"] == expected


def test_bad_input_is_never_echoed_so_a_pasted_fodselsnummer_stays_out_of_logs() -> None:
    pasted = "01818012345"
    for request in (
        {**ISSUE_EXAMPLE, "household": {"adults": "single", "children": [{"birth_date": pasted}]}},
        {**ISSUE_EXAMPLE, "expenses": [{"type": "rent", "amount": pasted + "x"}]},
        {"calculation": "appeal_deadline", "received": pasted},
    ):
        status, out, err = run(json.dumps(request))
        assert status == 2
        assert pasted not in json.dumps(out)
        assert pasted not in err
