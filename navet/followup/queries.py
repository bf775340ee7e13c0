"""The plan's reads, shared by the staff pages and the portal."""

from __future__ import annotations

from typing import Any

from navet.followup.models import Activity, ActivityVersion, Goal
from navet.people.models import Person


def plan_activities(person: Person) -> list[Activity]:
    """The person's activities with their conditions' follow-ups (2 queries)."""
    return list(
        Activity.objects.of_person(person)
        .in_plan_order()
        .select_related("condition")
        .prefetch_related("condition__follow_ups")[:500]
    )


def goals_of(person: Person) -> list[Goal]:
    """The goal (first) and its history, newest first."""
    return list(
        Goal.objects.filter(plan__person=person).select_related("written_by").order_by("-number")
    )


def plan_activity(activity_id: Any) -> Activity:
    return (
        Activity.objects.select_related("plan__person", "condition__decision__case__application")
        .prefetch_related("condition__follow_ups")
        .get(pk=activity_id)
    )


def versions_of(activity: Activity) -> list[ActivityVersion]:
    return list(ActivityVersion.objects.filter(activity=activity).select_related("employee"))
