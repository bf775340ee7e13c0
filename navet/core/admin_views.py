"""The administrator's pages: offices and employees. No person data here."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from navet.core import actions
from navet.core.admin_forms import EmployeeForm, OfficeForm
from navet.core.http import AuthedRequest
from navet.core.models import Employee, Office, Role


def require_administrator(request: AuthedRequest) -> None:
    if not request.employee.is_administrator:
        raise PermissionDenied


@require_GET
def admin_home(request: AuthedRequest) -> HttpResponse:
    require_administrator(request)
    offices = Office.objects.by_name()
    employees = Employee.objects.select_related("user").prefetch_related("offices").order_by("name")
    context = {
        "office_columns": [_("Enhetsnummer"), _("Navn"), _("Kommunenummer"), _("Bydel")],
        "office_rows": [
            [
                {"text": office.number, "href": reverse("core:office-edit", args=[office.pk])},
                office.name,
                office.municipality_number,
                office.district,
            ]
            for office in offices
        ],
        "employee_columns": [_("Navn"), _("Nav-ident"), _("Roller"), _("Kontor")],
        "employee_rows": [
            [
                {"text": e.name, "href": reverse("core:employee-edit", args=[e.pk])},
                e.nav_ident,
                ", ".join(str(label) for label in _roles(e)),
                ", ".join(o.name for o in e.offices.all()),
            ]
            for e in employees
        ],
    }
    return render(request, "core/admin_home.html", context)


def _roles(employee: Employee) -> list[str]:
    roles = [
        str(label)
        for held, label in (
            (employee.is_caseworker, Role.CASEWORKER.label),
            (employee.is_leader, Role.LEADER.label),
            (employee.is_administrator, Role.ADMINISTRATOR.label),
        )
        if held
    ]
    if employee.may_see_strictly_confidential:
        roles.append(_("strengt fortrolig"))
    if employee.may_see_confidential:
        roles.append(_("fortrolig"))
    if employee.may_see_shielded:
        roles.append(_("skjermet"))
    return roles


@require_http_methods(["GET", "POST"])
def office_edit(request: AuthedRequest, office_id: int | None = None) -> HttpResponse:
    require_administrator(request)
    office = get_object_or_404(Office, pk=office_id) if office_id else Office()
    form = OfficeForm(request.POST or None, instance=office)
    if request.method == "POST" and form.is_valid():
        actions.save_office(office=form.instance, actor=request.employee)
        return redirect("core:admin-home")
    title = _("Endre Nav-kontor") if office.pk else _("Nytt Nav-kontor")
    return render(request, "core/admin_form.html", {"form": form, "title": title})


@require_http_methods(["GET", "POST"])
def employee_edit(request: AuthedRequest, employee_id: int | None = None) -> HttpResponse:
    require_administrator(request)
    employee = (
        get_object_or_404(Employee.objects.select_related("user"), pk=employee_id)
        if employee_id
        else Employee()
    )
    form = EmployeeForm(request.POST or None, instance=employee, actor=request.employee)
    if request.method == "POST" and form.is_valid():
        office_ids = [office.pk for office in form.cleaned_data["offices"]]
        if employee.pk:
            actions.update_employee(
                actor=request.employee, employee=form.instance, office_ids=office_ids
            )
        else:
            actions.create_employee(
                actor=request.employee,
                username=form.cleaned_data["username"],
                employee=form.instance,
                office_ids=office_ids,
            )
        return redirect("core:admin-home")
    title = _("Endre ansatt") if employee.pk else _("Ny ansatt")
    return render(request, "core/admin_form.html", {"form": form, "title": title})
