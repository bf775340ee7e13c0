"""Every text of the letters is translated to nynorsk and English, none of it fuzzy, and
the compiled catalogue has it."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
_FIELD = re.compile(r'^(msgid|msgstr|msgctxt|msgid_plural|msgstr\[\d\]) "(.*)"$')


def letter_entries(po: Path) -> list[dict[str, str]]:
    """Entries whose source references include a letters template or module."""
    entries = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        key = ""
        refs = []
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#:"):
                refs.extend(line[2:].split())
            elif line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif match := _FIELD.match(line):
                key = match.group(1)
                fields[key] = match.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if any("letters/" in ref for ref in refs):
            fields["fuzzy"] = "yes" if fuzzy else ""
            entries.append(fields)
    return entries


def _unescape(text: str) -> str:
    return text.encode("latin-1", "backslashreplace").decode("unicode_escape")


@pytest.mark.parametrize("language", ["nn", "en"])
def test_every_letter_text_is_translated_and_compiled(language: str) -> None:
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    entries = letter_entries(po)
    assert len(entries) > 60
    untranslated = [e["msgid"] for e in entries if not e.get("msgstr") or e["fuzzy"]]
    assert not untranslated, f"{language}: {untranslated[:5]}"
    with po.with_suffix(".mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    stale = [
        e["msgid"]
        for e in entries
        if catalogue.gettext(_unescape(e["msgid"])) != _unescape(e["msgstr"])
    ]
    assert not stale, f"{language}: django.mo is older than django.po for {stale[:5]}"
