"""No source file in navet/ (outside migrations) passes 600 lines: a longer one mixes
concerns and is split by what it does (issue 9)."""

from __future__ import annotations

from pathlib import Path

NAVET = Path(__file__).resolve().parent.parent / "navet"
LIMIT = 600


def test_no_source_file_passes_600_lines() -> None:
    too_long = {
        str(path.relative_to(NAVET)): count
        for path in NAVET.rglob("*.py")
        if "migrations" not in path.parts
        and (count := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert too_long == {}
