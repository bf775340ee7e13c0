"""Person search, the person overview (visittkort) and the access log."""

from __future__ import annotations

import secrets
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from navet.access.offers import offer_override
from navet.access.permissions import can_edit_contact, can_see_access_log, get_person_for_user
from navet.access.policy import may_see_address, visible_persons
from navet.applications.models import Application, Case
from navet.applications.permissions import can_register_application
from navet.audit import trail
from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction
from navet.core.http import AuthedRequest
from navet.core.models import Employee
from navet.core.params import int_param
from navet.followup.actions import seen_by_caseworker
from navet.people import actions, presenters
from navet.people.forms import PersonContactForm, PersonSearchForm
from navet.people.models import HouseholdMember, Person
from navet.people.search_terms import SearchTerm, SearchTermError, TermKind, parse_search
from navet.staff.access_log_views import log_columns, log_rows
from navet.staff.application_frame import tab_url
from navet.staff.person_followup_views import followup_context
from navet.staff.person_overview import casework_context

PAGE_SIZE = 20
SESSION_SEARCHES = "person_searches"
KEPT_SEARCHES = 10


def _remember_search(request: AuthedRequest, query: str) -> str:
    """Keep the query in the session under a random key: a fødselsnummer never goes in a URL."""
    searches: dict[str, str] = request.session.get(SESSION_SEARCHES, {})
    key = secrets.token_urlsafe(8)
    searches[key] = query
    request.session[SESSION_SEARCHES] = dict(list(searches.items())[-KEPT_SEARCHES:])
    return key


# A search deeper than this many pages is better narrowed than paged through.
MAX_PAGES = 25


def _page_number(request: AuthedRequest) -> int:
    return int_param(request.GET, "side", default=1, minimum=1, maximum=MAX_PAGES) or 1


def _opened_by_reference(employee: Employee, term: SearchTerm) -> str | None:
    """The page a reference opens, if the employee may see its application; else None,
    exactly as for a reference nobody has (the same policy as opening it: 404)."""
    applications = Application.objects.visible_to(employee)
    if term.kind == TermKind.APPLICATION_REFERENCE:
        application = applications.filter(reference=term.text).first()
        return application.get_absolute_url() if application else None
    case = (
        Case.objects.filter(application__in=applications, decisions__reference=term.text)
        .select_related("application")
        .first()
    )
    if case is None:
        return None
    return tab_url(case.application, "decisions", f"sak-{case.reference}")


def _search_page(
    request: AuthedRequest, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, "people/person_search.html", context, status=status)


@never_cache  # the page may show a typed fødselsnummer: never kept by a browser or proxy
@require_http_methods(["GET", "POST"])
def person_search(request: AuthedRequest) -> HttpResponse:
    """A POST searches (the query is never in a URL) and redirects: to the application of
    a reference, to the person of a single hit, else to the results under a random key."""
    employee = request.employee
    if not employee.works_with_persons:
        raise PermissionDenied
    if request.method == "POST":
        form = PersonSearchForm(request.POST)
        if not form.is_valid():
            return _search_page(request, {"form": form}, status=400)
        term: SearchTerm = form.cleaned_data["q"]
        if term.is_reference and (url := _opened_by_reference(employee, term)):
            return redirect(url)
        if not term.is_reference:
            found = visible_persons(employee).search_window(term, offset=0, limit=2)
            if len(found) == 1:
                trail.record_many(actor=employee, action=AuditAction.PERSON_LISTED, persons=found)
                messages.info(request, _("Søket ga ett treff."))
                return redirect(found[0])
        key = _remember_search(request, form.data["q"].strip())
        return redirect(f"{reverse('people:search')}?s={key}")

    key = request.GET.get("s", "")
    query = request.session.get(SESSION_SEARCHES, {}).get(key)
    if query is None:
        return _search_page(request, {"form": PersonSearchForm()})
    try:
        term = parse_search(query)
    except SearchTermError:
        return _search_page(request, {"form": PersonSearchForm(initial={"q": query})})
    if term.is_reference and (url := _opened_by_reference(employee, term)):
        return redirect(url)
    page = _page_number(request)
    window = (
        visible_persons(employee)
        .select_related("office")
        .search_window(term, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE + 1)
    )
    results, has_next = window[:PAGE_SIZE], len(window) > PAGE_SIZE
    trail.record_many(actor=employee, action=AuditAction.PERSON_LISTED, persons=results)
    override_offer = (
        not results
        and term.kind == TermKind.NATIONAL_ID
        and offer_override(request, employee, key=key, national_id=term.text)
    )
    base = f"{reverse('people:search')}?s={key}"
    context = {
        "form": PersonSearchForm(initial={"q": query}),
        "searched": True,
        "searched_reference": term.is_reference,
        "result_columns": presenters.person_columns(),
        "result_rows": presenters.person_rows(results, timezone.localdate()),
        "page": page,
        "previous_url": f"{base}&side={page - 1}" if page > 1 else None,
        "next_url": f"{base}&side={page + 1}" if has_next and page < MAX_PAGES else None,
        "narrow_search": has_next and page == MAX_PAGES,
        "override_offer": override_offer,
        "override_url": f"{reverse('access:override-new')}?s={key}",
    }
    return _search_page(request, context)


@require_GET
def person_detail(request: AuthedRequest, person_id: UUID) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    return _render_detail(request, person)


@require_POST
def person_show_national_id(request: AuthedRequest, person_id: UUID) -> HttpResponse:
    """Show the whole fødselsnummer (in the page, never in a URL), audited."""
    person = get_person_for_user(request, person_id)
    national_id = actions.show_national_id(person=person, actor=request.employee)
    return _render_detail(request, person, national_id=national_id)


@require_http_methods(["GET", "POST"])
def person_contact_edit(request: AuthedRequest, person_id: UUID) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    if not can_edit_contact(request.employee):
        raise PermissionDenied
    form = PersonContactForm(request.POST or None, instance=Person.objects.get(pk=person.pk))
    if request.method == "POST" and form.is_valid():
        changed = actions.update_contact(
            person=person, actor=request.employee, changes=form.cleaned_data
        )
        if changed:
            messages.success(request, _("Opplysningene er lagret."))
        return redirect(person)
    return render(request, "people/person_contact_edit.html", {"person": person, "form": form})


def _render_detail(
    request: AuthedRequest, person: Person, *, national_id: str | None = None
) -> HttpResponse:
    employee = request.employee
    today = timezone.localdate()
    household = _household_of(person, employee)
    trail.record_many(
        actor=employee,
        action=AuditAction.PERSON_LISTED,
        persons=[member.person for member in household],
    )
    context = {
        "person": person,
        "national_id_shown": national_id is not None,
        "tags": presenters.person_tags(person),
        "facts": presenters.person_facts(
            person,
            age=person.age_on(today),
            show_address=may_see_address(employee, person),
            national_id=national_id,
        ),
        "household_columns": presenters.household_columns(),
        "household_rows": presenters.household_rows(household, today),
        "can_see_access_log": can_see_access_log(employee, person),
        "can_edit_contact": can_edit_contact(employee),
        "can_register_application": can_register_application(employee),
        **casework_context(person, employee, today),
        **followup_context(person, employee),
    }
    seen_by_caseworker(person, employee)
    response = render(request, "people/person_detail.html", context)
    if national_id is not None:
        response["Cache-Control"] = "private, no-store"
    return response


def _household_of(person: Person, employee: Employee) -> list[HouseholdMember]:
    """The person's current household, leaving out members this employee may not see."""
    membership = HouseholdMember.objects.current().filter(person=person).first()
    if membership is None:
        return []
    return list(
        HouseholdMember.objects.current()
        .filter(household_id=membership.household_id)
        .exclude(person=person)
        .filter(person__in=visible_persons(employee))
        .select_related("person")
        .order_by("role", "person__birth_date")
    )


ACCESS_LOG_PAGE = 50


@require_GET
def person_access_log(request: AuthedRequest, person_id: UUID) -> HttpResponse:
    if not request.employee.is_leader:  # before the lookup, so no read is logged
        raise Http404
    person = get_person_for_user(request, person_id)
    if not can_see_access_log(request.employee, person):
        raise PermissionDenied
    before = int_param(request.GET, "before", default=None, minimum=1, maximum=2**63 - 1)
    events = AuditEvent.objects.about(person).newest_first().select_related("actor")
    if before is not None:
        events = events.filter(id__lt=before)
    rows = list(events[: ACCESS_LOG_PAGE + 1])
    page, more = rows[:ACCESS_LOG_PAGE], len(rows) > ACCESS_LOG_PAGE
    next_url = None
    if more:
        next_url = f"{reverse('people:person-access-log', args=[person.pk])}?before={page[-1].id}"
    context = {
        "person": person,
        "log_columns": log_columns(with_person=False),
        "log_rows": log_rows(page, with_person=False),
        "next_url": next_url,
    }
    return render(request, "people/person_access_log.html", context)
