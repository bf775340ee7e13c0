"""ISO 20022 pain.001 (customer credit transfer initiation) for domestic NOK payments as
Norwegian banks take them (../shared/reference/payments.md §2): accounts as BBAN, NOK,
KID as a structured creditor reference (SCOR), other text unstructured (≤ 140).

`build` is deterministic: the same PaymentFile gives the same bytes (no clock, no random
ids), so a run's file can be generated again and compared by its hash. `xsd_problems`
validates against the vendored official schema (navet/iso20022/xsd/, with lxml); `semantic_problems`
checks what the schema cannot: counts and control sums, currency, amounts, account and KID
check digits, id lengths and uniqueness, the execution date."""

from __future__ import annotations

# Only builds XML with ElementTree; every parse goes through lxml with DTDs and entities off.
import xml.etree.ElementTree as ET  # nosec B405
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal

# lxml parses with entities, DTDs and the network off (_parser below).
from lxml import etree

from navet.iso20022.numbers import is_account_number, is_kid

XSD_FOLDER = Path(__file__).parent / "xsd"
NAMESPACES = {
    "03": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03",
    "09": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09",
}
SCHEMA_FILES = {
    NAMESPACES["03"]: "pain.001.001.03.xsd",
    NAMESPACES["09"]: "pain.001.001.09.xsd",
    "urn:iso:std:iso:20022:tech:xsd:pain.002.001.03": "pain.002.001.03.xsd",
    "urn:iso:std:iso:20022:tech:xsd:camt.054.001.02": "camt.054.001.02.xsd",
}
MAX_ID = 35
MAX_TEXT = 140
MAX_NAME = 70


@dataclass(frozen=True)
class Debtor:
    name: str
    account: str
    organisation_number: str
    bic: str = ""


@dataclass(frozen=True)
class Transfer:
    end_to_end_id: str
    amount: Decimal  # kroner, at most two decimals
    creditor_name: str
    creditor_account: str
    kid: str = ""
    text: str = ""


@dataclass(frozen=True)
class PaymentFile:
    message_id: str
    created_at: datetime
    execution_date: date
    debtor: Debtor
    transfers: tuple[Transfer, ...]
    version: Literal["03", "09"] = "03"
    batch_booking: bool = False


def input_problems(payment_file: PaymentFile) -> list[str]:
    """What in the input would make an invalid file, in words."""
    problems = []
    debtor = payment_file.debtor
    if not payment_file.transfers:
        problems.append("the file has no transfers")
    if not 0 < len(payment_file.message_id) <= MAX_ID - 2:
        problems.append(f"message id must be 1–{MAX_ID - 2} characters")
    if not debtor.name.strip() or len(debtor.name) > MAX_NAME:
        problems.append(f"debtor name must be 1–{MAX_NAME} characters")
    if not is_account_number(debtor.account):
        problems.append(f"debtor account {debtor.account!r} is not a valid account number")
    if not debtor.organisation_number.isdigit():
        problems.append("debtor organisation number must be digits")
    seen: Counter[str] = Counter(t.end_to_end_id for t in payment_file.transfers)
    for number, transfer in enumerate(payment_file.transfers, start=1):
        where = f"transfer {number} ({transfer.end_to_end_id})"
        if not 0 < len(transfer.end_to_end_id) <= MAX_ID:
            problems.append(f"{where}: end-to-end id must be 1–{MAX_ID} characters")
        if seen[transfer.end_to_end_id] > 1:
            problems.append(f"{where}: end-to-end id used more than once")
        if transfer.amount <= 0 or transfer.amount != transfer.amount.quantize(Decimal("0.01")):
            problems.append(f"{where}: amount must be positive with at most two decimals")
        if not transfer.creditor_name.strip() or len(transfer.creditor_name) > MAX_NAME:
            problems.append(f"{where}: creditor name must be 1–{MAX_NAME} characters")
        if not is_account_number(transfer.creditor_account):
            problems.append(f"{where}: creditor account is not a valid account number")
        if transfer.kid and transfer.text:
            problems.append(f"{where}: give either a KID or a text, not both")
        if transfer.kid and not is_kid(transfer.kid):
            problems.append(f"{where}: KID {transfer.kid!r} has a wrong check digit")
        if len(transfer.text) > MAX_TEXT:
            problems.append(f"{where}: text longer than {MAX_TEXT} characters")
    return problems


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _account(parent: ET.Element, tag: str, account: str, *, currency: bool = False) -> None:
    holder = _add(parent, tag)
    other = _add(_add(holder, "Id"), "Othr")
    _add(other, "Id", account)
    _add(_add(other, "SchmeNm"), "Cd", "BBAN")
    if currency:
        _add(holder, "Ccy", "NOK")


def _money(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.01'))}"


def build(payment_file: PaymentFile) -> bytes:
    """The file's bytes (UTF-8). Raises ValueError naming every problem in the input."""
    problems = input_problems(payment_file)
    if problems:
        raise ValueError("; ".join(problems))
    version = payment_file.version
    transfers = payment_file.transfers
    total = _money(sum((t.amount for t in transfers), Decimal(0)))
    count = str(len(transfers))
    document = ET.Element("Document", {"xmlns": NAMESPACES[version]})
    initiation = _add(document, "CstmrCdtTrfInitn")

    header = _add(initiation, "GrpHdr")
    _add(header, "MsgId", payment_file.message_id)
    _add(header, "CreDtTm", payment_file.created_at.replace(microsecond=0).isoformat())
    _add(header, "NbOfTxs", count)
    _add(header, "CtrlSum", total)
    party = _add(header, "InitgPty")
    _add(party, "Nm", payment_file.debtor.name)
    organisation = _add(_add(_add(party, "Id"), "OrgId"), "Othr")
    _add(organisation, "Id", payment_file.debtor.organisation_number)
    _add(_add(organisation, "SchmeNm"), "Cd", "CUST")

    info = _add(initiation, "PmtInf")
    _add(info, "PmtInfId", f"{payment_file.message_id}-1")
    _add(info, "PmtMtd", "TRF")
    _add(info, "BtchBookg", "true" if payment_file.batch_booking else "false")
    _add(info, "NbOfTxs", count)
    _add(info, "CtrlSum", total)
    _add(_add(_add(info, "PmtTpInf"), "SvcLvl"), "Cd", "NURG")
    execution = payment_file.execution_date.isoformat()
    if version == "09":
        _add(_add(info, "ReqdExctnDt"), "Dt", execution)
    else:
        _add(info, "ReqdExctnDt", execution)
    _add(_add(info, "Dbtr"), "Nm", payment_file.debtor.name)
    _account(info, "DbtrAcct", payment_file.debtor.account, currency=True)
    institution = _add(_add(info, "DbtrAgt"), "FinInstnId")
    if payment_file.debtor.bic:
        _add(institution, "BICFI" if version == "09" else "BIC", payment_file.debtor.bic)
    _add(info, "ChrgBr", "SLEV")

    for transfer in transfers:
        line = _add(info, "CdtTrfTxInf")
        _add(_add(line, "PmtId"), "EndToEndId", transfer.end_to_end_id)
        _add(_add(line, "Amt"), "InstdAmt", _money(transfer.amount), Ccy="NOK")
        _add(_add(line, "Cdtr"), "Nm", transfer.creditor_name)
        _account(line, "CdtrAcct", transfer.creditor_account)
        remittance = _add(line, "RmtInf")
        if transfer.kid:
            reference = _add(_add(remittance, "Strd"), "CdtrRefInf")
            _add(_add(_add(reference, "Tp"), "CdOrPrtry"), "Cd", "SCOR")
            _add(reference, "Ref", transfer.kid)
        elif transfer.text:
            _add(remittance, "Ustrd", transfer.text)
        else:
            line.remove(remittance)
    ET.indent(document)
    written: bytes = ET.tostring(document, encoding="UTF-8", xml_declaration=True)
    return written + b"\n"


@cache
def schema_for(namespace: str) -> etree.XMLSchema | None:
    name = SCHEMA_FILES.get(namespace)
    if name is None:
        return None
    return etree.XMLSchema(etree.parse(str(XSD_FOLDER / name), _parser()))


def _parser() -> etree.XMLParser:
    """No DTD, no entities, no network: a bank file is data, never instructions."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def read(xml: bytes) -> Any:
    """The document's root element. ValueError for what is not plain XML (not well-formed,
    or with a DOCTYPE, which no ISO 20022 message has)."""
    try:
        # Entities, DTDs and the network are off in _parser.
        root = etree.fromstring(xml, _parser())
    except etree.XMLSyntaxError as error:
        raise ValueError(f"not well-formed XML: {error}") from error
    if root.getroottree().docinfo.doctype:
        raise ValueError("a DOCTYPE is not allowed")
    return root


def namespace_of(root: Any) -> str:
    return etree.QName(root).namespace or ""


def xsd_problems(xml: bytes) -> list[str]:
    """Where the document breaks its schema (chosen by its namespace), one line each."""
    try:
        root = read(xml)
    except ValueError as error:
        return [str(error)]
    schema = schema_for(namespace_of(root))
    if schema is None:
        return [f"unknown document namespace {namespace_of(root)!r}"]
    if schema.validate(root):
        return []
    return [f"line {e.line} {e.path}: {e.message}" for e in schema.error_log]


def semantic_problems(xml: bytes, *, today: date) -> list[str]:
    """What the XSD cannot check in a pain.001, one line each."""
    root = read(xml)
    ns = {"p": namespace_of(root)}
    problems: list[str] = []

    def text(element: Any, path: str) -> str:
        found = element.find(path, ns)
        return (found.text or "").strip() if found is not None else ""

    ids: Counter[str] = Counter()
    header = root.find("p:CstmrCdtTrfInitn/p:GrpHdr", ns)
    infos = root.findall("p:CstmrCdtTrfInitn/p:PmtInf", ns)
    ids[text(header, "p:MsgId")] += 1
    all_amounts: list[Decimal] = []
    for info in infos:
        info_id = text(info, "p:PmtInfId")
        ids[info_id] += 1
        lines = info.findall("p:CdtTrfTxInf", ns)
        amounts = []
        for line in lines:
            e2e = text(line, "p:PmtId/p:EndToEndId")
            ids[e2e] += 1
            amount_element = line.find("p:Amt/p:InstdAmt", ns)
            where = f"{info_id}/{e2e}"
            if amount_element is None or amount_element.get("Ccy") != "NOK":
                problems.append(f"{where}: currency is not NOK")
            amount = Decimal((amount_element.text or "0") if amount_element is not None else "0")
            if amount <= 0 or amount != amount.quantize(Decimal("0.01")):
                problems.append(f"{where}: amount {amount} is not positive with two decimals")
            amounts.append(amount)
            if not is_account_number(text(line, "p:CdtrAcct/p:Id/p:Othr/p:Id")):
                problems.append(f"{where}: creditor account is not a valid account number")
            kid = text(line, "p:RmtInf/p:Strd/p:CdtrRefInf/p:Ref")
            if kid and not is_kid(kid):
                problems.append(f"{where}: KID {kid} has a wrong check digit")
        problems += _count_problems(
            info_id, text(info, "p:NbOfTxs"), text(info, "p:CtrlSum"), amounts
        )
        if not is_account_number(text(info, "p:DbtrAcct/p:Id/p:Othr/p:Id")):
            problems.append(f"{info_id}: debtor account is not a valid account number")
        if text(info, "p:DbtrAcct/p:Ccy") not in ("", "NOK"):
            problems.append(f"{info_id}: debtor account currency is not NOK")
        execution = text(info, "p:ReqdExctnDt") or text(info, "p:ReqdExctnDt/p:Dt")
        if execution and date.fromisoformat(execution[:10]) < today:
            problems.append(f"{info_id}: execution date {execution} is before {today}")
        all_amounts += amounts
    problems += _count_problems(
        "GrpHdr", text(header, "p:NbOfTxs"), text(header, "p:CtrlSum"), all_amounts
    )
    for identifier, times in sorted(ids.items()):
        if len(identifier) > MAX_ID:
            problems.append(f"id {identifier} is longer than {MAX_ID} characters")
        if times > 1:
            problems.append(f"id {identifier} is used {times} times")
    return problems


def _count_problems(where: str, count: str, control: str, amounts: list[Decimal]) -> list[str]:
    problems = []
    if count != str(len(amounts)):
        problems.append(f"{where}: NbOfTxs {count} but {len(amounts)} transactions")
    if control and Decimal(control) != sum(amounts, Decimal(0)):
        problems.append(f"{where}: CtrlSum {control} but the amounts add up to {sum(amounts)}")
    return problems
