"""The administrator's page of an employee's API tokens: see them, revoke one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from navet.api.actions import revoke_api_token
from navet.api.models import ApiToken
from navet.core.http import AuthedRequest
from navet.core.models import Employee


class TokenChoiceField(forms.ModelChoiceField[ApiToken]):
    def label_from_instance(self, obj: ApiToken) -> str:
        return f"{obj.name} ({obj.prefix}…)"


class RevokeForm(forms.Form):
    token = TokenChoiceField(
        label=gettext_lazy("Hvilken nøkkel skal trekkes tilbake?"),
        queryset=ApiToken.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": gettext_lazy("Velg nøkkelen som skal trekkes tilbake."),
            "invalid_choice": gettext_lazy(
                "Nøkkelen er ikke aktiv lenger. Velg en av de aktive nøklene."
            ),
        },
    )

    def __init__(self, *args: Any, employee: Employee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["token"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = ApiToken.objects.active().filter(employee=employee).newest_first()


def _status(token: ApiToken) -> str:
    if token.revoked_at is not None:
        return _("Trukket tilbake")
    if token.expires_at <= timezone.now():
        return _("Utløpt")
    return _("Aktiv")


def _when(moment: object) -> str:
    if moment is None:
        return ""
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")  # type: ignore[arg-type]


@require_http_methods(["GET", "POST"])
def employee_tokens(request: AuthedRequest, employee_id: int) -> HttpResponse:
    if not request.employee.is_administrator:
        raise PermissionDenied
    employee = get_object_or_404(Employee.objects.select_related("user"), pk=employee_id)
    form = RevokeForm(request.POST if request.method == "POST" else None, employee=employee)
    if request.method == "POST" and form.is_valid():
        revoke_api_token(token=form.cleaned_data["token"], actor=request.employee)
        messages.success(request, _("API-nøkkelen er trukket tilbake."))
        return redirect("api-tokens:employee-tokens", employee_id=employee.pk)
    tokens = list(ApiToken.objects.filter(employee=employee).newest_first()[:100])
    # Not "employee": that name is the logged-in employee in every template (the header).
    context = {
        "title": _("API-nøkler for %(name)s") % {"name": employee.name},
        "token_columns": [
            _("Navn"),
            _("Begynner med"),
            _("Status"),
            _("Opprettet"),
            _("Utløper"),
            _("Sist brukt"),
        ],
        "token_rows": [
            [
                token.name,
                token.prefix,
                _status(token),
                _when(token.created_at),
                _when(token.expires_at),
                _when(token.last_used_at),
            ]
            for token in tokens
        ],
        "has_active": any(token.is_active for token in tokens),
        "employee_url": reverse("core:employee-edit", args=[employee.pk]),
        "revoke_form": form,
    }
    status = 400 if form.is_bound else 200
    return render(request, "api/employee_tokens.html", context, status=status)
