"""What happens when a caseworker assesses a case and a decision is made.

`make_decision` is the one way a decision becomes final: it checks that nothing blocks it
(children's situation, § 20 a, a complete outcome), freezes the calculation with its rates
and inputs, writes the letter, tells innsyn and closes the application when every case is
done. With four eyes, `propose_decision` hands it to the office's approvers, and only
someone else than the proposer may approve it.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.applications.actions import (
    CaseworkError,
    close_if_finished,
    deadline_moment,
    store_document,
)
from navet.applications.innsyn import append_event, file_reference
from navet.applications.models import Case, CaseStatus, Document, DocumentKind
from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee
from navet.decisions.calculation import amount_problems, calculate
from navet.decisions.letters import decision_letter_pdf
from navet.decisions.models import (
    Appeal,
    Condition,
    ConditionKind,
    Decision,
    DecisionReturn,
    DecisionSettings,
    DecisionState,
    Deviation,
    Form,
    MunicipalRateSet,
    Outcome,
    StateRateSet,
)
from navet.decisions.office_settings import responsible_name, settings_for
from navet.decisions.signals import decision_made
from navet.rules.dates import add_months
from navet.rules.deadlines import appeal_deadline

ACTIVITY_AGE_LIMIT = 30
GRANTING = (Outcome.GRANTED, Outcome.PARTLY_GRANTED)
ASSESSMENT_FIELDS = (
    "legal_basis",
    "period_from",
    "period_to",
    "facts_that_mattered",
    "considerations",
    "children_assessment",
    "no_activity_conditions_reason",
    "activity_exemption",
    "outcome",
    "form",
    "amount",
    "amount_reason",
    "refusal_ground",
    "recipient",
    "recipient_name",
    "recipient_account",
    "recipient_kid",
    "recipient_consent",
)


class DecisionError(CaseworkError):
    """The decision cannot take this step; the message says why."""


class FourEyesError(DecisionError):
    """Approval by the one who proposed, or making a decision that needs approval."""


def _require_draft(decision: Decision) -> None:
    if decision.state != DecisionState.DRAFT:
        raise DecisionError(_("Bare et utkast kan endres. Dette vedtaket er ikke et utkast."))


@transaction.atomic
def start_decision(*, case: Case, actor: Employee, replaces: Decision | None = None) -> Decision:
    """A draft for the case; a change of a made decision starts from a copy of it."""
    if case.status != CaseStatus.IN_PROGRESS:
        raise DecisionError(_("Saken er ikke under behandling."))
    existing = case.decisions.drafts().first()
    if existing is not None:
        return existing
    if replaces is None and case.decisions.made().exists():
        raise DecisionError(_("Saken har vedtak. Endre det med et nytt vedtak."))
    application = case.application
    decision = Decision(case=case, drafted_by=actor, replaces=replaces)
    decision.assign_reference()
    if replaces is not None:
        if replaces.case_id != case.pk or not replaces.is_made:
            raise DecisionError(_("Bare et fattet vedtak i denne saken kan endres."))
        for field in ASSESSMENT_FIELDS:
            setattr(decision, field, getattr(replaces, field))
    else:
        received = timezone.localdate(application.received_at)
        decision.period_from = received
        decision.period_to = _month_end(received.replace(day=1))
    decision.save()
    if replaces is not None:
        for condition in replaces.conditions.all():
            Condition.objects.create(
                decision=decision,
                kind=condition.kind,
                text=condition.text,
                consequence=condition.consequence,
                deadline=condition.deadline,
                kostra_category=condition.kostra_category,
                reference=_new_reference("V"),
            )
    decision.calculation = calculate(decision).to_json()
    decision.save(update_fields=["calculation"])
    trail.record(
        actor=actor,
        action=AuditAction.DECISION_DRAFTED,
        person=application.person,
        target=decision,
        data={"case": str(case.pk), "replaces": str(replaces.pk) if replaces else None},
    )
    return decision


@transaction.atomic
def discard_draft(*, decision: Decision, actor: Employee) -> None:
    """Throw a draft away: nothing was sent, so nothing is kept but the audit event (with
    the reference, which is not used again). A draft an appeal asked for stays."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    _require_draft(decision)
    if Appeal.objects.filter(new_decision=decision).exists():
        raise DecisionError(
            _("Utkastet er laget fordi kontoret gir klageren medhold, og kan ikke forkastes.")
        )
    trail.record(
        actor=actor,
        action=AuditAction.DECISION_DRAFT_DISCARDED,
        person=decision.case.application.person,
        target=decision,
        data={"reference": decision.reference, "case": str(decision.case_id)},
    )
    decision.delete()


def _month_end(first: date) -> date:
    return add_months(first, 1) - timedelta(days=1)


def _new_reference(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(6)}"


@transaction.atomic
def update_assessment(
    *, decision: Decision, actor: Employee, changes: Mapping[str, Any]
) -> list[str]:
    """Save the assessment fields the caseworker changed and recalculate."""
    _require_draft(decision)
    changed = [f for f in ASSESSMENT_FIELDS if f in changes and getattr(decision, f) != changes[f]]
    for field in changed:
        setattr(decision, field, changes[field])
    decision.calculation = calculate(decision).to_json()
    decision.save(update_fields=[*changed, "calculation"])
    trail.record(
        actor=actor,
        action=AuditAction.DECISION_ASSESSMENT_CHANGED,
        person=decision.case.application.person,
        target=decision,
        data={"fields": changed},
    )
    return changed


@transaction.atomic
def set_deviation(
    *, decision: Decision, line: str, amount: int, reason: str, actor: Employee
) -> Deviation:
    """The caseworker's own amount for one calculation line; the reason is mandatory."""
    _require_draft(decision)
    if not reason.strip():
        raise DecisionError(_("Et avvik må begrunnes."))
    calculated = decision.snapshot.line(line)
    if calculated is None:
        raise DecisionError(_("Beregningen har ikke denne linjen."))
    deviation, _created = Deviation.objects.update_or_create(
        decision=decision,
        line_key=line,
        defaults={
            "line_text": calculated.text[:300],
            "calculated": calculated.amount,
            "amount": amount,
            "reason": reason.strip(),
        },
    )
    decision.calculation = calculate(decision).to_json()
    decision.save(update_fields=["calculation"])
    trail.record(
        actor=actor,
        action=AuditAction.DECISION_DEVIATION_SET,
        person=decision.case.application.person,
        target=decision,
        data={"line": line, "calculated": deviation.calculated, "amount": amount},
    )
    return deviation


@transaction.atomic
def remove_deviation(*, decision: Decision, line: str, actor: Employee) -> None:
    _require_draft(decision)
    decision.deviations.filter(line_key=line).delete()
    decision.calculation = calculate(decision).to_json()
    decision.save(update_fields=["calculation"])
    trail.record(
        actor=actor,
        action=AuditAction.DECISION_DEVIATION_REMOVED,
        person=decision.case.application.person,
        target=decision,
        data={"line": line},
    )


def applicant_age(decision: Decision) -> int:
    person = decision.case.application.person
    return person.age_on(decision.period_from or timezone.localdate())


def blockers(decision: Decision, *, responsible: str | None = None) -> list[str]:
    """Why the decision cannot be made yet, as sentences for the caseworker. Empty = ready.
    `responsible` is the office's responsible_name() where a page has read it once for
    all its cases; the conditions are read through decision.conditions.all(), so a page's
    prefetch serves them."""
    found: list[str] = []
    application = decision.case.application
    if not decision.outcome:
        found.append(_("Velg utfall."))
    if decision.outcome in GRANTING:
        if not decision.amount:
            found.append(_("Skriv beløpet som innvilges."))
        if decision.period_from is None or decision.period_to is None:
            found.append(_("Skriv perioden vedtaket gjelder for."))
        if not decision.form:
            found.append(_("Velg om stønaden er bidrag eller lån."))
        if applicant_age(decision) < ACTIVITY_AGE_LIMIT and not (
            any(c.kind == ConditionKind.ACTIVITY for c in decision.conditions.all())
            or decision.no_activity_conditions_reason.strip()
        ):
            found.append(
                _(
                    "Søkeren er under 30 år: sett aktivitetsvilkår (§ 20 a), eller skriv de "
                    "tungtveiende grunnene for ikke å gjøre det."
                )
            )
    elif decision.outcome and decision.conditions.exists():
        found.append(_("Et avslag eller en avvisning har ingen vilkår: fjern vilkårene."))
    if application.children and not decision.children_assessment.strip():
        found.append(_("Husstanden har barn: vurder og skriv ned barnas situasjon."))
    if (
        decision.outcome
        and decision.outcome != Outcome.GRANTED
        and not decision.considerations.strip()
    ):
        found.append(_("Skriv hovedhensynene i vurderingen (begrunnelsen)."))
    if not (responsible_name(decision.case) if responsible is None else responsible):
        found.append(
            _(
                "Kontoret har ingen ansvarlig leder å oppgi i vedtaket: "
                "be en administrator sette det."
            )
        )
    if decision.snapshot.failed and decision.outcome in GRANTING:
        found.append(_("Beregningen kan ikke gjøres: rett opplysningene eller perioden."))
    found.extend(amount_problems(decision))
    return found


def needs_second_approval(decision: Decision) -> bool:
    return settings_for(decision.case).requires_second_approval(decision.amount)


@transaction.atomic
def propose_decision(*, decision: Decision, actor: Employee) -> Decision:
    """Make the decision, or with four eyes, send it to a second caseworker."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    _require_draft(decision)
    # Checked against the calculation as it is now (the facts may have changed since the
    # draft was last saved), the one the letter will show.
    decision.calculation = calculate(decision).to_json()
    found = blockers(decision)
    if found:
        raise DecisionError(" ".join(found))
    if not needs_second_approval(decision):
        return _make(decision=decision, actor=actor, approver=None)
    decision.state = DecisionState.PROPOSED
    decision.proposed_by = actor
    decision.proposed_at = timezone.now()
    decision.save(update_fields=["state", "proposed_by", "proposed_at", "calculation"])
    trail.record(
        actor=actor,
        action=AuditAction.DECISION_PROPOSED,
        person=decision.case.application.person,
        target=decision,
        data={"amount": decision.amount},
    )
    return decision


@transaction.atomic
def approve_decision(*, decision: Decision, actor: Employee) -> Decision:
    """The approval by an authorised employee of the office (`may_approve_decisions`):
    never the one who proposed."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.state != DecisionState.PROPOSED:
        raise DecisionError(_("Bare et vedtak som venter på godkjenning, kan godkjennes."))
    if decision.proposed_by_id == actor.pk:
        raise FourEyesError(_("Den som foreslo vedtaket, kan ikke godkjenne det selv."))
    if (
        not actor.may_approve_decisions
        or decision.case.application.office_id not in actor.office_ids()
    ):
        raise FourEyesError(
            _("Bare en ansatt ved kontoret med fullmakt til å godkjenne vedtak kan godkjenne.")
        )
    decision.calculation = calculate(decision).to_json()
    found = blockers(decision)
    if found:
        raise DecisionError(" ".join(found))
    return _make(decision=decision, actor=actor, approver=actor)


@transaction.atomic
def return_decision(*, decision: Decision, actor: Employee, note: str) -> DecisionReturn:
    """Send a proposed decision back to draft, with what should change. The note is kept
    (each time it is sent back) for the caseworker to read; the audit trail gets its
    length and row, not the free text, like every other free text in the trail."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.state != DecisionState.PROPOSED:
        raise DecisionError(_("Bare et vedtak som venter på godkjenning, kan sendes tilbake."))
    if not note.strip():
        raise DecisionError(_("Skriv hva som må endres."))
    decision.state = DecisionState.DRAFT
    decision.save(update_fields=["state"])
    sent_back = DecisionReturn.objects.create(
        decision=decision, note=note.strip(), returned_by=actor, returned_at=timezone.now()
    )
    trail.record(
        actor=actor,
        action=AuditAction.DECISION_RETURNED,
        person=decision.case.application.person,
        target=decision,
        data={"note_length": len(sent_back.note), "note": sent_back.pk},
    )
    return sent_back


def _make(*, decision: Decision, actor: Employee, approver: Employee | None) -> Decision:
    case = decision.case
    application = case.application
    today = timezone.localdate()
    # Both callers have just calculated it and checked the decision against it.
    decision.calculation = replace(decision.snapshot, frozen_at=timezone.now()).to_json()
    decision.appeal_deadline = appeal_deadline(today).deadline
    decision.responsible_name = responsible_name(case)
    decision.made_by = actor
    decision.approved_by = approver
    if decision.proposed_by is None:
        decision.proposed_by = actor
        decision.proposed_at = timezone.now()
    if decision.outcome not in GRANTING:
        decision.amount = None
        decision.form = decision.form or Form.GRANT
    rendered = decision_letter_pdf(decision, letter_date=today, actor=actor)
    decision.letter = store_document(
        application=application,
        case=case,
        kind=DocumentKind.DECISION,
        title=rendered.title,
        language=rendered.language,
        pdf=rendered.pdf,
        actor=actor,
    )
    decision.made_at = timezone.now()
    decision.state = DecisionState.MADE
    decision.save()
    _tell_innsyn(decision)
    trail.record(
        actor=actor,
        action=AuditAction.DECISION_MADE,
        person=application.person,
        target=decision,
        data={
            "outcome": decision.outcome,
            "amount": decision.amount,
            "approved_by": approver.pk if approver else None,
            "replaces": str(decision.replaces_id) if decision.replaces_id else None,
            "letter": str(decision.letter.pk),
        },
    )
    close_if_finished(application=application, actor=actor)
    decision_made.send(sender=Decision, decision=decision, actor=actor)
    return decision


def _tell_innsyn(decision: Decision) -> None:
    """vedtakFattet, then the conditions; a changed decision annuls the old conditions."""
    case = decision.case
    application = case.application
    assert decision.letter is not None
    append_event(
        application,
        "vedtakFattet",
        saksreferanse=case.reference,
        utfall=decision.outcome,
        vedtaksfil={"referanse": file_reference(decision.letter.pk)},
    )
    if decision.replaces is not None:
        for old in decision.replaces.conditions.all():
            condition_event(old, status="ANNULLERT")
    for condition in decision.conditions.all():
        condition_event(condition, status="RELEVANT")


def condition_event(condition: Condition, *, status: str) -> None:
    """The condition's innsyn event (vilkar or dokumentasjonkrav) with this status."""
    case = condition.decision.case
    if condition.kind == ConditionKind.DOCUMENTATION:
        append_event(
            case.application,
            "dokumentasjonkrav",
            dokumentasjonkravreferanse=condition.reference,
            saksreferanse=case.reference,
            tittel=condition.text[:200],
            beskrivelse=condition.consequence,
            frist=deadline_moment(condition.deadline) if condition.deadline else None,
            status=status,
        )
    else:
        append_event(
            case.application,
            "vilkar",
            vilkarreferanse=condition.reference,
            saksreferanse=case.reference,
            tittel=condition.text[:200],
            beskrivelse=condition.consequence,
            status=status,
        )


@transaction.atomic
def change_decision(*, decision: Decision, actor: Employee) -> Decision:
    """A made decision is never edited: a change is a new draft that replaces it."""
    if not decision.is_made:
        raise DecisionError(_("Bare et fattet vedtak kan endres med et nytt vedtak."))
    return start_decision(case=decision.case, actor=actor, replaces=decision)


@transaction.atomic
def attach_english_translation(*, decision: Decision, actor: Employee) -> Document:
    """The decision letter in English, on request, as a translation attached to the
    Norwegian letter (which is the one that applies). Made once; asking again gives it."""
    if not decision.is_made or decision.letter is None or decision.made_at is None:
        raise DecisionError(_("Bare et fattet vedtak har et brev å oversette."))
    existing = decision.letter.translations.filter(language="en").first()
    if existing is not None:
        return existing
    made_by = decision.made_by or actor
    rendered = decision_letter_pdf(
        decision, letter_date=timezone.localdate(decision.made_at), actor=made_by, language="en"
    )
    return store_document(
        application=decision.case.application,
        case=decision.case,
        kind=DocumentKind.TRANSLATION,
        title=rendered.title,
        language="en",
        pdf=rendered.pdf,
        actor=actor,
        translation_of=decision.letter,
    )


# --- the administrator's rates and office settings -------------------------------------


@transaction.atomic
def add_rate_set(*, rate_set: MunicipalRateSet, actor: Employee) -> MunicipalRateSet:
    """A municipality's own § 18 rates from a date, entered by hand with their source."""
    rate_set.created_by = actor
    rate_set.full_clean()
    rate_set.save(force_insert=True)
    trail.record(
        actor=actor,
        action=AuditAction.RATES_MUNICIPAL_ADDED,
        target=rate_set,
        data={
            "municipality": rate_set.municipality_number,
            "valid_from": rate_set.valid_from.isoformat(),
            "source": rate_set.source,
        },
    )
    return rate_set


@transaction.atomic
def add_state_rate_set(*, rate_set: StateRateSet, actor: Employee) -> StateRateSet:
    """The state's guideline rates from a date Navet does not ship, from the rundskriv."""
    rate_set.created_by = actor
    rate_set.full_clean()
    rate_set.save(force_insert=True)
    trail.record(
        actor=actor,
        action=AuditAction.RATES_STATE_ADDED,
        target=rate_set,
        data={"valid_from": rate_set.valid_from.isoformat(), "source": rate_set.source},
    )
    return rate_set


@transaction.atomic
def save_decision_settings(*, settings: DecisionSettings, actor: Employee) -> DecisionSettings:
    """Four eyes and the letterhead details of one office."""
    created = settings.pk is None
    settings.full_clean()
    if created:
        settings.save(force_insert=True)
    else:
        settings.save(update_fields=["four_eyes", "four_eyes_above", "responsible_name"])
    trail.record(
        actor=actor,
        action=AuditAction.DECISION_SETTINGS_CHANGED,
        target=settings,
        data={
            "office": settings.office_id,
            "four_eyes": settings.four_eyes,
            "four_eyes_above": settings.four_eyes_above,
        },
    )
    return settings
