"""The bank's answers to a payment file, read into plain data:

- pain.002.001.03 (payment status report): the file's and each transaction's status, with
  the bank's reason code (for example AC04, closed account);
- camt.054.001.02 (debit notification): the entries booked on the paying account, each
  transaction matched by its end-to-end id, with its booking date.

Every file is validated against the vendored official XSD first; anything else (not XML,
another message, a broken one) is an AnswerFileError that says what and where."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from navet.iso20022.pain001 import namespace_of, read, schema_for

PAIN002 = "urn:iso:std:iso:20022:tech:xsd:pain.002.001.03"
CAMT054 = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"


class AnswerFileError(Exception):
    """A bank file Navet cannot read: `kind` says what ("not_xml", "unknown_message",
    "schema", "amount"), `where` the element path or the namespace found, `detail` the
    parser's own words (English) for the log and support."""

    def __init__(self, kind: str, where: str = "", detail: str = "") -> None:
        super().__init__(f"{kind} at {where or '-'}: {detail}")
        self.kind = kind
        self.where = where
        self.detail = detail


@dataclass(frozen=True)
class TransactionStatus:
    original_end_to_end_id: str
    status: str  # ACTC ACCP ACSP ACSC ACWC PDNG RJCT
    reason_code: str
    additional_info: str


@dataclass(frozen=True)
class StatusReport:
    message_id: str
    original_message_id: str
    group_status: str  # may be "" when only transactions carry a status
    reason_code: str
    transactions: tuple[TransactionStatus, ...]


@dataclass(frozen=True)
class Booking:
    end_to_end_id: str
    amount: Decimal
    status: str  # BOOK PDNG INFO
    booking_date: date | None
    value_date: date | None
    reversal: bool
    return_reason: str


@dataclass(frozen=True)
class DebitNotification:
    message_id: str
    entries: tuple[Booking, ...]


def read_answer(xml: bytes) -> StatusReport | DebitNotification:
    try:
        root = read(xml)
    except ValueError as error:
        raise AnswerFileError("not_xml", detail=str(error)) from error
    namespace = namespace_of(root)
    if namespace not in (PAIN002, CAMT054):
        raise AnswerFileError("unknown_message", where=namespace)
    schema = schema_for(namespace)
    assert schema is not None
    if not schema.validate(root):
        first = schema.error_log[0]
        raise AnswerFileError(
            "schema", where=f"{first.path} (line {first.line})", detail=first.message
        )
    ns = {"n": namespace}
    if namespace == PAIN002:
        return _status_report(root, ns)
    return _debit_notification(root, ns)


def _text(element: Any, path: str, ns: dict[str, str]) -> str:
    found = element.find(path, ns) if element is not None else None
    return (found.text or "").strip() if found is not None else ""


def _status_report(root: Any, ns: dict[str, str]) -> StatusReport:
    report = root.find("n:CstmrPmtStsRpt", ns)
    group = report.find("n:OrgnlGrpInfAndSts", ns)
    transactions = tuple(
        TransactionStatus(
            original_end_to_end_id=_text(tx, "n:OrgnlEndToEndId", ns),
            status=_text(tx, "n:TxSts", ns),
            reason_code=_text(tx, "n:StsRsnInf/n:Rsn/n:Cd", ns),
            additional_info=" ".join(
                (e.text or "").strip() for e in tx.findall("n:StsRsnInf/n:AddtlInf", ns)
            ),
        )
        for tx in report.findall("n:OrgnlPmtInfAndSts/n:TxInfAndSts", ns)
    )
    return StatusReport(
        message_id=_text(report, "n:GrpHdr/n:MsgId", ns),
        original_message_id=_text(group, "n:OrgnlMsgId", ns),
        group_status=_text(group, "n:GrpSts", ns),
        reason_code=_text(group, "n:StsRsnInf/n:Rsn/n:Cd", ns),
        transactions=transactions,
    )


def _day(text: str) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _amount(text: str, where: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation as error:
        raise AnswerFileError("amount", where=where, detail=text) from error


def _debit_notification(root: Any, ns: dict[str, str]) -> DebitNotification:
    message = root.find("n:BkToCstmrDbtCdtNtfctn", ns)
    entries: list[Booking] = []
    for entry in message.findall("n:Ntfctn/n:Ntry", ns):
        details = entry.findall("n:NtryDtls/n:TxDtls", ns)
        for tx in details:
            end_to_end = _text(tx, "n:Refs/n:EndToEndId", ns)
            if not end_to_end or end_to_end == "NOTPROVIDED":
                continue
            amount_text = _text(tx, "n:AmtDtls/n:TxAmt/n:Amt", ns)
            if not amount_text and len(details) == 1:
                amount_text = _text(entry, "n:Amt", ns)
            entries.append(
                Booking(
                    end_to_end_id=end_to_end,
                    amount=_amount(amount_text or "0", f"Ntry/TxDtls {end_to_end}"),
                    status=_text(entry, "n:Sts", ns),
                    booking_date=_day(
                        _text(entry, "n:BookgDt/n:Dt", ns) or _text(entry, "n:BookgDt/n:DtTm", ns)
                    ),
                    value_date=_day(
                        _text(entry, "n:ValDt/n:Dt", ns) or _text(entry, "n:ValDt/n:DtTm", ns)
                    ),
                    reversal=_text(entry, "n:RvslInd", ns) == "true",
                    return_reason=_text(tx, "n:RtrInf/n:Rsn/n:Cd", ns),
                )
            )
    return DebitNotification(
        message_id=_text(message, "n:GrpHdr/n:MsgId", ns), entries=tuple(entries)
    )
