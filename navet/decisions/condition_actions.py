"""Following up the conditions of a made decision (§ 20, § 20 a): the caseworker records
whether a condition was met, on which day and with a note. Each record is kept; the latest
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
from navet.decisions.actions import DecisionError, condition_event
from navet.decisions.models import Condition, ConditionFollowUp, FollowUpResult
from navet.decisions.signals import condition_followed_up


@transaction.atomic
def follow_up_condition(
    *, condition: Condition, result: FollowUpResult, assessed_on: date, note: str, actor: Employee
) -> ConditionFollowUp:
    decision = condition.decision
    if not decision.is_made:
        raise DecisionError(_("Bare vilkår i et fattet vedtak kan følges opp."))
    if decision.made_at is not None and assessed_on < timezone.localdate(decision.made_at):
        raise DecisionError(_("Vilkåret kan ikke være vurdert før vedtaket ble fattet."))
    if result == FollowUpResult.NOT_MET and not note.strip():
        raise DecisionError(_("Skriv hva som ikke er oppfylt."))
    follow_up = ConditionFollowUp.objects.create(
        condition=condition,
        result=result,
        assessed_on=assessed_on,
        note=note.strip(),
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
