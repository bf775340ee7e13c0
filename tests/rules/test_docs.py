"""The worked examples in docs/rules.md are tests: each request gives the documented response."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from navet.rules.cli import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
EXAMPLE = re.compile(
    r"<!-- example -->\s*```json\n(?P<request>.*?)\n```\s*"
    r"Response \(exit (?P<status>\d)[^)]*\):\s*```json\n(?P<response>.*?)\n```",
    re.DOTALL,
)


def examples() -> list[tuple[str, int, str]]:
    text = DOC.read_text(encoding="utf-8")
    found = [(m["request"], int(m["status"]), m["response"]) for m in EXAMPLE.finditer(text)]
    assert len(found) == text.count("<!-- example -->"), "an example in docs/rules.md is malformed"
    return found


def assert_contains(documented: Any, actual: Any, path: str = "$") -> None:
    """Every value shown in the docs is in the actual response; lists have the same length."""
    if isinstance(documented, dict):
        assert isinstance(actual, dict), path
        for key, value in documented.items():
            assert key in actual, f"{path}.{key} is documented but missing"
            assert_contains(value, actual[key], f"{path}.{key}")
    elif isinstance(documented, list):
        assert isinstance(actual, list) and len(actual) == len(documented), (
            f"{path}: documented {len(documented)} items, got {len(actual)}"
        )
        for i, (d, a) in enumerate(zip(documented, actual, strict=True)):
            assert_contains(d, a, f"{path}[{i}]")
    else:
        assert documented == actual, f"{path}: documented {documented!r}, got {actual!r}"


def test_the_docs_have_an_example_for_every_calculation() -> None:
    names = {json.loads(request)["calculation"] for request, _, _ in examples()}
    assert names == {
        "living_costs",
        "qualification_benefit",
        "introduction_benefit",
        "debt_subsistence",
        "appeal_deadline",
    }


@pytest.mark.parametrize(("request_text", "status", "response"), examples())
def test_documented_example(request_text: str, status: int, response: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(io.StringIO(request_text), out, err) == status
    assert_contains(json.loads(response), json.loads(out.getvalue()))
