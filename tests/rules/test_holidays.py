"""The hand-written holiday calendar (navet/rules/dates.py) against the `holidays`
package. The rules keep their own calendar so they stay free of dependencies; this test
(with `holidays` as a test dependency only) checks it for every year 2000–2099."""

from __future__ import annotations

import holidays

from navet.rules.dates import public_holidays

YEARS = range(2000, 2100)

# The package's English names of the Norwegian holidays, and the keys Navet uses.
KEYS = {
    "New Year's Day": "new_years_day",
    "Maundy Thursday": "maundy_thursday",
    "Good Friday": "good_friday",
    "Easter Sunday": "easter_sunday",
    "Easter Monday": "easter_monday",
    "Labor Day": "labour_day",
    "Constitution Day": "constitution_day",
    "Ascension Day": "ascension_day",
    "Pentecost": "whit_sunday",
    "Pentecost Monday": "whit_monday",
    "Christmas Day": "christmas_day",
    "Second Day of Christmas": "boxing_day",
}


def test_the_calendar_matches_the_holidays_package_2000_to_2099() -> None:
    reference = holidays.country_holidays("NO", years=YEARS, language="en_US")
    ours = {day: key for year in YEARS for day, key in public_holidays(year).items()}
    assert sorted(ours) == sorted(reference)
    for day, names in reference.items():
        # Two holidays can fall on one day (Ascension Day on 1 or 17 May); the package
        # joins their names, Navet keeps one of them.
        assert ours[day] in {KEYS[name] for name in names.split("; ")}, day


def test_the_package_counts_sundays_only_when_asked() -> None:
    # Navet's calendar leaves ordinary Sundays out (is_working_day checks weekdays), as
    # the package does by default; a changed default would make the test above wrong.
    assert holidays.country_holidays("NO", years=2026).get("2026-01-04") is None
