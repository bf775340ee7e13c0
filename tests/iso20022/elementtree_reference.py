"""The pain.001 writer as it was first written, with ElementTree: the reference the fast
text writer (navet/iso20022/pain001.py) must equal byte for byte, so that a file stored
before the change is generated again with the same hash."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # nosec B405 (builds XML, parses nothing)
from decimal import Decimal

from navet.iso20022.pain001 import NAMESPACES, PaymentFile


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


def build_with_elementtree(payment_file: PaymentFile) -> bytes:
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
