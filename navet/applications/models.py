"""Applications for financial assistance, their cases (saker), facts, documents and the
event history the citizen follows in Nav's innsyn.

Vocabulary (MISSION.md): søknad = Application, sak = Case, dokumentasjon etterspurt =
DocumentationRequest, vedlegg = Attachment, brev = Document, hendelse = InnsynEvent.
Status values are Digisos' own codes, so the innsyn export writes them as they are.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.db import models
from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from navet.access.policy import visible_persons
from navet.core.models import Employee, Office, SequenceKind
from navet.core.sequences import next_reference
from navet.people.models import Person


class ApplicationStatus(models.TextChoices):
    RECEIVED = "MOTTATT", _("Mottatt")
    IN_PROGRESS = "UNDER_BEHANDLING", _("Under behandling")
    DONE = "FERDIGBEHANDLET", _("Ferdigbehandlet")
    NOT_PROCESSED = "BEHANDLES_IKKE", _("Behandles ikke")


class Channel(models.TextChoices):
    DIGITAL = "digital", _("Digital søknad")
    PAPER = "paper", _("Papir")
    PHONE = "phone", _("Telefon")
    DESK = "desk", _("Oppmøte")


class Adults(models.TextChoices):
    SINGLE = "single", _("Enslig")
    COUPLE = "couple", _("Par")
    SHARED_HOUSING = "shared_housing", _("Bofellesskap")


class ApplicationQuerySet(models.QuerySet["Application"]):
    def visible_to(self, employee: Employee) -> ApplicationQuerySet:
        """Applications of the persons this employee may see (the person policy decides)."""
        return self.filter(person__in=visible_persons(employee))

    def of_person(self, person: Person) -> ApplicationQuerySet:
        """The person's own applications (the citizen's portal; never for staff reads,
        which go through `visible_to`)."""
        return self.filter(person=person)

    def open(self) -> ApplicationQuerySet:
        return self.filter(status__in=[ApplicationStatus.RECEIVED, ApplicationStatus.IN_PROGRESS])

    def of_offices(self, office_ids: list[int]) -> ApplicationQuerySet:
        return self.filter(office_id__in=office_ids)

    def assigned_to(self, employee: Employee) -> ApplicationQuerySet:
        return self.filter(caseworker=employee)

    def unassigned(self) -> ApplicationQuerySet:
        return self.filter(caseworker__isnull=True)

    def due_between(self, first: date, last: date) -> ApplicationQuerySet:
        return self.filter(due_on__gte=first, due_on__lte=last)

    def overdue(self, today: date) -> ApplicationQuerySet:
        return self.filter(due_on__lt=today)

    def decided(self) -> ApplicationQuerySet:
        return self.filter(status=ApplicationStatus.DONE)

    def newest_decided_first(self) -> ApplicationQuerySet:
        """By the latest decision made on the application, then by receipt."""
        return self.annotate(decided_at=Max("cases__decisions__made_at")).order_by(
            "-decided_at", "-received_at", "pk"
        )

    def with_work_state(self, today: date) -> ApplicationQuerySet:
        """What the work lists show of where an application stands, in the same query:
        documentation asked for and not yet due, an interim reply sent, a decision waiting
        for approval or in draft."""
        application = OuterRef("pk")
        # Decision states by value: navet.decisions sits above this layer (DecisionState).
        return self.annotate(
            waiting_for_documentation=Exists(
                RequestedDocument.objects.filter(
                    request__application=application,
                    request__deadline__gte=today,
                    fulfilled_at__isnull=True,
                )
            ),
            interim_reply_sent=Exists(
                Document.objects.filter(application=application, kind=DocumentKind.INTERIM_REPLY)
            ),
            decision_proposed=Exists(
                Case.objects.filter(application=application, decisions__state="proposed")
            ),
            decision_drafted=Exists(
                Case.objects.filter(application=application, decisions__state="draft")
            ),
        )


class Application(models.Model):
    """One application (søknad), digital or registered by hand."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The reference in letters and pages: office, year received and a running number
    # (navet.core.sequences), given by `assign_reference` when the application is created.
    reference = models.CharField(_("referanse"), max_length=20, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="applications")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="applications")
    # The office the application was addressed to (soknad.json mottaker.enhetsnummer); when
    # it differs from `office`, innsyn shows the application as forwarded.
    addressed_to = models.CharField(_("sendt til enhet"), max_length=4, blank=True)
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices)
    received_at = models.DateTimeField(_("mottatt"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.RECEIVED,
    )
    caseworker = models.ForeignKey(
        Employee,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("saksbehandler"),
    )
    emergency = models.BooleanField(_("nødhjelp"), default=False)
    applied_for = models.TextField(_("hva det søkes om"))
    reason = models.TextField(_("begrunnelse fra søker"), blank=True)
    # The account the applicant gave for payments (soknad.json personalia.kontonummer), 11
    # digits as given; checked (mod 11) when a payment is planned to it.
    account_number = models.CharField(_("kontonummer"), max_length=11, blank=True)
    # The household for the § 18 calculation: the adults' category and the children living
    # with the applicant ([{"name", "birth_date"}]), from the application or the caseworker.
    adults = models.CharField(
        _("voksne i husstanden"), max_length=20, choices=Adults.choices, default=Adults.SINGLE
    )
    children = models.JSONField(_("barn i husstanden"), default=list, blank=True)
    # When the office should have answered: a month after receipt, or the date promised
    # in an interim reply (foreløpig svar).
    due_on = models.DateField(_("svarfrist"))
    # Digital applications: the Fiks DigisosSak id (also for paper ones, which Navet
    # creates itself), the hash of soknad.json that makes a second import a no-op, and
    # the document as received.
    digisos_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    content_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    soknad = models.JSONField(null=True, blank=True)
    notices = models.JSONField(default=list, blank=True)
    register_failures = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("søknad")
        verbose_name_plural = _("søknader")
        indexes = [
            models.Index(fields=["office", "status", "due_on"]),
            models.Index(fields=["caseworker", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(reference__regex=r"^[0-9]{4}-[0-9]{4}-[0-9]{6,}$"),
                name="application_reference_format",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Søknad')} {self.reference}"

    def assign_reference(self) -> None:
        """Numbers a new application in its office's series for the year it was received
        (Norwegian time). Whatever creates the application calls this in its transaction."""
        if self.reference:
            raise ValueError(f"Application {self.reference} already has a reference.")
        self.reference = next_reference(
            office=self.office,
            year=timezone.localdate(self.received_at).year,
            kind=SequenceKind.APPLICATION,
        )

    def get_absolute_url(self) -> str:
        return reverse("applications:application-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (ApplicationStatus.RECEIVED, ApplicationStatus.IN_PROGRESS)


class CaseStatus(models.TextChoices):
    IN_PROGRESS = "UNDER_BEHANDLING", _("Under behandling")
    NO_INSIGHT = "IKKE_INNSYN", _("Ikke innsyn")
    NOT_PROCESSED = "BEHANDLES_IKKE", _("Behandles ikke")
    WITHDRAWN = "FEILREGISTRERT", _("Feilregistrert")


class CaseKind(models.TextChoices):
    LIVING = "livsopphold", _("Livsopphold")
    HOUSING = "bolig", _("Husleie og boutgifter")
    ELECTRICITY = "strom", _("Strøm")
    EMERGENCY = "nodhjelp", _("Nødhjelp")
    OTHER = "annet", _("Annet")


class Case(models.Model):
    """One need the application asks for (sak), with its own status and decisions."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="cases")
    reference = models.CharField(_("referanse"), max_length=40)
    title = models.CharField(_("tittel"), max_length=120)
    kind = models.CharField(_("type"), max_length=20, choices=CaseKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.IN_PROGRESS
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sak")
        verbose_name_plural = _("saker")
        ordering = ["created_at", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reference"], name="case_reference"),
            models.CheckConstraint(condition=~Q(reference="default"), name="case_not_default"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.reference})"


class FactSource(models.TextChoices):
    APPLICANT = "bruker", _("Fra søknaden")
    REGISTER = "system", _("Fra register")
    CASEWORKER = "caseworker", _("Fra saksbehandler")


class FactArea(models.TextChoices):
    INCOME = "income", _("Inntekt")
    EXPENSE = "expense", _("Utgift")
    ASSET = "asset", _("Formue")
    PAYOUT = "payout", _("Utbetaling")
    EXPENSE_DETAIL = "expense_detail", _("Utgift (opplysning)")
    HOUSING_SUPPORT = "housing_support", _("Bostøtte")
    HOUSEHOLD = "household", _("Husstand")
    OTHER = "other", _("Annet")


class Fact(models.Model):
    """One fact of the application (an income, an expense, a household member …), with
    where it came from. A caseworker's correction is a new fact that supersedes the old."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="facts")
    area = models.CharField(_("område"), max_length=20, choices=FactArea.choices)
    type = models.CharField(_("type"), max_length=60)
    title = models.CharField(_("tittel"), max_length=200)
    amount = models.IntegerField(_("beløp per måned"), null=True, blank=True)
    source = models.CharField(_("kilde"), max_length=12, choices=FactSource.choices)
    # The type the § 18 calculation uses (navet.rules: rent, electricity, salary, …), or
    # "" when the fact does not enter the calculation.
    rules_type = models.CharField(_("brukes i beregningen som"), max_length=40, blank=True)
    overridden_by_applicant = models.BooleanField(default=False)
    json_path = models.CharField(max_length=200, blank=True)
    note = models.TextField(_("merknad"), blank=True)
    superseded_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(Employee, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("opplysning")
        verbose_name_plural = _("opplysninger")
        ordering = ["area", "id"]

    def __str__(self) -> str:
        return self.title


class AttachmentStatus(models.TextChoices):
    UPLOADED = "LastetOpp", _("Lastet opp")
    REQUIRED = "VedleggKreves", _("Vedlegg kreves")
    SENT_BEFORE = "VedleggAlleredeSendt", _("Allerede sendt")


class AttachmentQuerySet(models.QuerySet["Attachment"]):
    def of_person(self, person: Person) -> AttachmentQuerySet:
        """The files on the person's own applications (the citizen's portal)."""
        return self.filter(application__person=person)

    def with_file(self) -> AttachmentQuerySet:
        return self.exclude(file="")


class Attachment(models.Model):
    """One vedlegg: a file the applicant sent, or a type they said they would send."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    type = models.CharField(_("type"), max_length=100)
    extra_info = models.CharField(_("tilleggsinformasjon"), max_length=200, blank=True)
    # Digisos sends free text here; unknown values are kept as they are.
    status = models.CharField(_("status"), max_length=40, blank=True)
    filename = models.CharField(_("filnavn"), max_length=255, blank=True)
    sha512 = models.CharField(max_length=128, blank=True)
    file = models.FileField(upload_to="attachments/%Y/%m/", blank=True)
    size = models.PositiveBigIntegerField(default=0)
    # What the upload answers: a documentation request's reference (dokumentreferanse).
    answers = models.ForeignKey(
        "RequestedDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
    )
    event_type = models.CharField(max_length=40, blank=True)
    event_reference = models.CharField(max_length=100, blank=True)
    received_at = models.DateTimeField()

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("vedlegg")
        verbose_name_plural = _("vedlegg")
        ordering = ["received_at", "id"]

    def __str__(self) -> str:
        return self.filename or self.type


class DocumentationRequest(models.Model):
    """A request for documentation (dokumentasjon etterspurt) sent with a letter."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="documentation_requests"
    )
    deadline = models.DateField(_("frist"))
    letter = models.ForeignKey(
        "Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(Employee, on_delete=models.SET_NULL, null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]


class RequestedDocument(models.Model):
    request = models.ForeignKey(
        DocumentationRequest, on_delete=models.CASCADE, related_name="documents"
    )
    reference = models.CharField(max_length=60, unique=True)
    document_type = models.CharField(_("dokument"), max_length=200)
    description = models.CharField(_("beskrivelse"), max_length=500, blank=True)
    fulfilled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.document_type


class DocumentKind(models.TextChoices):
    DECISION = "decision", _("Vedtaksbrev")
    INTERIM_REPLY = "interim_reply", _("Foreløpig svar")
    DOCUMENTATION_REQUEST = "documentation_request", _("Innhenting av dokumentasjon")
    APPEAL_FORWARDING = "appeal_forwarding", _("Oversendelse av klage")
    TRANSLATION = "translation", _("Oversettelse")


class DocumentQuerySet(models.QuerySet["Document"]):
    def of_person(self, person: Person) -> DocumentQuerySet:
        """The letters on the person's own applications (the citizen's portal)."""
        return self.filter(application__person=person)

    def shown_to_person(self) -> DocumentQuerySet:
        """Not on a case the person is not to see (innsyn "ikke innsyn", or withdrawn)."""
        return self.exclude(case__status__in=[CaseStatus.NO_INSIGHT, CaseStatus.WITHDRAWN])


class Document(models.Model):
    """A letter the office produced (PDF/A), stored on the application and its case."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="documents")
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    kind = models.CharField(_("type"), max_length=30, choices=DocumentKind.choices)
    title = models.CharField(_("tittel"), max_length=200)
    language = models.CharField(_("språk"), max_length=2)
    file = models.FileField(upload_to="letters/%Y/%m/")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    translation_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="translations"
    )
    created_by = models.ForeignKey(Employee, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenter")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.title


class InnsynEvent(models.Model):
    """One hendelse of the application's digisos-soker.json, appended as it happens.

    The list is append-only: innsyn builds the citizen's timeline from all of it, and an
    update of a case, condition or request is a new event with the same reference."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="innsyn_events"
    )
    sequence = models.PositiveIntegerField()
    type = models.CharField(max_length=40)
    occurred_at = models.DateTimeField()
    payload = models.JSONField(default=dict)

    class Meta:
        ordering = ["application", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["application", "sequence"], name="innsyn_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.type} #{self.sequence}"
