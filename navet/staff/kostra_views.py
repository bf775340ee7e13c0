"""KOSTRA skjema 11F to Statistics Norway, for the leader: pick the year and municipality,
see every error and warning SSB's control rules find (each with a link to the case to fix)
and the statistics SSB's program prints, and download the file once it has no errors."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.control.kostra import FORM, Export, KostraError, Unit, build, fixes_situation, units_of
from navet.core.http import AuthedRequest
from navet.core.models import Employee, Office
from navet.core.params import int_param
from navet.core.tables import Cell, Tag
from navet.formats import format_amount
from navet.kostra.controls import Finding
from navet.kostra.layout import available_years
from navet.staff.application_frame import tab_url


def reporting_year(today: date) -> int:
    """The year a leader reports now: last year until the corrections close in April."""
    return today.year - 1 if today.month <= 4 else today.year


PAGE_SIZE = 100


def _municipalities(leader: Employee) -> list[tuple[str, str]]:
    """The files the leader's offices report in (a municipality, or an Oslo district),
    named by the offices in them."""
    offices = list(Office.objects.filter(pk__in=leader.office_ids()).order_by("number"))
    choices = []
    for unit in units_of(offices):
        names = ", ".join(
            o.name
            for o in offices
            if o.municipality_number == unit.municipality
            and (not unit.district or o.district_number == unit.district)
        )
        choices.append((unit.key, f"{unit.region} ({names})"))
    return choices


class KostraForm(forms.Form):
    aar = forms.TypedChoiceField(label=gettext_lazy("Rapporteringsår"), coerce=int)
    kommune = forms.ChoiceField(label=gettext_lazy("Kommune eller bydel"))

    def __init__(self, *args: Any, municipalities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year_field = self.fields["aar"]
        assert isinstance(year_field, forms.ChoiceField)
        year_field.choices = [(y, str(y)) for y in reversed(available_years(FORM))]
        municipality_field = self.fields["kommune"]
        assert isinstance(municipality_field, forms.ChoiceField)
        municipality_field.choices = municipalities


def _require_leader(request: AuthedRequest) -> list[tuple[str, str]]:
    if not request.employee.is_leader:
        raise PermissionDenied
    return _municipalities(request.employee)


def _form(request: AuthedRequest, municipalities: list[tuple[str, str]]) -> KostraForm:
    if "aar" in request.GET or "kommune" in request.GET:
        return KostraForm(request.GET, municipalities=municipalities)
    initial = {
        "aar": reporting_year(timezone.localdate()),
        "kommune": municipalities[0][0] if municipalities else "",
    }
    return KostraForm(municipalities=municipalities, initial=initial)


def _severity(finding: Finding) -> Tag:
    if finding.severity == "WARNING":
        return Tag(_("Advarsel"), "warning")
    return Tag(_("Feil"), "error")


OFFICE_SETUP = {"03", "03B"}


def _finding_rows(export: Export, findings: list[Finding]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for finding in findings:
        person = export.person_of(finding)
        if person is None:
            where: Any = (
                _("Hele filen")
                if finding.line == 0
                else _("Linje %(line)s") % {"line": finding.line}
            )
            fix: Any = ""
        else:
            where = Cell(person.full_name, href=person.get_absolute_url())
            decision = export.uncategorised.get(finding.journal_number)
            if finding.rule in OFFICE_SETUP or finding.field == "BYDELSNR":
                fix = _("En administrator må sette kontorets kommune- og bydelsnummer.")
            elif fixes_situation(finding):
                fix = Cell(
                    _("Registrer situasjonen"),
                    href=reverse("people:person-situation", args=[person.pk]),
                )
            elif finding.rule in ("43", "N1") and decision is not None:
                fix = Cell(
                    _("Gi vilkåret kategori"),
                    href=tab_url(decision.case.application, "decisions"),
                )
            else:
                fix = Cell(_("Åpne personen"), href=person.get_absolute_url())
        rows.append(
            [
                Cell(finding.rule, tags=(_severity(finding),)),
                where,
                finding.message,
                fix,
            ]
        )
    return rows


def _summary_context(export: Export) -> dict[str, Any]:
    language = get_language() or "nb"
    summary = export.summary
    return {
        "sum_columns": [_("Stønad"), _("Kroner")],
        "age_columns": [_("Alder"), _("Mottakere")],
        "month_columns": [_("Måneder"), _("Mottakere")],
        "amount_columns": [_("Kroner i året"), _("Mottakere")],
        "sum_rows": [
            [_("I alt"), format_amount(summary.total, language)],
            [_("Bidrag"), format_amount(summary.grants, language)],
            [_("Lån"), format_amount(summary.loans, language)],
        ],
        "age_rows": [[band.label, band.count] for band in summary.ages],
        "month_rows": [[band.label, band.count] for band in summary.months],
        "amount_rows": [[band.label, band.count] for band in summary.amounts],
    }


@require_GET
def kostra(request: AuthedRequest) -> HttpResponse:
    municipalities = _require_leader(request)
    form = _form(request, municipalities)
    context: dict[str, Any] = {"form": form, "back_url": reverse("control:office")}
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            year, key = form.cleaned_data["aar"], form.cleaned_data["kommune"]
            try:
                export = build(year, Unit.parse(key), office_ids=request.employee.office_ids())
            except KostraError as error:
                form.add_error(None, str(error))
            else:
                status = 200
                count = len(export.findings)
                last = max(1, (count + PAGE_SIZE - 1) // PAGE_SIZE)
                page = min(
                    int_param(request.GET, "side", default=1, minimum=1, maximum=10**6) or 1, last
                )
                shown = export.findings[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
                named = [p for f in shown if (p := export.person_of(f)) is not None]
                trail.record_many(
                    actor=request.employee,
                    action=AuditAction.PERSON_LISTED,
                    persons=list({p.pk: p for p in named}.values()),
                )
                query = urlencode({"aar": year, "kommune": key})
                here = f"{reverse('control:kostra')}?{query}"
                context |= {
                    "export": export,
                    "finding_columns": [
                        _("Kontroll"),
                        _("Hvem"),
                        _("Hva er galt"),
                        _("Slik retter du det"),
                    ],
                    "finding_rows": _finding_rows(export, shown),
                    "page": page,
                    "last_page": last,
                    "previous_url": f"{here}&side={page - 1}" if page > 1 else "",
                    "next_url": f"{here}&side={page + 1}" if page < last else "",
                    "file_url": f"{reverse('control:kostra-file')}?{query}",
                    **_summary_context(export),
                }
    return render(request, "control/kostra.html", context, status=status)


@require_GET
def kostra_file(request: AuthedRequest) -> HttpResponse:
    municipalities = _require_leader(request)
    form = KostraForm(request.GET, municipalities=municipalities)
    if not form.is_valid():
        return HttpResponse(
            _("Velg et rapporteringsår og en av kontorets kommuner."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    try:
        export = build(
            form.cleaned_data["aar"],
            Unit.parse(form.cleaned_data["kommune"]),
            office_ids=request.employee.office_ids(),
        )
    except KostraError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    if not export.final:
        return HttpResponse(
            _("Filen har feil og kan ikke leveres. Rett feilene på KOSTRA-siden først."),
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    trail.record_many(
        actor=request.employee,
        action=AuditAction.KOSTRA_REPORTED,
        persons=[r.person for r in export.recipients],
        data={"year": export.year, "form": FORM},
    )
    response = HttpResponse(export.text.encode("ascii"), content_type="text/plain; charset=ascii")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response
