"""Meetings with the person (staff): plan one, see it, write its minutes (a journal note,
shared or not), cancel it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from navet.access.permissions import get_person_for_user
from navet.core.http import AuthedRequest
from navet.core.tables import Cell
from navet.followup import actions
from navet.followup.forms import CancelForm, MeetingForm, MinutesForm
from navet.followup.models import Meeting
from navet.followup.permissions import get_meeting_for_user
from navet.followup.presenters import meeting_state, moment


@require_http_methods(["GET", "POST"])
def person_meetings(request: AuthedRequest, person_id: UUID) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = actions.plan_meeting(
            person=person,
            employee=request.employee,
            starts_at=form.cleaned_data["starts_at"],
            minutes_long=form.cleaned_data["minutes_long"],
            channel=form.cleaned_data["channel"],
            place=form.cleaned_data["place"],
            participants=form.cleaned_data["participants"],
            agenda=form.cleaned_data["agenda"],
        )
        messages.success(request, _("Møtet er avtalt. Personen ser det på Min side."))
        return redirect("meetings:meeting", meeting_id=meeting.pk)
    meetings = list(Meeting.objects.of_person(person).soonest_first()[:200])
    rows = [
        [
            Cell(moment(m.starts_at), href=reverse("meetings:meeting", args=[m.pk])),
            m.get_channel_display(),
            meeting_state(m),
        ]
        for m in meetings
    ]
    context = {
        "person": person,
        "form": form,
        "columns": [_("Tidspunkt"), _("Møteform"), _("Status")],
        "rows": rows,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "followup/person_meetings.html", context, status=status)


def _meeting_page(
    request: AuthedRequest,
    meeting: Meeting,
    minutes_form: MinutesForm | None = None,
    cancel_form: CancelForm | None = None,
    status: int = 200,
) -> HttpResponse:
    details: list[tuple[str, Any]] = [
        (_("Tidspunkt"), moment(meeting.starts_at)),
        (_("Varighet"), _("%(minutes)s minutter") % {"minutes": meeting.minutes_long}),
        (_("Møteform"), meeting.get_channel_display()),
        (_("Sted, telefonnummer eller lenke"), meeting.place),
        (_("Deltakere"), meeting.participants),
        (_("Status"), meeting_state(meeting)),
    ]
    if meeting.minutes_id:
        details.append(
            (
                _("Referat"),
                {
                    "text": meeting.minutes.title,  # type: ignore[union-attr]
                    "href": reverse("journal:note", args=[meeting.minutes_id]),
                },
            )
        )
    context = {
        "meeting": meeting,
        "details": details,
        "minutes_form": minutes_form or MinutesForm(prefix="referat"),
        "cancel_form": cancel_form or CancelForm(prefix="avlys"),
    }
    return render(request, "followup/meeting.html", context, status=status)


@require_GET
def meeting_detail(request: AuthedRequest, meeting_id: UUID) -> HttpResponse:
    return _meeting_page(request, get_meeting_for_user(request, meeting_id))


@require_POST
def meeting_minutes(request: AuthedRequest, meeting_id: UUID) -> HttpResponse:
    meeting = get_meeting_for_user(request, meeting_id)
    form = MinutesForm(request.POST, prefix="referat")
    if not form.is_valid():
        return _meeting_page(request, meeting, minutes_form=form, status=400)
    try:
        note = actions.write_minutes(
            meeting=meeting,
            employee=request.employee,
            text=form.cleaned_data["text"],
            share=form.cleaned_data["share"],
        )
    except actions.MinutesExist:
        form.add_error(None, _("Møtet har referat. Rett det i journalen."))
        return _meeting_page(request, meeting, minutes_form=form, status=409)
    messages.success(request, _("Referatet er lagret i journalen."))
    return redirect("journal:note", note_id=note.pk)


@require_POST
def meeting_cancel(request: AuthedRequest, meeting_id: UUID) -> HttpResponse:
    meeting = get_meeting_for_user(request, meeting_id)
    form = CancelForm(request.POST, prefix="avlys")
    if not form.is_valid():
        return _meeting_page(request, meeting, cancel_form=form, status=400)
    actions.cancel_meeting(
        meeting=meeting, employee=request.employee, reason=form.cleaned_data["reason"]
    )
    messages.success(request, _("Møtet er avlyst. Personen ser det på Min side."))
    return redirect("meetings:meeting", meeting_id=meeting.pk)
