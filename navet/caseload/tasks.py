"""Tasks: the caseworker's own reminders (Task rows), and the tasks read from what they
are about, which close the moment that is done: a documentation deadline passed, a
condition's deadline passed without follow-up, a meeting held without minutes, a payment
the bank refused, a message waiting for Nav. Each points at its source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from navet.access.policy import visible_persons_filter
from navet.applications.models import RequestedDocument
from navet.caseload.filters import Moment
from navet.decisions.models import ConditionFollowUp
from navet.dialog.models import Thread, ThreadState
from navet.followup.models import ENDED, Activity, ActivityKind, Meeting, Task
from navet.payments.models import Payment, PaymentState
from navet.people.models import Person

LIMIT = 200  # per kind of task, on one page


class TaskKind:
    REMINDER = _("Oppfølging")
    DOCUMENTATION = _("Dokumentasjonsfrist passert")
    CONDITION = _("Vilkårets frist passert")
    MINUTES = _("Møte uten referat")
    PAYMENT = _("Utbetaling avvist av banken")
    MESSAGE = _("Melding venter på svar fra Nav")


@dataclass(frozen=True)
class TaskItem:
    kind: Promise
    text: str
    due: date
    person: Person
    target: str  # "task", "application", "decision", "meeting", "payment", "thread"
    target_id: Any
    anchor: str = ""


def open_tasks(
    persons: Q, moment: Moment, *, assignee_mine: bool, offices: list[int] | None = None
) -> list[TaskItem]:
    """The open tasks about the persons matched by `persons` (a filter on Person), by date.
    With `assignee_mine`, the reminders are those assigned to the employee (on any
    person); otherwise those about the persons. `offices` narrows each source to the
    offices' own rows first (an index range, not the country). Six queries, each
    bounded."""
    person_ids = Person.objects.filter(persons).values("pk")
    reminders = (
        # The employee's own reminders, about any person they may still see.
        Task.objects.open().filter(
            assignee=moment.employee,
            person__in=Person.objects.filter(visible_persons_filter(moment.employee)),
        )
        if assignee_mine
        else Task.objects.open().filter(person__in=person_ids)
    )
    items = [
        TaskItem(TaskKind.REMINDER, task.text, task.due_on, task.person, "task", task.pk)
        for task in reminders.select_related("person").order_by("due_on")[:LIMIT]
    ]
    for read in (_documentation, _conditions, _meetings, _payments, _threads):
        items.extend(read(person_ids, moment, _in_offices(read, offices)))
    return sorted(items, key=lambda item: (item.due, str(item.kind)))


# The office column each source is narrowed by (the person's, where it has none).
_OFFICE_FIELD = {
    "_documentation": "request__application__office_id__in",
    "_conditions": "plan__person__office_id__in",
    "_meetings": "office_id__in",
    "_payments": "office_id__in",
    "_threads": "office_id__in",
}


def _in_offices(read: Any, offices: list[int] | None) -> Q:
    return Q() if offices is None else Q(**{_OFFICE_FIELD[read.__name__]: offices})


def _documentation(person_ids: Any, moment: Moment, offices: Q) -> list[TaskItem]:
    documents = (
        RequestedDocument.objects.filter(
            offices,
            request__application__person__in=person_ids,
            request__application__status__in=["MOTTATT", "UNDER_BEHANDLING"],
            request__deadline__lt=moment.today,
            fulfilled_at__isnull=True,
        )
        .select_related("request__application__person")
        .order_by("request__deadline")[:LIMIT]
    )
    return [
        TaskItem(
            TaskKind.DOCUMENTATION,
            doc.document_type,
            doc.request.deadline,
            doc.request.application.person,
            "application",
            doc.request.application_id,
        )
        for doc in documents
    ]


def _conditions(person_ids: Any, moment: Moment, offices: Q) -> list[TaskItem]:
    """A condition whose deadline passed and that nobody has followed up."""
    activities = (
        Activity.objects.filter(
            offices,
            plan__person__in=person_ids,
            kind=ActivityKind.CONDITION,
            to_date__lt=moment.today,
        )
        .exclude(status__in=ENDED)
        .exclude(Exists(ConditionFollowUp.objects.filter(condition=OuterRef("condition_id"))))
        .select_related("plan__person", "condition__decision__case")
        .order_by("to_date")[:LIMIT]
    )
    items = []
    for activity in activities:
        assert activity.condition is not None and activity.to_date is not None
        items.append(
            TaskItem(
                TaskKind.CONDITION,
                activity.title,
                activity.to_date,
                activity.plan.person,
                "decision",
                activity.condition.decision.case.application_id,
                f"vilkar-{activity.condition_id}",
            )
        )
    return items


def _meetings(person_ids: Any, moment: Moment, offices: Q) -> list[TaskItem]:
    meetings = (
        Meeting.objects.filter(
            offices,
            person__in=person_ids,
            cancelled_at__isnull=True,
            minutes__isnull=True,
            starts_at__lt=moment.now,
        )
        .select_related("person")
        .order_by("starts_at")[:LIMIT]
    )
    return [
        TaskItem(
            TaskKind.MINUTES,
            meeting.agenda[:80],
            timezone.localdate(meeting.starts_at),
            meeting.person,
            "meeting",
            meeting.pk,
        )
        for meeting in meetings
    ]


def _payments(person_ids: Any, moment: Moment, offices: Q) -> list[TaskItem]:
    payments = (
        Payment.objects.filter(offices, person__in=person_ids, state=PaymentState.REJECTED)
        .select_related("person")
        .order_by("due_on")[:LIMIT]
    )
    return [
        TaskItem(TaskKind.PAYMENT, p.reference, p.due_on, p.person, "payment", p.pk)
        for p in payments
    ]


def _threads(person_ids: Any, moment: Moment, offices: Q) -> list[TaskItem]:
    threads = (
        Thread.objects.filter(offices, person__in=person_ids, state=ThreadState.WAITING_FOR_NAV)
        .select_related("person")
        .order_by("last_message_at")[:LIMIT]
    )
    return [
        TaskItem(
            TaskKind.MESSAGE,
            thread.subject,
            timezone.localdate(thread.last_message_at),
            thread.person,
            "thread",
            thread.pk,
        )
        for thread in threads
    ]
