"""ISO 20022 pain.001 (customer credit transfer initiation) for domestic NOK payments as
Norwegian banks take them (../shared/reference/payments.md §2): accounts as BBAN, NOK,
KID as a structured creditor reference (SCOR), other text unstructured (≤ 140).

`build` is deterministic: the same PaymentFile gives the same bytes (no clock, no random
ids), so a run's file can be generated again and compared by its hash. `xsd_problems`
validates against the vendored official schema (navet/iso20022/xsd/, with lxml); `semantic_problems`
checks what the schema cannot: counts and control sums, currency, amounts, account and KID
check digits, id lengths and uniqueness, the execution date."""

from __future__ import annotations

import re
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
# Characters XML 1.0 cannot hold (C0 controls but tab, newline and carriage return).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
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
    if _CONTROL.search(debtor.name):
        problems.append("debtor name has a control character")
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
        if _CONTROL.search(transfer.creditor_name + transfer.text + transfer.kid):
            problems.append(f"{where}: a control character in the name, text or KID")
    return problems


def _escape(text: str) -> str:
    """Character data as XML writes it: &, < and > escaped."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


class _Writer:
    """XML written as text, one element per line indented by two spaces, a leaf with its
    text on its line and an empty element as <Tag />: byte for byte what ElementTree
    writes after ET.indent (tests/iso20022/test_pain001.py compares the two), some three
    times as fast, which matters for a file of 150 000 payments."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.depth = 0

    def open(self, tag: str, attributes: str = "") -> None:
        self.lines.append(f"{'  ' * self.depth}<{tag}{attributes}>")
        self.depth += 1

    def close(self, tag: str) -> None:
        self.depth -= 1
        self.lines.append(f"{'  ' * self.depth}</{tag}>")

    def leaf(self, tag: str, text: str, attributes: str = "") -> None:
        indent = "  " * self.depth
        if text:
            self.lines.append(f"{indent}<{tag}{attributes}>{_escape(text)}</{tag}>")
        else:
            self.lines.append(f"{indent}<{tag}{attributes} />")

    def path(self, tags: str, text: str) -> None:
        """Nested elements "A/B/C" around one leaf."""
        *outer, last = tags.split("/")
        for tag in outer:
            self.open(tag)
        self.leaf(last, text)
        for tag in reversed(outer):
            self.close(tag)

    def account(self, tag: str, account: str, *, currency: bool = False) -> None:
        self.open(tag)
        self.open("Id")
        self.open("Othr")
        self.leaf("Id", account)
        self.path("SchmeNm/Cd", "BBAN")
        self.close("Othr")
        self.close("Id")
        if currency:
            self.leaf("Ccy", "NOK")
        self.close(tag)


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
    debtor = payment_file.debtor
    out = _Writer()
    out.open("Document", f' xmlns="{NAMESPACES[version]}"')
    out.open("CstmrCdtTrfInitn")

    out.open("GrpHdr")
    out.leaf("MsgId", payment_file.message_id)
    out.leaf("CreDtTm", payment_file.created_at.replace(microsecond=0).isoformat())
    out.leaf("NbOfTxs", count)
    out.leaf("CtrlSum", total)
    out.open("InitgPty")
    out.leaf("Nm", debtor.name)
    out.open("Id")
    out.open("OrgId")
    out.open("Othr")
    out.leaf("Id", debtor.organisation_number)
    out.path("SchmeNm/Cd", "CUST")
    out.close("Othr")
    out.close("OrgId")
    out.close("Id")
    out.close("InitgPty")
    out.close("GrpHdr")

    out.open("PmtInf")
    out.leaf("PmtInfId", f"{payment_file.message_id}-1")
    out.leaf("PmtMtd", "TRF")
    out.leaf("BtchBookg", "true" if payment_file.batch_booking else "false")
    out.leaf("NbOfTxs", count)
    out.leaf("CtrlSum", total)
    out.path("PmtTpInf/SvcLvl/Cd", "NURG")
    execution = payment_file.execution_date.isoformat()
    out.path("ReqdExctnDt/Dt" if version == "09" else "ReqdExctnDt", execution)
    out.path("Dbtr/Nm", debtor.name)
    out.account("DbtrAcct", debtor.account, currency=True)
    out.open("DbtrAgt")
    if debtor.bic:
        out.path("FinInstnId/" + ("BICFI" if version == "09" else "BIC"), debtor.bic)
    else:
        out.leaf("FinInstnId", "")
    out.close("DbtrAgt")
    out.leaf("ChrgBr", "SLEV")

    for transfer in transfers:
        out.open("CdtTrfTxInf")
        out.path("PmtId/EndToEndId", transfer.end_to_end_id)
        out.open("Amt")
        out.leaf("InstdAmt", _money(transfer.amount), ' Ccy="NOK"')
        out.close("Amt")
        out.path("Cdtr/Nm", transfer.creditor_name)
        out.account("CdtrAcct", transfer.creditor_account)
        if transfer.kid:
            out.open("RmtInf")
            out.open("Strd")
            out.open("CdtrRefInf")
            out.path("Tp/CdOrPrtry/Cd", "SCOR")
            out.leaf("Ref", transfer.kid)
            out.close("CdtrRefInf")
            out.close("Strd")
            out.close("RmtInf")
        elif transfer.text:
            out.path("RmtInf/Ustrd", transfer.text)
        out.close("CdtTrfTxInf")
    out.close("PmtInf")
    out.close("CstmrCdtTrfInitn")
    out.close("Document")
    text = "\n".join(out.lines)
    return f"<?xml version='1.0' encoding='UTF-8'?>\n{text}\n".encode()


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


def problems(xml: bytes, *, today: date) -> list[str]:
    """Everything wrong with a pain.001: its schema, then what the schema cannot check.
    The document is parsed once."""
    try:
        root = read(xml)
    except ValueError as error:
        return [str(error)]
    return _xsd_problems(root) or _semantic_problems(root, today=today)


def xsd_problems(xml: bytes) -> list[str]:
    """Where the document breaks its schema (chosen by its namespace), one line each."""
    try:
        root = read(xml)
    except ValueError as error:
        return [str(error)]
    return _xsd_problems(root)


def _xsd_problems(root: Any) -> list[str]:
    schema = schema_for(namespace_of(root))
    if schema is None:
        return [f"unknown document namespace {namespace_of(root)!r}"]
    if schema.validate(root):
        return []
    return [f"line {e.line} {e.path}: {e.message}" for e in schema.error_log]


def semantic_problems(xml: bytes, *, today: date) -> list[str]:
    """What the XSD cannot check in a pain.001, one line each."""
    return _semantic_problems(read(xml), today=today)


def _semantic_problems(root: Any, *, today: date) -> list[str]:
    ns = {"p": namespace_of(root)}
    problems: list[str] = []
    # Paths in Clark notation ({namespace}Tag), made once: lxml finds them fastest.
    clark: dict[str, str] = {}

    def path_of(path: str) -> str:
        if path not in clark:
            clark[path] = path.replace("p:", f"{{{ns['p']}}}")
        return clark[path]

    def text(element: Any, path: str) -> str:
        return (element.findtext(path_of(path)) or "").strip()

    ids: Counter[str] = Counter()
    header = root.find("p:CstmrCdtTrfInitn/p:GrpHdr", ns)
    infos = root.findall("p:CstmrCdtTrfInitn/p:PmtInf", ns)
    ids[text(header, "p:MsgId")] += 1
    all_amounts: list[Decimal] = []
    for info in infos:
        info_id = text(info, "p:PmtInfId")
        ids[info_id] += 1
        lines = info.iterfind(path_of("p:CdtTrfTxInf"))
        amounts = []
        for line in lines:
            e2e = text(line, "p:PmtId/p:EndToEndId")
            ids[e2e] += 1
            amount_element = line.find(path_of("p:Amt/p:InstdAmt"))
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
