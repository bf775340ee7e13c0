"""The plan's state changes: the goal, activities proposed, edited, moved and agreed, and
the conditions of decisions coming into the plan. Each runs in a transaction with its audit
event; each change of an activity is a version. A change made from an older version than
the newest is refused (StaleVersion), never a silent overwrite."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee
from navet.decisions.models import Condition, ConditionFollowUp, Decision, FollowUpResult
from navet.followup.actions import StaleVersion, ensure_follow_up
from navet.followup.models import (
    ENDED,
    PERSON_KINDS,
    Activity,
    ActivityChange,
    ActivityKind,
    ActivityPlan,
    ActivityStatus,
    ActivityVersion,
    Author,
    Goal,
)
from navet.people.models import Person


class PlanRefused(Exception):
    """The change is not allowed (who may change what); the message says why."""


def _plan_of(person: Person, *, by_office: bool = True) -> ActivityPlan:
    """The person's plan. Work by the office puts the person in follow-up; the person's
    own writing in the portal does not (an ended follow-up stays ended)."""
    if by_office:
        ensure_follow_up(person)
    plan, _created = ActivityPlan.objects.get_or_create(
        person=person, defaults={"created_at": timezone.now()}
    )
    return plan


def _record(
    action: AuditAction,
    employee: Employee | None,
    person: Person,
    target: Any,
    *,
    author: str = "",
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> None:
    trail.record(
        actor=employee,
        actor_label=trail.CITIZEN_ACTOR if author == Author.PERSON else "",
        action=action,
        person=person,
        target=target,
        reason=reason,
        data=data,
    )


def _author(employee: Employee | None) -> Author:
    return Author.STAFF if employee is not None else Author.PERSON


# --- the goal --------------------------------------------------------------------------


@transaction.atomic
def set_goal(
    *, person: Person, text: str, read_number: int, employee: Employee | None = None
) -> Goal:
    """A new goal text (a staff member's when `employee` is given, else the person's own).
    `read_number` is the goal the writer saw (0 for none)."""
    plan = (
        ActivityPlan.objects.select_for_update()
        .filter(pk=_plan_of(person, by_office=employee is not None).pk)
        .get()
    )
    newest = plan.goals.order_by("-number").first()
    current = newest.number if newest is not None else 0
    if current != read_number:
        raise StaleVersion(
            _("Målet er endret av noen andre siden du åpnet siden. Les det nye målet først.")
        )
    goal = Goal.objects.create(
        plan=plan,
        number=current + 1,
        text=text,
        author=_author(employee),
        written_by=employee,
        written_at=timezone.now(),
    )
    _record(
        AuditAction.PLAN_GOAL_SET,
        employee,
        person,
        plan,
        author=goal.author,
        data={"number": goal.number},
    )
    return goal


# --- activities ------------------------------------------------------------------------


def _version(
    activity: Activity,
    change: ActivityChange,
    author: str,
    employee: Employee | None,
    previous_status: str = "",
) -> ActivityVersion:
    return ActivityVersion.objects.create(
        activity=activity,
        number=activity.version,
        change=change,
        author=author,
        employee=employee,
        at=activity.changed_at,
        title=activity.title,
        description=activity.description,
        from_date=activity.from_date,
        to_date=activity.to_date,
        status=activity.status,
        previous_status=previous_status,
        end_reason=activity.end_reason,
    )


def _check_dates(from_date: date | None, to_date: date | None) -> None:
    if from_date and to_date and to_date < from_date:
        raise PlanRefused(_("Fristen kan ikke være før fra-datoen."))


@transaction.atomic
def add_activity(
    *,
    person: Person,
    kind: str,
    title: str,
    description: str = "",
    from_date: date | None = None,
    to_date: date | None = None,
    employee: Employee | None = None,
    agreed: bool = False,
) -> Activity:
    """A staff member adds a planned activity (agreed if they say so); the person proposes
    one of the kinds they may (egenaktivitet, jobbsøking, behandling), as a proposal."""
    if kind == ActivityKind.CONDITION:
        raise PlanRefused(_("Vilkår kommer inn i planen fra vedtaket."))
    if employee is None and kind not in PERSON_KINDS:
        raise PlanRefused(_("Denne typen aktivitet kan bare Nav legge inn."))
    _check_dates(from_date, to_date)
    now = timezone.now()
    author = _author(employee)
    activity = Activity.objects.create(
        plan=_plan_of(person, by_office=employee is not None),
        kind=kind,
        title=title,
        description=description,
        from_date=from_date,
        to_date=to_date,
        status=ActivityStatus.PLANNED if employee is not None else ActivityStatus.PROPOSED,
        agreed_at=now if employee is not None and agreed else None,
        created_by=author,
        created_at=now,
        changed_at=now,
    )
    _version(activity, ActivityChange.CREATED, author, employee)
    _record(
        AuditAction.ACTIVITY_ADDED,
        employee,
        person,
        activity,
        author=author,
        data={"kind": kind, "agreed": activity.is_agreed},
    )
    return activity


def _locked(activity: Activity, read_version: int) -> Activity:
    locked = Activity.objects.select_for_update().select_related("plan__person").get(pk=activity.pk)
    if locked.version != read_version:
        raise StaleVersion(
            _(
                "Aktiviteten er endret av noen andre siden du åpnet den (nå versjon "
                "%(version)s). Se den nye versjonen og gjør endringen på nytt."
            )
            % {"version": locked.version}
        )
    if locked.status in ENDED:
        raise PlanRefused(
            _("Aktiviteten er fullført eller avbrutt og kan ikke endres. Legg inn en ny.")
        )
    return locked


def may_person_edit(activity: Activity) -> bool:
    return activity.kind in PERSON_KINDS and not activity.is_agreed and not activity.is_ended


def may_person_move(activity: Activity) -> bool:
    return activity.kind in PERSON_KINDS and not activity.is_ended


@transaction.atomic
def edit_activity(
    *,
    activity: Activity,
    read_version: int,
    title: str,
    description: str,
    from_date: date | None,
    to_date: date | None,
    employee: Employee | None = None,
) -> Activity:
    locked = _locked(activity, read_version)
    if locked.kind == ActivityKind.CONDITION:
        raise PlanRefused(_("Et vilkår endres bare med et nytt vedtak."))
    if employee is None and not may_person_edit(locked):
        raise PlanRefused(
            _("Aktiviteten er avtalt med Nav. Du kan endre status, men ikke innholdet.")
            if locked.is_agreed
            else _("Denne aktiviteten kan bare Nav endre.")
        )
    _check_dates(from_date, to_date)
    locked.title, locked.description = title, description
    locked.from_date, locked.to_date = from_date, to_date
    return _save(locked, ActivityChange.EDITED, employee)


@transaction.atomic
def move_activity(
    *,
    activity: Activity,
    read_version: int,
    status: str,
    reason: str = "",
    employee: Employee | None = None,
) -> Activity:
    """Forslag → planlagt → gjennomføres → fullført / avbrutt; avbrutt needs a reason, and
    fullført or avbrutt locks the activity."""
    locked = _locked(activity, read_version)
    if locked.kind == ActivityKind.CONDITION:
        raise PlanRefused(_("Et vilkår følges opp på vedtaket: oppfylt eller ikke oppfylt."))
    if employee is None and not may_person_move(locked):
        raise PlanRefused(_("Denne aktiviteten kan bare Nav endre."))
    if status == ActivityStatus.CANCELLED and not reason.strip():
        raise PlanRefused(_("Skriv hvorfor aktiviteten avbrytes."))
    if status == ActivityStatus.PROPOSED and locked.is_agreed:
        raise PlanRefused(_("En avtalt aktivitet er ikke lenger et forslag."))
    if status == locked.status:
        return locked
    previous = locked.status
    locked.status = status
    locked.end_reason = reason.strip() if status in ENDED else ""
    return _save(locked, ActivityChange.STATUS, employee, previous_status=previous)


@transaction.atomic
def agree_activity(*, activity: Activity, read_version: int, employee: Employee) -> Activity:
    """Avtalt med Nav: only staff; from then on the person can move it but not change it."""
    locked = _locked(activity, read_version)
    if locked.is_agreed:
        return locked
    locked.agreed_at = timezone.now()
    previous = locked.status
    if locked.status == ActivityStatus.PROPOSED:
        locked.status = ActivityStatus.PLANNED
    return _save(locked, ActivityChange.AGREED, employee, previous_status=previous)


_CHANGE_ACTIONS = {
    ActivityChange.EDITED: AuditAction.ACTIVITY_EDITED,
    ActivityChange.STATUS: AuditAction.ACTIVITY_MOVED,
    ActivityChange.AGREED: AuditAction.ACTIVITY_AGREED,
}


def _save(
    activity: Activity,
    change: ActivityChange,
    employee: Employee | None,
    *,
    previous_status: str = "",
    author: str = "",
) -> Activity:
    author = author or _author(employee)
    activity.version += 1
    activity.changed_at = timezone.now()
    activity.save()
    _version(activity, change, author, employee, previous_status)
    _record(
        _CHANGE_ACTIONS[change],
        employee,
        activity.plan.person,
        activity,
        author=author,
        reason=activity.end_reason if change == ActivityChange.STATUS else "",
        data={"version": activity.version, "status": activity.status},
    )
    return activity


# --- conditions of decisions ------------------------------------------------------------


def conditions_into_plan(*, decision: Decision, **_signal: Any) -> None:
    """The `decision_made` receiver: every condition of the decision is an activity of kind
    "vilkår" in the person's plan, agreed (it is decided), with its deadline; the
    conditions of the decision it replaces are stopped, with that as the reason."""
    person = decision.case.application.person
    now = timezone.now()
    if decision.replaces_id is not None:
        stale = Activity.objects.select_for_update().filter(
            condition__decision_id=decision.replaces_id
        )
        for old in stale.exclude(status__in=ENDED).select_related("plan__person"):
            previous = old.status
            old.status = ActivityStatus.CANCELLED
            old.end_reason = _("Erstattet av et nytt vedtak.")
            _save(old, ActivityChange.STATUS, None, previous_status=previous, author=Author.SYSTEM)
    conditions: list[Condition] = list(decision.conditions.all())
    if not conditions:
        return
    plan = _plan_of(person)
    for condition in conditions:
        activity = Activity.objects.create(
            plan=plan,
            kind=ActivityKind.CONDITION,
            title=condition.text[:100],
            description=condition.text,
            to_date=condition.deadline,
            status=ActivityStatus.ONGOING,
            agreed_at=now,
            condition=condition,
            created_by=Author.SYSTEM,
            created_at=now,
            changed_at=now,
        )
        _version(activity, ActivityChange.CREATED, Author.SYSTEM, None)


def condition_followed_up(*, follow_up: ConditionFollowUp, actor: Employee, **_signal: Any) -> None:
    """The `condition_followed_up` receiver: a condition recorded as met completes its
    activity in the plan (not met leaves it open; its consequence takes a new decision)."""
    activity = (
        Activity.objects.select_for_update()
        .select_related("plan__person")
        .filter(condition_id=follow_up.condition_id)
        .first()
    )
    if activity is None or activity.is_ended or follow_up.result != FollowUpResult.MET:
        return
    previous = activity.status
    activity.status = ActivityStatus.DONE
    # The caseworker's note stays on the follow-up (the office's); the person reads this.
    activity.end_reason = _("Vilkåret er vurdert som oppfylt.")
    _save(activity, ActivityChange.STATUS, actor, previous_status=previous)
