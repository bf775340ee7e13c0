"""Crafted bank answers for tests: the fixtures in data/ with their placeholders filled."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent / "data"


def answer(name: str, **values: str) -> bytes:
    text = (DATA / f"{name}.xml").read_text(encoding="utf-8")
    for key, value in {"n": "1", "amount": "100.00", **values}.items():
        text = text.replace("{" + key + "}", value)
    return text.encode()
