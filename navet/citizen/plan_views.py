"""The person's own plan in the portal: the goal in their own words, the activities (with
the conditions of their decisions), proposing and changing their own activities, and
marking them done. An activity agreed with Nav may be moved but not changed; a condition
is followed up by the office. Staff changes show "Nav" as the author."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from navet.citizen import actions as citizen_actions
from navet.citizen.access import CitizenRequest, citizen_required, get_activity_for_citizen
from navet.citizen.views import portal_page
from navet.followup import plan_actions as actions
from navet.followup.actions import StaleVersion
from navet.followup.forms import (
    ActivityEditForm,
    ActivityForm,
    ActivityStatusForm,
    GoalForm,
    PersonAnswerForm,
    activity_forms,
    refresh_version,
)
from navet.followup.life_areas import areas_for_office
from navet.followup.mapping import answer, latest_mappings
from navet.followup.models import Activity, PersonAnswer
from navet.followup.presenters import activity_card, history_items, moment
from navet.followup.queries import goals_of, plan_activities, plan_activity, versions_of


def _plan_page(
    request: CitizenRequest, goal_form: GoalForm | None = None, status: int = 200
) -> HttpResponse:
    person = request.citizen
    goals = goals_of(person)
    activities = plan_activities(person)
    citizen_actions.record_view(person, "plan")
    context: dict[str, Any] = {
        "goal": goals[0] if goals else None,
        "goal_meta": (
            _("Skrevet av %(by)s, %(when)s")
            % {
                "by": _("deg") if goals[0].author == "person" else _("Nav"),
                "when": moment(goals[0].written_at),
            }
            if goals
            else ""
        ),
        "goal_form": goal_form
        or GoalForm(
            prefix="mal",
            for_person=True,
            initial={"text": goals[0].text if goals else "", "read_number": len(goals)},
        ),
        "open": [activity_card(a) for a in activities if not a.is_ended],
        "ended": [activity_card(a) for a in activities if a.is_ended],
    }
    return portal_page(request, "citizen/plan.html", context, status=status)


@citizen_required
@require_GET
def plan(request: CitizenRequest) -> HttpResponse:
    return _plan_page(request)


@citizen_required
@require_POST
def goal(request: CitizenRequest) -> HttpResponse:
    form = GoalForm(request.POST, prefix="mal", for_person=True)
    if not form.is_valid():
        return _plan_page(request, goal_form=form, status=400)
    try:
        actions.set_goal(
            person=request.citizen,
            text=form.cleaned_data["text"],
            read_number=form.cleaned_data["read_number"],
        )
    except StaleVersion as refused:
        form.add_error(None, str(refused))
        refresh_version(form, "read_number", len(goals_of(request.citizen)))
        return _plan_page(request, goal_form=form, status=409)
    messages.success(request, _("Målet ditt er lagret."))
    return redirect("citizen:plan")


@citizen_required
@require_http_methods(["GET", "POST"])
def new_activity(request: CitizenRequest) -> HttpResponse:
    form = ActivityForm(request.POST or None, staff=False)
    if request.method == "POST" and form.is_valid():
        activity = actions.add_activity(
            person=request.citizen,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            from_date=form.cleaned_data["from_date"],
            to_date=form.cleaned_data["to_date"],
        )
        messages.success(request, _("Forslaget ditt er lagt inn. Nav-kontoret ser det i planen."))
        return redirect("citizen:activity", activity_id=activity.pk)
    status = 400 if request.method == "POST" else 200
    return portal_page(request, "citizen/activity_new.html", {"form": form}, status=status)


def _activity_page(
    request: CitizenRequest,
    activity: Activity,
    *,
    edit_form: ActivityEditForm | None = None,
    status_form: ActivityStatusForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    fresh = plan_activity(activity.pk)
    citizen_actions.record_view(request.citizen, "plan", target=fresh)
    context: dict[str, Any] = {
        "activity": fresh,
        "card": activity_card(fresh),
        "history": history_items(versions_of(fresh), for_person=True),
        "error": error,
        "may_edit": actions.may_person_edit(fresh),
        "may_move": actions.may_person_move(fresh),
        **activity_forms(fresh, edit_form, status_form),
    }
    return portal_page(request, "citizen/activity.html", context, status=status)


@citizen_required
@require_GET
def activity_detail(request: CitizenRequest, activity_id: str) -> HttpResponse:
    return _activity_page(request, get_activity_for_citizen(request, activity_id))


@citizen_required
@require_POST
def activity_edit(request: CitizenRequest, activity_id: str) -> HttpResponse:
    activity = get_activity_for_citizen(request, activity_id)
    form = ActivityEditForm(request.POST, prefix="endre")
    if not form.is_valid():
        return _activity_page(request, activity, edit_form=form, status=400)
    try:
        actions.edit_activity(
            activity=activity,
            read_version=form.cleaned_data["version"],
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            from_date=form.cleaned_data["from_date"],
            to_date=form.cleaned_data["to_date"],
        )
    except (StaleVersion, actions.PlanRefused) as refused:
        code = 409 if isinstance(refused, StaleVersion) else 403
        if code == 409:
            refresh_version(form, "version", plan_activity(activity.pk).version)
        return _activity_page(request, activity, edit_form=form, error=str(refused), status=code)
    messages.success(request, _("Endringen er lagret."))
    return redirect("citizen:activity", activity_id=activity.pk)


@citizen_required
@require_POST
def activity_status(request: CitizenRequest, activity_id: str) -> HttpResponse:
    activity = get_activity_for_citizen(request, activity_id)
    form = ActivityStatusForm(request.POST, prefix="status")
    if not form.is_valid():
        return _activity_page(request, activity, status_form=form, status=400)
    try:
        actions.move_activity(
            activity=activity,
            read_version=form.cleaned_data["version"],
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        )
    except (StaleVersion, actions.PlanRefused) as refused:
        code = 409 if isinstance(refused, StaleVersion) else 403
        if code == 409:
            refresh_version(form, "version", plan_activity(activity.pk).version)
        return _activity_page(request, activity, status_form=form, error=str(refused), status=code)
    messages.success(request, _("Statusen er endret."))
    return redirect("citizen:activity", activity_id=activity.pk)


def _answer_initial(person: Any) -> dict[str, Any]:
    """The person's own answers, or else their part of the latest mapping."""
    initial: dict[str, Any] = {}
    latest = latest_mappings(person, 1)
    if latest:
        for entry in latest[0].entries.all():
            initial[f"{entry.area_key}-rating"] = str(entry.rating or "")
            initial[f"{entry.area_key}-words"] = entry.person_words
            if entry.wants_help is not None:
                initial[f"{entry.area_key}-wants_help"] = "yes" if entry.wants_help else "no"
    for found in PersonAnswer.objects.filter(person=person):
        initial[f"{found.area_key}-rating"] = str(found.rating or "")
        initial[f"{found.area_key}-words"] = found.words
        if found.wants_help is not None:
            initial[f"{found.area_key}-wants_help"] = "yes" if found.wants_help else "no"
    return initial


@citizen_required
@require_http_methods(["GET", "POST"])
def mapping(request: CitizenRequest) -> HttpResponse:
    """The person's own part of the mapping, before a conversation: for each area of life,
    how it is going, in their own words, and whether they want help with it."""
    person = request.citizen
    form = PersonAnswerForm(
        request.POST or None,
        areas=areas_for_office(person.office_id),
        language=get_language() or "nb",
        initial=_answer_initial(person),
    )
    if request.method == "POST" and form.is_valid():
        saved = answer(person=person, answers=form.area_values())
        if saved:
            messages.success(
                request, _("Svarene dine er lagret. Veilederen ser dem før dere snakkes.")
            )
        else:
            messages.info(request, _("Du fylte ikke inn noe, så ingenting er endret."))
        return redirect("citizen:plan")
    if request.method == "GET":
        citizen_actions.record_view(person, "mapping")
    status = 400 if request.method == "POST" else 200
    groups = form.groups()
    for group in groups:
        group["open"] = any(f.errors for f in group["fields"])
    return portal_page(
        request, "citizen/mapping.html", {"form": form, "groups": groups}, status=status
    )
