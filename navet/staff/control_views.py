"""The leader's internal control: the office's picture (every figure a link to its list),
and each list as a page and as CSV. Leaders only; every list is audited as the persons
it names."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.control import times
from navet.control.charts import bar_chart
from navet.control.figures import FIGURE_BY_KEY, FIGURES, Figure, Scope, counts
from navet.core.http import AuthedRequest
from navet.core.models import Employee
from navet.core.params import int_param
from navet.core.tables import Cell, Tag
from navet.rules.dates import add_months
from navet.staff.application_frame import tab_url

PAGE_SIZE = 100


class DrillForm(forms.Form):
    """The office's picture for one caseworker (GET: the address is the choice)."""

    veileder = forms.ChoiceField(label=gettext_lazy("Vis for saksbehandler"), required=False)

    def __init__(self, *args: Any, caseworkers: list[Employee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["veileder"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Hele kontoret"))] + [(e.pk, e.name) for e in caseworkers]


def _require_leader(request: AuthedRequest) -> Scope:
    """A leader's scope, drilled down to one of the offices' caseworkers by ?veileder=
    (404 for anyone else)."""
    leader = request.employee
    if not leader.is_leader:
        raise PermissionDenied
    chosen = int_param(request.GET, "veileder", default=None, minimum=1, maximum=2**62)
    caseworker = None
    if chosen is not None:
        caseworker = Employee.objects.caseworkers_of(leader.office_ids()).filter(pk=chosen).first()
        if caseworker is None:
            raise Http404
    return Scope.of(leader, caseworker)


def _drill(scope: Scope) -> str:
    return f"veileder={scope.caseworker.pk}" if scope.caseworker else ""


def _with(url: str, *queries: str) -> str:
    joined = "&".join(q for q in queries if q)
    return f"{url}?{joined}" if joined else url


@require_GET
def office_picture(request: AuthedRequest) -> HttpResponse:
    scope = _require_leader(request)
    totals = counts(scope)
    sections: dict[str, list[list[Any]]] = {}
    for figure in FIGURES:
        count = totals[figure.key]
        alarm = figure.should_be_zero and count > 0
        sections.setdefault(str(figure.section), []).append(
            [
                Cell(
                    str(figure.label),
                    href=_with(reverse("control:list", args=[figure.key]), _drill(scope)),
                ),
                Cell(str(count), tags=(Tag(_("Skal være null"), "error"),) if alarm else ()),
            ]
        )
    months = times.by_month(scope)
    chart = bar_chart(
        [(date_format(m.first, "M"), [m.median, m.p90]) for m in months],
        [_("Median"), _("90. persentil")],
    )
    backlog = times.backlog_by_month(scope)
    context = {
        "backlog_chart": bar_chart(
            [(date_format(first, "M"), [count]) for first, count in backlog],
            [_("Åpne søknader ved månedens slutt")],
        ),
        "backlog_columns": [_("Måned"), _("Åpne ved månedens slutt")],
        "backlog_rows": [
            [
                date_format(first, "YEAR_MONTH_FORMAT"),
                Cell(
                    str(count),
                    href=_with(
                        reverse("control:backlog", args=[first.strftime("%Y-%m")]),
                        _drill(scope),
                    ),
                ),
            ]
            for first, count in backlog
        ],
        "caseworker": scope.caseworker,
        "drill_form": DrillForm(
            caseworkers=list(Employee.objects.caseworkers_of(scope.offices)),
            initial={"veileder": scope.caseworker.pk if scope.caseworker else ""},
        ),
        "chart": chart,
        "time_columns": [
            _("Måned"),
            _("Antall vedtak"),
            _("Median, dager"),
            _("90. persentil, dager"),
        ],
        "time_rows": [
            [
                date_format(m.first, "YEAR_MONTH_FORMAT"),
                Cell(
                    str(m.count),
                    href=_with(
                        reverse("control:times", args=[m.first.strftime("%Y-%m")]),
                        _drill(scope),
                    ),
                ),
                m.median if m.median is not None else "",
                m.p90 if m.p90 is not None else "",
            ]
            for m in months
        ],
        "sections": [
            {"heading": heading, "id": f"del-{index}", "rows": rows}
            for index, (heading, rows) in enumerate(sections.items())
        ],
        "columns": [_("Hva"), _("Antall")],
    }
    return render(request, "control/office_picture.html", context)


def _day(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localdate(value)
    return date_format(value, "SHORT_DATE_FORMAT")


_SELECT = {
    "application": ("person",),
    "decision": ("case__application__person",),
    "appeal": ("decision__case__application__person",),
    "override": ("person", "employee"),
    "payment": ("person",),
    "thread": ("person",),
}
_ORDER = {
    "application": ("received_at", "pk"),
    "decision": ("created_at", "pk"),
    "appeal": ("received_on", "pk"),
    "override": ("created_at", "pk"),
    "payment": ("due_on", "pk"),
    "thread": ("last_message_at", "pk"),
}


def columns(kind: str) -> list[str]:
    what = {
        "application": _("Søknad"),
        "decision": _("Vedtak"),
        "appeal": _("Klage på vedtak"),
        "override": _("Tilgang for"),
        "payment": _("Utbetaling"),
        "thread": _("Melding"),
    }[kind]
    when = {
        "application": _("Mottatt"),
        "decision": _("Laget"),
        "appeal": _("Mottatt"),
        "override": _("Gitt"),
        "payment": _("Forfall"),
        "thread": _("Siste melding"),
    }[kind]
    return [what, _("Person"), when, _("Status")]


def row(kind: str, item: Any) -> tuple[Cell, Any, str, str]:
    """One line of a list: what (a link to where the leader acts), whom, when, where it
    stands."""
    if kind == "application":
        return (
            Cell(
                item.reference,
                href=reverse("applications:application-detail", args=[item.pk]),
                nowrap=True,
            ),
            item.person,
            _day(item.received_at),
            item.get_status_display(),
        )
    if kind == "decision":
        application = item.case.application
        return (
            Cell(item.reference, href=tab_url(application, "decisions"), nowrap=True),
            application.person,
            _day(item.created_at),
            item.get_outcome_display() or item.get_state_display(),
        )
    if kind == "appeal":
        application = item.decision.case.application
        return (
            Cell(item.decision.reference, href=tab_url(application, "decisions"), nowrap=True),
            application.person,
            _day(item.received_on),
            item.get_authority_outcome_display() or item.get_state_display(),
        )
    if kind == "override":
        return (
            Cell(
                item.employee.name,
                href=reverse("access:override-review-detail", args=[item.pk]),
            ),
            item.person,
            _day(item.created_at),
            item.get_review_status_display(),
        )
    if kind == "payment":
        return (
            Cell(
                item.reference,
                href=reverse("payments:payment-detail", args=[item.pk]),
                nowrap=True,
            ),
            item.person,
            _day(item.due_on),
            item.get_state_display(),
        )
    return (
        Cell(item.subject, href=reverse("dialog:thread", args=[item.pk])),
        item.person,
        _day(item.last_message_at),
        item.get_state_display(),
    )


def _page(
    request: AuthedRequest, listed: QuerySet[Any], url: str, scope: Scope
) -> tuple[list[Any], dict[str, Any]]:
    """One page of a list (PAGE_SIZE lines; ?side= picks it) and the pager's context."""
    total = listed.count()
    last = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    page = min(int_param(request.GET, "side", default=1, minimum=1, maximum=10**6) or 1, last)
    items = list(listed[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    return items, {
        "total": total,
        "page": page,
        "last_page": last,
        "previous_url": _with(url, f"side={page - 1}", _drill(scope)) if page > 1 else "",
        "next_url": _with(url, f"side={page + 1}", _drill(scope)) if page < last else "",
    }


def _listed(figure: Figure, scope: Scope) -> QuerySet[Any]:
    return figure.read(scope).select_related(*_SELECT[figure.kind]).order_by(*_ORDER[figure.kind])


@require_GET
def figure_list(request: AuthedRequest, key: str) -> HttpResponse | StreamingHttpResponse:
    scope = _require_leader(request)
    figure = FIGURE_BY_KEY.get(key)
    if figure is None:
        raise Http404
    listed = _listed(figure, scope)
    if request.GET.get("format") == "csv":
        header = [str(c) for c in columns(figure.kind)]
        return _csv(request, figure.key, header, _figure_lines(figure, listed))
    url = reverse("control:list", args=[figure.key])
    items, paging = _page(request, listed, url, scope)
    lines = [row(figure.kind, item) for item in items]
    trail.record_many(
        actor=request.employee,
        action=AuditAction.PERSON_LISTED,
        persons=list({line[1].pk: line[1] for line in lines}.values()),
    )
    context = {
        **paging,
        "figure": figure,
        "title": _("%(section)s: %(figure)s") % {"section": figure.section, "figure": figure.label},
        "columns": columns(figure.kind),
        "empty_text": _("Ingen linjer."),
        "rows": [
            [
                what,
                Cell(person.full_name, href=person.get_absolute_url()),
                when,
                Cell(
                    state,
                    tags=(Tag(_("Skal være null"), "error"),) if figure.should_be_zero else (),
                ),
            ]
            for what, person, when, state in lines
        ],
        "caseworker": scope.caseworker,
        "back_url": _with(reverse("control:office"), _drill(scope)),
        "csv_url": _with(url, "format=csv", _drill(scope)),
    }
    return render(request, "control/figure_list.html", context)


def _cell(value: Any) -> str:
    """A CSV value a spreadsheet shows as text: one that would start a formula (text a
    citizen typed, e.g. a message's subject) gets a leading apostrophe."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv(
    request: AuthedRequest, filename: str, header: list[str], lines: Iterator[tuple[list[Any], Any]]
) -> StreamingHttpResponse:
    """A whole list as CSV (semicolons and a byte-order mark, as Excel in Norway reads it):
    `lines` gives each line's values and its person; the persons are audited as listed,
    in one insert per 2 000."""
    writer = csv.writer(_Echo(), delimiter=";")

    def rows() -> Iterator[str]:
        yield "\ufeff"
        yield writer.writerow(header)
        chunk: list[tuple[list[Any], Any]] = []
        for line in lines:
            chunk.append(line)
            if len(chunk) >= 2000:
                yield from _audited(chunk)
                chunk = []
        yield from _audited(chunk)

    def _audited(chunk: list[tuple[list[Any], Any]]) -> Iterator[str]:
        """The chunk's persons are recorded as listed before its rows are sent."""
        if chunk:
            trail.record_many(
                actor=request.employee,
                action=AuditAction.PERSON_LISTED,
                persons=list({person.pk: person for _values, person in chunk}.values()),
            )
        for values, _person in chunk:
            yield writer.writerow([_cell(value) for value in values])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


def _figure_lines(figure: Figure, listed: QuerySet[Any]) -> Iterator[tuple[list[Any], Any]]:
    for item in listed.iterator(chunk_size=2000):
        what, person, when, state = row(figure.kind, item)
        yield [what.text, person.full_name, when, state], person


@require_GET
def month_times(request: AuthedRequest, month: str) -> HttpResponse | StreamingHttpResponse:
    """The decisions behind one month of the processing times, with the days each took."""
    scope = _require_leader(request)
    first = _month(month)
    listed = (
        times.first_decisions(scope, first, add_months(first, 1))
        .select_related("case__application__person")
        .order_by("made_at", "pk")
    )
    header = [_("Vedtak"), _("Person"), _("Mottatt"), _("Fattet"), _("Dager")]
    if request.GET.get("format") == "csv":
        return _csv(
            request,
            f"behandlingstid-{month}",
            header,
            (
                (
                    [
                        d.reference,
                        d.case.application.person.full_name,
                        _day(d.case.application.received_at),
                        _day(d.made_at),
                        times.days_taken(d),
                    ],
                    d.case.application.person,
                )
                for d in listed.iterator(chunk_size=2000)
            ),
        )
    decisions, paging = _page(request, listed, request.path, scope)
    trail.record_many(
        actor=request.employee,
        action=AuditAction.PERSON_LISTED,
        persons=list(
            {d.case.application.person_id: d.case.application.person for d in decisions}.values()
        ),
    )
    rows = []
    for decision in decisions:
        application = decision.case.application
        rows.append(
            [
                Cell(decision.reference, href=tab_url(application, "decisions"), nowrap=True),
                Cell(application.person.full_name, href=application.person.get_absolute_url()),
                _day(application.received_at),
                _day(decision.made_at),
                times.days_taken(decision),
            ]
        )
    title = _("Behandlingstid: vedtak i %(month)s") % {
        "month": date_format(first, "YEAR_MONTH_FORMAT")
    }
    context = {
        **paging,
        "title": title,
        "caseworker": scope.caseworker,
        "back_url": _with(reverse("control:office"), _drill(scope)),
        "columns": header,
        "csv_url": _with(request.path, "format=csv", _drill(scope)),
        "empty_text": _("Ingen vedtak denne måneden."),
        "rows": rows,
    }
    return render(request, "control/figure_list.html", context)


def _month(month: str) -> date:
    """A month the office can have figures for (1900 to next year), or 404."""
    try:
        first = datetime.strptime(month, "%Y-%m").date()
    except ValueError:
        raise Http404 from None
    if not 1900 <= first.year <= timezone.localdate().year + 1:
        raise Http404
    return first


@require_GET
def month_backlog(request: AuthedRequest, month: str) -> HttpResponse | StreamingHttpResponse:
    """The applications open at the end of a month (now, for this month)."""
    scope = _require_leader(request)
    first = _month(month)
    moment = min(times.month_end(first), scope.now)
    listed = times.open_at(scope, moment).select_related("person").order_by("received_at", "pk")
    header = columns("application")
    if request.GET.get("format") == "csv":
        lines = (
            (
                [a.reference, a.person.full_name, _day(a.received_at), a.get_status_display()],
                a.person,
            )
            for a in listed.iterator(chunk_size=2000)
        )
        return _csv(request, f"restanse-{month}", header, lines)
    items, paging = _page(request, listed, request.path, scope)
    trail.record_many(
        actor=request.employee,
        action=AuditAction.PERSON_LISTED,
        persons=list({a.person_id: a.person for a in items}.values()),
    )
    title = _("Åpne søknader ved slutten av %(month)s") % {
        "month": date_format(first, "YEAR_MONTH_FORMAT")
    }
    context = {
        **paging,
        "title": title,
        "caseworker": scope.caseworker,
        "back_url": _with(reverse("control:office"), _drill(scope)),
        "csv_url": _with(request.path, "format=csv", _drill(scope)),
        "columns": header,
        "empty_text": _("Ingen linjer."),
        "rows": [
            [what, Cell(person.full_name, href=person.get_absolute_url()), when, state]
            for what, person, when, state in (row("application", a) for a in items)
        ],
    }
    return render(request, "control/figure_list.html", context)
