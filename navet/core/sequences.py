"""Human references: numbered per office and year, e.g. 0315-2026-000123.

- A reference is the office number, the year and a running number that starts at 1 each
  year: `<office>-<year>-<number>` (six digits) for an application and
  `<office>-<year>-V<number>` (five digits) for a decision (vedtak) and
  `<office>-<year>-U<number>` (four digits) for a payment run. A number too big for
  its digits is written whole, so a reference stays unique.
- The office number is in the reference, so two offices can never give the same one.
- The counter (`OfficeSequence`) is taken under a row lock (PostgreSQL `SELECT … FOR
  UPDATE`; on SQLite every transaction is `IMMEDIATE`) in the transaction that creates the
  numbered row: two creations never get the same number, and a rolled-back creation gives
  its number back.
- A number is never reused; a row that is deleted later leaves a gap.
"""

from __future__ import annotations

from django.db import connection
from django.db.transaction import TransactionManagementError

from navet.core.models import Office, OfficeSequence, SequenceKind

PREFIXES: dict[SequenceKind, tuple[str, int]] = {
    SequenceKind.APPLICATION: ("", 6),
    SequenceKind.DECISION: ("V", 5),
    SequenceKind.PAYMENT_RUN: ("U", 4),
}


def format_reference(*, office_number: str, year: int, kind: SequenceKind, number: int) -> str:
    prefix, digits = PREFIXES[kind]
    return f"{office_number}-{year:04d}-{prefix}{number:0{digits}d}"


def next_number(*, office: Office, year: int, kind: SequenceKind) -> int:
    """The office's next number of this kind in this year, taken under a row lock that is
    held until the calling transaction ends."""
    if connection.get_autocommit():
        raise TransactionManagementError("A reference is taken inside the creating transaction.")
    sequence, _created = OfficeSequence.objects.select_for_update().get_or_create(
        office=office, year=year, kind=kind
    )
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def next_reference(*, office: Office, year: int, kind: SequenceKind) -> str:
    number = next_number(office=office, year=year, kind=kind)
    return format_reference(office_number=office.number, year=year, kind=kind, number=number)
