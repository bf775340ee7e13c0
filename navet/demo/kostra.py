"""The demo's situations at the last contact (KOSTRA 11F): every person the office has paid
has one, consistent with SSB's rules and with the household, so the demo's file to SSB
passes the control with no error."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from navet.core.models import Employee
from navet.followup import actions
from navet.followup.situation import (
    Benefit,
    CivilStatus,
    Housing,
    MainIncome,
    Situation,
    WorkSituation,
)
from navet.payments.models import Payment
from navet.people.models import HouseholdMember, HouseholdRole

# (main income, benefit, work): pairs SSB's rules accept.
PROFILES = (
    (MainIncome.SOCIAL_ASSISTANCE, Benefit.NONE, WorkSituation.REGISTERED_UNEMPLOYED),
    (MainIncome.BENEFIT, Benefit.WORK_ASSESSMENT, WorkSituation.NOT_SEEKING),
    (MainIncome.WORK, Benefit.NONE, WorkSituation.PART_TIME),
    (MainIncome.SOCIAL_ASSISTANCE, Benefit.NONE, WorkSituation.UNREGISTERED_UNEMPLOYED),
    (MainIncome.BENEFIT, Benefit.DISABILITY, WorkSituation.NOT_SEEKING),
    (MainIncome.STUDY, Benefit.NONE, WorkSituation.EDUCATION),
)
PARTNER_STATUS: dict[str, str] = {
    HouseholdRole.SPOUSE: CivilStatus.MARRIED,
    HouseholdRole.PARTNER: CivilStatus.COHABITING,
}


def seed_situations(office_number: str, caseworker_username: str) -> int:
    me = Employee.objects.filter(user__username=caseworker_username).first()
    if me is None:
        return 0
    person_ids = list(
        Payment.objects.filter(office__number=office_number)
        .order_by("person_id")
        .values_list("person_id", flat=True)
        .distinct()
    )
    if Situation.objects.filter(person_id__in=person_ids).exists():
        return 0
    partners = dict(
        HouseholdMember.objects.current()
        .filter(household__members__person_id__in=person_ids)
        .filter(role__in=list(PARTNER_STATUS))
        .values_list("household__members__person_id", "role")
    )
    paid = Payment.objects.filter(person_id__in=person_ids).select_related("person")
    persons = {p.person_id: p.person for p in paid}
    today = timezone.localdate()
    with transaction.atomic():
        for index, person_id in enumerate(person_ids):
            income, benefit, work = PROFILES[index % len(PROFILES)]
            actions.record_situation(
                person=persons[person_id],
                employee=me,
                values={
                    "recorded_on": today,
                    "civil_status": PARTNER_STATUS.get(
                        partners.get(person_id, ""), CivilStatus.UNMARRIED
                    ),
                    "main_income": income,
                    "benefit": benefit,
                    "work": work,
                    "housing": Housing.RENTED_PRIVATE if index % 3 else Housing.RENTED_MUNICIPAL,
                    "financial_counselling": "yes" if index % 4 == 1 else "no",
                    "individual_plan": "yes" if index % 5 == 2 else "no",
                },
            )
    return len(person_ids)
