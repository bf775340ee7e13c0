"""The administrator's rate sets and office settings (no person data)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from navet.core.http import AuthedRequest
from navet.core.models import Office
from navet.core.tables import Cell
from navet.decisions import actions, presenters
from navet.decisions.forms import (
    DecisionSettingsForm,
    RateSetForm,
    StateRateSetForm,
)
from navet.decisions.models import (
    DecisionSettings,
    MunicipalRateSet,
    StateRateSet,
)
from navet.decisions.permissions import can_edit_rates
from navet.rules.ratesets import state_living_cost_rates

# ---------------------------------------------------------------------------------------
# The administrator's rate sets and office settings (no person data)
# ---------------------------------------------------------------------------------------


def _require_rates_admin(request: AuthedRequest) -> None:
    if not can_edit_rates(request.employee):
        raise PermissionDenied


@require_GET
def rate_sets(request: AuthedRequest) -> HttpResponse:
    _require_rates_admin(request)
    registered = list(StateRateSet.objects.select_related("created_by"))
    context = {
        "rate_columns": presenters.rate_set_columns(),
        "rate_rows": presenters.rate_set_rows(list(MunicipalRateSet.objects.all())),
        "state_columns": presenters.state_rate_columns(),
        "state_rows": presenters.state_rate_rows(state_living_cost_rates(), registered),
        "state_missing": presenters.state_rates_missing(
            state_living_cost_rates(), registered, timezone.localdate()
        ),
        "office_columns": [
            _("Nav-kontor"),
            _("Godkjenning av en annen"),
            _("Ansvarlig leder"),
            _("Utbetalinger"),
        ],
        "office_rows": [
            [
                Cell(office.name, href=reverse("decisions:office-settings", args=[office.pk])),
                settings.get_four_eyes_display() if settings else _("Ikke satt opp"),
                settings.responsible_name if settings else "",
                # The payments app's page for the office (a URL name, not an import).
                Cell(
                    _("Innstillinger for utbetalinger"),
                    href=reverse("payments:settings", args=[office.pk]),
                ),
            ]
            for office in Office.objects.by_name().select_related("decision_settings")
            for settings in [getattr(office, "decision_settings", None)]
        ],
    }
    return render(request, "decisions/rate_set_list.html", context)


@require_http_methods(["GET", "POST"])
def rate_set_new(request: AuthedRequest) -> HttpResponse:
    _require_rates_admin(request)
    form = RateSetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.add_rate_set(rate_set=form.instance, actor=request.employee)
        messages.success(request, _("Satsene er lagret."))
        return redirect("decisions:rate-sets")
    return _rate_form_page(
        request,
        form,
        title=_("Nye kommunale satser"),
        heading=_("Nye kommunale satser for livsopphold"),
        warning=_(
            "Satsene legges inn for hånd. Kontroller hvert beløp mot kommunens eget vedtak "
            "før du lagrer: beregningene bruker satsene fra datoen de gjelder fra, og de kan "
            "ikke endres etterpå."
        ),
    )


@require_http_methods(["GET", "POST"])
def state_rate_set_new(request: AuthedRequest) -> HttpResponse:
    _require_rates_admin(request)
    form = StateRateSetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.add_state_rate_set(rate_set=form.instance, actor=request.employee)
        messages.success(request, _("De statlige satsene er registrert."))
        return redirect("decisions:rate-sets")
    return _rate_form_page(
        request,
        form,
        title=_("Nye statlige satser"),
        heading=_("Statens veiledende satser fra en ny dato"),
        warning=_(
            "Skriv av satsene fra rundskrivet og kontroller hvert beløp før du lagrer: alle "
            "beregninger i kommuner uten egne satser bruker dem fra datoen de gjelder fra, og "
            "de kan ikke endres etterpå. Beregningene viser at satsene er registrert av "
            "administrator."
        ),
    )


def _rate_form_page(
    request: AuthedRequest, form: forms.Form, *, title: str, heading: str, warning: str
) -> HttpResponse:
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "title": title, "heading": heading, "warning": warning}
    return render(request, "decisions/rate_set_new.html", context, status=status)


@require_http_methods(["GET", "POST"])
def office_settings(request: AuthedRequest, office_id: int) -> HttpResponse:
    _require_rates_admin(request)
    office = get_object_or_404(Office, pk=office_id)
    settings = DecisionSettings.objects.filter(office=office).first() or DecisionSettings(
        office=office
    )
    form = DecisionSettingsForm(request.POST or None, instance=settings)
    if request.method == "POST" and form.is_valid():
        actions.save_decision_settings(settings=form.instance, actor=request.employee)
        messages.success(
            request, _("Innstillingene for %(office)s er lagret.") % {"office": office.name}
        )
        return redirect("decisions:rate-sets")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "decisions/office_settings.html", {"form": form, "office": office}, status=status
    )
