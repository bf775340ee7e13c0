"""The person's plan (staff): the goal in the person's own words, the activities by status
with the conditions of decisions among them; one activity with its history, changed,
moved and agreed. A change from an older version than the newest is refused (409)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from navet.access.permissions import get_person_for_user
from navet.core.http import AuthedRequest
from navet.followup import plan_actions as actions
from navet.followup.actions import StaleVersion
from navet.followup.forms import (
    ActivityEditForm,
    ActivityForm,
    ActivityStatusForm,
    AgreeForm,
    GoalForm,
    activity_forms,
    refresh_version,
)
from navet.followup.models import Activity, ActivityKind
from navet.followup.permissions import get_activity_for_user
from navet.followup.presenters import activity_card, history_items, moment
from navet.followup.queries import goals_of, plan_activities, plan_activity, versions_of
from navet.people.models import Person
from navet.staff.application_frame import tab_url


def _plan_page(
    request: AuthedRequest,
    person: Person,
    *,
    form: ActivityForm | None = None,
    goal_form: GoalForm | None = None,
    status: int = 200,
) -> HttpResponse:
    goals = goals_of(person)
    activities = plan_activities(person)
    context: dict[str, Any] = {
        "person": person,
        "goal": goals[0] if goals else None,
        "goal_history": [
            {
                "text": g.text,
                "by": g.written_by.name if g.written_by else _("Personen"),
                "when": moment(g.written_at),
            }
            for g in goals[1:]
        ],
        "goal_form": goal_form
        or GoalForm(
            prefix="mal",
            initial={"text": goals[0].text if goals else "", "read_number": len(goals)},
        ),
        "open": [activity_card(a) for a in activities if not a.is_ended],
        "ended": [activity_card(a) for a in activities if a.is_ended],
        "form": form or ActivityForm(staff=True, prefix="ny"),
    }
    return render(request, "followup/person_plan.html", context, status=status)


@require_http_methods(["GET", "POST"])
def person_plan(request: AuthedRequest, person_id: UUID) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    if request.method != "POST":
        return _plan_page(request, person)
    form = ActivityForm(request.POST, staff=True, prefix="ny")
    if not form.is_valid():
        return _plan_page(request, person, form=form, status=400)
    activity = actions.add_activity(
        person=person,
        employee=request.employee,
        kind=form.cleaned_data["kind"],
        title=form.cleaned_data["title"],
        description=form.cleaned_data["description"],
        from_date=form.cleaned_data["from_date"],
        to_date=form.cleaned_data["to_date"],
        agreed=form.cleaned_data["agreed"],
    )
    messages.success(request, _("Aktiviteten er lagt inn i planen."))
    return redirect("plan:activity", activity_id=activity.pk)


@require_POST
def person_goal(request: AuthedRequest, person_id: UUID) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    form = GoalForm(request.POST, prefix="mal")
    if not form.is_valid():
        return _plan_page(request, person, goal_form=form, status=400)
    try:
        actions.set_goal(
            person=person,
            employee=request.employee,
            text=form.cleaned_data["text"],
            read_number=form.cleaned_data["read_number"],
        )
    except StaleVersion as refused:
        form.add_error(None, str(refused))
        refresh_version(form, "read_number", len(goals_of(person)))
        return _plan_page(request, person, goal_form=form, status=409)
    messages.success(request, _("Målet er lagret."))
    return redirect("people:person-plan", person_id=person.pk)


def _activity_page(
    request: AuthedRequest,
    activity: Activity,
    *,
    edit_form: ActivityEditForm | None = None,
    status_form: ActivityStatusForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    fresh = plan_activity(activity.pk)
    versions = versions_of(fresh)
    condition = fresh.condition
    context: dict[str, Any] = {
        "activity": fresh,
        "person": fresh.plan.person,
        "card": activity_card(fresh),
        "history": history_items(versions, for_person=False),
        "error": error,
        "decision_url": (
            tab_url(condition.decision.case.application, "decisions", f"vilkar-{condition.pk}")
            if condition is not None
            else ""
        ),
        "can_change": not fresh.is_ended and fresh.kind != ActivityKind.CONDITION,
        **activity_forms(fresh, edit_form, status_form),
    }
    return render(request, "followup/activity.html", context, status=status)


@require_GET
def activity_detail(request: AuthedRequest, activity_id: UUID) -> HttpResponse:
    return _activity_page(request, get_activity_for_user(request, activity_id))


def _refused(
    request: AuthedRequest, activity: Activity, refused: Exception, **forms: Any
) -> HttpResponse:
    status = 409 if isinstance(refused, StaleVersion) else 400
    if status == 409:
        newest = plan_activity(activity.pk).version
        for form in forms.values():
            refresh_version(form, "version", newest)
    return _activity_page(request, activity, error=str(refused), status=status, **forms)


@require_POST
def activity_edit(request: AuthedRequest, activity_id: UUID) -> HttpResponse:
    activity = get_activity_for_user(request, activity_id)
    form = ActivityEditForm(request.POST, prefix="endre")
    if not form.is_valid():
        return _activity_page(request, activity, edit_form=form, status=400)
    try:
        actions.edit_activity(
            activity=activity,
            employee=request.employee,
            read_version=form.cleaned_data["version"],
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            from_date=form.cleaned_data["from_date"],
            to_date=form.cleaned_data["to_date"],
        )
    except (StaleVersion, actions.PlanRefused) as refused:
        return _refused(request, activity, refused, edit_form=form)
    messages.success(request, _("Aktiviteten er endret."))
    return redirect("plan:activity", activity_id=activity.pk)


@require_POST
def activity_status(request: AuthedRequest, activity_id: UUID) -> HttpResponse:
    activity = get_activity_for_user(request, activity_id)
    form = ActivityStatusForm(request.POST, prefix="status")
    if not form.is_valid():
        return _activity_page(request, activity, status_form=form, status=400)
    try:
        actions.move_activity(
            activity=activity,
            employee=request.employee,
            read_version=form.cleaned_data["version"],
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        )
    except (StaleVersion, actions.PlanRefused) as refused:
        return _refused(request, activity, refused, status_form=form)
    messages.success(request, _("Statusen er endret."))
    return redirect("plan:activity", activity_id=activity.pk)


@require_POST
def activity_agree(request: AuthedRequest, activity_id: UUID) -> HttpResponse:
    activity = get_activity_for_user(request, activity_id)
    form = AgreeForm(request.POST, prefix="avtal")
    if not form.is_valid():
        return _activity_page(request, activity, status=400)
    try:
        actions.agree_activity(
            activity=activity,
            employee=request.employee,
            read_version=form.cleaned_data["version"],
        )
    except (StaleVersion, actions.PlanRefused) as refused:
        return _refused(request, activity, refused)
    messages.success(
        request, _("Aktiviteten er avtalt. Personen kan endre status, men ikke innholdet.")
    )
    return redirect("plan:activity", activity_id=activity.pk)
