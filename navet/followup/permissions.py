"""The access function for a journal note (staff): as visible as its person; 404 otherwise,
and every successful lookup is an audited read."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest

from navet.access.permissions import read_of_person
from navet.followup.models import JournalNote


def get_note_for_user(request: HttpRequest, note_id: UUID | str) -> JournalNote:
    note = JournalNote.objects.select_related("person", "application").filter(pk=note_id).first()
    if note is None:
        raise Http404
    read_of_person(request, note.person, note)
    return note
