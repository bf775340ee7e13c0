"""The portal's access: one function per object type, each reaching only the logged-in
person's own objects (404 otherwise), as navet.access does for staff (ADR 0010 § 6)."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse

from navet.applications.models import Application, Attachment, Document
from navet.dialog.models import Thread
from navet.followup.models import Activity
from navet.people.models import Person

View = Callable[..., HttpResponseBase]


class CitizenRequest(HttpRequest):
    citizen: Person


def citizen_required(view: View) -> View:
    """The view is the logged-in citizen's: anyone else (an employee included) is sent to
    the portal's start page. Staff login is not required, and not enough."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        person_id = getattr(request, "citizen_id", None)
        person = Person.objects.filter(pk=person_id).first() if person_id else None
        if person is None:
            return redirect(reverse("citizen:start"))
        request.citizen = person  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return login_not_required(wrapped)


def _uuid(value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


def get_application_for_citizen(request: CitizenRequest, application_id: Any) -> Application:
    found = (
        Application.objects.of_person(request.citizen)
        .filter(pk=_uuid(application_id))
        .select_related("office")
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_document_for_citizen(request: CitizenRequest, document_id: Any) -> Document:
    found = (
        Document.objects.of_person(request.citizen)
        .shown_to_person()
        .filter(pk=_uuid(document_id))
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_attachment_for_citizen(request: CitizenRequest, attachment_id: Any) -> Attachment:
    """A document the person sent (or that came with their digital application)."""
    try:
        number = int(str(attachment_id))
    except ValueError:
        raise Http404 from None
    found = Attachment.objects.of_person(request.citizen).filter(pk=number).first()
    if found is None or not found.file:
        raise Http404
    return found


def get_thread_for_citizen(request: CitizenRequest, thread_id: Any) -> Thread:
    found = (
        Thread.objects.of_person(request.citizen)
        .filter(pk=_uuid(thread_id))
        .select_related("office")
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_activity_for_citizen(request: CitizenRequest, activity_id: Any) -> Activity:
    """An activity in the person's own plan."""
    found = Activity.objects.of_person(request.citizen).filter(pk=_uuid(activity_id)).first()
    if found is None:
        raise Http404
    return found
