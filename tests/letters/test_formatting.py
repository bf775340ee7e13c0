"""Lists of legal references as a letter writes them, and the letter font against the
characters of amounts and dates (navet/formats.py; their formats: tests/test_formats.py)."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from fontTools.ttLib import TTFont, woff2

from navet.formats import format_amount, format_date, join_words
from navet.letters.pdf import font_dir


def test_lists_of_references_are_joined_with_og_or_and() -> None:
    refs = ["sosialtjenesteloven § 18", "§ 20", "§ 21"]
    assert join_words(refs, "nb") == "sosialtjenesteloven § 18, § 20 og § 21"
    assert join_words(refs[:2], "nn") == "sosialtjenesteloven § 18 og § 20"
    assert join_words(refs[:2], "en") == "sosialtjenesteloven § 18 and § 20"
    assert join_words(refs[:1], "nb") == "sosialtjenesteloven § 18"


def test_the_letter_font_has_every_character_of_amounts_and_dates() -> None:
    """navet.formats writes U+00A0 (no-break space) and U+2212 (minus); Babel's U+202F
    (narrow no-break space, French and others) would be missing from the font."""
    out = BytesIO()
    woff2.decompress(
        BytesIO((font_dir() / "source-sans-3-latin-wght-normal.woff2").read_bytes()), out
    )
    out.seek(0)
    cmap = TTFont(out).getBestCmap()
    texts = [
        format_amount(amount, language, signed=True)
        for amount in (-1_234_567, 0, 1_234_567)
        for language in ("nb", "nn", "en")
    ] + [
        format_date(date(2026, month, 4), language)
        for month in range(1, 13)
        for language in ("nb", "nn", "en")
    ]
    assert {char for text in texts for char in text if ord(char) not in cmap} == set()
