"""Lists the way a Norwegian letter writes them: "A, B og C" (nb/nn), "A, B and C" (en).

Dates and amounts come from navet.formats (Babel), the one formatter for both.
"""

from __future__ import annotations

from collections.abc import Sequence


def join_words(items: Sequence[str], language: str) -> str:
    """ "A, B og C" (nb/nn) or "A, B and C" (en)."""
    if len(items) <= 1:
        return "".join(items)
    last = {"en": "and"}.get(language, "og")
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
