"""An office's decision settings as the decisions read them: four eyes and the one
responsible named in the letters. Reads only; the administrator's changes are in actions."""

from __future__ import annotations

from navet.applications.models import Case
from navet.core.models import Employee
from navet.decisions.models import DecisionSettings


def settings_for(case: Case) -> DecisionSettings:
    """The office's settings, or the defaults (no four eyes) when none are saved; reading
    never writes."""
    office = case.application.office
    found = DecisionSettings.objects.filter(office=office).first()
    return found or DecisionSettings(office=office, responsible_name="")


def responsible_name(case: Case) -> str:
    """The one responsible named in the letter: the office's setting, else its leader."""
    name = settings_for(case).responsible_name
    if not name:
        leader = (
            Employee.objects.filter(offices=case.application.office, is_leader=True)
            .order_by("name")
            .first()
        )
        name = leader.name if leader else ""
    return name
