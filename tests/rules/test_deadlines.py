"""The appeal deadline: three weeks, moved past weekends and Norwegian public holidays.

regelverk.md § 3.2: three weeks from when the decision reached the party (fvl 1967 § 29,
fvl 2025 § 63), counted under domstolloven §§ 148–149.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navet.rules.dates import easter_sunday, is_working_day, public_holidays
from navet.rules.deadlines import appeal_deadline


def moved_for(received: date) -> list[tuple[str, str]]:
    return [
        (str(line.facts["day"]), str(line.facts["reason"]))
        for line in appeal_deadline(received).lines
        if line.key == "deadline.moved"
    ]


def test_received_on_a_monday_ends_three_weeks_later_on_a_monday() -> None:
    received = date(2024, 9, 2)
    assert received.weekday() == 0
    result = appeal_deadline(received)
    assert result.deadline == date(2024, 9, 23)
    assert result.deadline.weekday() == 0
    assert result.received == received
    assert [line.key for line in result.lines] == ["deadline.three_weeks", "deadline.result"]


@pytest.mark.parametrize(
    ("received", "deadline", "moved"),
    [
        (
            date(2024, 9, 7),
            date(2024, 9, 30),
            [("2024-09-28", "saturday"), ("2024-09-29", "sunday")],
        ),
        (date(2024, 9, 8), date(2024, 9, 30), [("2024-09-29", "sunday")]),
    ],
)
def test_a_deadline_on_a_weekend_moves_to_monday(
    received: date, deadline: date, moved: list[tuple[str, str]]
) -> None:
    assert appeal_deadline(received).deadline == deadline
    assert moved_for(received) == moved


def test_easter_2026_moves_the_deadline_past_the_whole_easter() -> None:
    result = appeal_deadline(date(2026, 3, 12))
    assert result.deadline == date(2026, 4, 7)
    assert moved_for(date(2026, 3, 12)) == [
        ("2026-04-02", "maundy_thursday"),
        ("2026-04-03", "good_friday"),
        ("2026-04-04", "saturday"),
        ("2026-04-05", "sunday"),
        ("2026-04-06", "easter_monday"),
    ]
    assert result.lines[-1].key == "deadline.result"
    assert result.lines[-1].facts["deadline"] == "2026-04-07"


@pytest.mark.parametrize(
    ("received", "deadline", "holiday", "reason"),
    [
        # 17 May 2022 is a Tuesday
        (date(2022, 4, 26), date(2022, 5, 18), date(2022, 5, 17), "constitution_day"),
        # 1 May 2023 is a Monday
        (date(2023, 4, 10), date(2023, 5, 2), date(2023, 5, 1), "labour_day"),
        # Christmas 2024: Wednesday 25 and Thursday 26 December
        (date(2024, 12, 4), date(2024, 12, 27), date(2024, 12, 25), "christmas_day"),
        (date(2024, 12, 5), date(2024, 12, 27), date(2024, 12, 26), "boxing_day"),
        # New Year's Day 2025 is a Wednesday
        (date(2024, 12, 11), date(2025, 1, 2), date(2025, 1, 1), "new_years_day"),
        # Ascension Day 2025: Thursday 29 May (Easter 20 April + 39 days)
        (date(2025, 5, 8), date(2025, 5, 30), date(2025, 5, 29), "ascension_day"),
        # Whit Monday 2025: 9 June (Easter + 50 days)
        (date(2025, 5, 19), date(2025, 6, 10), date(2025, 6, 9), "whit_monday"),
    ],
)
def test_a_deadline_on_a_public_holiday_moves_to_the_next_working_day(
    received: date, deadline: date, holiday: date, reason: str
) -> None:
    assert received + timedelta(weeks=3) == holiday
    assert appeal_deadline(received).deadline == deadline
    assert moved_for(received)[0] == (holiday.isoformat(), reason)


def test_christmas_on_a_friday_moves_past_the_weekend() -> None:
    # 25 December 2026 is a Friday: Friday, Saturday (boxing day), Sunday → Monday 28
    assert appeal_deadline(date(2026, 12, 4)).deadline == date(2026, 12, 28)


@pytest.mark.parametrize(
    "easter",
    [
        date(2020, 4, 12),
        date(2021, 4, 4),
        date(2022, 4, 17),
        date(2023, 4, 9),
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
        date(2030, 4, 21),
        date(2038, 4, 25),
    ],
)
def test_easter_sunday_is_the_known_date(easter: date) -> None:
    assert easter_sunday(easter.year) == easter


def test_the_public_holidays_of_2024() -> None:
    assert sorted(public_holidays(2024)) == [
        date(2024, 1, 1),
        date(2024, 3, 28),
        date(2024, 3, 29),
        date(2024, 3, 31),
        date(2024, 4, 1),
        date(2024, 5, 1),
        date(2024, 5, 9),
        date(2024, 5, 17),
        date(2024, 5, 19),
        date(2024, 5, 20),
        date(2024, 12, 25),
        date(2024, 12, 26),
    ]


@pytest.mark.parametrize("day", [date(2024, 12, 24), date(2024, 12, 31), date(2024, 3, 27)])
def test_christmas_eve_new_years_eve_and_easter_wednesday_are_working_days(day: date) -> None:
    assert is_working_day(day)


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1970, 1, 1), max_value=date(2100, 12, 31)))
def test_the_deadline_is_a_working_day_within_a_week_after_three_weeks(received: date) -> None:
    deadline = appeal_deadline(received).deadline
    assert deadline.weekday() < 5
    assert deadline not in public_holidays(deadline.year)
    assert received + timedelta(days=21) <= deadline < received + timedelta(days=28)
    # every day skipped between three weeks and the deadline was not a working day
    day = received + timedelta(days=21)
    while day < deadline:
        assert not is_working_day(day)
        day += timedelta(days=1)


def test_every_deadline_line_cites_the_law() -> None:
    result = appeal_deadline(date(2026, 3, 12))
    for line in result.lines:
        assert line.legal_reference.startswith(("forvaltningsloven § 29", "domstolloven § 149"))
    first = result.lines[0]
    assert first.source is not None
    assert first.source.url.startswith("https://lovdata.no/")
    assert first.facts == {"received": "2026-03-12", "deadline": "2026-04-02"}
