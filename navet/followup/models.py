"""The journal: notes of conversations, phone calls, home visits and other things the office
learned or did, written down as the duty to record information given orally requires.

A note is never deleted and never changed in place: a correction is a new version with its
reason, and every version is kept. A note is the person's to see on request; sharing it
puts it in the portal at once."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from navet.applications.models import Application
from navet.core.models import Employee, Office
from navet.people.models import Person


class NoteKind(models.TextChoices):
    CONVERSATION = "conversation", _("Samtale")
    PHONE = "phone", _("Telefonsamtale")
    HOME_VISIT = "home_visit", _("Hjemmebesøk")
    MINUTES = "minutes", _("Møtereferat")
    NOTE = "note", _("Notat")


class NoteDeletionRefused(Exception):
    """A journal note is never deleted; correct it with a new version."""


class JournalNoteQuerySet(models.QuerySet["JournalNote"]):
    def of_person(self, person: Person) -> JournalNoteQuerySet:
        return self.filter(person=person)

    def shared(self) -> JournalNoteQuerySet:
        return self.filter(shared_at__isnull=False)

    def newest_first(self) -> JournalNoteQuerySet:
        return self.order_by("-happened_on", "-created_at")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise NoteDeletionRefused


class JournalNote(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="journal_notes")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("type"), max_length=20, choices=NoteKind.choices)
    happened_on = models.DateField(_("dato"))
    title = models.CharField(_("tittel"), max_length=120)
    created_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    shared_at = models.DateTimeField(_("delt med personen"), null=True, blank=True)
    shared_by = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The number of the newest version (the text is in JournalNoteVersion).
    version = models.PositiveIntegerField(default=1)

    objects = JournalNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("journalnotat")
        indexes = [models.Index(fields=["person", "-happened_on"], name="journal_person_newest")]

    def __str__(self) -> str:
        return self.title

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise NoteDeletionRefused


class JournalNoteVersion(models.Model):
    note = models.ForeignKey(JournalNote, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField(_("tekst"))
    # Why the text was corrected (empty for the first version).
    reason = models.TextField(_("begrunnelse for rettingen"), blank=True)
    written_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["note", "number"], name="journal_version_number"),
            models.CheckConstraint(
                condition=models.Q(number=1) | ~models.Q(reason=""),
                name="journal_correction_has_reason",
            ),
        ]

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise NoteDeletionRefused


class MeetingChannel(models.TextChoices):
    IN_PERSON = "in_person", _("Oppmøte")
    PHONE = "phone", _("Telefon")
    VIDEO = "video", _("Video")


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def of_person(self, person: Person) -> MeetingQuerySet:
        return self.filter(person=person)

    def soonest_first(self) -> MeetingQuerySet:
        return self.order_by("starts_at", "id")


class Meeting(models.Model):
    """A meeting with the person: when, how (and where), who takes part and what about.
    The person sees it in the portal as an invitation; its minutes are a journal note,
    seen by the person only when shared."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="meetings")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField(_("tidspunkt"))
    minutes_long = models.PositiveSmallIntegerField(_("varighet i minutter"), default=60)
    channel = models.CharField(_("møteform"), max_length=12, choices=MeetingChannel.choices)
    place = models.CharField(_("sted eller lenke"), max_length=255, blank=True)
    participants = models.CharField(_("deltakere"), max_length=500, blank=True)
    agenda = models.TextField(_("hva møtet skal handle om"))
    created_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    minutes = models.OneToOneField(
        JournalNote, on_delete=models.PROTECT, null=True, blank=True, related_name="meeting"
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("møte")
        indexes = [models.Index(fields=["person", "starts_at"], name="meeting_person_time")]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"


# ---------------------------------------------------------------------------------------
# The plan the person co-owns: a goal in their own words, and activities
# ---------------------------------------------------------------------------------------


class ActivityKind(models.TextChoices):
    OWN = "own", _("Egenaktivitet")
    JOB_SEARCH = "job_search", _("Jobbsøking")
    TREATMENT = "treatment", _("Behandling")
    MEETING = "meeting", _("Møte")
    CONVERSATION = "conversation", _("Samtalereferat")
    CONDITION = "condition", _("Vilkår")


# The kinds the person may propose in the portal, and change while they are not locked.
PERSON_KINDS = frozenset({ActivityKind.OWN, ActivityKind.JOB_SEARCH, ActivityKind.TREATMENT})


class ActivityStatus(models.TextChoices):
    PROPOSED = "proposed", _("Forslag")
    PLANNED = "planned", _("Planlagt")
    ONGOING = "ongoing", _("Gjennomføres")
    DONE = "done", _("Fullført")
    CANCELLED = "cancelled", _("Avbrutt")


ENDED = frozenset({ActivityStatus.DONE, ActivityStatus.CANCELLED})


class Author(models.TextChoices):
    """Who made a change: an employee (the person sees "Nav"), the person, or Navet itself
    (a condition of a decision coming into the plan)."""

    STAFF = "staff", _("Nav")
    PERSON = "person", _("Du")
    SYSTEM = "system", _("Nav")


class ActivityPlan(models.Model):
    """One plan per person, made the first time a goal or an activity is written."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="plan")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("aktivitetsplan")

    def __str__(self) -> str:
        return str(self.person_id)


class Goal(models.Model):
    """The person's goal in their own words. Every change is a new row; the newest is the
    goal, the earlier ones its history."""

    plan = models.ForeignKey(ActivityPlan, on_delete=models.PROTECT, related_name="goals")
    number = models.PositiveIntegerField()
    text = models.TextField(_("målet"))
    author = models.CharField(max_length=10, choices=Author.choices)
    written_by = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="goal_number_once"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class ActivityQuerySet(models.QuerySet["Activity"]):
    def of_person(self, person: Person) -> ActivityQuerySet:
        return self.filter(plan__person=person)

    def open(self) -> ActivityQuerySet:
        return self.exclude(status__in=ENDED)

    def in_plan_order(self) -> ActivityQuerySet:
        return self.order_by(models.F("to_date").asc(nulls_last=True), "created_at", "id")


class Activity(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(ActivityPlan, on_delete=models.PROTECT, related_name="activities")
    kind = models.CharField(_("type"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("tittel"), max_length=100)
    description = models.TextField(_("beskrivelse"), blank=True)
    from_date = models.DateField(_("fra dato"), null=True, blank=True)
    to_date = models.DateField(_("frist"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ActivityStatus.choices)
    # Why it was stopped (avbrutt), or a note on finishing it.
    end_reason = models.TextField(_("begrunnelse"), blank=True)
    # "Avtalt med Nav": set by staff; from then on the person may move its status but not
    # change what it says.
    agreed_at = models.DateTimeField(null=True, blank=True)
    # A condition of a decision (§ 20 / § 20 a) is an activity of kind "condition".
    condition = models.OneToOneField(
        "decisions.Condition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activity",
    )
    created_by = models.CharField(max_length=10, choices=Author.choices)
    created_at = models.DateTimeField()
    changed_at = models.DateTimeField()
    # The number of the newest version (each change is an ActivityVersion).
    version = models.PositiveIntegerField(default=1)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("aktivitet")
        indexes = [
            models.Index(fields=["plan", "status"], name="activity_plan_status"),
            models.Index(fields=["status", "to_date"], name="activity_status_deadline"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="cancelled") | ~models.Q(end_reason=""),
                name="activity_cancelled_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_agreed(self) -> bool:
        return self.agreed_at is not None

    @property
    def is_ended(self) -> bool:
        return self.status in ENDED


class ActivityChange(models.TextChoices):
    CREATED = "created", _("Opprettet")
    STATUS = "status", _("Endret status")
    EDITED = "edited", _("Endret innholdet")
    AGREED = "agreed", _("Avtalt med Nav")


class ActivityVersion(models.Model):
    """One change of an activity, with how it looked after it. Never changed or deleted."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    change = models.CharField(max_length=10, choices=ActivityChange.choices)
    author = models.CharField(max_length=10, choices=Author.choices)
    employee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField()
    title = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    from_date = models.DateField(null=True, blank=True)
    to_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=ActivityStatus.choices)
    previous_status = models.CharField(max_length=12, choices=ActivityStatus.choices, blank=True)
    end_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "number"], name="activity_version_once"),
        ]

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise NoteDeletionRefused


# ---------------------------------------------------------------------------------------
# Kartlegging: the person's situation by life area, dated and versioned
# ---------------------------------------------------------------------------------------


class LifeArea(models.Model):
    """An office's own area of life for its mappings, beside the national list
    (navet.followup.life_areas)."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    key = models.SlugField(max_length=40)
    name_nb = models.CharField(_("navn på bokmål"), max_length=80)
    name_nn = models.CharField(_("navn på nynorsk"), max_length=80)
    name_en = models.CharField(_("navn på engelsk"), max_length=80)
    order = models.PositiveSmallIntegerField(default=200)
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("livsområde")
        constraints = [
            models.UniqueConstraint(fields=["office", "key"], name="life_area_key_once"),
        ]

    def __str__(self) -> str:
        return self.name_nb


class LifeAreaHidden(models.Model):
    """A national area an office has chosen not to map."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    key = models.SlugField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "key"], name="life_area_hidden_once"),
        ]


class Mapping(models.Model):
    """One dated version of the mapping of a person's situation. Never changed: a new
    mapping is a new version, and the page shows what changed since the one before."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="mappings")
    number = models.PositiveIntegerField()
    made_on = models.DateField(_("dato for kartleggingen"))
    children_situation = models.TextField(_("barnas situasjon"), blank=True)
    summary = models.TextField(_("oppsummering"), blank=True)
    made_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField()

    class Meta:
        verbose_name = _("kartlegging")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["person", "number"], name="mapping_number_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.number}"

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise NoteDeletionRefused


class MappingEntry(models.Model):
    """One life area in one mapping: the person's own rating and words, the caseworker's
    note, resources, obstacles, and whether the person wants help with it."""

    mapping = models.ForeignKey(Mapping, on_delete=models.PROTECT, related_name="entries")
    area_key = models.SlugField(max_length=40)
    rating = models.PositiveSmallIntegerField(_("personens vurdering (1–5)"), null=True, blank=True)
    person_words = models.TextField(_("med personens egne ord"), blank=True)
    caseworker_note = models.TextField(_("veilederens notat"), blank=True)
    resources = models.TextField(_("ressurser"), blank=True)
    obstacles = models.TextField(_("hindringer"), blank=True)
    wants_help = models.BooleanField(_("ønsker hjelp med dette"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["mapping", "area_key"], name="mapping_area_once"),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="mapping_rating_1_to_5",
            ),
        ]


class PersonAnswer(models.Model):
    """The person's own part for a life area, written in the portal before a meeting; the
    caseworker takes it into the next mapping. One row per person and area (the newest)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="mapping_answers")
    area_key = models.SlugField(max_length=40)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    words = models.TextField(blank=True)
    wants_help = models.BooleanField(null=True, blank=True)
    answered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "area_key"], name="person_answer_once"),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="person_answer_rating_1_to_5",
            ),
        ]


# ---------------------------------------------------------------------------------------
# Who is in follow-up, and the caseworker's own reminders
# ---------------------------------------------------------------------------------------


class Programme(models.TextChoices):
    NONE = "", _("Ingen")
    QUALIFICATION = "kvp", _("Kvalifiseringsprogrammet")
    INTRODUCTION = "intro", _("Introduksjonsprogrammet")


class FollowUpQuerySet(models.QuerySet["FollowUp"]):
    def ongoing(self) -> FollowUpQuerySet:
        return self.filter(ended_at__isnull=True)


class FollowUp(models.Model):
    """A person's period of follow-up by the office (oppfølgingsperiode): the caseload is
    the persons with an ongoing one. The caseworker is the person's (Person.caseworker);
    `new_for_caseworker` says the caseworker has not opened the person since assignment."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="follow_up")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    new_for_caseworker = models.BooleanField(default=False)
    assigned_at = models.DateTimeField(null=True, blank=True)
    programme = models.CharField(
        _("program"), max_length=10, choices=Programme.choices, blank=True, default=""
    )

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("oppfølging")
        indexes = [
            models.Index(
                fields=["person"],
                condition=models.Q(ended_at__isnull=True),
                name="follow_up_ongoing",
            ),
        ]

    def __str__(self) -> str:
        return str(self.person_id)


class TaskQuerySet(models.QuerySet["Task"]):
    def open(self) -> TaskQuerySet:
        return self.filter(done_at__isnull=True)


class Task(models.Model):
    """A reminder the caseworker sets: follow up a person on a day. (The other tasks –
    a documentation deadline passed, a condition's deadline, minutes missing, a rejected
    payment, a message waiting – are read from what they are about, so they close the
    moment that is done; see navet.caseload.tasks.)"""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="tasks")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    assignee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    text = models.CharField(_("hva skal gjøres"), max_length=200)
    due_on = models.DateField(_("frist"))
    created_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("oppgave")
        indexes = [
            models.Index(
                fields=["assignee", "due_on"],
                condition=models.Q(done_at__isnull=True),
                name="task_open_by_assignee",
            ),
            models.Index(fields=["person", "due_on"], name="task_person_due"),
        ]

    def __str__(self) -> str:
        return self.text


class SavedFilter(models.Model):
    """A caseworker's named set of caseload filters. It holds only the filter keys
    (counters, age group, caseworker …), checked against the list of filters: never a
    name or a fødselsnummer."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("navn på filteret"), max_length=60)
    query = models.CharField(max_length=500)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "name"], name="saved_filter_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


# The situation at the last contact (KOSTRA 11F) is its own module; importing it here
# registers the model with the app.
from navet.followup.situation import Situation  # noqa: E402, F401
