from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _


def navet(request: HttpRequest) -> dict[str, Any]:
    """The employee, the main navigation and demo mode, for base.html."""
    employee = getattr(request, "employee", None)
    nav_items: list[dict[str, Any]] = []
    if employee is not None:
        entries: list[tuple[str, str]] = []
        if employee.works_with_persons:
            entries += [
                (_("Start"), "start"),
                (_("Søknader"), "applications:worklist"),
                (_("Portefølje"), "caseload:caseload"),
                (_("Oppgaver"), "caseload:tasks"),
                (_("Søk etter person"), "people:search"),
                (_("Utbetalinger"), "payments:runs"),
                (_("Meldinger"), "dialog:inbox"),
                (_("Læring"), "learning:modules"),
            ]
        if employee.is_leader:
            entries.append((_("Internkontroll"), "control:office"))
            entries.append((_("Innsynslogg"), "people:office-access-log"))
            entries.append((_("Enkelttilganger"), "access:override-review"))
        if employee.is_administrator:
            entries.append((_("Administrasjon"), "core:admin-home"))
            entries.append((_("Satser for vedtak"), "decisions:rate-sets"))
        current = request.resolver_match.view_name if request.resolver_match else ""
        nav_items = [
            {"label": label, "url": reverse(name), "current": name == current}
            for label, name in entries
        ]
    return {
        "employee": employee,
        "nav_items": nav_items,
        "demo_mode": settings.DEMO_MODE,
        "session_idle_seconds": settings.SESSION_IDLE_SECONDS,
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
    }
