"""The office's picture for its leader: every figure is the count of one list, read from
the same query, so a figure and its list cannot differ. Each list is of the objects a
leader would open to act (an application, a decision, an appeal, a payment, an access, a
message thread), limited to the persons the leader may see at the leader's offices."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from navet.access.models import AccessOverride
from navet.access.policy import visible_persons_filter
from navet.applications.models import Application, ApplicationQuerySet, Document, DocumentKind
from navet.core.models import Employee
from navet.decisions.models import (
    Appeal,
    AppealState,
    AuthorityOutcome,
    ConditionKind,
    Decision,
    DecisionQuerySet,
    Outcome,
)
from navet.dialog.models import Thread, ThreadState
from navet.payments.models import FINAL_STATES, Payment
from navet.rules.dates import add_months

SOON_DAYS = 7
INTERIM_AFTER_DAYS = 30  # an answer due later than a month: the office sends an interim reply
RECEIVED_DAYS = 30
APPEAL_MONTHS = 12


@dataclass(frozen=True)
class Scope:
    """Whose picture: the leader's offices, the persons the leader may see, today."""

    leader: Employee
    today: date
    now: datetime
    # A drill-down to one caseworker: their applications, the decisions and appeals on
    # them, their payments' decisions, their message threads and their accesses.
    caseworker: Employee | None = None

    @classmethod
    def of(cls, leader: Employee, caseworker: Employee | None = None) -> Scope:
        return cls(leader, timezone.localdate(), timezone.now(), caseworker)

    @property
    def offices(self) -> list[int]:
        return self.leader.office_ids()

    def applications(self) -> ApplicationQuerySet:
        found = Application.objects.visible_to(self.leader).of_offices(self.offices)
        return found.filter(caseworker=self.caseworker) if self.caseworker else found

    def decisions(self) -> DecisionQuerySet:
        found = Decision.objects.filter(
            case__application__office_id__in=self.offices,
            case__application__person__in=_visible(self.leader),
        )
        if self.caseworker:
            found = found.filter(case__application__caseworker=self.caseworker)
        return found

    def mine(self, field: str) -> Q:
        """The caseworker's own rows by `field`, or everything without a drill-down."""
        return Q(**{field: self.caseworker}) if self.caseworker else Q()


def _visible(leader: Employee) -> QuerySet[Any]:
    from navet.people.models import Person

    return Person.objects.filter(visible_persons_filter(leader)).values("pk")


def _received(s: Scope) -> QuerySet[Any]:
    return s.applications().filter(received_at__gte=s.now - timedelta(days=RECEIVED_DAYS))


def _open(s: Scope) -> ApplicationQuerySet:
    return s.applications().open()


def _soon(s: Scope) -> QuerySet[Any]:
    return _open(s).due_between(s.today, s.today + timedelta(days=SOON_DAYS))


def _overdue(s: Scope) -> QuerySet[Any]:
    return _open(s).overdue(s.today)


def _interim_missing(s: Scope) -> QuerySet[Any]:
    interim = Document.objects.filter(application=OuterRef("pk"), kind=DocumentKind.INTERIM_REPLY)
    return (
        _open(s)
        .filter(received_at__lt=s.now - timedelta(days=INTERIM_AFTER_DAYS))
        .exclude(Exists(interim))
    )


def _awaiting_approval(s: Scope) -> QuerySet[Any]:
    return s.decisions().filter(state="proposed")


def _no_children_assessment(s: Scope) -> QuerySet[Any]:
    return (
        s.decisions().made().exclude(case__application__children=[]).filter(children_assessment="")
    )


def _under_30_without_activity(s: Scope) -> QuerySet[Any]:
    activity = Q(conditions__kind=ConditionKind.ACTIVITY)
    return (
        s.decisions()
        .made()
        .filter(
            outcome__in=[Outcome.GRANTED, Outcome.PARTLY_GRANTED],
            case__application__person__birth_date__gt=add_months(s.today, -12 * 30),
            no_activity_conditions_reason="",
        )
        .exclude(activity)
    )


def _overrides_pending(s: Scope) -> QuerySet[Any]:
    # Only overrides on persons the leader may see: the list names them (the review page
    # shows the others by office only).
    return (
        AccessOverride.objects.for_review_by(s.leader)
        .pending()
        .filter(s.mine("employee"), person__in=_visible(s.leader))
    )


def _appeals_open(s: Scope) -> QuerySet[Any]:
    return Appeal.objects.filter(
        decision__in=s.decisions(), state__in=[AppealState.RECEIVED, AppealState.FORWARDED]
    )


def _appeals_decided(outcome: str) -> Callable[[Scope], QuerySet[Any]]:
    def read(s: Scope) -> QuerySet[Any]:
        return Appeal.objects.filter(
            decision__in=s.decisions(),
            authority_outcome=outcome,
            authority_decided_on__gte=add_months(s.today, -APPEAL_MONTHS),
        )

    return read


def _payments_late(s: Scope) -> QuerySet[Any]:
    return Payment.objects.filter(
        s.mine("decision__case__application__caseworker"),
        office_id__in=s.offices,
        person__in=_visible(s.leader),
        due_on__lt=s.today,
    ).exclude(state__in=FINAL_STATES)


def _messages_waiting(s: Scope) -> QuerySet[Any]:
    return Thread.objects.filter(
        s.mine("caseworker"),
        office_id__in=s.offices,
        person__in=_visible(s.leader),
        state=ThreadState.WAITING_FOR_NAV,
    )


@dataclass(frozen=True)
class Figure:
    key: str
    section: Promise
    label: Promise
    read: Callable[[Scope], QuerySet[Any]]
    kind: str  # what the list holds: application, decision, appeal, override, payment, thread
    should_be_zero: bool = False


APPLICATIONS = _("Søknader")
DECISIONS = pgettext_lazy("the decisions of an office", "Vedtak")
ACCESS = _("Tilgang")
APPEALS = _("Klager")
PAYMENTS = _("Utbetalinger")
MESSAGES = _("Meldinger")

FIGURES: tuple[Figure, ...] = (
    Figure("mottatt", APPLICATIONS, _("Mottatt siste 30 dager"), _received, "application"),
    Figure("apne", APPLICATIONS, _("Åpne"), _open, "application"),
    Figure("snart", APPLICATIONS, _("Svarfrist innen sju dager"), _soon, "application"),
    Figure("over-fristen", APPLICATIONS, _("Over svarfristen"), _overdue, "application"),
    Figure(
        "uten-forelopig-svar",
        APPLICATIONS,
        _("Eldre enn en måned uten foreløpig svar"),
        _interim_missing,
        "application",
    ),
    Figure(
        "til-godkjenning", DECISIONS, _("Venter på godkjenning"), _awaiting_approval, "decision"
    ),
    Figure(
        "uten-barnas-situasjon",
        DECISIONS,
        _("Fattet uten vurdering av barnas situasjon der det er barn"),
        _no_children_assessment,
        "decision",
        should_be_zero=True,
    ),
    Figure(
        "under-30-uten-vilkar",
        DECISIONS,
        _("Under 30 år, innvilget uten aktivitetsvilkår eller skriftlig begrunnelse"),
        _under_30_without_activity,
        "decision",
        should_be_zero=True,
    ),
    Figure(
        "tilganger",
        ACCESS,
        _("Midlertidige tilganger som venter på gjennomgang"),
        _overrides_pending,
        "override",
    ),
    Figure("klager-apne", APPEALS, _("Åpne klager"), _appeals_open, "appeal"),
    Figure(
        "klager-stadfestet",
        APPEALS,
        _("Stadfestet av Statsforvalteren siste 12 måneder"),
        _appeals_decided(AuthorityOutcome.UPHELD),
        "appeal",
    ),
    Figure(
        "klager-endret",
        APPEALS,
        _("Endret av Statsforvalteren siste 12 måneder"),
        _appeals_decided(AuthorityOutcome.CHANGED),
        "appeal",
    ),
    Figure(
        "klager-opphevet",
        APPEALS,
        _("Opphevet og sendt tilbake siste 12 måneder"),
        _appeals_decided(AuthorityOutcome.QUASHED),
        "appeal",
    ),
    Figure(
        "utbetalinger-forfalt",
        PAYMENTS,
        _("Forfalt uten å være utbetalt"),
        _payments_late,
        "payment",
    ),
    Figure(
        "meldinger",
        MESSAGES,
        _("Meldinger som venter på svar fra Nav"),
        _messages_waiting,
        "thread",
    ),
)
FIGURE_BY_KEY = {figure.key: figure for figure in FIGURES}


def counts(scope: Scope) -> dict[str, int]:
    """Every figure: one count query each (15, whatever the office's size)."""
    return {figure.key: figure.read(scope).count() for figure in FIGURES}
