"""The person's situation at the last contact, as KOSTRA skjema 11F asks for it: civil
status, main source of income, the benefit of most value, work and housing, and whether
economic counselling (level II/III) was given and an individual plan (§ 28) made. Recorded
by the caseworker where they already work (the person page), dated, never changed: a new
contact is a new record, and the last one in the year goes into the file to SSB. The codes
are SSB's (KLASS 553, 751, 753, 752, 511)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from uuid import UUID

from django.db import models
from django.utils.translation import gettext_lazy as _

from navet.core.models import Employee
from navet.people.models import Person


class CivilStatus(models.TextChoices):
    UNMARRIED = "1", _("Ugift")
    MARRIED = "2", _("Gift")
    COHABITING = "3", _("Samboer")
    DIVORCED = "4", _("Skilt eller separert")
    WIDOWED = "5", _("Enke eller enkemann")


class MainIncome(models.TextChoices):
    WORK = "1", _("Arbeidsinntekt")
    MEASURE = "2", _("Kursstønad eller lønn i arbeidsmarkedstiltak")
    BENEFIT = "3", _("Trygd eller stønad")
    STUDY = "4", _("Stipend eller studielån")
    SOCIAL_ASSISTANCE = "5", _("Sosialhjelp")
    INTRODUCTION = "6", _("Introduksjonsstønad")
    PARTNER = "7", _("Ektefelles eller samboers inntekt")
    QUALIFICATION = "8", _("Kvalifiseringsstønad")
    OTHER = "9", _("Annen inntekt")


class Benefit(models.TextChoices):
    SICKNESS = "01", _("Sykepenger")
    UNEMPLOYMENT = "02", _("Dagpenger")
    DISABILITY = "04", _("Uføretrygd")
    TRANSITIONAL = "05", _("Overgangsstønad")
    ADJUSTMENT = "06", _("Omstillingsstønad eller tidligere etterlattepensjon")
    OLD_AGE = "07", _("Alderspensjon")
    SUPPLEMENTARY = "09", _("Supplerende stønad (kort botid)")
    OTHER = "10", _("Annen trygd")
    WORK_ASSESSMENT = "11", _("Arbeidsavklaringspenger")
    NONE = "12", _("Har ingen trygd eller pensjon")
    CHILD = "13", _("Barnetrygd")


class WorkSituation(models.TextChoices):
    FULL_TIME = "01", _("Arbeid, heltid")
    PART_TIME = "02", _("Arbeid, deltid")
    EDUCATION = "03", _("Under utdanning")
    NOT_SEEKING = "04", _("Ikke arbeidssøker")
    STATE_MEASURE = "05", _("Arbeidsmarkedstiltak (statlig)")
    MUNICIPAL_MEASURE = "06", _("Kommunalt tiltak")
    REGISTERED_UNEMPLOYED = "07", _("Registrert arbeidsledig")
    UNREGISTERED_UNEMPLOYED = "08", _("Arbeidsledig, men ikke registrert hos Nav")
    INTRODUCTION = "09", _("Introduksjonsprogram")
    QUALIFICATION = "10", _("Kvalifiseringsprogram")


class Housing(models.TextChoices):
    RENTED_PRIVATE = "1", _("Leier privat bolig")
    RENTED_MUNICIPAL = "2", _("Leier kommunal bolig")
    OWNED = "3", _("Eier bolig")
    HOMELESS = "4", _("Uten bolig")
    OTHER = "5", _("Annet")
    INSTITUTION = "6", _("Institusjon")


class SituationQuerySet(models.QuerySet["Situation"]):
    def newest_first(self) -> SituationQuerySet:
        return self.order_by("-recorded_on", "-id")

    def last_by_person(self, person_ids: Iterable[UUID], until: date) -> dict[UUID, Situation]:
        """Each person's last recorded situation on or before ``until`` (one query)."""
        found: dict[UUID, Situation] = {}
        rows = self.filter(person_id__in=list(person_ids), recorded_on__lte=until).newest_first()
        for situation in rows:
            found.setdefault(situation.person_id, situation)
        return found


class Situation(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="situations")
    recorded_on = models.DateField(_("dato for kontakten"))
    civil_status = models.CharField(_("sivilstand"), max_length=1, choices=CivilStatus.choices)
    main_income = models.CharField(
        _("viktigste kilde til livsopphold"), max_length=1, choices=MainIncome.choices
    )
    benefit = models.CharField(
        _("trygd eller pensjon av størst verdi"), max_length=2, choices=Benefit.choices
    )
    work = models.CharField(_("arbeidssituasjon"), max_length=2, choices=WorkSituation.choices)
    housing = models.CharField(_("bosituasjon"), max_length=1, choices=Housing.choices)
    financial_counselling = models.BooleanField(
        _("økonomisk rådgivning på nivå II eller III er gitt"), default=False
    )
    individual_plan = models.BooleanField(_("har individuell plan (§ 28)"), default=False)
    recorded_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    objects = SituationQuerySet.as_manager()

    class Meta:
        verbose_name = _("situasjon ved siste kontakt")
        indexes = [models.Index(fields=["person", "recorded_on"], name="situation_person_day")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.recorded_on}"
