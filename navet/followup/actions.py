"""The journal's state changes, each in a transaction with its audit event."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.applications.models import Application
from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee
from navet.followup.models import (
    FollowUp,
    JournalNote,
    JournalNoteVersion,
    Meeting,
    SavedFilter,
    Task,
)
from navet.followup.situation import Situation
from navet.people.models import Person


class StaleVersion(Exception):
    """Someone saved a newer version since this one was read: nothing is overwritten."""


@transaction.atomic
def write_note(
    *,
    person: Person,
    employee: Employee,
    kind: str,
    happened_on: date,
    title: str,
    text: str,
    application: Application | None = None,
    share: bool = False,
) -> JournalNote:
    now = timezone.now()
    note = JournalNote.objects.create(
        person=person,
        office=application.office if application is not None else person.office,
        application=application,
        kind=kind,
        happened_on=happened_on,
        title=title,
        created_by=employee,
        created_at=now,
        shared_at=now if share else None,
        shared_by=employee if share else None,
    )
    JournalNoteVersion.objects.create(
        note=note, number=1, text=text, written_by=employee, written_at=now
    )
    ensure_follow_up(person)
    trail.record(
        actor=employee,
        action=AuditAction.JOURNAL_NOTE_WRITTEN,
        person=person,
        target=note,
        data={"kind": kind, "shared": share},
    )
    return note


@transaction.atomic
def correct_note(
    *, note: JournalNote, employee: Employee, text: str, reason: str, read_version: int
) -> JournalNoteVersion:
    """A new version with its reason. `read_version` is the version the employee corrected:
    if another was saved since, the correction is refused (never a silent overwrite)."""
    locked = JournalNote.objects.select_for_update().get(pk=note.pk)
    if locked.version != read_version:
        raise StaleVersion(
            _(
                "Notatet er rettet av noen andre siden du åpnet det (nå versjon %(version)s). "
                "Les den nye versjonen og rett på nytt."
            )
            % {"version": locked.version}
        )
    locked.version += 1
    locked.save(update_fields=["version"])
    version = JournalNoteVersion.objects.create(
        note=locked,
        number=locked.version,
        text=text,
        reason=reason,
        written_by=employee,
        written_at=timezone.now(),
    )
    trail.record(
        actor=employee,
        action=AuditAction.JOURNAL_NOTE_CORRECTED,
        person=locked.person,
        target=locked,
        reason=reason,
        data={"version": locked.version},
    )
    return version


@transaction.atomic
def share_note(*, note: JournalNote, employee: Employee) -> None:
    """The note is the person's to read in the portal from now on."""
    locked = JournalNote.objects.select_for_update().get(pk=note.pk)
    if locked.shared_at is not None:
        return
    locked.shared_at = timezone.now()
    locked.shared_by = employee
    locked.save(update_fields=["shared_at", "shared_by"])
    trail.record(
        actor=employee, action=AuditAction.JOURNAL_NOTE_SHARED, person=locked.person, target=locked
    )


@transaction.atomic
def plan_meeting(
    *,
    person: Person,
    employee: Employee,
    starts_at: datetime,
    minutes_long: int,
    channel: str,
    place: str,
    participants: str,
    agenda: str,
) -> Meeting:
    meeting = Meeting.objects.create(
        person=person,
        office=person.office,
        starts_at=starts_at,
        minutes_long=minutes_long,
        channel=channel,
        place=place,
        participants=participants,
        agenda=agenda,
        created_by=employee,
        created_at=timezone.now(),
    )
    ensure_follow_up(person)
    trail.record(
        actor=employee,
        action=AuditAction.MEETING_PLANNED,
        person=person,
        target=meeting,
        data={"channel": channel, "starts_at": starts_at.isoformat()},
    )
    return meeting


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, employee: Employee, reason: str) -> None:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.cancelled_at is not None:
        return
    locked.cancelled_at = timezone.now()
    locked.save(update_fields=["cancelled_at"])
    trail.record(
        actor=employee,
        action=AuditAction.MEETING_CANCELLED,
        person=locked.person,
        target=locked,
        reason=reason,
    )


class MinutesExist(Exception):
    """The meeting has its minutes; correct them as a journal note."""


@transaction.atomic
def write_minutes(*, meeting: Meeting, employee: Employee, text: str, share: bool) -> JournalNote:
    """The minutes are a journal note (kind "minutes"), not seen by the person until shared."""
    locked = Meeting.objects.select_for_update().select_related("person").get(pk=meeting.pk)
    if locked.minutes_id is not None:
        raise MinutesExist
    note = write_note(
        person=locked.person,
        employee=employee,
        kind="minutes",
        happened_on=timezone.localdate(locked.starts_at),
        title=_("Referat fra møte %(date)s")
        % {"date": timezone.localdate(locked.starts_at).strftime("%d.%m.%Y")},
        text=text,
        share=share,
    )
    locked.minutes = note
    locked.save(update_fields=["minutes"])
    return note


# --- follow-up periods, assignment and the caseworker's reminders ----------------------


def ensure_follow_up(person: Person) -> FollowUp:
    """The person is in follow-up from the first note, meeting, plan or mapping (again, if
    an earlier period had ended)."""
    follow_up, created = FollowUp.objects.get_or_create(
        person=person, defaults={"started_at": timezone.now()}
    )
    if not created and follow_up.ended_at is not None:
        follow_up.ended_at = None
        follow_up.started_at = timezone.now()
        follow_up.save(update_fields=["ended_at", "started_at"])
    return follow_up


@transaction.atomic
def start_follow_up(*, person: Person, employee: Employee) -> FollowUp:
    follow_up = ensure_follow_up(person)
    trail.record(actor=employee, action=AuditAction.FOLLOW_UP_STARTED, person=person, target=person)
    return follow_up


@transaction.atomic
def end_follow_up(*, person: Person, employee: Employee, reason: str) -> None:
    changed = FollowUp.objects.ongoing().filter(person=person).update(ended_at=timezone.now())
    if changed:
        trail.record(
            actor=employee,
            action=AuditAction.FOLLOW_UP_ENDED,
            person=person,
            target=person,
            reason=reason,
        )


@transaction.atomic
def set_programme(*, person: Person, employee: Employee, programme: str) -> None:
    """The programme the person is in (kvalifiseringsprogrammet, introduksjonsprogrammet
    or none), a filter of the caseload."""
    follow_up = ensure_follow_up(person)
    if follow_up.programme == programme:
        return
    follow_up.programme = programme
    follow_up.save(update_fields=["programme"])
    trail.record(
        actor=employee,
        action=AuditAction.FOLLOW_UP_PROGRAMME_SET,
        person=person,
        target=person,
        data={"programme": programme},
    )


@transaction.atomic
def assign_caseworker(
    *, persons: list[Person], caseworker: Employee | None, employee: Employee
) -> int:
    """Give the persons a caseworker (or none: back to the office's unassigned) as one
    action: one audit event per person, written together. Each is new for the caseworker
    until opened."""
    now = timezone.now()
    ids = [person.pk for person in persons]
    Person.objects.filter(pk__in=ids).update(caseworker=caseworker, updated_at=now)
    for person in persons:
        ensure_follow_up(person)
    FollowUp.objects.filter(person_id__in=ids).update(
        new_for_caseworker=caseworker is not None and caseworker != employee, assigned_at=now
    )
    trail.record_many(
        actor=employee,
        action=AuditAction.FOLLOW_UP_ASSIGNED,
        persons=persons,
        data={"caseworker": caseworker.pk if caseworker else None, "count": len(persons)},
    )
    return len(ids)


def seen_by_caseworker(person: Person, employee: Employee) -> None:
    """The caseworker opened the person: no longer new for them."""
    if person.caseworker_id == employee.pk:
        FollowUp.objects.filter(person=person, new_for_caseworker=True).update(
            new_for_caseworker=False
        )


@transaction.atomic
def add_task(
    *, person: Person, employee: Employee, text: str, due_on: date, assignee: Employee | None
) -> Task:
    task = Task.objects.create(
        person=person,
        office=person.office,
        assignee=assignee,
        text=text,
        due_on=due_on,
        created_by=employee,
        created_at=timezone.now(),
    )
    trail.record(
        actor=employee,
        action=AuditAction.TASK_ADDED,
        person=person,
        target=task,
        data={"due_on": due_on.isoformat()},
    )
    return task


@transaction.atomic
def finish_task(*, task: Task, employee: Employee) -> None:
    changed = (
        Task.objects.open().filter(pk=task.pk).update(done_at=timezone.now(), done_by=employee)
    )
    if changed:
        trail.record(actor=employee, action=AuditAction.TASK_DONE, person=task.person, target=task)


@transaction.atomic
def save_filter(*, employee: Employee, name: str, query: str) -> SavedFilter:
    saved, _created = SavedFilter.objects.update_or_create(
        employee=employee, name=name, defaults={"query": query, "created_at": timezone.now()}
    )
    return saved


@transaction.atomic
def record_situation(*, person: Person, employee: Employee, values: dict[str, Any]) -> Situation:
    """A new dated record of the situation at a contact (the old ones are kept)."""
    situation = Situation.objects.create(
        person=person,
        recorded_on=values["recorded_on"],
        civil_status=values["civil_status"],
        main_income=values["main_income"],
        benefit=values["benefit"],
        work=values["work"],
        housing=values["housing"],
        financial_counselling=values["financial_counselling"] == "yes",
        individual_plan=values["individual_plan"] == "yes",
        recorded_by=employee,
        recorded_at=timezone.now(),
    )
    trail.record(
        actor=employee,
        action=AuditAction.SITUATION_RECORDED,
        person=person,
        target=situation,
        data={"recorded_on": situation.recorded_on.isoformat()},
    )
    return situation
