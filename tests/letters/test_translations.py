"""The letters' texts are in the catalogues (a letter template whose strings were never
extracted would go out in bokmål only); their translation and compilation are checked
with every other string in tests/core/test_translations.py."""

from __future__ import annotations

import pytest

from tests.core.test_translations import catalogue, stale_entries


@pytest.mark.parametrize("language", ["nn", "en"])
def test_every_letter_text_is_translated_and_compiled(language: str) -> None:
    po, mo = catalogue(language)
    letters = [
        entry
        for entry in po
        if not entry.obsolete and any("letters/" in path for path, _line in entry.occurrences)
    ]
    assert len(letters) > 60
    untranslated = [e.msgid for e in letters if not e.translated() or e.fuzzy]
    assert not untranslated, f"{language}: {untranslated[:5]}"
    assert not stale_entries(letters, mo)
