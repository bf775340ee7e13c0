"""Conditions (§ 20, § 20 a): adding them to a draft and removing them, and following up
the conditions of a made decision. Following up: the caseworker records whether a condition
was met, on which day and with a note. Each record is kept; the latest
says where the condition stands. A condition not met changes nothing by itself: its
consequence needs a new decision ("Endre vedtak"). innsyn is told (the condition's event
again, with OPPFYLT or IKKE_OPPFYLT), and the plan hears of it (`condition_followed_up`)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee
from navet.decisions.actions import DecisionError, _new_reference, _require_draft, condition_event
from navet.decisions.models import (
    Condition,
    ConditionFollowUp,
    ConditionKind,
    Decision,
    FollowUpResult,
    KostraCondition,
    Sanction,
)
from navet.decisions.signals import condition_followed_up


@transaction.atomic
def follow_up_condition(
    *,
    condition: Condition,
    result: FollowUpResult,
    assessed_on: date,
    note: str,
    actor: Employee,
    sanction: str = "",
) -> ConditionFollowUp:
    """Record whether the condition was met; when not, what follows (KOSTRA's sanction:
    none, a reduction in a new decision, or other consequences)."""
    decision = condition.decision
    if not decision.is_made:
        raise DecisionError(_("Bare vilkår i et fattet vedtak kan følges opp."))
    if decision.made_at is not None and assessed_on < timezone.localdate(decision.made_at):
        raise DecisionError(_("Vilkåret kan ikke være vurdert før vedtaket ble fattet."))
    if result == FollowUpResult.NOT_MET and not note.strip():
        raise DecisionError(_("Skriv hva som ikke er oppfylt."))
    if sanction and sanction not in Sanction.values:
        raise DecisionError(_("Velg hva som blir følgen."))
    follow_up = ConditionFollowUp.objects.create(
        condition=condition,
        result=result,
        assessed_on=assessed_on,
        note=note.strip(),
        sanction=sanction if result == FollowUpResult.NOT_MET else "",
        recorded_by=actor,
    )
    trail.record(
        actor=actor,
        action=AuditAction.CONDITION_FOLLOWED_UP,
        person=decision.case.application.person,
        target=decision,
        data={"condition": condition.reference, "result": str(result)},
    )
    condition_event(condition, status="OPPFYLT" if result == FollowUpResult.MET else "IKKE_OPPFYLT")
    condition_followed_up.send(sender=Condition, follow_up=follow_up, actor=actor)
    return follow_up


@transaction.atomic
def categorise_condition(*, condition: Condition, category: str, actor: Employee) -> None:
    """Give a condition made before KOSTRA categories its category: once, never a change."""
    if condition.kind == ConditionKind.DOCUMENTATION or condition.kostra_category:
        raise DecisionError(_("Vilkåret har allerede en kategori."))
    if category not in KostraCondition.values:
        raise DecisionError(_("Velg hva slags vilkår det er (kategorien i KOSTRA)."))
    changed = Condition.objects.filter(pk=condition.pk, kostra_category="").update(
        kostra_category=category
    )
    if not changed:
        raise DecisionError(_("Vilkåret har allerede en kategori."))
    trail.record(
        actor=actor,
        action=AuditAction.DECISION_CONDITION_CATEGORISED,
        person=condition.decision.case.application.person,
        target=condition.decision,
        data={"condition": condition.reference, "category": category},
    )


@transaction.atomic
def add_condition(
    *,
    decision: Decision,
    kind: str,
    text: str,
    consequence: str,
    actor: Employee,
    deadline: date | None = None,
    kostra_category: str = "",
) -> Condition:
    """A condition in a draft. A § 20 or § 20 a condition carries its KOSTRA category
    (skjema 11F), so the statistics are a by-product of the decision."""
    _require_draft(decision)
    if not text.strip() or not consequence.strip():
        raise DecisionError(_("Et vilkår må ha tekst og hva som skjer hvis det ikke blir oppfylt."))
    if kind == ConditionKind.DOCUMENTATION and deadline is None:
        raise DecisionError(_("Et dokumentasjonskrav må ha frist."))
    if kind == ConditionKind.DOCUMENTATION:
        kostra_category = ""
    elif kostra_category not in KostraCondition.values:
        raise DecisionError(_("Velg hva slags vilkår det er (kategorien i KOSTRA)."))
    condition = Condition.objects.create(
        decision=decision,
        kind=kind,
        text=text.strip(),
        consequence=consequence.strip(),
        deadline=deadline,
        kostra_category=kostra_category,
        reference=_new_reference("V"),
    )
    trail.record(
        actor=actor,
        action=AuditAction.DECISION_CONDITION_ADDED,
        person=decision.case.application.person,
        target=decision,
        data={"kind": kind, "condition": condition.reference},
    )
    return condition


@transaction.atomic
def remove_condition(*, condition: Condition, actor: Employee) -> None:
    decision = condition.decision
    _require_draft(decision)
    reference = condition.reference
    condition.delete()
    trail.record(
        actor=actor,
        action=AuditAction.DECISION_CONDITION_REMOVED,
        person=decision.case.application.person,
        target=decision,
        data={"condition": reference},
    )
