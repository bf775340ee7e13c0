"""The appeal deadline: three weeks from the day the decision reached the party.

Forvaltningsloven 1967 § 29 (three weeks; the 2025 act § 63 says the same), counted under
domstolloven §§ 148–149: a deadline in weeks ends on the same weekday, and one that ends on
a Saturday, Sunday, public holiday or høytidsdag moves to the next working day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from navet.rules.dates import public_holidays
from navet.rules.explain import Line, Source

THREE_WEEKS = timedelta(weeks=3)
LEGAL_REFERENCE = "forvaltningsloven § 29; domstolloven §§ 148–149"
SOURCE = Source(
    valid_from=date(1967, 2, 10),
    status="verified",
    url="https://lovdata.no/lov/2025-06-20-81",
    title=(
        "forvaltningsloven 2025 § 63 (tre veker; fristar etter domstollova §§ 148–149); "
        "fvl 1967 § 29"
    ),
)


@dataclass(frozen=True)
class DeadlineResult:
    received: date
    deadline: date
    lines: tuple[Line, ...]


def non_working_reason(day: date) -> str | None:
    if day.weekday() == 5:
        return "saturday"
    if day.weekday() == 6:
        return "sunday"
    return public_holidays(day.year).get(day)


def appeal_deadline(received: date) -> DeadlineResult:
    deadline = received + THREE_WEEKS
    lines = [
        Line(
            "deadline.three_weeks",
            "info",
            Decimal(0),
            LEGAL_REFERENCE,
            source=SOURCE,
            facts={"received": received.isoformat(), "deadline": deadline.isoformat()},
        )
    ]
    while (reason := non_working_reason(deadline)) is not None:
        lines.append(
            Line(
                "deadline.moved",
                "info",
                Decimal(0),
                "domstolloven § 149",
                facts={"day": deadline.isoformat(), "reason": reason},
            )
        )
        deadline += timedelta(days=1)
    lines.append(
        Line(
            "deadline.result",
            "total",
            Decimal(0),
            LEGAL_REFERENCE,
            facts={"deadline": deadline.isoformat()},
        )
    )
    return DeadlineResult(received=received, deadline=deadline, lines=tuple(lines))
