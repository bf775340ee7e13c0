"""The caseload (portefølje): the persons in follow-up, mine or the office's, with counters
that are also filters, more filters, sortable columns, saved filters and assignment of
many persons to a caseworker at once; and the tasks, mine or the office's."""

from __future__ import annotations

from typing import Any, Literal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from navet.access.policy import check_person_access
from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.caseload import queries
from navet.caseload.filters import COUNTERS, FILTERS, Moment
from navet.caseload.tasks import TaskItem, open_tasks
from navet.core.http import AuthedRequest
from navet.core.models import Employee
from navet.core.tables import Cell, Column, Tag
from navet.followup import actions
from navet.followup.models import SavedFilter
from navet.people.models import Person

BULK_LIMIT = 500


def _require_person_work(employee: Employee) -> None:
    if not employee.works_with_persons:
        raise PermissionDenied


class FilterForm(forms.Form):
    """The filters beside the counters, sent as GET (the page's address is the filter)."""

    filter = forms.MultipleChoiceField(
        label=gettext_lazy("Vis bare"),
        choices=[(f.key, f.label) for f in FILTERS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    veileder = forms.TypedChoiceField(
        label=gettext_lazy("Veileder"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args: Any, caseworkers: list[Employee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["veileder"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("Alle veiledere"))] + [(e.pk, e.name) for e in caseworkers]


class AssignForm(forms.Form):
    """Whom to give the chosen persons: a caseworker, or nobody (0: back to unassigned).
    Nothing is chosen until the employee chooses."""

    caseworker = forms.TypedChoiceField(
        label=gettext_lazy("Fordel de valgte til"),
        coerce=int,
        error_messages={"required": gettext_lazy("Velg en veileder fra listen.")},
    )

    def __init__(self, *args: Any, caseworkers: list[Employee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["caseworker"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [
            ("", _("Velg veileder")),
            *[(e.pk, e.name) for e in caseworkers],
            (0, _("Ingen (tilbake til ufordelte)")),
        ]


class SaveFilterForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Navn på filteret"), max_length=60)
    query = forms.CharField(widget=forms.HiddenInput, max_length=500, required=False)


def _sort_columns(selection: queries.Selection) -> dict[str, Column]:
    labels = {
        "navn": _("Navn"),
        "alder": _("Alder"),
        "veileder": _("Veileder"),
        "venter": _("Venter på Nav siden"),
    }
    current = selection.sort or ("venter" if selection.counter == "venter-nav" else "navn")
    columns = {}
    for key, label in labels.items():
        sort: Literal["ascending", "descending", ""] = ""
        if current == key:
            sort = "ascending"
        elif current == f"-{key}":
            sort = "descending"
        target = f"-{key}" if sort == "ascending" else key
        columns[key] = Column(
            label, sort_url="?" + selection.query(sorter=target, side=None), sort=sort
        )
    return columns


def _rows(persons: list[Person], employee: Employee, moment: Moment) -> list[list[Any]]:
    rows = []
    for person in persons:
        tags: tuple[Tag, ...] = ()
        follow_up = getattr(person, "follow_up", None)
        if (
            follow_up is not None
            and follow_up.new_for_caseworker
            and person.caseworker_id == employee.pk
        ):
            tags = (Tag(_("Ny for meg"), "info"),)
        waiting = getattr(person, "waiting_since", None)
        meeting = getattr(person, "next_meeting", None)
        rows.append(
            [
                Cell(
                    select_name="person",
                    select_value=str(person.pk),
                    select_label=_("Velg %(name)s") % {"name": person.full_name},
                    form="assign-form",
                ),
                Cell(person.full_name, href=person.get_absolute_url(), tags=tags),
                person.age_on(moment.today),
                person.caseworker.name if person.caseworker else _("Ufordelt"),
                date_format(timezone.localtime(waiting), "SHORT_DATE_FORMAT") if waiting else "",
                date_format(timezone.localtime(meeting), "SHORT_DATETIME_FORMAT")
                if meeting
                else "",
            ]
        )
    return rows


@require_GET
def caseload(request: AuthedRequest) -> HttpResponse:
    employee = request.employee
    _require_person_work(employee)
    selection = queries.Selection.parse(request.GET)
    moment = Moment.of(employee)
    totals = queries.counts(employee, selection, moment)
    total = totals[selection.counter] if selection.counter else totals["alle"]
    last_page = max(1, (total + queries.PAGE_SIZE - 1) // queries.PAGE_SIZE)
    page = min(selection.page, last_page)
    start = (page - 1) * queries.PAGE_SIZE
    persons = list(queries.listed(employee, selection, moment)[start : start + queries.PAGE_SIZE])
    trail.record_many(actor=employee, action=AuditAction.PERSON_LISTED, persons=persons)
    caseworkers = list(Employee.objects.caseworkers_of(employee.office_ids()))
    columns = _sort_columns(selection)
    counters = [
        {
            "label": counter.label,
            "count": totals[counter.key],
            "href": "?"
            + selection.query(
                teller=counter.key if selection.counter != counter.key else "", side=None
            ),
            "current": selection.counter == counter.key,
        }
        for counter in COUNTERS
        if counter.key in totals
    ]
    context = {
        "selection": selection,
        "scopes": [
            {
                "label": _("Mine"),
                "href": "?" + selection.query(omfang="mine", teller="", side=None, veileder=None),
                "current": selection.scope == "mine",
            },
            {
                "label": _("Kontorets"),
                "href": "?" + selection.query(omfang="kontor", teller="", side=None),
                "current": selection.scope == "kontor",
            },
        ],
        "counters": counters,
        "total": total,
        "all_href": "?" + selection.query(teller="", side=None),
        "filter_form": FilterForm(
            initial={"filter": selection.filters, "veileder": selection.caseworker},
            caseworkers=caseworkers,
        ),
        "assign_form": AssignForm(caseworkers=caseworkers),
        "save_form": SaveFilterForm(initial={"query": selection.saved_query()}),
        "saved": [
            {"label": f.name, "href": f"{reverse('caseload:caseload')}?{f.query}", "id": f.pk}
            for f in SavedFilter.objects.filter(employee=employee)
        ],
        "columns": [
            _("Velg"),
            columns["navn"],
            columns["alder"],
            columns["veileder"],
            columns["venter"],
            _("Neste møte"),
        ],
        "rows": _rows(persons, employee, moment),
        "page": page,
        "last_page": last_page,
        "previous_url": "?" + selection.query(side=page - 1) if page > 1 else "",
        "next_url": "?" + selection.query(side=page + 1) if page < last_page else "",
        "back": selection.query(),
    }
    return render(request, "caseload/caseload.html", context)


@require_POST
def assign(request: AuthedRequest) -> HttpResponse:
    """Give the chosen persons a caseworker, as one audited action. Only persons in the
    employee's offices' caseload can be chosen; a list with any other is refused whole."""
    employee = request.employee
    _require_person_work(employee)
    caseworkers = list(Employee.objects.caseworkers_of(employee.office_ids()))
    form = AssignForm(request.POST, caseworkers=caseworkers)
    back = _back(request.POST.get("back", ""))
    chosen = request.POST.getlist("person")
    if not form.is_valid():
        messages.error(request, _("Velg en veileder fra listen."))
        return redirect(back)
    if not chosen:
        messages.error(request, _("Velg minst én person i listen."))
        return redirect(back)
    if len(chosen) > BULK_LIMIT:
        messages.error(
            request, _("Fordel høyst %(limit)s personer om gangen.") % {"limit": BULK_LIMIT}
        )
        return redirect(back)
    office_scope = queries.Selection(scope="kontor")
    try:
        persons = list(
            queries.in_scope(employee, office_scope, Moment.of(employee)).filter(pk__in=chosen)
        )
    except (ValueError, forms.ValidationError):
        persons = []
    if len(persons) != len(set(chosen)):
        messages.error(
            request,
            _("Noen av de valgte personene er ikke i kontorets portefølje. Ingen er fordelt."),
        )
        return redirect(back)
    caseworker_id = form.cleaned_data["caseworker"]
    caseworker = next((e for e in caseworkers if e.pk == caseworker_id), None)
    if caseworker is not None and not all(
        check_person_access(caseworker, person).allowed for person in persons
    ):
        messages.error(
            request,
            _(
                "%(name)s har ikke tilgang til alle de valgte personene (kontor, "
                "adressebeskyttelse, skjerming eller habilitet). Ingen er fordelt."
            )
            % {"name": caseworker.name},
        )
        return redirect(back)
    count = actions.assign_caseworker(persons=persons, caseworker=caseworker, employee=employee)
    if caseworker is None:
        messages.success(
            request, _("%(count)s personer er flyttet til ufordelte.") % {"count": count}
        )
    else:
        messages.success(
            request,
            _("%(count)s personer er fordelt til %(name)s.")
            % {"count": count, "name": caseworker.name},
        )
    return redirect(back)


def _back(query: str) -> str:
    """Back to the caseload with the same selection (re-read, so only known keys return)."""
    try:
        selection = queries.Selection.parse(QueryDict(query))
    except Exception:
        return reverse("caseload:caseload")
    return f"{reverse('caseload:caseload')}?{selection.query()}"


@require_POST
def save_filter(request: AuthedRequest) -> HttpResponse:
    employee = request.employee
    _require_person_work(employee)
    form = SaveFilterForm(request.POST)
    back = _back(request.POST.get("query", ""))
    if not form.is_valid():
        messages.error(request, _("Gi filteret et navn (høyst 60 tegn)."))
        return redirect(back)
    selection = queries.Selection.parse(QueryDict(form.cleaned_data["query"]), strict=True)
    actions.save_filter(
        employee=employee, name=form.cleaned_data["name"], query=selection.saved_query()
    )
    messages.success(request, _("Filteret er lagret."))
    return redirect(back)


@require_POST
def delete_filter(request: AuthedRequest, filter_id: int) -> HttpResponse:
    saved = get_object_or_404(SavedFilter, pk=filter_id, employee=request.employee)
    saved.delete()
    messages.success(request, _("Filteret er slettet."))
    return redirect("caseload:caseload")


# --- tasks ------------------------------------------------------------------------------


def task_href(item: TaskItem) -> str:
    if item.target == "task":
        return f"{item.person.get_absolute_url()}#oppgaver"
    if item.target == "application":
        return reverse("applications:application-attachments", args=[item.target_id])
    if item.target == "decision":
        url = reverse("applications:application-decisions", args=[item.target_id])
        return f"{url}#{item.anchor}"
    if item.target == "meeting":
        return reverse("meetings:meeting", args=[item.target_id])
    if item.target == "payment":
        return reverse("payments:payment-detail", args=[item.target_id])
    return reverse("dialog:thread", args=[item.target_id])


def task_rows(items: list[TaskItem], today: Any, *, with_person: bool = True) -> list[list[Any]]:
    rows = []
    for item in items:
        overdue = item.due < today
        row: list[Any] = [
            Cell(
                date_format(item.due, "SHORT_DATE_FORMAT"),
                tags=(Tag(_("Forfalt"), "error"),) if overdue and item.target == "task" else (),
            ),
            str(item.kind),
            Cell(item.text or "–", href=task_href(item)),
        ]
        if with_person:
            row.append(Cell(item.person.full_name, href=item.person.get_absolute_url()))
        rows.append(row)
    return rows


@require_GET
def task_list(request: AuthedRequest) -> HttpResponse:
    employee = request.employee
    _require_person_work(employee)
    selection = queries.Selection.parse(request.GET)
    moment = Moment.of(employee)
    persons = queries.in_scope(employee, selection, moment)
    mine = selection.scope == "mine"
    items = open_tasks(
        _pk_in(persons),
        moment,
        assignee_mine=mine,
        offices=None if mine else employee.office_ids(),
    )
    trail.record_many(
        actor=employee,
        action=AuditAction.PERSON_LISTED,
        persons=list({item.person.pk: item.person for item in items}.values()),
    )
    context = {
        "scopes": [
            {"label": _("Mine"), "href": "?omfang=mine", "current": selection.scope == "mine"},
            {
                "label": _("Kontorets"),
                "href": "?omfang=kontor",
                "current": selection.scope == "kontor",
            },
        ],
        "columns": [_("Frist"), _("Type"), _("Hva"), _("Person")],
        "rows": task_rows(items, moment.today),
    }
    return render(request, "caseload/tasks.html", context)


def _pk_in(persons: Any) -> Q:
    return Q(pk__in=persons.values("pk"))
