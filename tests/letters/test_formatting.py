"""Lists as a Norwegian letter writes them (dates and amounts: tests/test_formats.py)."""

from __future__ import annotations

from navet.letters.formatting import join_words


def test_lists_of_references_are_joined_with_og_or_and() -> None:
    refs = ["sosialtjenesteloven § 18", "§ 20", "§ 21"]
    assert join_words(refs, "nb") == "sosialtjenesteloven § 18, § 20 og § 21"
    assert join_words(refs[:2], "nn") == "sosialtjenesteloven § 18 og § 20"
    assert join_words(refs[:2], "en") == "sosialtjenesteloven § 18 and § 20"
    assert join_words(refs[:1], "nb") == "sosialtjenesteloven § 18"
