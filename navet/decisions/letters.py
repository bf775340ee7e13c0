"""The decision letter and the appeal forwarding letter: from the models to the letter
content, then to PDF/A by `navet.letters`. The preview on the decision tab uses the same
content, so what the caseworker reads is what the person gets."""

from __future__ import annotations

from datetime import date

from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from navet.applications.letters import letter_language, office_info, recipient
from navet.core.models import Employee
from navet.decisions.models import (
    Appeal,
    ConditionKind,
    Decision,
    Form,
    LegalBasis,
    Outcome,
    RefusalGround,
)
from navet.decisions.office_settings import responsible_name
from navet.decisions.snapshot import CalculationSnapshot
from navet.formats import format_amount
from navet.letters.content import (
    AppealForwardingLetter,
    CalculationRow,
    ConditionText,
    DecisionLetter,
    Language,
    Recipient,
)
from navet.letters.content import Outcome as LetterOutcome
from navet.letters.render import (
    RenderedLetter,
    render_appeal_forwarding,
    render_decision_letter,
)
from navet.rules.deadlines import appeal_deadline

GRANTING = (Outcome.GRANTED, Outcome.PARTLY_GRANTED)
OUTCOMES: dict[str, LetterOutcome] = {
    Outcome.GRANTED: "granted",
    Outcome.PARTLY_GRANTED: "partly_granted",
    Outcome.REFUSED: "refused",
    Outcome.DISMISSED: "dismissed",
}


def legal_basis(decision: Decision) -> tuple[str, ...]:
    references = [
        "sosialtjenesteloven § 19"
        if decision.legal_basis == LegalBasis.SPECIAL
        else "sosialtjenesteloven § 18"
    ]
    kinds = {c.kind for c in decision.conditions.all()}  # a page's prefetch serves them
    if kinds - {ConditionKind.ACTIVITY}:
        references.append("sosialtjenesteloven § 20")
    if ConditionKind.ACTIVITY in kinds:
        references.append("sosialtjenesteloven § 20 a")
    if decision.form == Form.LOAN and decision.outcome in (
        Outcome.GRANTED,
        Outcome.PARTLY_GRANTED,
    ):
        references.append("sosialtjenesteloven § 21")
    return tuple(references)


def calculation_rows(snapshot: CalculationSnapshot) -> tuple[CalculationRow, ...]:
    rows = [
        CalculationRow(
            text=line.text,
            amount=line.amount,
            kind=line.kind,
        )
        for line in snapshot.lines
    ]
    language = snapshot.language or "nb"
    with translation.override(language):
        rows.extend(
            CalculationRow(
                text=gettext("Avvik: %(line)s, %(calculated)s endret til %(amount)s. %(reason)s")
                % {
                    "line": d.text,
                    "calculated": format_amount(d.calculated, language),
                    "amount": format_amount(d.amount, language),
                    "reason": d.reason,
                },
                # The row's amount is what the deviation changes, with its sign.
                amount=d.change,
                kind="deviation",
            )
            for d in snapshot.deviations
        )
    return tuple(rows)


def calculation_total(snapshot: CalculationSnapshot) -> int | None:
    """The result a reader needs below the table: after deviations, or over several months
    (each month's lines end with that month's result only); None when the last line says it."""
    if snapshot.failed or not snapshot.lines:
        return None
    months = sum(1 for line in snapshot.lines if line.key == "month.assistance")
    if snapshot.deviations or months > 1:
        return snapshot.assistance
    return None


def payment_recipient(decision: Decision) -> str:
    if decision.recipient == "other" and decision.recipient_name:
        return decision.recipient_name
    return decision.case.application.person.full_name


def decision_letter_content(
    decision: Decision,
    *,
    letter_date: date,
    caseworker: Employee,
    language: Language | None = None,
    responsible: str | None = None,
) -> DecisionLetter:
    """`responsible` is the office's responsible_name() where a page previewing several
    letters has read it once."""
    application = decision.case.application
    person = application.person
    replaces = decision.replaces
    return DecisionLetter(
        language=language or letter_language(person),
        office=office_info(application.office),
        recipient=recipient(person),
        letter_date=letter_date,
        reference=decision.reference,
        case_title=decision.case.title,
        applied_for=application.applied_for,
        outcome=OUTCOMES[Outcome(decision.outcome)] if decision.outcome else "refused",
        form="loan" if decision.form == Form.LOAN else "grant",
        amount=decision.amount,
        period_from=decision.period_from,
        period_to=decision.period_to,
        payment_recipient=payment_recipient(decision),
        legal_basis=legal_basis(decision),
        facts=tuple(
            line.strip() for line in decision.facts_that_mattered.splitlines() if line.strip()
        ),
        considerations=decision.considerations,
        children_assessment=decision.children_assessment,
        calculation=calculation_rows(decision.snapshot),
        conditions=tuple(
            ConditionText(
                text=c.text, consequence=c.consequence, is_activity=c.kind == ConditionKind.ACTIVITY
            )
            for c in decision.conditions.all()
        ),
        no_activity_conditions_reason=decision.no_activity_conditions_reason,
        appeal_deadline=decision.appeal_deadline or appeal_deadline(letter_date).deadline,
        caseworker_name=caseworker.name,
        responsible_name=decision.responsible_name
        or (_responsible(decision) if responsible is None else responsible),
        replaces_reference=replaces.reference if replaces else "",
        calculation_total=calculation_total(decision.snapshot),
        amount_reason=decision.amount_reason.strip() if decision.outcome in GRANTING else "",
        income_above_need=decision.outcome == Outcome.REFUSED
        and decision.refusal_ground == RefusalGround.INCOME_ABOVE_NEED,
    )


def _responsible(decision: Decision) -> str:
    return responsible_name(decision.case)


def decision_letter_pdf(
    decision: Decision, *, letter_date: date, actor: Employee, language: Language | None = None
) -> RenderedLetter:
    return render_decision_letter(
        decision_letter_content(
            decision, letter_date=letter_date, caseworker=actor, language=language
        )
    )


def appeal_forwarding_pdf(appeal: Appeal, *, actor: Employee) -> RenderedLetter:
    decision = appeal.decision
    application = decision.case.application
    person = application.person
    assert decision.made_at is not None
    language = letter_language(person)
    documents = [decision.letter.title] if decision.letter else []
    # Names in the letter's language: nynorsk "Statsforvaltaren" and "Klaga".
    with translation.override(language):
        statsforvalteren = gettext("Statsforvalteren")
        the_appeal = pgettext("enclosure", "Klagen")
    return render_appeal_forwarding(
        AppealForwardingLetter(
            language=language,
            office=office_info(application.office),
            recipient=Recipient(name=statsforvalteren, address_lines=()),
            appellant_name=person.full_name,
            letter_date=timezone.localdate(),
            reference=decision.reference,
            decision_date=timezone.localdate(decision.made_at),
            decision_reference=decision.reference,
            appeal_received_on=appeal.received_on,
            within_deadline=appeal.within_deadline,
            appeal_summary=appeal.summary,
            office_assessment=appeal.office_assessment,
            enclosures=(*documents, the_appeal),
            caseworker_name=actor.name,
            responsible_name=decision.responsible_name,
        )
    )
