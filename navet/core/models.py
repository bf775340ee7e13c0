"""Offices, employees and their roles."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

four_digits = RegexValidator(r"^\d{4}$", _("Skriv fire sifre."))
two_digits = RegexValidator(r"^[0-9]{2}$", _("Bydelsnummeret er to sifre."))
nav_ident_format = RegexValidator(r"^[A-Z]\d{6}$", _("Nav-ident er en bokstav og seks sifre."))


class OfficeQuerySet(models.QuerySet["Office"]):
    def by_name(self) -> OfficeQuerySet:
        return self.order_by("name")


class Office(models.Model):
    """A Nav office (enhet) serving one municipality or one district (bydel) of it."""

    number = models.CharField(
        _("enhetsnummer"), max_length=4, unique=True, validators=[four_digits]
    )
    name = models.CharField(_("navn"), max_length=120)
    municipality_number = models.CharField(
        _("kommunenummer"), max_length=4, validators=[four_digits]
    )
    district = models.CharField(_("bydel"), max_length=120, blank=True)
    # SSB's number of the district (01–15 in Oslo), for KOSTRA; blank elsewhere.
    district_number = models.CharField(
        _("bydelsnummer"), max_length=2, blank=True, validators=[two_digits]
    )
    # The letterhead of the office's letters.
    postal_address = models.CharField(_("postadresse i brev"), max_length=200, blank=True)
    phone = models.CharField(_("telefon"), max_length=20, default="55 55 33 33")

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("Nav-kontor")
        verbose_name_plural = _("Nav-kontorer")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__regex=r"^[0-9]{4}$"), name="office_number_4_digits"
            ),
            models.CheckConstraint(
                condition=models.Q(municipality_number__regex=r"^[0-9]{4}$"),
                name="office_municipality_4_digits",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Veileder")
    LEADER = "leader", _("Leder")
    ADMINISTRATOR = "administrator", _("Administrator")


class EmployeeQuerySet(models.QuerySet["Employee"]):
    def approvers_of(self, office_id: int) -> EmployeeQuerySet:
        """Who may approve a proposed decision of the office (four eyes), active logins
        only, by name."""
        return self.filter(
            may_approve_decisions=True, offices=office_id, user__is_active=True
        ).order_by("name")

    def caseworkers_of(self, office_ids: list[int]) -> EmployeeQuerySet:
        """The caseworkers of the offices, by name: whom an application can be assigned to."""
        return self.filter(is_caseworker=True, offices__in=office_ids).distinct().order_by("name")


class Employee(models.Model):
    """A member of staff: the Django user plus Navet's profile of them.

    Roles and special authorisations are plain flags so that the access policy can be read
    in one place (`navet.access.policy`) without joining role tables.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    nav_ident = models.CharField(
        _("Nav-ident"), max_length=7, unique=True, validators=[nav_ident_format]
    )
    name = models.CharField(_("navn"), max_length=200)
    is_caseworker = models.BooleanField(_("veileder"), default=False)
    is_leader = models.BooleanField(_("leder"), default=False)
    is_administrator = models.BooleanField(_("administrator"), default=False)
    offices = models.ManyToManyField(Office, related_name="employees", blank=True)
    may_see_strictly_confidential = models.BooleanField(
        _("autorisert for strengt fortrolig adresse"), default=False
    )
    may_see_confidential = models.BooleanField(_("autorisert for fortrolig adresse"), default=False)
    may_see_shielded = models.BooleanField(_("autorisert for skjermede personer"), default=False)
    # Four eyes: who may approve a decision another employee of the office proposed.
    # Leaders get it when they are created (`navet.core.actions.create_employee`).
    may_approve_decisions = models.BooleanField(
        _("kan godkjenne vedtak"),
        default=False,
        help_text=_(
            "Godkjenner vedtak som en annen ved kontoret har sendt til godkjenning (fire øyne). "
            "Ledere får dette når de opprettes."
        ),
    )
    # Payments: who may approve (anvise) a payment run another employee prepared.
    may_approve_payments = models.BooleanField(
        _("kan godkjenne utbetalinger"),
        default=False,
        help_text=_(
            "Godkjenner utbetalingskjøringer som en annen ved kontoret har laget (fire øyne). "
            "Ledere får dette når de opprettes."
        ),
    )
    # The employee's own entry in the population register, for the habilitet rules: an
    # employee never sees themselves or their close family.
    person = models.OneToOneField(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employee",
    )
    language = models.CharField(
        _("språk"), max_length=2, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        verbose_name = _("ansatt")
        verbose_name_plural = _("ansatte")

    def __str__(self) -> str:
        return f"{self.name} ({self.nav_ident})"

    @property
    def works_with_persons(self) -> bool:
        """Caseworkers and leaders work with persons; an administrator alone does not."""
        return self.is_caseworker or self.is_leader

    def office_ids(self) -> list[int]:
        cached: list[int] | None = getattr(self, "_office_ids", None)
        if cached is None:
            cached = list(self.offices.values_list("id", flat=True))
            self._office_ids = cached
        return cached


class FailedLogin(models.Model):
    """One failed login, kept as the history an administrator reads (who was tried, from
    where, when). The user name is stored as authentication saw it; never a password."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)


class ThrottleKind(models.TextChoices):
    ACCOUNT = "account", _("Brukernavn")
    ADDRESS = "address", _("Adresse")


class LoginThrottleQuerySet(models.QuerySet["LoginThrottle"]):
    def locked(self) -> LoginThrottleQuerySet:
        return self.filter(locked_until__gt=timezone.now())


class LoginThrottle(models.Model):
    """The failure counter and lock of one user name or one client address.

    A login attempt reserves its place here before the password is checked, under a row
    lock, so a burst of parallel attempts is counted one by one (see
    `navet.core.actions.begin_login`)."""

    kind = models.CharField(max_length=10, choices=ThrottleKind.choices)
    key = models.CharField(max_length=150)
    failures = models.PositiveIntegerField(default=0)
    # When the counter started (the address window) and when it last moved.
    window_started_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    locked_until = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = LoginThrottleQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="login_throttle_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


class SequenceKind(models.TextChoices):
    """What an office numbers; the label is what the user reads, the prefix goes in the
    reference (see `navet.core.sequences`)."""

    APPLICATION = "application", _("Søknad")
    DECISION = "decision", _("Vedtak")
    PAYMENT_RUN = "payment_run", _("Utbetalingskjøring")


class OfficeSequence(models.Model):
    """The last number an office has given one kind of thing in one year.

    `navet.core.sequences.next_number` takes the next one under a row lock, in the
    transaction that creates the numbered row, so two creations never share a number."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=SequenceKind.choices)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "kind"], name="office_sequence_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.year}/{self.kind}: {self.last_number}"
