"""Every UI string exists in nynorsk and English, and the compiled catalogues are current."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
_ENTRY = re.compile(r'^(msgid|msgstr|msgid_plural|msgstr\[\d\]|msgctxt) "(.*)"$')


def parse_po(path: Path) -> list[dict[str, str]]:
    """A small .po reader: entries are separated by blank lines (as Django writes them)."""
    entries: list[dict[str, str]] = []
    current: dict[str, str] = {}
    key = ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        match = _ENTRY.match(line)
        if line.startswith("#,") and "fuzzy" in line:
            current["fuzzy"] = "yes"
        elif match:
            key = match.group(1)
            current[key] = match.group(2)
        elif line.startswith('"') and key:
            current[key] += line[1:-1]
        elif not line.strip():
            if current.get("msgid"):
                entries.append(current)
            current, key = {}, ""
    return entries


def _unescape(text: str) -> str:
    return text.encode("latin-1", "backslashreplace").decode("unicode_escape")


@pytest.mark.parametrize("language", ["nn", "en"])
def test_every_string_is_translated_and_compiled(language: str) -> None:
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    entries = parse_po(po)
    assert len(entries) > 100
    untranslated = [e["msgid"] for e in entries if not (e.get("msgstr") or e.get("msgstr[0]"))]
    fuzzy = [e["msgid"] for e in entries if e.get("fuzzy")]
    assert not untranslated, f"{language}: untranslated {untranslated[:10]}"
    assert not fuzzy, f"{language}: fuzzy {fuzzy[:10]}"
    with mo.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    stale = []
    for entry in entries:
        if "msgid_plural" in entry or "msgctxt" in entry:
            continue
        msgid, msgstr = _unescape(entry["msgid"]), _unescape(entry["msgstr"])
        if catalogue.gettext(msgid) != msgstr:
            stale.append(msgid)
    assert not stale, f"{language}: django.mo is older than django.po for {stale[:5]}"
