"""Persons, their households and their family relations."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Q
from django.db.models.functions import Collate
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from navet.people.identifiers import IdentifierError, mask_id, parse_id
from navet.people.search_terms import SearchTerm, TermKind

if TYPE_CHECKING:
    from navet.core.models import Employee


class WrittenLanguage(models.TextChoices):
    BOKMAL = "nb", _("Bokmål")
    NYNORSK = "nn", _("Nynorsk")
    ENGLISH = "en", _("Engelsk")
    OTHER = "other", _("Annet")


class AddressProtection(models.TextChoices):
    NONE = "none", _("Ingen")
    CONFIDENTIAL = "fortrolig", _("Fortrolig adresse")
    STRICTLY_CONFIDENTIAL = "strengt_fortrolig", _("Strengt fortrolig adresse")
    STRICTLY_CONFIDENTIAL_ABROAD = (
        "strengt_fortrolig_utland",
        _("Strengt fortrolig adresse i utlandet"),
    )


STRICT_PROTECTIONS = (
    AddressProtection.STRICTLY_CONFIDENTIAL,
    AddressProtection.STRICTLY_CONFIDENTIAL_ABROAD,
)


def validate_national_id(value: str) -> None:
    """Mod-11 check digits (both rules), D-nummer, and synthetic numbers only where allowed."""
    try:
        parse_id(value, allow_synthetic=settings.ALLOW_SYNTHETIC_IDS)
    except IdentifierError as error:
        raise ValidationError(
            _("Fødselsnummeret er ikke gyldig. Sjekk at alle de 11 sifrene er riktige.")
        ) from error


def normalise_name(text: str) -> str:
    """Lower case, single spaces, accents folded except the Norwegian letters æ, ø and å."""
    # NFC first, so an å typed as "a" + combining ring is the letter å, not an a.
    text = " ".join(unicodedata.normalize("NFC", text).lower().split())
    kept = []
    for char in text:
        if char in "æøå":
            kept.append(char)
            continue
        decomposed = unicodedata.normalize("NFKD", char)
        kept.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(kept)


def byte_ordered(field: str) -> Collate:
    """The field in plain code-point order, as Python sorts strings. On PostgreSQL this is
    the "C" collation, matching the indexes made in migration people/0002, so a prefix
    match is an index range scan in the same order the page is sorted in."""
    return Collate(field, "C" if connection.vendor == "postgresql" else "BINARY")


class PersonQuerySet(models.QuerySet["Person"]):
    def search(self, term: SearchTerm) -> PersonQuerySet:
        """The persons a search term (navet/people/search_terms.py) finds: an exact
        fødselsnummer/D-nummer, a birth date, or a name. A reference finds no person.

        "Etternavn, Fornavn" matches the start of each part; any other name the start of
        "family given" or "given family". The name keys and the birth date are indexed.
        """
        if term.kind == TermKind.NATIONAL_ID:
            return self.filter(national_id=term.text)
        if term.kind == TermKind.BIRTH_DATE:
            return self.filter(birth_date__in=term.birth_dates)
        if term.kind != TermKind.NAME:
            return self.none()
        if term.family:
            family, given = normalise_name(term.family), normalise_name(term.given)
            found = self.alias(match_key=byte_ordered("name_key")).filter(
                match_key__startswith=family
            )
            return found.filter(given_name_key__startswith=given) if given else found
        key = normalise_name(term.text)
        if not key:
            return self.none()
        return self.filter(Q(name_key__startswith=key) | Q(given_name_key__startswith=key))

    def search_window(self, term: SearchTerm, *, offset: int, limit: int) -> list[Person]:
        """One page of `search(term)` in name order. A plain name is fetched so that each
        name key is an index range scan of its own: the family-first and the given-first
        matches are read separately (each limited to the window), merged, and then loaded.
        Three queries however many persons match; an OR of the two would make PostgreSQL
        walk the whole name index once the table is large."""
        if term.kind != TermKind.NAME or term.family:
            return list(self.search(term).order_by("name_key", "id")[offset : offset + limit])
        key = normalise_name(term.text)
        if not key:
            return []
        end = offset + limit
        keys: set[tuple[str, uuid.UUID]] = set()
        for field in ("name_key", "given_name_key"):
            keys.update(
                self.alias(sort_key=byte_ordered("name_key"), match_key=byte_ordered(field))
                .filter(match_key__startswith=key)
                .order_by("sort_key", "id")
                .values_list("name_key", "id")[:end]
            )
        window = [pk for _name, pk in sorted(keys)[offset:end]]
        found = {person.pk: person for person in self.filter(pk__in=window)}
        return [found[pk] for pk in window if pk in found]

    def assigned_to(self, employee: Employee) -> PersonQuerySet:
        return self.filter(caseworker=employee)

    def with_applications(self) -> PersonQuerySet:
        """Persons with at least one application, by name (Test-ID-porten's demo list)."""
        return (
            self.filter(applications__isnull=False)
            .distinct()
            .order_by("family_name", "given_name", "id")
        )


class Person(models.Model):
    """A citizen (bruker), identified by fødselsnummer or D-nummer.

    The primary key is a UUID so that URLs never carry the fødselsnummer.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    national_id = models.CharField(
        _("fødselsnummer eller D-nummer"),
        max_length=11,
        unique=True,
        validators=[validate_national_id],
    )
    given_name = models.CharField(_("fornavn"), max_length=100)
    family_name = models.CharField(_("etternavn"), max_length=100)
    # Search keys: normalised "family given" and "given family", prefix-indexed.
    name_key = models.CharField(max_length=201, db_index=True, editable=False)
    given_name_key = models.CharField(max_length=201, db_index=True, editable=False)
    birth_date = models.DateField(_("fødselsdato"))
    phone = models.CharField(_("telefon"), max_length=20, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    street_address = models.CharField(_("adresse"), max_length=200, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=10, blank=True)
    postal_town = models.CharField(_("poststed"), max_length=100, blank=True)
    country = models.CharField(_("land"), max_length=2, default="NO")
    written_language = models.CharField(
        _("skriftlig målform"),
        max_length=5,
        choices=WrittenLanguage.choices,
        default=WrittenLanguage.BOKMAL,
    )
    interpreter_needed = models.BooleanField(_("trenger tolk"), default=False)
    interpreter_language = models.CharField(_("tolkespråk"), max_length=60, blank=True)
    address_protection = models.CharField(
        _("adressebeskyttelse"),
        max_length=30,
        choices=AddressProtection.choices,
        default=AddressProtection.NONE,
    )
    shielded = models.BooleanField(_("skjermet"), default=False)
    office = models.ForeignKey(
        "core.Office",
        on_delete=models.PROTECT,
        related_name="persons",
        verbose_name=_("ansvarlig Nav-kontor"),
    )
    caseworker = models.ForeignKey(
        "core.Employee",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_persons",
        verbose_name=_("veileder"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        indexes = [
            models.Index(fields=["office", "address_protection", "shielded"]),
            models.Index(fields=["birth_date"], name="person_birth_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(national_id__regex=r"^[0-9]{11}$"), name="person_national_id_11_digits"
            ),
            models.CheckConstraint(
                condition=Q(address_protection__in=[c.value for c in AddressProtection]),
                name="person_address_protection_known",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.refresh_name_keys()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def refresh_name_keys(self) -> None:
        self.name_key = normalise_name(f"{self.family_name} {self.given_name}")
        self.given_name_key = normalise_name(f"{self.given_name} {self.family_name}")

    def get_absolute_url(self) -> str:
        return reverse("people:person-detail", kwargs={"person_id": self.id})

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def masked_national_id(self) -> str:
        return mask_id(self.national_id)

    @property
    def has_address_protection(self) -> bool:
        return self.address_protection != AddressProtection.NONE

    def age_on(self, day: date) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


class Household(models.Model):
    """An economic household (husstand): the persons who live and share costs together."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("husstand")
        verbose_name_plural = _("husstander")


class HouseholdRole(models.TextChoices):
    APPLICANT = "applicant", _("Hovedperson")
    SPOUSE = "spouse", _("Ektefelle")
    PARTNER = "partner", _("Samboer")
    CHILD = "child", _("Barn")
    OTHER_ADULT = "other_adult", _("Annen voksen")


class ChildResidence(models.TextChoices):
    LIVES_HERE = "fast", _("Fast bosted")
    SHARED = "delt_bosted", _("Delt bosted")
    VISITATION = "samvaer", _("Samvær (bor hos den andre forelderen)")


class HouseholdMemberQuerySet(models.QuerySet["HouseholdMember"]):
    def current(self) -> HouseholdMemberQuerySet:
        return self.filter(valid_to__isnull=True)


class HouseholdMember(models.Model):
    """A person's membership of a household over a period; the open one is current."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rolle"), max_length=20, choices=HouseholdRole.choices)
    child_residence = models.CharField(
        _("bosted for barnet"), max_length=20, choices=ChildResidence.choices, blank=True
    )
    # Samværsklasse 1-4 (FOR-2014-06-13-724 § 5) when the child lives with the other parent.
    visitation_class = models.PositiveSmallIntegerField(_("samværsklasse"), null=True, blank=True)
    valid_from = models.DateField(_("fra"))
    valid_to = models.DateField(_("til"), null=True, blank=True)

    objects = HouseholdMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("medlem av husstand")
        verbose_name_plural = _("medlemmer av husstand")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(valid_to__isnull=True),
                name="one_current_household_per_person",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="household_member_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(role="child") | Q(child_residence=""),
                name="household_residence_only_for_children",
            ),
            models.CheckConstraint(
                condition=Q(visitation_class__isnull=True)
                | Q(visitation_class__gte=1, visitation_class__lte=4),
                name="household_visitation_class_1_to_4",
            ),
        ]


class RelationKind(models.TextChoices):
    PARENT = "parent", _("Forelder")
    CHILD = "child", _("Barn")
    PARTNER = "partner", _("Ektefelle eller samboer")
    FORMER_PARTNER = "former_partner", _("Tidligere ektefelle eller samboer")
    SIBLING = "sibling", _("Søsken")
    CO_PARENT = "co_parent", _("Har felles barn med")


class FamilyRelation(models.Model):
    """A family relation from the population register: `person` is `kind` of `relative`.

    Used by the habilitet rules (an employee never sees their own close family) and kept
    apart from households, which describe who shares an economy now.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relations")
    relative = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=RelationKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "relative", "kind"], name="relation_once"),
            models.CheckConstraint(
                condition=~Q(person=models.F("relative")), name="relation_not_to_self"
            ),
        ]
        indexes = [models.Index(fields=["relative"])]
