"""The person's journal (staff): write a note, read one with its versions, correct it with
a reason, share it with the person. A note is never deleted."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from navet.access.permissions import get_person_for_user
from navet.core.http import AuthedRequest
from navet.followup import actions
from navet.followup.forms import CorrectionForm, NoteForm
from navet.followup.models import JournalNote, JournalNoteVersion
from navet.followup.permissions import get_note_for_user
from navet.followup.presenters import note_rows, version_items


@require_http_methods(["GET", "POST"])
def person_journal(request: AuthedRequest, person_id: UUID) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    form = NoteForm(
        request.POST or None, initial={"happened_on": timezone.localdate().strftime("%d.%m.%Y")}
    )
    if request.method == "POST" and form.is_valid():
        note = actions.write_note(
            person=person,
            employee=request.employee,
            kind=form.cleaned_data["kind"],
            happened_on=form.cleaned_data["happened_on"],
            title=form.cleaned_data["title"],
            text=form.cleaned_data["text"],
            share=form.cleaned_data["share"],
        )
        messages.success(request, _("Notatet er lagret."))
        return redirect("journal:note", note_id=note.pk)
    notes = list(
        JournalNote.objects.of_person(person).newest_first().select_related("created_by")[:200]
    )
    context = {
        "person": person,
        "form": form,
        "columns": [_("Dato"), _("Tittel"), _("Type"), _("Skrevet av"), _("Delt med personen")],
        "rows": note_rows(notes),
    }
    return render(
        request,
        "followup/person_journal.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


def _note_page(
    request: AuthedRequest, note: JournalNote, form: CorrectionForm | None = None, status: int = 200
) -> HttpResponse:
    versions = list(JournalNoteVersion.objects.filter(note=note).select_related("written_by"))
    latest = versions[-1]
    context: dict[str, Any] = {
        "note": note,
        "latest": latest,
        "versions": [version_items(v) for v in reversed(versions)],
        "form": form or CorrectionForm(initial={"text": latest.text, "version": note.version}),
    }
    return render(request, "followup/note.html", context, status=status)


@require_GET
def note_detail(request: AuthedRequest, note_id: UUID) -> HttpResponse:
    return _note_page(request, get_note_for_user(request, note_id))


@require_POST
def note_correct(request: AuthedRequest, note_id: UUID) -> HttpResponse:
    note = get_note_for_user(request, note_id)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        return _note_page(request, note, form, status=400)
    try:
        actions.correct_note(
            note=note,
            employee=request.employee,
            text=form.cleaned_data["text"],
            reason=form.cleaned_data["reason"],
            read_version=form.cleaned_data["version"],
        )
    except actions.StaleVersion as stale:
        form.add_error(None, str(stale))
        note.refresh_from_db()
        return _note_page(request, note, form, status=409)
    messages.success(request, _("Notatet er rettet. Den forrige versjonen er tatt vare på."))
    return redirect("journal:note", note_id=note.pk)


@require_POST
def note_share(request: AuthedRequest, note_id: UUID) -> HttpResponse:
    note = get_note_for_user(request, note_id)
    actions.share_note(note=note, employee=request.employee)
    messages.success(request, _("Notatet er delt. Personen ser det på Min side."))
    return redirect("journal:note", note_id=note.pk)
