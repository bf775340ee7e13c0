"""Dates on the pages: Norwegian in nb and nn, British order and a 24-hour clock in English
(navet/dateformats), never the American month-first order."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.utils import translation

from navet.applications.presenters import day, moment


@pytest.mark.parametrize(
    ("language", "short_date", "short_moment"),
    [
        ("nb", "01.11.2026", "01.11.2026 15:05"),
        ("nn", "01.11.2026", "01.11.2026 15:05"),
        ("en", "01/11/2026", "01/11/2026 15:05"),
    ],
)
def test_short_dates_and_moments(language: str, short_date: str, short_moment: str) -> None:
    with translation.override(language):
        assert day(date(2026, 11, 1)) == short_date
        # 14:05 UTC is 15:05 in Oslo in November.
        assert moment(datetime(2026, 11, 1, 14, 5, tzinfo=UTC)) == short_moment
