"""NAV's own Digisos fixtures (copied into testdata/, so CI needs nothing outside the repo)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

TESTDATA = Path(__file__).resolve().parent / "testdata"


def load(relative: str | Path) -> Any:
    """A fresh copy of a fixture, e.g. ``load("soknad/brukerdata.json")``; safe to change."""
    path = relative if isinstance(relative, Path) else TESTDATA / relative
    return copy.deepcopy(json.loads(path.read_text(encoding="utf-8")))
