"""Every UI string exists in nynorsk and English, and the compiled catalogues are current.
The .po files are read with polib, the compiled .mo files with the standard library."""

from __future__ import annotations

import gettext
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def catalogue(language: str) -> tuple[polib.POFile, gettext.GNUTranslations]:
    po_path = LOCALE / language / "LC_MESSAGES" / "django.po"
    with po_path.with_suffix(".mo").open("rb") as handle:
        return polib.pofile(str(po_path)), gettext.GNUTranslations(handle)


def stale_entries(entries: list[polib.POEntry], mo: gettext.GNUTranslations) -> list[str]:
    """Entries whose compiled text differs from the .po text (a forgotten compilemessages)."""
    stale = []
    for entry in entries:
        if entry.msgid_plural:
            compiled = [mo.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
            expected = [entry.msgstr_plural[0], entry.msgstr_plural[1]]
        elif entry.msgctxt:
            compiled, expected = [mo.pgettext(entry.msgctxt, entry.msgid)], [entry.msgstr]
        else:
            compiled, expected = [mo.gettext(entry.msgid)], [entry.msgstr]
        if compiled != expected:
            stale.append(entry.msgid)
    return stale


@pytest.mark.parametrize("language", ["nn", "en"])
def test_every_string_is_translated_and_compiled(language: str) -> None:
    po, mo = catalogue(language)
    entries = po.translated_entries() + po.untranslated_entries() + po.fuzzy_entries()
    assert len(entries) > 100
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"{language}: untranslated {untranslated[:10]}"
    assert not fuzzy, f"{language}: fuzzy {fuzzy[:10]}"
    stale = stale_entries(po.translated_entries(), mo)
    assert not stale, f"{language}: django.mo is older than django.po for {stale[:5]}"
