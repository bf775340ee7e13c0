"""The portal's reads: each a bounded number of queries whatever the number of objects."""

from __future__ import annotations

from django.db.models import Prefetch

from navet.applications.models import Application, Attachment, Document, RequestedDocument
from navet.audit.models import AuditEvent
from navet.decisions.models import Condition, ConditionFollowUp, Decision
from navet.followup.models import JournalNote, JournalNoteVersion, Meeting
from navet.payments.models import FINAL_STATES, Payment
from navet.people.models import Person


def applications_of(person: Person) -> list[Application]:
    """The person's applications, newest first, with their documentation requests (3
    queries)."""
    return list(
        Application.objects.of_person(person)
        .select_related("office")
        .prefetch_related(
            Prefetch(
                "documentation_requests__documents",
                queryset=RequestedDocument.objects.order_by("id"),
            ),
        )
        .order_by("-received_at")
    )


def application_in_full(application: Application) -> Application:
    """One application with what its page shows: cases with their made decisions, the
    decisions' conditions and follow-ups, the documentation requests and the letters."""
    decisions = (
        Decision.objects.made()
        .select_related("letter")
        .prefetch_related(
            Prefetch(
                "conditions",
                queryset=Condition.objects.prefetch_related(
                    Prefetch(
                        "follow_ups",
                        queryset=ConditionFollowUp.objects.order_by("recorded_at", "id"),
                    )
                ),
            )
        )
        .order_by("-made_at")
    )
    return (
        Application.objects.filter(pk=application.pk)
        .select_related("office")
        .prefetch_related(
            Prefetch("cases__decisions", queryset=decisions),
            Prefetch(
                "documentation_requests__documents",
                queryset=RequestedDocument.objects.order_by("id"),
            ),
            Prefetch(
                "documents",
                queryset=Document.objects.shown_to_person().order_by("-created_at"),
            ),
            Prefetch(
                "attachments", queryset=Attachment.objects.with_file().order_by("-received_at")
            ),
        )
        .get()
    )


def outstanding_documents(application: Application) -> list[RequestedDocument]:
    """The requested documents not yet received, from `application_in_full`'s prefetch."""
    return [
        document
        for request in application.documentation_requests.all()
        for document in request.documents.all()
        if document.fulfilled_at is None
    ]


def staff_events_about(person: Person, *, before: int | None, limit: int) -> list[AuditEvent]:
    """The audit trail's events about the person done by staff, newest first (the index
    audit_person_newest), with each employee's offices for the office column."""
    events = (
        AuditEvent.objects.about(person)
        .filter(actor__isnull=False)
        .newest_first()
        .select_related("actor")
        .prefetch_related("actor__offices")
    )
    if before is not None:
        events = events.filter(id__lt=before)
    return list(events[:limit])


PAYMENTS_SHOWN = 60


def payments_of(person: Person) -> tuple[list[Payment], list[Payment]]:
    """The person's coming payments (soonest first) and the latest done ones (newest
    first), two indexed queries."""
    coming = list(
        Payment.objects.of_person(person)
        .exclude(state__in=FINAL_STATES)
        .order_by("due_on", "id")[:PAYMENTS_SHOWN]
    )
    done = list(
        Payment.objects.of_person(person)
        .filter(state__in=FINAL_STATES)
        .order_by("-due_on", "-id")[:PAYMENTS_SHOWN]
    )
    return coming, done


def shared_notes_of(person: Person) -> list[JournalNote]:
    """The shared notes with their newest version's text (2 queries)."""
    return list(
        JournalNote.objects.of_person(person)
        .shared()
        .newest_first()
        .select_related("office")
        .prefetch_related(
            Prefetch("versions", queryset=JournalNoteVersion.objects.order_by("-number"))
        )[:200]
    )


def meetings_of(person: Person) -> list[Meeting]:
    return list(
        Meeting.objects.of_person(person).soonest_first().select_related("office", "minutes")[:200]
    )
