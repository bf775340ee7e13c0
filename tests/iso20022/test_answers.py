"""Reading the bank's answers: pain.002 status reports and camt.054 debit notifications."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from navet.iso20022.answers import (
    AnswerFileError,
    Booking,
    DebitNotification,
    StatusReport,
    TransactionStatus,
    read_answer,
)
from tests.iso20022.answers import answer

IDS = {"msg": "NAVET-0315-2026-U0001", "e2e_rejected": "a" * 32, "e2e_accepted": "b" * 32}


def test_a_partly_rejected_file() -> None:
    report = read_answer(answer("pain002_part", **IDS))
    assert report == StatusReport(
        message_id="BANK-STS-1",
        original_message_id="NAVET-0315-2026-U0001",
        group_status="PART",
        reason_code="",
        transactions=(
            TransactionStatus("a" * 32, "RJCT", "AC04", "Konto avsluttet"),
            TransactionStatus("b" * 32, "ACCP", "", ""),
        ),
    )


def test_a_wholly_rejected_file() -> None:
    report = read_answer(answer("pain002_rejected", msg="NAVET-X"))
    assert isinstance(report, StatusReport)
    assert (report.group_status, report.reason_code, report.transactions) == ("RJCT", "FF01", ())


def test_a_debit_notification() -> None:
    notification = read_answer(
        answer(
            "camt054_booked", msg="M", e2e_booked="c" * 32, e2e_pending="d" * 32, amount="9034.00"
        )
    )
    assert notification == DebitNotification(
        message_id="BANK-DBT-1",
        entries=(
            Booking(
                "c" * 32,
                Decimal("9034.00"),
                "BOOK",
                date(2026, 12, 18),
                date(2026, 12, 18),
                False,
                "",
            ),
            Booking("d" * 32, Decimal("100.00"), "PDNG", None, None, False, ""),
        ),
    )


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"not xml at all", "not_xml"),
        (b"<Document xmlns='urn:iso:std:iso:20022:tech:xsd:pain.001.001.03'/>", "unknown_message"),
        (
            answer("pain002_part", **IDS).replace(
                b"<OrgnlMsgNmId>pain.001.001.03</OrgnlMsgNmId>", b""
            ),
            "schema",
        ),
        (b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>", "not_xml"),
    ],
)
def test_files_that_cannot_be_read(content: bytes, kind: str) -> None:
    with pytest.raises(AnswerFileError) as caught:
        read_answer(content)
    assert caught.value.kind == kind
