"""The leader's access log for their offices: who saw or changed what about which person,
on which page and in which application, filtered by person, employee, dates and action.

The filters are sent by POST and kept in the session under a random key (`?utvalg=`), as
the person search does: a name or a fødselsnummer typed into the filter never goes in a
URL. Every person the page lists is an audited read (`person.listed`)."""

from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from navet.access.forms import AccessLogFilterForm
from navet.access.policy import visible_persons
from navet.audit import trail
from navet.audit.describe import action_label, describe_seen, target_names
from navet.audit.models import AuditEvent, AuditEventQuerySet
from navet.audit.trail import CITIZEN_ACTOR
from navet.audit.vocabulary import AuditAction
from navet.core.http import AuthedRequest
from navet.core.models import Employee
from navet.core.params import int_param
from navet.core.tables import Cell
from navet.people.models import PersonQuerySet
from navet.people.search_terms import parse_search

PAGE_SIZE = 50
MAX_PAGE = 2_000
SESSION_FILTERS = "access_log_filters"
KEPT_FILTERS = 10


def log_columns(*, with_person: bool) -> list[str]:
    columns = [_("Tidspunkt"), _("Hvem")]
    if with_person:
        columns.append(_("Person"))
    return [*columns, _("Hva"), _("Hva ble sett eller endret"), _("Begrunnelse")]


def _actor(event: AuditEvent) -> str:
    if event.actor_id:
        return event.actor_label
    if event.actor_label == CITIZEN_ACTOR:
        return _("Personen selv (Min side)")
    return _("Navet (automatisk)")


def log_rows(events: list[AuditEvent], *, with_person: bool) -> list[list[Any]]:
    """One row per event: when, who, (about whom,) what, which page or application, why."""
    names = target_names(events)
    rows = []
    for event in events:
        row: list[Any] = [
            date_format(timezone.localtime(event.occurred_at), "SHORT_DATETIME_FORMAT"),
            _actor(event),
        ]
        if with_person:
            person = event.person
            row.append(Cell(person.full_name, href=person.get_absolute_url()) if person else "")
        row += [
            action_label(event),
            describe_seen(event, names),
            event.reason or _("Tjenstlig behov ved personens Nav-kontor"),
        ]
        rows.append(row)
    return rows


def _office_persons(leader: Employee) -> PersonQuerySet:
    """The persons of the leader's offices that the leader may see."""
    return visible_persons(leader).filter(office__in=leader.office_ids())


def _office_employees(leader: Employee) -> QuerySet[Employee]:
    """The office's staff, and whoever had an override on one of its persons."""
    offices = leader.office_ids()
    return (
        Employee.objects.filter(
            Q(offices__in=offices) | Q(access_overrides__person__office__in=offices)
        )
        .distinct()
        .order_by("name")
    )


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered_events(leader: Employee, filters: dict[str, Any]) -> AuditEventQuerySet:
    persons = _office_persons(leader)
    if filters.get("person"):
        persons = persons.search(parse_search(filters["person"]))
    events = AuditEvent.objects.about_any(persons)
    if filters.get("employee"):
        events = events.by_actor(filters["employee"])
    if filters.get("action"):
        events = events.of_action(filters["action"])
    start = date.fromisoformat(filters["date_from"]) if filters.get("date_from") else None
    end = date.fromisoformat(filters["date_to"]) if filters.get("date_to") else None
    return events.between(
        _day_start(start) if start else None,
        _day_start(end + timedelta(days=1)) if end else None,
    )


def _remember(request: AuthedRequest, cleaned: dict[str, Any]) -> str:
    stored = {
        "person": cleaned.get("person") or "",
        "employee": cleaned["employee"].pk if cleaned.get("employee") else None,
        "action": cleaned.get("action") or "",
        "date_from": cleaned["date_from"].isoformat() if cleaned.get("date_from") else "",
        "date_to": cleaned["date_to"].isoformat() if cleaned.get("date_to") else "",
    }
    kept: dict[str, dict[str, Any]] = request.session.get(SESSION_FILTERS, {})
    key = secrets.token_urlsafe(8)
    kept[key] = stored
    request.session[SESSION_FILTERS] = dict(list(kept.items())[-KEPT_FILTERS:])
    return key


def _as_initial(filters: dict[str, Any]) -> dict[str, Any]:
    initial = dict(filters)
    for name in ("date_from", "date_to"):
        if filters.get(name):
            initial[name] = date.fromisoformat(filters[name])
    return initial


@require_http_methods(["GET", "POST"])
def office_access_log(request: AuthedRequest) -> HttpResponse:
    leader = request.employee
    if not leader.is_leader:
        raise PermissionDenied
    key = request.GET.get("utvalg", "")
    filters: dict[str, Any] = request.session.get(SESSION_FILTERS, {}).get(key, {})
    employees = _office_employees(leader)
    status = 200
    if request.method == "POST":
        form = AccessLogFilterForm(request.POST, employees=employees)
        if form.is_valid():
            base = reverse("people:office-access-log")
            return redirect(f"{base}?utvalg={_remember(request, form.cleaned_data)}")
        status = 400  # the list stays as it was: the last filters that were valid
    else:
        form = AccessLogFilterForm(initial=_as_initial(filters), employees=employees)
    events = filtered_events(leader, filters).select_related("person").newest_first()
    page_number = int_param(request.GET, "side", default=1, minimum=1, maximum=MAX_PAGE)
    page = Paginator(events, PAGE_SIZE).get_page(page_number)
    shown = list(page.object_list)
    listed = {e.person_id: e.person for e in shown if e.person is not None}
    trail.record_many(actor=leader, action=AuditAction.PERSON_LISTED, persons=list(listed.values()))

    def page_url(number: int) -> str:
        return f"{reverse('people:office-access-log')}?utvalg={key}&side={number}"

    count = page.paginator.count
    context = {
        "form": form,
        "filtered": any(filters.values()),
        "count_text": ngettext("%(count)s hendelse", "%(count)s hendelser", count)
        % {"count": count},
        "page_text": _("Side %(page)s av %(pages)s")
        % {"page": page.number, "pages": page.paginator.num_pages},
        "columns": log_columns(with_person=True),
        "rows": log_rows(shown, with_person=True),
        "previous_url": page_url(page.previous_page_number()) if page.has_previous() else None,
        "next_url": page_url(page.next_page_number()) if page.has_next() else None,
        "action_url": f"{reverse('people:office-access-log')}?utvalg={key}",
    }
    return render(request, "people/office_access_log.html", context, status=status)
