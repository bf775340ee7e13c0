"""The administrator's pages: offices and employees. No person data here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models.functions import Lower
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from navet.core import actions
from navet.core.admin_forms import EmployeeForm, OfficeForm
from navet.core.http import AuthedRequest
from navet.core.models import Employee, FailedLogin, LoginThrottle, Office, Role, ThrottleKind
from navet.core.tables import Cell

# The failures an administrator reads behind a lock: the newest this many.
LOCK_HISTORY = 50


def require_administrator(request: AuthedRequest) -> None:
    if not request.employee.is_administrator:
        raise PermissionDenied


@require_GET
def admin_home(request: AuthedRequest) -> HttpResponse:
    require_administrator(request)
    offices = Office.objects.by_name()
    employees = Employee.objects.select_related("user").prefetch_related("offices").order_by("name")
    locks = list(LoginThrottle.objects.locked().order_by("-locked_until")[:100])
    names = _employee_names(locks)
    context = {
        "office_columns": [_("Enhetsnummer"), _("Navn"), _("Kommunenummer"), _("Bydel")],
        "office_rows": [
            [
                Cell(office.number, href=reverse("core:office-edit", args=[office.pk])),
                office.name,
                office.municipality_number,
                office.district,
            ]
            for office in offices
        ],
        "employee_columns": [_("Navn"), _("Nav-ident"), _("Roller"), _("Kontor")],
        "employee_rows": [
            [
                Cell(e.name, href=reverse("core:employee-edit", args=[e.pk])),
                e.nav_ident,
                ", ".join(str(label) for label in _roles(e)),
                ", ".join(o.name for o in e.offices.all()),
            ]
            for e in employees
        ],
        "lock_columns": [_("Sperret"), _("Mislykkede forsøk"), _("Sperret til")],
        "lock_rows": [
            [
                Cell(_lock_label(lock, names), href=reverse("core:login-lock", args=[lock.pk])),
                lock.failures,
                _when(lock.locked_until),
            ]
            for lock in locks
        ],
    }
    return render(request, "core/admin_home.html", context)


def _when(moment: datetime | None) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT") if moment else ""


def _employee_names(locks: list[LoginThrottle]) -> dict[str, str]:
    """The employee behind each locked user name (one query), by the lock's key."""
    keys = [lock.key for lock in locks if lock.kind == ThrottleKind.ACCOUNT]
    if not keys:
        return {}
    return dict(
        Employee.objects.annotate(key=Lower("user__username"))
        .filter(key__in=keys)
        .values_list("key", "name")
    )


def _lock_label(lock: LoginThrottle, names: dict[str, str]) -> str:
    if lock.kind == ThrottleKind.ADDRESS:
        return _("Adresse %(address)s") % {"address": lock.key}
    if lock.key in names:
        return _("Brukernavn %(username)s (%(name)s)") % {
            "username": lock.key,
            "name": names[lock.key],
        }
    return _("Brukernavn %(username)s (ingen ansatt har dette brukernavnet)") % {
        "username": lock.key
    }


@require_http_methods(["GET", "POST"])
def login_lock(request: AuthedRequest, lock_id: int) -> HttpResponse:
    """One lock and the failures behind it; the administrator can lift it (audited)."""
    require_administrator(request)
    lock = get_object_or_404(LoginThrottle, pk=lock_id)
    if request.method == "POST":
        actions.lift_login_lock(throttle=lock, actor=request.employee)
        messages.success(request, _("Sperren er opphevet."))
        return redirect("core:admin-home")
    if lock.kind == ThrottleKind.ACCOUNT:
        failures = FailedLogin.objects.filter(username=lock.key)
        columns = [_("Tidspunkt"), _("Fra adresse")]
    else:
        failures = FailedLogin.objects.filter(address=lock.key)
        columns = [_("Tidspunkt"), _("Brukernavn")]
    history = failures.order_by("-at", "-pk")[:LOCK_HISTORY]
    context = {
        "lock": lock,
        "title": _lock_label(lock, _employee_names([lock])),
        "locked": lock.is_locked(timezone.now()),
        "details": [
            (
                _("Mislykkede forsøk på rad")
                if lock.kind == ThrottleKind.ACCOUNT
                else _("Mislykkede forsøk i perioden"),
                lock.failures,
            ),
            (_("Siste forsøk"), _when(lock.last_attempt_at)),
            (_("Sperret til"), _when(lock.locked_until)),
        ],
        "history_columns": columns,
        "history_rows": [
            [
                _when(failure.at),
                (failure.address or "") if lock.kind == ThrottleKind.ACCOUNT else failure.username,
            ]
            for failure in history
        ],
    }
    return render(request, "core/login_lock.html", context)


def _account_lock(employee: Employee) -> dict[str, Any] | None:
    key = actions.throttle_key(employee.user.get_username())
    lock = LoginThrottle.objects.locked().filter(kind=ThrottleKind.ACCOUNT, key=key).first()
    if lock is None:
        return None
    return {"url": reverse("core:login-lock", args=[lock.pk]), "until": _when(lock.locked_until)}


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
    if employee.may_approve_decisions:
        roles.append(_("godkjenner vedtak"))
    if employee.may_approve_payments:
        roles.append(_("godkjenner utbetalinger"))
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
                actor=request.employee,
                employee=form.instance,
                office_ids=office_ids,
                active=form.cleaned_data["active"],
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
    context: dict[str, Any] = {"form": form, "title": title}
    if employee.pk:
        context["account_lock"] = _account_lock(employee)
        context["tokens_url"] = reverse("api-tokens:employee-tokens", args=[employee.pk])
        context["active_tokens"] = employee.api_tokens.filter(
            revoked_at__isnull=True, expires_at__gt=timezone.now()
        ).count()
    return render(request, "core/admin_form.html", context)
