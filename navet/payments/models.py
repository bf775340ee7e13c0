"""Payments (utbetalinger) of granted decisions, the office's payment settings, and the
runs and transfer attempts that pay them (docs/payments.md).

A Payment is one planned payment with its Digisos `utbetalingsreferanse`. A transfer
attempt is one line in one bank file; a payment has at most one active attempt (a partial
unique constraint), and a rejected line gets a new attempt with a new end-to-end id. A run
collects due payments; one person prepares it and another approves it (a check
constraint)."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from navet.core.models import Employee, Office
from navet.decisions.models import Decision
from navet.people.models import Person


def current_time() -> datetime:
    """timezone.now(), looked up when it is called: the demo's clock (navet/demo/clock.py)
    dates seeded payments, runs and their history when an office would have done it."""
    return timezone.now()


class PaymentSettings(models.Model):
    """An office's payment settings: when it pays, and the account it pays from."""

    office = models.OneToOneField(Office, on_delete=models.CASCADE, related_name="payment_settings")
    payment_day = models.PositiveSmallIntegerField(
        _("utbetalingsdag i måneden"),
        default=1,
        help_text=_("Dag i måneden stønaden utbetales. Flyttes til virkedagen før."),
    )
    emergency_same_day = models.BooleanField(_("nødhjelp utbetales samme dag"), default=False)
    debtor_name = models.CharField(_("betalerens navn"), max_length=70, blank=True)
    debtor_account = models.CharField(_("kontoen det betales fra"), max_length=11, blank=True)
    organisation_number = models.CharField(_("organisasjonsnummer"), max_length=9, blank=True)
    # The municipality's own chart of accounts (kontoplan): the account (art) a grant and a
    # loan are posted to. Navet does not know them (reference/payments.md §1.7: not
    # confirmed), so the administrator enters them; KOSTRA function 281 is fixed.
    grant_account_code = models.CharField(
        _("art for bidrag i regnskapet"), max_length=10, blank=True
    )
    loan_account_code = models.CharField(_("art for lån i regnskapet"), max_length=10, blank=True)
    file_version = models.CharField(
        _("filformat"),
        max_length=2,
        choices=[("03", "pain.001.001.03"), ("09", "pain.001.001.09")],
        default="03",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(payment_day__gte=1, payment_day__lte=31),
                name="payment_day_in_month",
            )
        ]


class Method(models.TextChoices):
    BANK = "bank", _("Bankoverføring")
    CARD = "card", _("Kontantkort")
    CASH = "cash", _("Kontant")


class PaymentState(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    IN_RUN = "in_run", _("I en utbetalingskjøring")
    SENT = "sent", _("Sendt til banken")
    PAID = "paid", _("Utbetalt")
    REJECTED = "rejected", _("Avvist av banken")
    STOPPED = "stopped", _("Stoppet")
    ANNULLED = "annulled", _("Annullert")


# A payment in these states is done with: nothing changes it any more.
FINAL_STATES = (PaymentState.PAID, PaymentState.STOPPED, PaymentState.ANNULLED)


class PaymentQuerySet(models.QuerySet["Payment"]):
    def of_person(self, person: Person) -> PaymentQuerySet:
        return self.filter(person=person)

    def with_reason_code(self) -> PaymentQuerySet:
        """Each payment with the bank's reason code of its latest attempt as `reason_code`."""
        latest = (
            TransferAttempt.objects.filter(payment=models.OuterRef("pk"))
            .order_by("-id")
            .values("reason_code")[:1]
        )
        return self.annotate(reason_code=models.Subquery(latest))

    def rejected_for_caseworker(self, employee: Employee) -> PaymentQuerySet:
        """Rejected by the bank, on applications the employee is the caseworker of, with
        the bank's reason code (`with_reason_code`)."""
        return self.filter(
            state=PaymentState.REJECTED, decision__case__application__caseworker=employee
        ).with_reason_code()

    def not_sent(self) -> PaymentQuerySet:
        """Planned, or rejected and waiting for a new attempt: what a changed decision may
        still adjust."""
        return self.filter(state__in=[PaymentState.PLANNED, PaymentState.REJECTED])


class Payment(models.Model):
    """One payment of a granted decision: an amount for a period, due on a banking day, to
    the applicant or another recipient, by bank transfer, prepaid card or cash."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The Digisos utbetalingsreferanse: the decision's reference and a running number.
    reference = models.CharField(_("referanse"), max_length=40, unique=True)
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="payments")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="payments")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="payments")
    amount = models.PositiveIntegerField(_("beløp"))
    form = models.CharField(_("stønadsform"), max_length=10)
    period_from = models.DateField(_("periode fra"))
    period_to = models.DateField(_("periode til"))
    due_on = models.DateField(_("forfallsdato"))
    method = models.CharField(
        _("utbetalingsmåte"), max_length=10, choices=Method.choices, default=Method.BANK
    )
    other_recipient = models.BooleanField(_("annen mottaker"), default=False)
    recipient_name = models.CharField(_("mottaker"), max_length=200)
    account = models.CharField(_("kontonummer"), max_length=11, blank=True)
    kid = models.CharField(_("KID"), max_length=25, blank=True)
    # What the recipient's statement shows when there is no KID: neutral (§ 44), never
    # "sosialhjelp" to a landlord.
    text = models.CharField(_("betalingstekst"), max_length=140, blank=True)
    state = models.CharField(
        _("status"), max_length=10, choices=PaymentState.choices, default=PaymentState.PLANNED
    )
    paid_on = models.DateField(_("utbetalt dato"), null=True, blank=True)
    # Why it was stopped: a decision that replaced its own, or the caseworker's words.
    stopped_by = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    stopped_reason = models.TextField(_("hvorfor stoppet"), blank=True)
    created_at = models.DateTimeField(default=current_time)

    objects = PaymentQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "reference"]
        constraints = [
            # Planning a decision's payments again can never double them.
            models.UniqueConstraint(
                fields=["decision", "period_from", "period_to"], name="payment_once_per_period"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(
                condition=Q(period_from__lte=models.F("period_to")), name="payment_period_order"
            ),
        ]
        indexes = [models.Index(fields=["office", "state", "due_on"])]

    def __str__(self) -> str:
        return self.reference


class EventKind(models.TextChoices):
    """What happened, when the state alone does not say it (shown in the reader's
    language; the note holds the words someone wrote)."""

    RUN_CANCELLED = "run_cancelled", _("Utbetalingskjøringen ble avbrutt")
    RECIPIENT_CHANGED = "recipient_changed", _("Mottaker eller konto endret")
    PAID_BY_HAND = "paid_by_hand", _("Registrert som utbetalt for hånd")
    SENT_AGAIN = "sent_again", _("Sendes på nytt uendret")


class PaymentEvent(models.Model):
    """A payment's history, in order: planned, stopped, in a run, sent, paid, rejected."""

    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="events")
    state = models.CharField(max_length=10, choices=PaymentState.choices)
    kind = models.CharField(max_length=20, choices=EventKind.choices, blank=True)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    occurred_at = models.DateTimeField(default=current_time)

    class Meta:
        ordering = ["occurred_at", "id"]


class RunState(models.TextChoices):
    DRAFT = "draft", _("Til godkjenning")
    APPROVED = "approved", _("Godkjent")
    GENERATED = "generated", _("Betalingsfil laget")
    SENT = "sent", _("Sendt til banken")
    SETTLED = "settled", _("Ferdig")
    CANCELLED = "cancelled", _("Avbrutt")


class PaymentRunManager(models.Manager["PaymentRun"]):
    """Runs are loaded without their bank file (some 90 MB for a national run); it is read
    when it is asked for (PaymentRun.stored_file)."""

    def get_queryset(self) -> models.QuerySet[PaymentRun]:
        return super().get_queryset().defer("file")


class PaymentRun(models.Model):
    """An utbetalingskjøring: the due payments of an office up to a date. One employee
    prepares it, another approves it (a check constraint), and the approval fixes the bank
    file's message id, execution date and the paying account; the file is generated from
    that alone, so generating it again gives the same bytes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(_("referanse"), max_length=20, unique=True)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="payment_runs")
    due_by = models.DateField(_("forfall til og med"))
    state = models.CharField(
        _("status"), max_length=10, choices=RunState.choices, default=RunState.DRAFT
    )
    prepared_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField(default=current_time)
    approved_by = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Fixed at approval (pain.001 GrpHdr/MsgId, PmtInf/ReqdExctnDt, the debtor).
    message_id = models.CharField(max_length=35, null=True, blank=True, unique=True)
    execution_date = models.DateField(_("betalingsdato"), null=True, blank=True)
    debtor_name = models.CharField(max_length=70, blank=True)
    debtor_account = models.CharField(max_length=11, blank=True)
    organisation_number = models.CharField(max_length=9, blank=True)
    file_version = models.CharField(max_length=2, blank=True)
    # The generated pain.001, stored once with its hash.
    file = models.BinaryField(null=True, blank=True, editable=False)
    file_sha256 = models.CharField(max_length=64, blank=True)
    generated_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = PaymentRunManager()

    def stored_file(self) -> bytes:
        """The stored bank file, read when it is asked for (a national run's file is some
        90 MB, so the run is usually loaded without it)."""
        content = PaymentRun.objects.values_list("file", flat=True).get(pk=self.pk)
        return bytes(content or b"")

    class Meta:
        ordering = ["-prepared_at"]
        constraints = [
            # Attestasjon and anvisning are two people.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=models.F("prepared_by")),
                name="payment_run_four_eyes",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["approved", "generated", "sent", "settled"])
                | Q(
                    approved_by__isnull=False,
                    message_id__isnull=False,
                    execution_date__isnull=False,
                ),
                name="payment_run_approved_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class AttemptState(models.TextChoices):
    PENDING = "pending", _("Venter på banken")
    ACCEPTED = "accepted", _("Godtatt av banken")
    BOOKED = "booked", _("Bokført")
    REJECTED = "rejected", _("Avvist")
    CANCELLED = "cancelled", _("Avbrutt")


# A payment has at most one attempt in these states, ever at a time (and only one booked).
LIVE_ATTEMPTS = (AttemptState.PENDING, AttemptState.ACCEPTED, AttemptState.BOOKED)


class TransferAttempt(models.Model):
    """One line of one payment run's bank file. What is paid (amount, account, KID, text,
    name) is copied from the payment when the run is prepared: an approved run's lines
    never change. A rejected line is followed by a new attempt with a new end-to-end id."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="attempts")
    run = models.ForeignKey(PaymentRun, on_delete=models.PROTECT, related_name="attempts")
    end_to_end_id = models.CharField(max_length=35, unique=True)
    state = models.CharField(
        max_length=10, choices=AttemptState.choices, default=AttemptState.PENDING
    )
    amount = models.PositiveIntegerField()
    recipient_name = models.CharField(max_length=200)
    account = models.CharField(max_length=11)
    kid = models.CharField(max_length=25, blank=True)
    text = models.CharField(max_length=140, blank=True)
    reason_code = models.CharField(max_length=10, blank=True)
    booked_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=current_time)

    class Meta:
        ordering = ["id"]
        constraints = [
            # Exactly once: never two live attempts for one payment, whatever the code does.
            models.UniqueConstraint(
                fields=["payment"],
                condition=Q(state__in=["pending", "accepted", "booked"]),
                name="payment_one_live_attempt",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="attempt_amount_positive"),
        ]


class BankFile(models.Model):
    """A file from the bank, kept once: a second import of the same bytes (or of the same
    message) changes nothing."""

    sha256 = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=20)  # pain.002.001.03 | camt.054.001.02
    message_id = models.CharField(max_length=35)
    filename = models.CharField(max_length=255, blank=True)
    content = models.BinaryField(editable=False)
    summary = models.JSONField(default=dict)
    imported_by = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(default=current_time)

    class Meta:
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "message_id"], name="bank_file_message_once")
        ]


class PaymentChangeQuerySet(models.QuerySet["PaymentChange"]):
    def for_review_in(self, office_ids: Collection[int]) -> PaymentChangeQuerySet:
        return self.filter(payment__office_id__in=office_ids, reviewed_at__isnull=True)


class PaymentChange(models.Model):
    """A change of who a payment goes to, the account, KID or method, with what it was
    before and after, the person's consent when another recipient is paid (§ 22), and the
    leader's review. Payment files carry money to accounts: every such change is seen by a
    second person."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="changes")
    changed_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=current_time)
    before = models.JSONField()
    after = models.JSONField()
    reason = models.TextField(_("hvorfor"))
    # How the person agreed that someone else is paid (sosialtjenesteloven § 22).
    consent = models.TextField(_("samtykke"), blank=True)
    reviewed_by = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = PaymentChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-id"]
        constraints = [
            # The leader who reviews a change is not the one who made it.
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True) | ~Q(reviewed_by=models.F("changed_by")),
                name="payment_change_reviewed_by_another",
            )
        ]
