"""The caseload's counters and filters. Each counter is one condition on a person in
follow-up, used both to count (all counters in one query) and to filter the list (the
same condition), so a counter always equals the length of its list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from navet.applications.models import Application, RequestedDocument
from navet.core.models import Employee
from navet.decisions.models import Decision, Outcome
from navet.dialog.models import Thread, ThreadState
from navet.followup.models import ENDED, Activity, JournalNote, Meeting, NoteKind
from navet.payments.models import Payment, PaymentState
from navet.people.models import HouseholdMember
from navet.rules.dates import add_months


@dataclass(frozen=True)
class Moment:
    """Today, as the counters see it."""

    today: date
    now: datetime
    employee: Employee

    @classmethod
    def of(cls, employee: Employee) -> Moment:
        return cls(timezone.localdate(), timezone.now(), employee)

    @property
    def day_start(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.today, time.min))


PERSON = OuterRef("pk")


def _waiting(state: str) -> Callable[[Moment], Q]:
    return lambda m: Q(Exists(Thread.objects.filter(person=PERSON, state=state)))


def _meetings_today(m: Moment) -> Q:
    return Q(
        Exists(
            Meeting.objects.filter(
                person=PERSON,
                cancelled_at__isnull=True,
                starts_at__gte=m.day_start,
                starts_at__lt=m.day_start + timedelta(days=1),
            )
        )
    )


def _overdue_activities(m: Moment) -> Q:
    return Q(
        Exists(
            Activity.objects.filter(
                plan__person=PERSON, agreed_at__isnull=False, to_date__lt=m.today
            ).exclude(status__in=ENDED)
        )
    )


def _minutes_unshared(m: Moment) -> Q:
    return Q(
        Exists(JournalNote.objects.filter(person=PERSON, kind=NoteKind.MINUTES, shared_at=None))
    )


def _documentation_overdue(m: Moment) -> Q:
    return Q(
        Exists(
            RequestedDocument.objects.filter(
                request__application__person=PERSON,
                request__application__status__in=["MOTTATT", "UNDER_BEHANDLING"],
                request__deadline__lt=m.today,
                fulfilled_at__isnull=True,
            )
        )
    )


def _unanswered(m: Moment) -> Q:
    return Q(
        Exists(
            Application.objects.open().filter(
                person=PERSON, received_at__lt=m.now - timedelta(days=28)
            )
        )
    )


def _expiring(m: Moment) -> Q:
    return Q(
        Exists(
            Decision.objects.in_force().filter(
                case__application__person=PERSON,
                outcome__in=[Outcome.GRANTED, Outcome.PARTLY_GRANTED],
                period_to__gte=m.today,
                period_to__lte=m.today + timedelta(days=14),
            )
        )
    )


@dataclass(frozen=True)
class Counter:
    key: str
    label: Promise
    condition: Callable[[Moment], Q]
    office_only: bool = False


COUNTERS: tuple[Counter, ...] = (
    Counter("ufordelte", _("Ufordelte"), lambda m: Q(caseworker__isnull=True), office_only=True),
    Counter(
        "nye",
        _("Nye for meg"),
        lambda m: Q(caseworker=m.employee, follow_up__new_for_caseworker=True),
    ),
    Counter("venter-nav", _("Venter på svar fra Nav"), _waiting(ThreadState.WAITING_FOR_NAV)),
    Counter(
        "venter-bruker", _("Venter på svar fra bruker"), _waiting(ThreadState.WAITING_FOR_PERSON)
    ),
    Counter("moter-i-dag", _("Møter i dag"), _meetings_today),
    Counter("utlopte", _("Utløpte aktiviteter og vilkår"), _overdue_activities),
    Counter("referat", _("Referat ikke delt"), _minutes_unshared),
    Counter("dokumentasjon", _("Dokumentasjonsfrist passert"), _documentation_overdue),
    Counter("ubesvart", _("Søknader ubesvart etter fire uker"), _unanswered),
    Counter("utloper", _("Vedtak som snart utløper"), _expiring),
)
COUNTER_BY_KEY = {counter.key: counter for counter in COUNTERS}


def _born_after(years: int) -> Callable[[Moment], Q]:
    return lambda m: Q(birth_date__gt=add_months(m.today, -12 * years))


def _children(m: Moment) -> Q:
    return Q(
        Exists(
            HouseholdMember.objects.current().filter(
                household__members__person=PERSON,
                household__members__valid_to__isnull=True,
                role="child",
                person__birth_date__gt=add_months(m.today, -12 * 18),
            )
        )
    )


def _support_this_month(m: Moment) -> Q:
    first = m.today.replace(day=1)
    return Q(
        Exists(
            Payment.objects.filter(
                person=PERSON, due_on__gte=first, due_on__lt=add_months(first, 1)
            ).exclude(state__in=[PaymentState.STOPPED, PaymentState.ANNULLED])
        )
    )


@dataclass(frozen=True)
class Filter:
    key: str
    label: Promise
    condition: Callable[[Moment], Q]


FILTERS: tuple[Filter, ...] = (
    Filter("under-25", _("Under 25 år"), _born_after(25)),
    Filter("under-30", _("Under 30 år (§ 20 a)"), _born_after(30)),
    Filter("barn", _("Har barn under 18 år"), _children),
    Filter("tolk", _("Trenger tolk"), lambda m: Q(interpreter_needed=True)),
    Filter("program", _("I et program (KVP, introduksjon)"), lambda m: ~Q(follow_up__programme="")),
    Filter("stotte", _("Får stønad denne måneden"), _support_this_month),
)
FILTER_BY_KEY = {f.key: f for f in FILTERS}
