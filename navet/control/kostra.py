"""KOSTRA skjema 11F for a municipality and a year, built from Navet's own data.

One record per person paid (booked by the bank: state paid, paid in the year) by the
municipality's offices: the person and household as registered, the situation at the last
contact (navet.followup.situation), the decisions' § 20 conditions with their KOSTRA
categories and § 20 a exemptions with their reason codes, and the payments month by month
split into bidrag and lån. Then SSB's control rules (navet.kostra.controls) and the
statistics SSB's program prints. A bounded number of queries, whatever the number of
recipients.
"""

from __future__ import annotations

import base64
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from django.utils import timezone
from django.utils.translation import gettext as _

from navet.core.models import Office
from navet.decisions.models import (
    ActivityExemption,
    ConditionFollowUp,
    ConditionKind,
    Decision,
    DecisionState,
    FollowUpResult,
    Form,
    Sanction,
)
from navet.followup.situation import Situation
from navet.kostra import identity
from navet.kostra.controls import (
    GRANT_MONTHS,
    LOAN_MONTHS,
    MONTH_FIELDS,
    OSLO,
    Finding,
    check_file,
)
from navet.kostra.layout import Layout, layout
from navet.kostra.record import Value, ascii_text, write_file, write_record
from navet.payments.models import Payment, PaymentState
from navet.people.models import ChildResidence, HouseholdMember, HouseholdRole, Person

FORM = "11F"
YES, NO = "1", "2"
CONDITION_FIELD_BY_CODE = {
    "16": "VILKARARBEID",
    "17": "VILKARKURS",
    "04": "VILKARUTD",
    "06": "VILKARJOBBLOG",
    "07": "VILKARJOBBTILB",
    "08": "VILKARSAMT",
    "10": "VILKAROKRETT",
    "18": "VILKARLIVSH",
    "14": "VILKARHELSE",
    "15": "VILKARANNET",
    "19": "VILKARDIGPLAN",
    "20": "VILKARNORSKSAMISKOPPL",
}
EXEMPTION_FIELD_BY_CODE: dict[str, str] = {
    ActivityExemption.IN_WORK.value: "VEDTAKARB",
    ActivityExemption.IN_ACTIVITY.value: "VEDTAKAKT",
    ActivityExemption.HEALTH_OR_SOCIAL.value: "VEDTAKHELSE",
    ActivityExemption.OTHER_REASONS.value: "VEDTAKGRUNN",
}
SITUATION_FIELDS = frozenset(
    {"EKTSTAT", "VKLO", "TRYGDESIT", "ARBSIT", "BOSIT", "GITT_OKONOMIRAD", "FAAT_INDIVIDUELL_PLAN"}
)
SITUATION_RULES = frozenset(
    {"09", "14", "15", "16", "17", "18", "19", "20B", "21", "22", "23A", "24", "24B", "25"}
    | {"32", "33", "35"}
)


class KostraError(Exception):
    """The export cannot be made as asked (says why, in the user's language)."""


def journal_number(person_id: UUID) -> str:
    """A stable 8-character journal number for the person (the same every year)."""
    return base64.b32encode(person_id.bytes[:5]).decode("ascii")


@dataclass
class Recipient:
    person: Person
    journal_number: str
    grants: list[int] = field(default_factory=lambda: [0] * 12)
    loans: list[int] = field(default_factory=lambda: [0] * 12)
    office: Office | None = None
    last_paid: date | None = None


@dataclass(frozen=True)
class Band:
    label: str
    count: int


@dataclass(frozen=True)
class Summary:
    recipients: int
    grants: int
    loans: int
    ages: list[Band]
    months: list[Band]
    amounts: list[Band]

    @property
    def total(self) -> int:
        return self.grants + self.loans


@dataclass
class Export:
    year: int
    municipality: str
    region: str
    text: str
    recipients: list[Recipient]
    findings: list[Finding]
    summary: Summary
    # By journal number: a decision with a condition that has no KOSTRA category yet.
    uncategorised: dict[str, Decision] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.blocks]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.blocks]

    @property
    def final(self) -> bool:
        return not self.errors

    def __post_init__(self) -> None:
        self._by_journal = {r.journal_number: r.person for r in self.recipients}

    def person_of(self, finding: Finding) -> Person | None:
        return self._by_journal.get(finding.journal_number)

    @property
    def filename(self) -> str:
        return f"kostra_11F_{self.year}_{self.region.strip()}.dat"


def export_layout(year: int) -> Layout:
    try:
        return layout(FORM, year)
    except Exception as error:
        raise KostraError(
            _("SSB har ikke publisert filbeskrivelsen for %(year)s i Navet.") % {"year": year}
        ) from error


def _recipients(year: int, offices: list[Office]) -> dict[UUID, Recipient]:
    office_by_id = {o.pk: o for o in offices}
    paid = (
        Payment.objects.filter(office__in=offices, state=PaymentState.PAID, paid_on__year=year)
        .order_by("paid_on", "pk")
        .values_list("person_id", "office_id", "form", "amount", "paid_on")
    )
    found: dict[UUID, Recipient] = {}
    for person_id, office_id, form, amount, paid_on in paid:
        if paid_on is None:  # not possible for a paid payment in the year; for the types
            continue
        recipient = found.get(person_id)
        if recipient is None:
            recipient = found[person_id] = Recipient(
                person=Person(pk=person_id), journal_number=journal_number(person_id)
            )
        amounts = recipient.loans if form == Form.LOAN else recipient.grants
        amounts[paid_on.month - 1] += amount
        recipient.office = office_by_id[office_id]
        recipient.last_paid = paid_on
    persons = Person.objects.filter(pk__in=list(found)).select_related("caseworker")
    for person in persons:
        found[person.pk].person = person
    return found


PROVIDERS = (HouseholdRole.APPLICANT, HouseholdRole.SPOUSE, HouseholdRole.PARTNER)


def _children(recipients: dict[UUID, Recipient]) -> dict[UUID, int]:
    """Children under 18 living in the household (not there only on visits) on the day of
    the last payment, counted for the recipient as applicant, spouse or partner: the
    adults who provide for them."""
    days: dict[UUID, date] = {
        pid: r.last_paid for pid, r in recipients.items() if r.last_paid is not None
    }
    memberships = HouseholdMember.objects.filter(person_id__in=list(days), role__in=PROVIDERS)
    households: dict[UUID, set[UUID]] = defaultdict(set)
    for person_id, household_id, valid_from, valid_to in memberships.values_list(
        "person_id", "household_id", "valid_from", "valid_to"
    ):
        day = days[person_id]
        if valid_from <= day and (valid_to is None or valid_to >= day):
            households[household_id].add(person_id)
    counts: Counter[UUID] = Counter()
    children = (
        HouseholdMember.objects.filter(household_id__in=list(households), role=HouseholdRole.CHILD)
        .exclude(child_residence=ChildResidence.VISITATION)
        .values_list("household_id", "valid_from", "valid_to", "person__birth_date")
    )
    for household_id, valid_from, valid_to, born in children:
        for person_id in households[household_id]:
            day = days[person_id]
            current = valid_from <= day and (valid_to is None or valid_to >= day)
            under_18 = (born.year + 18, born.month, born.day) > (day.year, day.month, day.day)
            if current and under_18:
                counts[person_id] += 1
    return counts


def _decisions(person_ids: list[UUID], year: int) -> dict[UUID, list[Decision]]:
    """Each person's made decisions whose period touches the year, oldest first, with
    their conditions."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    made = (
        Decision.objects.filter(
            state=DecisionState.MADE,
            case__application__person_id__in=person_ids,
            period_from__lte=end,
            period_to__gte=start,
        )
        .select_related("case__application", "made_by")
        .prefetch_related("conditions")
        .order_by("made_at", "pk")
    )
    found: dict[UUID, list[Decision]] = defaultdict(list)
    for decision in made:
        found[decision.case.application.person_id].append(decision)
    return found


def _sanctions(person_ids: list[UUID], year: int) -> dict[UUID, set[str]]:
    """The consequences the caseworkers recorded in the year for conditions not met
    (SANKSJONRED 01, SANKSJONANDRE 02). One query."""
    found: dict[UUID, set[str]] = defaultdict(set)
    for person_id, sanction in ConditionFollowUp.objects.filter(
        result=FollowUpResult.NOT_MET,
        assessed_on__year=year,
        sanction__in=[Sanction.REDUCED, Sanction.OTHER],
        condition__decision__case__application__person_id__in=person_ids,
    ).values_list("condition__decision__case__application__person_id", "sanction"):
        found[person_id].add(sanction)
    return found


def _values(
    recipient: Recipient,
    *,
    year: int,
    situation: Situation | None,
    children: int,
    decisions: list[Decision],
    sanctions: set[str],
) -> dict[str, Value]:
    person = recipient.person
    office = recipient.office
    oslo = office is not None and office.municipality_number == OSLO
    values: dict[str, Value] = {
        "KOMMUNE_NR": office.municipality_number if office else "",
        "VERSION": f"{year % 100:02d}",
        "BYDELSNR": office.district_number if oslo and office else "",
        "FODSELSDATO": person.birth_date,
        "PERSON_JOURNALNR": recipient.journal_number,
        "PERSON_FODSELSNR": person.national_id,
        "KJONN": identity.sex_code(person.national_id),
        "BU18": YES if children else NO,
        "ANTBU18": children or None,
        "BIDRAG": sum(recipient.grants),
        "LAAN": sum(recipient.loans),
        "SAKSBEHANDLER": _caseworker(person, decisions),
        "VILKARSAMEKT": NO,  # Navet sets conditions on the applicant only
    }
    for month in range(12):
        if recipient.grants[month] or recipient.loans[month]:
            values[MONTH_FIELDS[month]] = f"{month + 1:02d}"
        values[GRANT_MONTHS[month]] = recipient.grants[month] or None
        values[LOAN_MONTHS[month]] = recipient.loans[month] or None
    if situation is not None:
        values |= {
            "EKTSTAT": situation.civil_status,
            "VKLO": situation.main_income,
            "TRYGDESIT": situation.benefit,
            "ARBSIT": situation.work,
            "BOSIT": situation.housing,
            "GITT_OKONOMIRAD": YES if situation.financial_counselling else NO,
            "FAAT_INDIVIDUELL_PLAN": YES if situation.individual_plan else NO,
        }
    values |= _conditions(decisions)
    values |= _exemption(person, decisions)
    if Sanction.REDUCED in sanctions:
        values["SANKSJONRED"] = Sanction.REDUCED.value
    if Sanction.OTHER in sanctions:
        values["SANKSJONANDRE"] = Sanction.OTHER.value
    return values


def _caseworker(person: Person, decisions: list[Decision]) -> str:
    """The person's caseworker, or whoever made the last decision in the year."""
    if person.caseworker is not None:
        return ascii_text(person.caseworker.nav_ident)[:10]
    makers = [d.made_by for d in decisions if d.made_by is not None]
    return ascii_text(makers[-1].nav_ident)[:10] if makers else ""


def _conditions(decisions: list[Decision]) -> dict[str, Value]:
    with_conditions = [
        d
        for d in decisions
        if any(c.kind != ConditionKind.DOCUMENTATION for c in d.conditions.all())
    ]
    if not with_conditions:
        return {"VILKARSOSLOV": NO}
    first = with_conditions[0]
    values: dict[str, Value] = {
        "VILKARSOSLOV": YES,
        "UTBETDATO": timezone.localdate(first.made_at) if first.made_at else None,
        "UTBETTOMDATO": first.period_to,
    }
    for decision in with_conditions:
        for condition in decision.conditions.all():
            name = CONDITION_FIELD_BY_CODE.get(condition.kostra_category)
            if name:
                values[name] = condition.kostra_category
    return values


def _exemption(person: Person, decisions: list[Decision]) -> dict[str, Value]:
    for decision in decisions:
        under_30 = person.age_on(decision.period_from or date.today()) < 30
        if under_30 and decision.no_activity_conditions_reason.strip():
            values: dict[str, Value] = {
                "VEDTAKDATO": timezone.localdate(decision.made_at) if decision.made_at else None
            }
            name = EXEMPTION_FIELD_BY_CODE.get(decision.activity_exemption)
            if name:
                values[name] = decision.activity_exemption
            return values
    return {}


def _bands(labels: list[str], keys: list[str]) -> list[Band]:
    counted = Counter(keys)
    return [Band(label, counted[label]) for label in labels if counted[label]]


def summarise(recipients: list[Recipient], year: int) -> Summary:
    """What SSB's program prints before submission: sums, age groups, months, amounts."""
    ages, months, amounts = [], [], []
    for r in recipients:
        age = identity.age(r.person.national_id, year)
        ages.append(
            _("Ugyldig fødselsnummer")
            if age < 0
            else _("Under 18")
            if age < 18
            else "18–24"
            if age < 25
            else "25–44"
            if age < 45
            else "45–66"
            if age < 67
            else _("67 og over")
        )
        count = sum(1 for g, loan in zip(r.grants, r.loans, strict=True) if g or loan)
        months.append(str(count))
        total = sum(r.grants) + sum(r.loans)
        amounts.append(
            _("Uoppgitt")
            if total <= 0
            else "1–9 999"
            if total < 10_000
            else "10 000–49 999"
            if total < 50_000
            else "50 000–99 999"
            if total < 100_000
            else "100 000–149 999"
            if total < 150_000
            else _("150 000 og over")
        )
    age_labels = [_("Under 18"), "18–24", "25–44", "45–66", _("67 og over")]
    amount_labels = ["1–9 999", "10 000–49 999", "50 000–99 999", "100 000–149 999"]
    return Summary(
        recipients=len(recipients),
        grants=sum(sum(r.grants) for r in recipients),
        loans=sum(sum(r.loans) for r in recipients),
        ages=_bands([*age_labels, _("Ugyldig fødselsnummer")], ages),
        months=_bands([str(n) for n in range(1, 13)], months),
        amounts=_bands([*amount_labels, _("150 000 og over"), _("Uoppgitt")], amounts),
    )


@dataclass(frozen=True)
class Unit:
    """What one file covers: a municipality, or one of Oslo's districts (SSB reports Oslo
    per bydel, region 0301NN)."""

    municipality: str
    district: str = ""

    @property
    def region(self) -> str:
        return self.municipality + (self.district or "00")

    @property
    def key(self) -> str:
        return f"{self.municipality}-{self.district}" if self.district else self.municipality

    @classmethod
    def parse(cls, key: str) -> Unit:
        municipality, _dash, district = key.partition("-")
        return cls(municipality, district)


def units_of(offices: Iterable[Office]) -> list[Unit]:
    """The files the offices report in: their municipalities, Oslo by district."""
    found = {
        Unit(o.municipality_number, o.district_number if o.municipality_number == OSLO else "")
        for o in offices
    }
    return sorted(found, key=lambda u: u.key)


def _offices(unit: Unit, office_ids: Collection[int] | None) -> list[Office]:
    if unit.municipality == OSLO and not ("01" <= unit.district <= "15"):
        raise KostraError(
            _("Oslo rapporterer per bydel: oppgi bydelsnummeret (01–15), og sett det på kontoret.")
        )
    if unit.municipality != OSLO and unit.district:
        raise KostraError(_("Bare Oslo har bydelsnummer i KOSTRA."))
    offices = Office.objects.filter(municipality_number=unit.municipality)
    if unit.district:
        offices = offices.filter(district_number=unit.district)
    if office_ids is not None:
        offices = offices.filter(pk__in=list(office_ids))
    found = list(offices.order_by("number"))
    if not found:
        raise KostraError(
            _("Ingen Nav-kontor i Navet rapporterer for %(region)s.") % {"region": unit.region}
        )
    return found


def _navet_warnings(
    file_layout: Layout,
    recipients: list[Recipient],
    decisions: dict[UUID, list[Decision]],
    records: list[str],
) -> list[Finding]:
    """What SSB does not check but the file would get wrong without saying so."""
    exemption_day = file_layout.field("VEDTAKDATO")
    found = []
    for line, (recipient, record) in enumerate(zip(recipients, records, strict=True), start=1):
        mine = decisions.get(recipient.person.pk, [])
        categorised = any(c.kostra_category for d in mine for c in d.conditions.all())
        missing = any(
            c.kind != ConditionKind.DOCUMENTATION and not c.kostra_category
            for d in mine
            for c in d.conditions.all()
        )
        if categorised and missing:
            message = _("Et vilkår har ingen kategori i KOSTRA og er ikke med i filen.")
            found.append(Finding("N1", "WARNING", message, line, recipient.journal_number))
        exempted = record[exemption_day.start : exemption_day.end].strip()
        if exempted and not any(d.activity_exemption for d in mine):
            found.append(
                Finding(
                    "N2",
                    "WARNING",
                    _("Unntaket fra aktivitetsplikten har ingen grunn valgt og telles uten grunn."),
                    line,
                    recipient.journal_number,
                )
            )
    return found


def build(year: int, unit: Unit, *, office_ids: Collection[int] | None = None) -> Export:
    """The 11F file for the municipality (or Oslo district) and year, from the offices
    given (all of the unit's when None), checked by SSB's rules."""
    file_layout = export_layout(year)
    offices = _offices(unit, office_ids)
    found = _recipients(year, offices)
    ids = list(found)
    situations = Situation.objects.last_by_person(ids, date(year, 12, 31))
    children = _children(found)
    decisions = _decisions(ids, year)
    sanctions = _sanctions(ids, year)
    recipients = sorted(found.values(), key=lambda r: r.journal_number)
    records = [
        write_record(
            file_layout,
            _values(
                r,
                year=year,
                situation=situations.get(r.person.pk),
                children=children[r.person.pk],
                decisions=decisions.get(r.person.pk, []),
                sanctions=sanctions.get(r.person.pk, set()),
            ),
        )
        for r in recipients
    ]
    text = write_file(records)
    region = unit.municipality + unit.district.ljust(2)
    findings = check_file(text, file_layout, region=region, has_recipients=bool(records))
    findings += _navet_warnings(file_layout, recipients, decisions, records)
    uncategorised = {
        r.journal_number: d
        for r in recipients
        for d in reversed(decisions.get(r.person.pk, []))
        if any(
            c.kind != ConditionKind.DOCUMENTATION and not c.kostra_category
            for c in d.conditions.all()
        )
    }
    return Export(
        uncategorised=uncategorised,
        year=year,
        municipality=unit.municipality,
        region=unit.region,
        text=text,
        recipients=recipients,
        findings=findings,
        summary=summarise(recipients, year),
    )


def fixes_situation(finding: Finding) -> bool:
    """Whether the finding is fixed by recording the person's situation."""
    if finding.rule == "002":
        return finding.field in SITUATION_FIELDS
    return finding.rule in SITUATION_RULES
