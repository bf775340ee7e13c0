"""Appeals (klage): registered, the office changes its decision or forwards the appeal to
the Statsforvalteren with a letter, and the Statsforvalteren's outcome. Each in one
transaction with its audit event."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.applications.actions import store_document
from navet.applications.models import DocumentKind
from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee
from navet.decisions.actions import DecisionError, change_decision
from navet.decisions.letters import appeal_forwarding_pdf
from navet.decisions.models import (
    Appeal,
    AppealState,
    AuthorityOutcome,
    Decision,
)
from navet.rules.deadlines import appeal_deadline


@transaction.atomic
def register_appeal(
    *, decision: Decision, received_on: date, summary: str, actor: Employee
) -> Appeal:
    if not decision.is_made or decision.made_at is None:
        raise DecisionError(_("Bare et fattet vedtak kan påklages."))
    if received_on > timezone.localdate():
        raise DecisionError(_("Klagen kan ikke være mottatt fram i tid."))
    if received_on < timezone.localdate(decision.made_at):
        raise DecisionError(_("Klagen kan ikke være mottatt før vedtaket ble fattet."))
    deadline = decision.appeal_deadline or appeal_deadline(decision.made_at.date()).deadline
    appeal = Appeal.objects.create(
        decision=decision,
        received_on=received_on,
        deadline=deadline,
        summary=summary.strip(),
        registered_by=actor,
    )
    trail.record(
        actor=actor,
        action=AuditAction.APPEAL_REGISTERED,
        person=decision.case.application.person,
        target=appeal,
        data={"within_deadline": appeal.within_deadline, "received_on": received_on.isoformat()},
    )
    return appeal


@transaction.atomic
def change_after_appeal(*, appeal: Appeal, actor: Employee) -> Decision:
    """The office agrees (fully or partly) and changes its decision: a new draft."""
    if appeal.state != AppealState.RECEIVED:
        raise DecisionError(_("Kontoret har allerede behandlet klagen."))
    draft = change_decision(decision=appeal.decision, actor=actor)
    appeal.state = AppealState.CHANGED
    appeal.new_decision = draft
    appeal.save(update_fields=["state", "new_decision"])
    trail.record(
        actor=actor,
        action=AuditAction.APPEAL_CHANGED_BY_OFFICE,
        person=appeal.decision.case.application.person,
        target=appeal,
        data={"new_decision": str(draft.pk)},
    )
    return draft


@transaction.atomic
def forward_appeal(*, appeal: Appeal, assessment: str, actor: Employee) -> Appeal:
    """The office upholds its decision and sends the appeal to the Statsforvalteren with a
    forwarding letter (a copy goes to the appellant)."""
    if appeal.state != AppealState.RECEIVED:
        raise DecisionError(_("Kontoret har allerede behandlet klagen."))
    if not assessment.strip():
        raise DecisionError(_("Skriv kontorets vurdering av klagen."))
    appeal.office_assessment = assessment.strip()
    appeal.forwarded_on = timezone.localdate()
    rendered = appeal_forwarding_pdf(appeal, actor=actor)
    case = appeal.decision.case
    appeal.forwarding_letter = store_document(
        application=case.application,
        case=case,
        kind=DocumentKind.APPEAL_FORWARDING,
        title=rendered.title,
        language=rendered.language,
        pdf=rendered.pdf,
        actor=actor,
    )
    appeal.state = AppealState.FORWARDED
    appeal.save(update_fields=["office_assessment", "forwarded_on", "forwarding_letter", "state"])
    trail.record(
        actor=actor,
        action=AuditAction.APPEAL_FORWARDED,
        person=case.application.person,
        target=appeal,
        data={"letter": str(appeal.forwarding_letter.pk)},
    )
    return appeal


@transaction.atomic
def record_authority_outcome(
    *, appeal: Appeal, outcome: str, decided_on: date, actor: Employee
) -> Appeal:
    if appeal.state != AppealState.FORWARDED:
        raise DecisionError(
            _(
                "Bare en klage som er sendt til Statsforvalteren, kan få "
                "Statsforvalterens avgjørelse."
            )
        )
    if outcome not in AuthorityOutcome.values:
        raise DecisionError(_("Ukjent utfall."))
    if decided_on < (appeal.forwarded_on or decided_on):
        raise DecisionError(_("Avgjørelsen kan ikke komme før klagen ble sendt."))
    appeal.authority_outcome = outcome
    appeal.authority_decided_on = decided_on
    appeal.state = AppealState.CLOSED
    appeal.save(update_fields=["authority_outcome", "authority_decided_on", "state"])
    trail.record(
        actor=actor,
        action=AuditAction.APPEAL_AUTHORITY_OUTCOME,
        person=appeal.decision.case.application.person,
        target=appeal,
        data={"outcome": outcome},
    )
    return appeal
