"""The leader's microsimulation: what would a change of the § 18 rates cost, who would
gain and who would lose. Leaders and administrators; only sums and counts are shown, and
the persons whose snapshots are read are audited (navet/control/simulation.py)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from navet.control.charts import bar_chart
from navet.control.forms import SimulationForm
from navet.control.simulation import (
    MONTHS_A_YEAR,
    Population,
    Reform,
    ReformKind,
    SimulationRefused,
    SimulationReport,
    rates_in_force,
    run_simulation,
)
from navet.core.http import AuthedRequest
from navet.core.models import Employee
from navet.formats import format_amount
from navet.rules.batch import Group
from navet.rules.texts import LANGUAGES, Language, render_warning


def can_run_simulation(employee: Employee) -> bool:
    return employee.is_leader or employee.is_administrator


@require_GET
def simulation(request: AuthedRequest) -> HttpResponse:
    employee = request.employee
    if not can_run_simulation(employee):
        raise PermissionDenied
    today = timezone.localdate()
    month = today.replace(day=1)
    rates = rates_in_force(employee, month)
    submitted = bool(request.GET)
    form = SimulationForm(
        request.GET if submitted else None,
        bands=rates.bands(month),
        initial={"utvalg": Population.OFFICE},
    )
    report = None
    if submitted and form.is_valid():
        try:
            report = run_simulation(
                actor=employee,
                population=Population(form.cleaned_data["utvalg"]),
                reform=form.cleaned_data["reform"],
                today=today,
                rates=rates,
            )
        except SimulationRefused as refused:
            form.add_error(refused.field, refused.message)
    context: dict[str, Any] = {
        "form": form,
        "has_own_rates": rates.own is not None,
        "back_url": reverse("control:office"),
        "status": 400 if submitted and form.errors else 200,
    }
    if report is not None:
        context.update(_report_context(report))
    return render(request, "control/simulation.html", context, status=context["status"])


def _language() -> Language:
    language = (get_language() or "nb")[:2]
    return language if language in LANGUAGES else "nb"


def _kr(amount: int, *, signed: bool = False) -> str:
    return format_amount(amount, _language(), signed=signed)


def _n(value: int) -> str:
    return number_format(value, force_grouping=True)


def _reform_text(reform: Reform) -> str:
    """The reform in words, so the result says what was asked (a typed 55 is not 5,5)."""
    if reform.kind == ReformKind.SCALE and reform.percent is not None:
        sign = "+" if reform.percent > 0 else ""
        return _("Alle satser %(percent)s %%") % {
            "percent": sign + number_format(reform.percent.normalize(), use_l10n=True)
        }
    if reform.kind == ReformKind.BAND and reform.amount is not None:
        if reform.split_at is not None:
            return _("Barn fra %(age)s år: %(amount)s per måned") % {
                "age": reform.split_at,
                "amount": _kr(reform.amount),
            }
        return _("Aldersgruppen fra %(age)s år: %(amount)s per måned") % {
            "age": reform.band_from,
            "amount": _kr(reform.amount),
        }
    return _("Kommunens egne satser i stedet for statens")


ADULTS = {
    "single": lambda: _("Enslig"),
    "couple": lambda: _("Par"),
    "shared_housing": lambda: _("Bor i bofellesskap"),
}
CHILDREN = {
    "0": lambda: _("Uten barn"),
    "1": lambda: _("Ett barn"),
    "2": lambda: _("To barn"),
    "3+": lambda: _("Tre barn eller flere"),
}


def _group_row(label: str, group: Group) -> list[str]:
    return [
        label,
        _n(group.households),
        _kr(group.baseline),
        _kr(group.reform),
        _kr(group.reform - group.baseline, signed=True),
        _n(group.winners),
        _n(group.losers),
    ]


def _report_context(report: SimulationReport) -> dict[str, Any]:
    result = report.simulation
    baseline = (
        _("kommunens egne satser")
        if report.baseline_owner == "municipality"
        else _("statens veiledende satser")
    )
    summary = [
        (_("Endringen"), _reform_text(report.reform)),
        (_("Måned"), date_format(report.month, "YEAR_MONTH_FORMAT")),
        (_("Husholdninger i beregningen"), _n(result.households)),
        (_("Grunnlag"), baseline),
        (_("Utbetalt etter dagens satser, per måned"), _kr(result.total_baseline)),
        (_("Utbetalt etter endringen, per måned"), _kr(result.total_reform)),
        (_("Endring per måned"), _kr(report.change_per_month, signed=True)),
        (_("Endring per år"), _kr(report.change_per_year, signed=True)),
        (_("Mottakere etter dagens satser"), _n(result.recipients_baseline)),
        (_("Mottakere etter endringen"), _n(result.recipients_reform)),
        (_("Får mer"), _n(result.winners)),
        (_("Får mindre"), _n(result.losers)),
        (_("Uendret"), _n(result.unchanged)),
        (_("Gjennomsnittlig økning for dem som får mer"), _kr(round(result.mean_gain))),
        (_("Gjennomsnittlig nedgang for dem som får mindre"), _kr(round(result.mean_loss))),
    ]
    if report.skipped:
        summary.append((_("Vedtak uten lesbar beregning (ikke tatt med)"), _n(report.skipped)))
    language = _language()
    warnings = sorted(
        {
            render_warning(w, language)
            for w in result.warnings
            if w.code == "missing_rates" or w.code == "child_outside_rates"
        }
    )
    groups = [_group_row(ADULTS[k](), g) for k, g in result.by_adults.items()] + [
        _group_row(CHILDREN[k](), g) for k, g in result.by_children.items()
    ]
    bins = [
        (
            _("%(low)s til %(high)s")
            % {"low": _kr(low, signed=True), "high": _kr(high, signed=True)},
            count,
        )
        for low, high, count in report.distribution
    ]
    return {
        "report": report,
        "summary": summary,
        "warnings": warnings,
        "group_columns": [
            _("Husholdningstype"),
            _("Husholdninger"),
            _("Per måned nå"),
            _("Per måned etter endringen"),
            _("Endring per måned"),
            _("Får mer"),
            _("Får mindre"),
        ],
        "group_rows": groups,
        "distribution_columns": [_("Endring per husholdning per måned"), _("Husholdninger")],
        "distribution_rows": [[label, _n(count)] for label, count in bins],
        "distribution_chart": bar_chart(
            [(f"{low:+}", [count]) for low, _high, count in report.distribution],
            [_("Husholdninger")],
        )
        if bins
        else None,
        "months_a_year": MONTHS_A_YEAR,
    }
