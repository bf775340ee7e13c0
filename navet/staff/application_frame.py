"""The application page's frame: its heading, tags and tabs (from the applications and the
decisions apps), shared by every tab's view."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from navet.applications import presenters
from navet.applications.models import Application
from navet.applications.permissions import can_work_on
from navet.core.http import AuthedRequest
from navet.decisions.permissions import can_decide

TABS = (
    ("detail", gettext_lazy("Søknad"), "applications:application-detail"),
    ("attachments", gettext_lazy("Vedlegg"), "applications:application-attachments"),
    ("calculation", gettext_lazy("Beregning"), "applications:application-calculation"),
    ("assessment", gettext_lazy("Vurdering"), "applications:application-assessment"),
    ("decisions", gettext_lazy("Vedtak"), "applications:application-decisions"),
    ("letters", gettext_lazy("Brev"), "applications:application-letters"),
    ("events", gettext_lazy("Hendelser"), "applications:application-events"),
)
TAB_URLS = {key: name for key, _label, name in TABS}


def tab_url(application: Application, tab: str, anchor: str = "") -> str:
    url = reverse(TAB_URLS[tab], args=[application.pk])
    return f"{url}#{anchor}" if anchor else url


def frame_context(
    request: AuthedRequest, application: Application, tab: str, *, page_error: str = ""
) -> dict[str, Any]:
    """What every tab of the application page shows around its own content."""
    employee = request.employee
    today = timezone.localdate()
    return {
        "application": application,
        "person": application.person,
        "tab": tab,
        "tab_title": next(str(label) for key, label, _name in TABS if key == tab),
        "tags": presenters.application_tags(application, today),
        "tabs": [
            {"label": label, "url": reverse(name, args=[application.pk]), "current": key == tab}
            for key, label, name in TABS
        ],
        "can_work": can_work_on(employee, application),
        "can_decide": can_decide(employee, application),
        "page_error": page_error,
    }


def require_work(request: AuthedRequest, application: Application) -> None:
    """Caseworkers of the office change an application; everyone else who sees it reads."""
    if not can_work_on(request.employee, application):
        raise PermissionDenied


def first_error_form(*candidates: forms.Form | None) -> forms.Form | None:
    return next((f for f in candidates if f is not None and f.is_bound and f.errors), None)
