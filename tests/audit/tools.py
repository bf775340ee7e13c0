"""Shared by the audit tests: tamper with the trail as an attacker would, verify it, fill it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management import call_command
from django.db import connection

from navet.audit import trail
from navet.audit.models import AuditEvent
from tests.conftest import World


@contextmanager
def tamper() -> Iterator[None]:
    """Act as an attacker with database access: switch the append-only trigger off."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")
    else:
        yield


def verify(*arguments: str) -> int:
    """audit_verify's exit code: 0 intact, 1 broken."""
    try:
        call_command("audit_verify", *arguments)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


def record_reads(world: World, count: int) -> list[AuditEvent]:
    """`count` reads of the Oslo citizen by the Oslo caseworker, each with its own data."""
    return [
        trail.record(
            actor=world.caseworker_oslo,
            action="person.read",
            person=world.citizen_oslo,
            data={"n": n},
        )
        for n in range(count)
    ]
