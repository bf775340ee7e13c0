"""The state guideline rates, copied by hand from /work/shared/reference/regelverk.md § 1.1.

Written out literally (not read from ``navet/rules/data``) so that a typo in the shipped
TOML makes a test fail. Kroner per month.

| Category             | 1.1.2022 | 1.7.2022 | 1.1.2023 ◐ | 1.7.2023 | 1.1.2024 |
|----------------------|----------|----------|------------|----------|----------|
| Enslige              | 6 550    | 6 650    | 6 850      | 7 550    | 7 850    |
| Ektepar/samboere     | 10 950   | 11 150   | 11 450     | 12 600   | 13 100   |
| Person i bofellesskap| 5 450    | 5 600    | 5 750      | 6 350    | 6 600    |
| Barn 0–5 år          | 3 200    | 3 250    | 3 350      | 3 700    | 3 850    |
| Barn 6–10 år         | 3 300    | 3 350    | 3 450      | 3 800    | 3 950    |
| Barn 11–17 år        | 4 300    | 4 400    | 4 500      | 4 950    | 5 150    |

2025 and 2026 are ❌ NOT VERIFIED in regelverk.md and must not be shipped.
"""

from __future__ import annotations

from datetime import date

RATE_DATES = (
    date(2022, 1, 1),
    date(2022, 7, 1),
    date(2023, 1, 1),
    date(2023, 7, 1),
    date(2024, 1, 1),
)

# category → the figures for RATE_DATES, in order
ADULTS: dict[str, tuple[int, ...]] = {
    "single": (6550, 6650, 6850, 7550, 7850),
    "couple": (10950, 11150, 11450, 12600, 13100),
    "shared_housing": (5450, 5600, 5750, 6350, 6600),
}
# (age_from, age_to) → the figures for RATE_DATES, in order
CHILDREN: dict[tuple[int, int], tuple[int, ...]] = {
    (0, 5): (3200, 3250, 3350, 3700, 3850),
    (6, 10): (3300, 3350, 3450, 3800, 3950),
    (11, 17): (4300, 4400, 4500, 4950, 5150),
}
# The 1.1.2023 column is ◐ (secondary source only); the others are ✅.
SECONDARY = frozenset({date(2023, 1, 1)})


def rates_from(month: date) -> date:
    """The rate date in force on the first of ``month`` (the latest on or before it)."""
    first = month.replace(day=1)
    return max(d for d in RATE_DATES if d <= first)


def adult_rate(category: str, month: date) -> int:
    return ADULTS[category][RATE_DATES.index(rates_from(month))]


def child_rate(age: int, month: date) -> int:
    """The child rate for ``age`` on the first of ``month``; 0 outside the rates (18+)."""
    for (low, high), figures in CHILDREN.items():
        if low <= age <= high:
            return figures[RATE_DATES.index(rates_from(month))]
    return 0
