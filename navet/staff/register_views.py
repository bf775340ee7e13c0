"""Registering an application by hand (paper, phone, desk)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from navet.access.permissions import get_person_for_user
from navet.applications import actions
from navet.applications.forms import (
    RegisterApplicationForm,
)
from navet.applications.permissions import (
    can_register_application,
)
from navet.core.http import AuthedRequest
from navet.core.models import Employee, Office
from navet.staff.application_frame import tab_url

# ---------------------------------------------------------------------------------------
# Registration by hand
# ---------------------------------------------------------------------------------------


def _registering_office(employee: Employee, person_office_id: int) -> Office:
    """The person's office when the employee works there, else the employee's own (a person
    who turns up at another office for emergency help gets the application there)."""
    office_ids = employee.office_ids()
    chosen = person_office_id if person_office_id in office_ids else None
    offices = Office.objects.filter(pk__in=[chosen] if chosen else office_ids).order_by("name")
    office = offices.first()
    if office is None:
        raise PermissionDenied
    return office


@require_http_methods(["GET", "POST"])
def application_register(request: AuthedRequest, person_id: UUID) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    employee = request.employee
    if not can_register_application(employee):
        raise PermissionDenied
    form = RegisterApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        application = actions.register_application(
            person=person,
            office=_registering_office(employee, person.office_id),
            channel=data["channel"],
            received_at=data["received_at"],
            applied_for=data["applied_for"],
            reason=data["reason"],
            emergency=data["emergency"],
            actor=employee,
            caseworker=employee,
        )
        if application.emergency:
            messages.success(
                request,
                _(
                    "Søknaden om nødhjelp er registrert, og saken er opprettet. "
                    "Du kan fatte vedtak nå."
                ),
            )
            return redirect(tab_url(application, "assessment"))
        messages.success(request, _("Søknaden er registrert."))
        return redirect(application)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "applications/application_register.html",
        {"person": person, "form": form},
        status=status,
    )
