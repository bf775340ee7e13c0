"""The office's inbox of messages from persons, and one thread: read and answer.

The lists are the office's (every office the employee works at) or the employee's own, by
state: unread, waiting for Nav (oldest first), waiting for the person, done. Each is one
indexed query, and each tab's count one more."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from navet.access.policy import visible_persons
from navet.core.http import AuthedRequest
from navet.core.params import int_param
from navet.core.tables import Cell, Tag
from navet.dialog import actions, presenters
from navet.dialog.forms import OfficeReplyForm
from navet.dialog.models import Message, Thread, ThreadQuerySet, ThreadState
from navet.dialog.permissions import get_thread_for_user

PAGE_SIZE = 25
LISTS = (
    ("ulest", gettext_lazy("Uleste")),
    ("venter-nav", gettext_lazy("Venter på svar fra Nav")),
    ("venter-bruker", gettext_lazy("Venter på svar fra bruker")),
    ("ferdig", gettext_lazy("Ferdig behandlet")),
)
SCOPES = (("mine", gettext_lazy("Mine")), ("kontoret", gettext_lazy("Kontoret")))


def inbox_queryset(request: AuthedRequest, scope: str, key: str) -> ThreadQuerySet:
    employee = request.employee
    found = Thread.objects.of_offices(employee.office_ids()).filter(
        person__in=visible_persons(employee)
    )
    if scope == "mine":
        found = found.of_caseworker(employee)
    if key == "ulest":
        return found.unread_by_office().oldest_waiting_first()
    if key == "venter-nav":
        return found.in_state(ThreadState.WAITING_FOR_NAV).oldest_waiting_first()
    if key == "venter-bruker":
        return found.in_state(ThreadState.WAITING_FOR_PERSON).newest_first()
    return found.in_state(ThreadState.DONE).newest_first()


def unread_count(request: AuthedRequest) -> int:
    return inbox_queryset(request, "kontoret", "ulest").count()


def _url(**params: str) -> str:
    return f"{reverse('dialog:inbox')}?{urlencode(params)}"


@require_GET
def inbox(request: AuthedRequest) -> HttpResponse:
    if not request.employee.works_with_persons:
        raise PermissionDenied
    scope = request.GET.get("hvem", "mine")
    scope = scope if scope in dict(SCOPES) else "mine"
    key = request.GET.get("liste", "venter-nav")
    key = key if key in dict(LISTS) else "venter-nav"
    found = inbox_queryset(request, scope, key).select_related("person", "caseworker")
    page = Paginator(found.with_unread_for_office(), PAGE_SIZE).get_page(
        int_param(request.GET, "side", default=1, minimum=1, maximum=10_000)
    )
    rows = []
    for thread in page.object_list:
        unread = thread.unread_for_office  # type: ignore[attr-defined]
        tags = (Tag(_("Ulest"), "warning"),) if unread else ()
        state, _variant = presenters.office_state(thread)
        rows.append(
            [
                Cell(thread.person.full_name, href=reverse("dialog:thread", args=[thread.pk])),
                Cell(thread.subject, tags=tags),
                presenters.when(thread.last_message_at),
                state,
                thread.caseworker.name if thread.caseworker else _("Ikke fordelt"),
            ]
        )
    context: dict[str, Any] = {
        "scopes": [
            {"label": label, "url": _url(hvem=name, liste=key), "current": name == scope}
            for name, label in SCOPES
        ],
        "tabs": [
            {
                "label": label,
                "url": _url(hvem=scope, liste=name),
                "current": name == key,
                "count": inbox_queryset(request, scope, name).count(),
            }
            for name, label in LISTS
        ],
        "list_label": dict(LISTS)[key],
        "columns": [_("Person"), _("Emne"), _("Siste melding"), _("Status"), _("Veileder")],
        "rows": rows,
        "previous_url": _url(hvem=scope, liste=key, side=str(page.previous_page_number()))
        if page.has_previous()
        else "",
        "next_url": _url(hvem=scope, liste=key, side=str(page.next_page_number()))
        if page.has_next()
        else "",
    }
    return render(request, "dialog/inbox.html", context)


def _thread_page(
    request: AuthedRequest, thread: Thread, form: OfficeReplyForm, status: int = 200
) -> HttpResponse:
    found = list(Message.objects.filter(thread=thread).select_related("author"))
    state, variant = presenters.office_state(thread)
    details: list[tuple[str, Any]] = [
        (_("Person"), {"text": thread.person.full_name, "href": thread.person.get_absolute_url()}),
        (_("Nav-kontor"), thread.office.name),
        (_("Veileder"), thread.caseworker.name if thread.caseworker else _("Ikke fordelt")),
    ]
    if thread.application is not None:
        details.insert(
            1,
            (
                _("Søknad"),
                {
                    "text": thread.application.reference,
                    "href": thread.application.get_absolute_url(),
                },
            ),
        )
    context = {
        "details": details,
        "thread": thread,
        "state": state,
        "variant": variant,
        "messages_shown": presenters.office_messages(thread, found),
        "form": form,
        "is_done": thread.state == ThreadState.DONE,
    }
    return render(request, "dialog/thread.html", context, status=status)


@require_GET
def thread_detail(request: AuthedRequest, thread_id: UUID) -> HttpResponse:
    thread = get_thread_for_user(request, thread_id)
    actions.office_reads(thread=thread, employee=request.employee)
    return _thread_page(request, thread, OfficeReplyForm())


@require_POST
def thread_reply(request: AuthedRequest, thread_id: UUID) -> HttpResponse:
    thread = get_thread_for_user(request, thread_id)
    form = OfficeReplyForm(request.POST)
    if not form.is_valid():
        return _thread_page(request, thread, form, status=400)
    actions.office_replies(
        thread=thread,
        employee=request.employee,
        body=form.cleaned_data["body"],
        done=form.cleaned_data["done"],
    )
    messages.success(
        request, _("Svaret er sendt. Personen får et varsel om at det er en ny melding.")
    )
    return redirect("dialog:thread", thread_id=thread.pk)


@require_POST
def thread_done(request: AuthedRequest, thread_id: UUID) -> HttpResponse:
    thread = get_thread_for_user(request, thread_id)
    actions.set_state(thread=thread, employee=request.employee, state=ThreadState.DONE)
    messages.success(request, _("Tråden er markert som ferdig behandlet."))
    return redirect("dialog:thread", thread_id=thread.pk)
