"""The demo's payments: made-up accounts and the offices' payment settings."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from navet.core.models import Employee, Office
from navet.demo.clock import clock, real_now
from navet.iso20022.numbers import luhn_check_digit
from navet.payments.actions import change_recipient
from navet.payments.bank import import_bank_file
from navet.payments.files import generate_file
from navet.payments.models import Method, Payment, PaymentRun, PaymentSettings, PaymentState
from navet.payments.runs import approve_run, mark_sent, payable, prepare_run

# Made-up organisation numbers with valid check digits (not real organisations).
DEMO_ORGANISATION_NUMBERS = {"0315": "912345602", "1203": "912345610"}

ACCOUNT_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def demo_account(rng: random.Random) -> str:
    """A made-up Norwegian account number with a valid mod-11 check digit."""
    while True:
        digits = [rng.randrange(10) for _ in range(10)]
        digits[0] = rng.choice([1, 3, 6, 9])  # no leading zero
        rest = sum(w * d for w, d in zip(ACCOUNT_WEIGHTS, digits, strict=True)) % 11
        check = 0 if rest == 0 else 11 - rest
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def set_up_payments(office: Office) -> None:
    """The office pays on the 20th from a made-up account."""
    PaymentSettings.objects.update_or_create(
        office=office,
        defaults={
            "payment_day": 20,
            "debtor_name": f"{office.name} – sosialtjenesten",
            "debtor_account": demo_account(random.Random(office.number)),
            "organisation_number": DEMO_ORGANISATION_NUMBERS.get(office.number, "912345629"),
        },
    )


def _status_report(run: PaymentRun, rejected: str) -> bytes:
    """The bank's pain.002 for a run: one line rejected (closed account), the rest
    accepted. Demo data only: what a bank would send."""
    lines = "".join(
        f"<TxInfAndSts><OrgnlEndToEndId>{a.end_to_end_id}</OrgnlEndToEndId>"
        + (
            "<TxSts>RJCT</TxSts><StsRsnInf><Rsn><Cd>AC04</Cd></Rsn></StsRsnInf>"
            if a.end_to_end_id == rejected
            else "<TxSts>ACCP</TxSts>"
        )
        + "</TxInfAndSts>"
        for a in run.attempts.order_by("id")
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03"><CstmrPmtStsRpt>'
        f"<GrpHdr><MsgId>DEMOBANK-STS-{run.reference}</MsgId>"
        "<CreDtTm>2026-01-01T08:00:00</CreDtTm></GrpHdr>"
        f"<OrgnlGrpInfAndSts><OrgnlMsgId>{run.message_id}</OrgnlMsgId>"
        "<OrgnlMsgNmId>pain.001.001.03</OrgnlMsgNmId><GrpSts>PART</GrpSts></OrgnlGrpInfAndSts>"
        f"<OrgnlPmtInfAndSts><OrgnlPmtInfId>{run.message_id}-1</OrgnlPmtInfId>{lines}"
        "</OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>"
    ).encode()


def _debit_notification(run: PaymentRun, skip: str = "") -> bytes:
    """The bank's camt.054 booking every line of a run (but `skip`) on its execution date."""
    day = run.execution_date.isoformat() if run.execution_date else ""
    entries = "".join(
        f'<Ntry><Amt Ccy="NOK">{a.amount}.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>'
        f"<Sts>BOOK</Sts><BookgDt><Dt>{day}</Dt></BookgDt><ValDt><Dt>{day}</Dt></ValDt>"
        "<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly>"
        "</Domn></BkTxCd><NtryDtls><TxDtls><Refs>"
        f"<EndToEndId>{a.end_to_end_id}</EndToEndId></Refs></TxDtls></NtryDtls></Ntry>"
        for a in run.attempts.order_by("id")
        if a.end_to_end_id != skip
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">'
        f"<BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>DEMOBANK-DBT-{run.reference}</MsgId>"
        "<CreDtTm>2026-01-01T16:00:00</CreDtTm></GrpHdr>"
        f"<Ntfctn><Id>DEMO-{run.reference}</Id><CreDtTm>2026-01-01T16:00:00</CreDtTm>"
        f"<Acct><Id><Othr><Id>{run.debtor_account}</Id></Othr></Id></Acct>{entries}"
        "</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>"
    ).encode()


def seed_payment_runs(office: Office, preparer: Employee, approver: Employee) -> None:
    """Three runs as an office would have them: one paid and settled three weeks ago, one
    last week with a line the bank rejected (a closed account; it waits for the caseworker),
    and one waiting for approval today, with the payment that goes to a housing cooperative
    since this morning."""
    today = real_now()
    for days_ago, answer in ((21, "settled"), (7, "rejected"), (0, "waiting")):
        when = today - timedelta(days=days_ago)
        if answer == "waiting":
            with clock(when - timedelta(hours=3)):
                seed_recipient_change(office, preparer)
        due_by = timezone.localdate(when) + timedelta(days=2)
        if not payable(office, due_by).exclude(account="").exists():
            continue
        with clock(when):
            run = prepare_run(office=office, due_by=due_by, actor=preparer)
        if answer == "waiting":
            continue
        with clock(when + timedelta(hours=2)):
            run = generate_file(approve_run(run=run, actor=approver))
            run = mark_sent(run=run, actor=approver)
        first = run.attempts.order_by("id").first()
        rejected = first.end_to_end_id if first and answer == "rejected" else ""
        with clock(when + timedelta(days=1)):
            if rejected:
                import_bank_file(content=_status_report(run, rejected), filename="", actor=None)
            import_bank_file(
                content=_debit_notification(run, skip=rejected), filename="", actor=None
            )


def seed_recipient_change(office: Office, caseworker: Employee) -> None:
    """One planned payment (the latest due) paid to a made-up housing cooperative instead,
    with the person's consent and a KID: a change for the leader to review."""
    payment = (
        Payment.objects.filter(office=office, state=PaymentState.PLANNED, method=Method.BANK)
        .order_by("-due_on", "-reference")
        .first()
    )
    if payment is None:
        return
    body = f"{random.Random(payment.reference).randrange(10**9):09d}"
    change_recipient(
        payment=payment,
        actor=caseworker,
        method=Method.BANK,
        other_recipient=True,
        recipient_name="Demo boligbyggelag",
        account=demo_account(random.Random(payment.reference)),
        kid=body + luhn_check_digit(body),
        reason="Husleien betales direkte til utleier etter avtale med personen.",
        consent="Skriftlig samtykke, levert på kontoret.",
    )
