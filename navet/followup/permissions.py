"""The access functions for a journal note, a meeting and a plan activity (staff): each as
visible as its person; 404 otherwise, and every successful lookup is an audited read."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest

from navet.access.permissions import read_of_person
from navet.followup.models import Activity, JournalNote, Meeting


def get_note_for_user(request: HttpRequest, note_id: UUID | str) -> JournalNote:
    note = JournalNote.objects.select_related("person", "application").filter(pk=note_id).first()
    if note is None:
        raise Http404
    read_of_person(request, note.person, note)
    return note


def get_meeting_for_user(request: HttpRequest, meeting_id: UUID | str) -> Meeting:
    meeting = Meeting.objects.select_related("person", "minutes").filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    read_of_person(request, meeting.person, meeting)
    return meeting


def get_activity_for_user(request: HttpRequest, activity_id: UUID | str) -> Activity:
    activity = (
        Activity.objects.select_related("plan__person", "condition__decision__case__application")
        .filter(pk=activity_id)
        .first()
    )
    if activity is None:
        raise Http404
    read_of_person(request, activity.plan.person, activity)
    return activity
