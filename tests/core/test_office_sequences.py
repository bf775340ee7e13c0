"""Office sequences: numbers run per office, year and kind, start at 1 in a new year, are
taken only inside a transaction, and a reference names its office, year and kind."""

from __future__ import annotations

import re

import pytest
from django.db import IntegrityError, transaction
from django.db.transaction import TransactionManagementError
from hypothesis import given
from hypothesis import strategies as st

from navet.core.models import Office, OfficeSequence, SequenceKind
from navet.core.sequences import format_reference, next_number, next_reference
from tests.conftest import World

PATTERNS = {
    SequenceKind.APPLICATION: re.compile(r"^(\d{4})-(\d{4})-(\d{6,})$"),
    SequenceKind.DECISION: re.compile(r"^(\d{4})-(\d{4})-V(\d{5,})$"),
    SequenceKind.PAYMENT_RUN: re.compile(r"^(\d{4})-(\d{4})-U(\d{4,})$"),
}


def test_it_formats_an_application_and_a_decision_reference() -> None:
    assert (
        format_reference(office_number="0315", year=2026, kind=SequenceKind.APPLICATION, number=123)
        == "0315-2026-000123"
    )
    assert (
        format_reference(office_number="0315", year=2026, kind=SequenceKind.DECISION, number=45)
        == "0315-2026-V00045"
    )


def test_a_number_too_big_for_its_digits_is_written_whole() -> None:
    reference = format_reference(
        office_number="0315", year=2026, kind=SequenceKind.DECISION, number=123456
    )
    assert reference == "0315-2026-V123456"


@given(
    office=st.from_regex(r"\A[0-9]{4}\Z"),
    year=st.integers(min_value=2000, max_value=9999),
    kind=st.sampled_from(list(SequenceKind)),
    number=st.integers(min_value=1, max_value=10**8),
)
def test_a_reference_gives_back_its_office_year_kind_and_number(
    office: str, year: int, kind: SequenceKind, number: int
) -> None:
    """So two different (office, year, kind, number) never print the same reference."""
    reference = format_reference(office_number=office, year=year, kind=kind, number=number)
    for other in (k for k in SequenceKind if k != kind):
        assert PATTERNS[other].match(reference) is None
    match = PATTERNS[kind].match(reference)
    assert match is not None
    assert (match[1], int(match[2]), int(match[3])) == (office, year, number)


def test_numbers_run_per_office_year_and_kind(world: World) -> None:
    def take(
        office: Office | None = None,
        year: int = 2026,
        kind: SequenceKind = SequenceKind.APPLICATION,
    ) -> int:
        return next_number(office=office or world.oslo, year=year, kind=kind)

    assert [take(), take(), take()] == [1, 2, 3]
    assert take(office=world.bergen) == 1
    assert take(kind=SequenceKind.DECISION) == 1
    assert take(year=2027) == 1
    assert take() == 4
    assert (
        OfficeSequence.objects.get(office=world.oslo, year=2026, kind="application").last_number
        == 4
    )


def test_two_offices_never_give_the_same_reference(world: World) -> None:
    oslo = next_reference(office=world.oslo, year=2026, kind=SequenceKind.APPLICATION)
    bergen = next_reference(office=world.bergen, year=2026, kind=SequenceKind.APPLICATION)
    assert (oslo, bergen) == ("0315-2026-000001", "1203-2026-000001")


def test_a_rolled_back_creation_gives_its_number_back(world: World) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        next_number(office=world.oslo, year=2026, kind=SequenceKind.APPLICATION)
        raise RuntimeError("the creation failed")
    assert next_number(office=world.oslo, year=2026, kind=SequenceKind.APPLICATION) == 1


def test_the_counter_is_once_per_office_year_and_kind(world: World) -> None:
    OfficeSequence.objects.create(office=world.oslo, year=2026, kind=SequenceKind.APPLICATION)
    with pytest.raises(IntegrityError), transaction.atomic():
        OfficeSequence.objects.create(office=world.oslo, year=2026, kind=SequenceKind.APPLICATION)


@pytest.mark.django_db(transaction=True)
def test_a_number_is_taken_only_inside_a_transaction() -> None:
    from tests.factories import make_office

    office = make_office("0315", "Nav Grünerløkka", "0301")
    with pytest.raises(TransactionManagementError):
        next_number(office=office, year=2026, kind=SequenceKind.APPLICATION)
    assert not OfficeSequence.objects.exists()
