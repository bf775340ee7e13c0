"""Decisions (vedtak) on a case: the assessment that leads to one, the conditions, the
caseworker's deviations from the calculation, four eyes, appeals, and the municipal rate
sets an administrator keeps.

A decision is a draft while the caseworker works on it, proposed when it waits for a second
caseworker's approval, and made once it is final. A made decision never changes: a change
is a new decision that refers to the one it replaces (`replaces`). The rule is kept by the
actions, by `save()` refusing to touch a made row, and on PostgreSQL by a trigger.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from navet.applications.models import Case, Document
from navet.core.models import Employee, Office, SequenceKind
from navet.core.sequences import next_reference
from navet.decisions.snapshot import CalculationSnapshot


class Outcome(models.TextChoices):
    GRANTED = "INNVILGET", _("Innvilget")
    PARTLY_GRANTED = "DELVIS_INNVILGET", _("Delvis innvilget")
    REFUSED = "AVSLATT", _("Avslått")
    DISMISSED = "AVVIST", _("Avvist")


class RefusalGround(models.TextChoices):
    """Why a refusal: the calculation's own (only when it gives nothing) or the caseworker's."""

    INCOME_ABOVE_NEED = "income_above_need", _("Inntekten er høyere enn behovet etter beregningen")
    OTHER = "other", _("En annen grunn, skrevet i hovedhensynene")


class Form(models.TextChoices):
    GRANT = "grant", _("Bidrag")
    LOAN = "loan", _("Lån")


class LegalBasis(models.TextChoices):
    LIVING_COSTS = "18", _("Sosialtjenesteloven § 18 (stønad til livsopphold)")
    SPECIAL = "19", _("Sosialtjenesteloven § 19 (stønad i særlige tilfeller)")


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    PROPOSED = "proposed", _("Til godkjenning")
    MADE = "made", _("Fattet")


class Recipient(models.TextChoices):
    APPLICANT = "applicant", _("Søkeren")
    OTHER = "other", _("Annen mottaker")


class KostraCondition(models.TextChoices):
    """What a § 20 / § 20 a condition asks, as KOSTRA skjema 11F counts it (SSB's codes)."""

    WORK_PRACTICE = "16", _("Arbeidstrening eller arbeidspraksis")
    COURSE = "17", _("Arbeidsrettet kurs, opplæring eller jobbsøkingskurs")
    SCHOOL = "04", _("Benytte rett til skole")
    JOB_LOG = "06", _("Registrere seg som arbeidssøker eller føre jobblogg")
    JOB_OFFER = "07", _("Ta imot et konkret jobbtilbud")
    GUIDANCE = "08", _("Møte til veiledningssamtaler")
    OTHER_RIGHTS = "10", _("Gjøre gjeldende andre økonomiske rettigheter")
    ASSETS = "18", _("Realisere formuesgoder eller redusere boutgifter")
    HEALTH = "14", _("Oppsøke helsetjenester eller lege")
    OTHER = "15", _("Annet")
    DIGITAL_PLAN = "19", _("Bruke og følge opp digital aktivitetsplan")
    LANGUAGE = "20", _("Norsk- eller samiskopplæring")


class ActivityExemption(models.TextChoices):
    """Why a person under 30 gets no activity condition (§ 20 a), as KOSTRA 11F counts it."""

    IN_WORK = "01", _("Personen er i arbeid")
    IN_ACTIVITY = "02", _("Personen er allerede i aktivitet knyttet til en annen ytelse")
    HEALTH_OR_SOCIAL = "03", _("Helsemessige eller sosiale forhold hindrer aktivitet")
    OTHER_REASONS = "04", _("Andre tungtveiende grunner")


class DecisionQuerySet(models.QuerySet["Decision"]):
    def made(self) -> DecisionQuerySet:
        return self.filter(state=DecisionState.MADE)

    def drafts(self) -> DecisionQuerySet:
        return self.exclude(state=DecisionState.MADE)

    def in_force(self) -> DecisionQuerySet:
        """Made and not replaced by a later made decision."""
        return self.made().exclude(replaced_by__state=DecisionState.MADE)

    def awaiting_approval_in(self, office_ids: list[int]) -> DecisionQuerySet:
        return self.filter(
            state=DecisionState.PROPOSED, case__application__office_id__in=office_ids
        )


class ImmutableDecisionError(Exception):
    """A made decision was about to be changed."""


class Decision(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The reference in letters and pages: the application's office, the year the draft was
    # started and a running number after a V (navet.core.sequences), given by
    # `assign_reference` when the draft is created.
    reference = models.CharField(_("referanse"), max_length=20, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions")
    state = models.CharField(
        max_length=10, choices=DecisionState.choices, default=DecisionState.DRAFT
    )
    replaces = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("endrer vedtak"),
    )
    # The assessment
    legal_basis = models.CharField(
        _("hjemmel"), max_length=4, choices=LegalBasis.choices, default=LegalBasis.LIVING_COSTS
    )
    period_from = models.DateField(_("periode fra"), null=True, blank=True)
    period_to = models.DateField(_("periode til"), null=True, blank=True)
    facts_that_mattered = models.TextField(_("faktiske forhold vi har lagt vekt på"), blank=True)
    considerations = models.TextField(_("hovedhensyn i vurderingen"), blank=True)
    children_assessment = models.TextField(_("barnas situasjon"), blank=True)
    no_activity_conditions_reason = models.TextField(
        _("tungtveiende grunner for ikke å stille aktivitetsvilkår"), blank=True
    )
    # The outcome
    activity_exemption = models.CharField(
        _("grunnen til unntaket fra aktivitetsplikten"),
        max_length=2,
        choices=ActivityExemption.choices,
        blank=True,
    )
    outcome = models.CharField(_("utfall"), max_length=20, choices=Outcome.choices, blank=True)
    form = models.CharField(_("stønadsform"), max_length=10, choices=Form.choices, blank=True)
    amount = models.PositiveIntegerField(_("beløp"), null=True, blank=True)
    # Why the amount is lower than the calculation (with its deviations); in the letter.
    amount_reason = models.TextField(_("begrunnelse for et lavere beløp"), blank=True)
    refusal_ground = models.CharField(
        _("grunn til avslag"), max_length=20, choices=RefusalGround.choices, blank=True
    )
    recipient = models.CharField(
        _("utbetales til"), max_length=10, choices=Recipient.choices, default=Recipient.APPLICANT
    )
    recipient_name = models.CharField(_("navn på mottaker"), max_length=200, blank=True)
    recipient_account = models.CharField(_("kontonummer"), max_length=11, blank=True)
    # When another is paid: the payee's KID where it demands one, and how the person
    # consented (sosialtjenesteloven § 22).
    recipient_kid = models.CharField(_("KID"), max_length=25, blank=True)
    recipient_consent = models.TextField(_("personens samtykke"), blank=True)
    # The calculation as the caseworker last saw it, and, once made, frozen with the
    # rates, inputs and deviations that produced the amount. Versioned JSON: read it
    # through `snapshot` (navet/decisions/snapshot.py).
    calculation = models.JSONField(default=dict, blank=True)
    # People and moments
    drafted_by = models.ForeignKey(
        Employee, on_delete=models.PROTECT, related_name="drafted_decisions"
    )
    proposed_by = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    made_by = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    made_at = models.DateTimeField(null=True, blank=True)
    responsible_name = models.CharField(_("ansvarlig leder"), max_length=200, blank=True)
    letter = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    appeal_deadline = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("vedtak")
        verbose_name_plural = _("vedtak")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="made") | (Q(made_at__isnull=False) & ~Q(outcome="")),
                name="decision_made_complete",
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=models.F("proposed_by")),
                name="decision_four_eyes_two_people",
            ),
            models.CheckConstraint(
                condition=Q(period_from__isnull=True)
                | Q(period_to__isnull=True)
                | Q(period_to__gte=models.F("period_from")),
                name="decision_period_ordered",
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=~Q(state="made"),
                name="decision_one_draft_per_case",
            ),
            models.CheckConstraint(
                condition=Q(reference__regex=r"^[0-9]{4}-[0-9]{4}-V[0-9]{5,}$"),
                name="decision_reference_format",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Vedtak')} {self.reference}"

    def assign_reference(self) -> None:
        """Numbers a new decision in the series of the application's office for the year
        the decision is started. Whatever creates the decision calls this in its
        transaction."""
        if self.reference:
            raise ValueError(f"Decision {self.reference} already has a reference.")
        self.reference = next_reference(
            office=self.case.application.office,
            year=timezone.localdate().year,
            kind=SequenceKind.DECISION,
        )

    @property
    def snapshot(self) -> CalculationSnapshot:
        """The calculation, typed and versioned (navet/decisions/snapshot.py)."""
        return CalculationSnapshot.from_json(self.calculation)

    @property
    def is_made(self) -> bool:
        return self.state == DecisionState.MADE

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            stored = Decision.objects.filter(pk=self.pk).values_list("state", flat=True).first()
            if stored == DecisionState.MADE:
                raise ImmutableDecisionError(f"Decision {self.reference} is made and final.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        if self.is_made:
            raise ImmutableDecisionError(f"Decision {self.reference} is made and final.")
        return super().delete(*args, **kwargs)  # type: ignore[arg-type]


class DecisionReturn(models.Model):
    """A proposed decision sent back to draft by the second caseworker (four eyes), with
    what must change. A decision can be sent back more than once; each note is kept."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="returns")
    note = models.TextField(_("hva må endres"))
    returned_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    returned_at = models.DateTimeField(_("sendt tilbake"))

    class Meta:
        verbose_name = _("vedtak sendt tilbake")
        verbose_name_plural = _("vedtak sendt tilbake")
        ordering = ["returned_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(note=""), name="decision_return_has_note"),
        ]

    def __str__(self) -> str:
        return self.note[:60]


class ConditionKind(models.TextChoices):
    ACTIVITY = "activity", _("Aktivitetsvilkår (§ 20 a)")
    OTHER = "other", _("Vilkår (§ 20)")
    DOCUMENTATION = "documentation", _("Dokumentasjonskrav")


class Condition(models.Model):
    """A condition set in a decision, with what happens if it is not met."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="conditions")
    kind = models.CharField(_("type"), max_length=20, choices=ConditionKind.choices)
    text = models.TextField(_("vilkår"))
    consequence = models.TextField(_("følge hvis vilkåret ikke oppfylles"))
    deadline = models.DateField(_("frist"), null=True, blank=True)
    kostra_category = models.CharField(
        _("kategori i KOSTRA"), max_length=2, choices=KostraCondition.choices, blank=True
    )
    reference = models.CharField(max_length=60, unique=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:60]


class FollowUpResult(models.TextChoices):
    MET = "met", _("Oppfylt")
    NOT_MET = "not_met", _("Ikke oppfylt")


class Sanction(models.TextChoices):
    """What follows from a condition not met (§ 20, § 20 a), as KOSTRA 11F counts it."""

    NONE = "none", _("Ingen følge")
    REDUCED = "01", _("Stønaden settes ned (i et nytt vedtak)")
    OTHER = "02", _("Andre følger")


class ConditionFollowUp(models.Model):
    """The caseworker's record of whether a condition of a made decision was met, as judged
    on a day, with a note. Never changed: a later record follows an earlier one, and the
    latest is where the condition stands."""

    condition = models.ForeignKey(Condition, on_delete=models.PROTECT, related_name="follow_ups")
    result = models.CharField(_("resultat"), max_length=10, choices=FollowUpResult.choices)
    assessed_on = models.DateField(_("vurdert dato"))
    note = models.TextField(_("notat"), blank=True)
    sanction = models.CharField(
        _("følge av at vilkåret ikke er oppfylt"),
        max_length=4,
        choices=Sanction.choices,
        blank=True,
    )
    recorded_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_result_display()} {self.assessed_on}"


class Deviation(models.Model):
    """The caseworker's deviation from one line of the calculation, with the reason."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="deviations")
    line_key = models.CharField(max_length=60)
    line_text = models.CharField(max_length=300)
    calculated = models.IntegerField()
    amount = models.IntegerField(_("nytt beløp"))
    reason = models.TextField(_("begrunnelse"))

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "line_key"], name="deviation_once"),
            models.CheckConstraint(condition=~Q(reason=""), name="deviation_has_reason"),
        ]


class FourEyes(models.TextChoices):
    NEVER = "never", _("Nei")
    ALWAYS = "always", _("Alltid")
    ABOVE = "above", _("Når beløpet er over grensen")


class DecisionSettings(models.Model):
    """An office's settings for decisions."""

    office = models.OneToOneField(
        Office, on_delete=models.CASCADE, related_name="decision_settings"
    )
    four_eyes = models.CharField(
        _("godkjenning av en annen saksbehandler"),
        max_length=10,
        choices=FourEyes.choices,
        default=FourEyes.NEVER,
    )
    four_eyes_above = models.PositiveIntegerField(_("beløpsgrense (kr)"), default=0)
    responsible_name = models.CharField(_("ansvarlig leder i vedtaksbrev"), max_length=200)

    def requires_second_approval(self, amount: int | None) -> bool:
        if self.four_eyes == FourEyes.ALWAYS:
            return True
        if self.four_eyes == FourEyes.ABOVE:
            return (amount or 0) > self.four_eyes_above
        return False


class AppealState(models.TextChoices):
    RECEIVED = "received", _("Mottatt")
    CHANGED = "changed", _("Omgjort av kontoret")
    FORWARDED = "forwarded", _("Sendt til Statsforvalteren")
    CLOSED = "closed", _("Avgjort")


class AuthorityOutcome(models.TextChoices):
    UPHELD = "upheld", _("Stadfestet")
    CHANGED = "changed", _("Endret")
    QUASHED = "quashed", _("Opphevet og sendt tilbake")
    DISMISSED = "dismissed", _("Avvist")


class Appeal(models.Model):
    """An appeal (klage) against a made decision."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="appeals")
    received_on = models.DateField(_("klagen mottatt"))
    deadline = models.DateField(_("klagefrist"))
    summary = models.TextField(_("hva klagen gjelder"))
    state = models.CharField(
        max_length=10, choices=AppealState.choices, default=AppealState.RECEIVED
    )
    office_assessment = models.TextField(_("kontorets vurdering"), blank=True)
    new_decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    forwarded_on = models.DateField(null=True, blank=True)
    forwarding_letter = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    authority_outcome = models.CharField(
        _("Statsforvalterens avgjørelse"),
        max_length=10,
        choices=AuthorityOutcome.choices,
        blank=True,
    )
    authority_decided_on = models.DateField(null=True, blank=True)
    registered_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("klage")
        verbose_name_plural = _("klager")
        ordering = ["created_at"]

    @property
    def within_deadline(self) -> bool:
        return self.received_on <= self.deadline


class LivingCostRatesFields(models.Model):
    """The § 18 rates of one date with their source, as entered by an administrator."""

    valid_from = models.DateField(_("gjelder fra"))
    source = models.URLField(_("kilde (lenke)"), max_length=500)
    source_title = models.CharField(_("kilde (tittel)"), max_length=300)
    single = models.PositiveIntegerField(_("enslig"))
    couple = models.PositiveIntegerField(_("par"))
    shared_housing = models.PositiveIntegerField(_("bofellesskap"))
    child_0_5 = models.PositiveIntegerField(_("barn 0–5 år"))
    child_6_10 = models.PositiveIntegerField(_("barn 6–10 år"))
    child_11_17 = models.PositiveIntegerField(_("barn 11–17 år"))
    created_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    # The rules' verification status of rates entered here (navet/rules/explain.py).
    STATUS = "verified"

    class Meta:
        abstract = True

    def as_rates(self) -> dict[str, object]:
        """The entry in the shape of navet/rules/data/living_costs_state.toml."""
        return {
            "valid_from": self.valid_from,
            "status": self.STATUS,
            "source": self.source,
            "source_title": self.source_title,
            "single": self.single,
            "couple": self.couple,
            "shared_housing": self.shared_housing,
            "children": [
                {"age_from": 0, "age_to": 5, "amount": self.child_0_5},
                {"age_from": 6, "age_to": 10, "amount": self.child_6_10},
                {"age_from": 11, "age_to": 17, "amount": self.child_11_17},
            ],
        }


class MunicipalRateSet(LivingCostRatesFields):
    """A municipality's own § 18 rates, dated and sourced like the state's, kept by an
    administrator. Where a municipality has none, the state's guideline rates apply."""

    municipality_number = models.CharField(_("kommunenummer"), max_length=4)
    name = models.CharField(_("navn"), max_length=200)

    class Meta:
        verbose_name = _("kommunal sats")
        verbose_name_plural = _("kommunale satser")
        ordering = ["municipality_number", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality_number", "valid_from"], name="rate_set_once_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from:%d.%m.%Y})"


class StateRateSet(LivingCostRatesFields):
    """The state's guideline rates from a date that Navet does not ship (a rundskriv newer
    than the release, or values not verified when it was made), registered by an
    administrator from the rundskriv; calculations use them and say who registered them."""

    STATUS = "administrator"

    class Meta:
        verbose_name = _("statlig sats registrert av administrator")
        verbose_name_plural = _("statlige satser registrert av administrator")
        ordering = ["valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["valid_from"], name="state_rate_set_once_per_date")
        ]

    def __str__(self) -> str:
        return f"{self.source_title} ({self.valid_from:%d.%m.%Y})"
