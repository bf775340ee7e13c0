"""The person page as the hub of a person's casework (ADR 0008: composed here from the
domain apps): applications, decisions, appeals, letters and the deadlines that run.

Access: the page has already opened the person through `get_person_for_user` (404 and an
audited read); an application is as visible as its person (navet/applications/
permissions.py), and everything below hangs on the person's applications, which are read
through `Application.objects.visible_to` so the list and the single-object check agree.

The sections, in page order (templates/people/person_detail.html):

    Frister      deadlines still running, soonest first
    Søknader     open first, then decided, newest first
    Vedtak       made decisions and drafts, newest first, with conditions
    Utbetalinger payments of the decisions, latest due first, with their state
    Klager       appeals, newest first
    Brev         letters the office produced, newest first
    (to come)    Plan, Notater: each adds its loading here and its section in the
                 template, and is shown only when it has content.

A fixed number of queries however many rows (tests/people/test_person_overview.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from navet.applications import presenters as application_presenters
from navet.applications.models import Application, Document, DocumentationRequest
from navet.applications.presenters import day
from navet.core.models import Employee
from navet.core.tables import Cell, Row, Tag
from navet.decisions import presenters as decision_presenters
from navet.decisions.models import Appeal, Condition, Decision
from navet.payments import presenters as payment_presenters
from navet.payments.models import Payment
from navet.people.models import Person

SOON_DAYS = 7


@dataclass(frozen=True)
class Deadline:
    due: date
    what: str
    application: Application


@dataclass
class PersonCasework:
    applications: list[Application] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    appeals: list[Appeal] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    documentation_requests: list[DocumentationRequest] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)


def load_casework(person: Person, employee: Employee) -> PersonCasework:
    """Seven queries: applications, decisions (with their conditions, their follow-ups and
    later decisions), appeals, letters, open documentation requests and payments."""
    applications = list(
        Application.objects.visible_to(employee)
        .filter(person=person)
        .order_by("-received_at", "reference")
    )
    by_id = {application.pk: application for application in applications}
    decisions = list(
        Decision.objects.filter(case__application_id__in=list(by_id))
        .select_related("case")
        .prefetch_related(
            Prefetch(
                "conditions",
                queryset=Condition.objects.order_by("deadline", "id").prefetch_related(
                    "follow_ups"
                ),
            ),
            "replaced_by",
        )
        .order_by("-created_at")
    )
    for decision in decisions:
        decision.case.application = by_id[decision.case.application_id]
    decisions_by_id = {decision.pk: decision for decision in decisions}
    appeals = list(
        Appeal.objects.filter(decision_id__in=list(decisions_by_id)).order_by(
            "-received_on", "-created_at"
        )
    )
    for appeal in appeals:
        appeal.decision = decisions_by_id[appeal.decision_id]
    documents = list(
        Document.objects.filter(application_id__in=list(by_id)).order_by("-created_at")
    )
    requests: list[DocumentationRequest] = list(
        DocumentationRequest.objects.filter(application_id__in=list(by_id))
        .annotate(open_documents=Count("documents", filter=Q(documents__fulfilled_at=None)))
        .filter(open_documents__gt=0)
        .order_by("deadline")
    )
    for request in requests:
        request.application = by_id[request.application_id]
    payments = list(
        Payment.objects.filter(decision_id__in=list(decisions_by_id))
        .select_related("stopped_by")
        .order_by("-due_on", "-reference")
    )
    for payment in payments:
        payment.decision = decisions_by_id[payment.decision_id]
    return PersonCasework(applications, decisions, appeals, documents, requests, payments)


def deadlines(casework: PersonCasework, today: date) -> list[Deadline]:
    """What is still running: the office's answer to an open application, documentation
    the person has been asked for, the appeal deadline of a decision not appealed, and
    the deadlines of conditions ahead."""
    found: list[Deadline] = []
    for application in casework.applications:
        if application.is_open:
            found.append(Deadline(application.due_on, _("Svarfrist for søknaden"), application))
    for request in casework.documentation_requests:
        if request.application.is_open:
            what = _(
                "Frist for dokumentasjon (%(count)s av de etterspurte dokumentene mangler)"
            ) % {
                "count": request.open_documents  # type: ignore[attr-defined]
            }
            found.append(Deadline(request.deadline, what, request.application))
    appealed = {appeal.decision_id for appeal in casework.appeals}
    for decision in casework.decisions:
        if not decision.is_made:
            continue
        application = decision.case.application
        if (
            decision.appeal_deadline
            and decision.appeal_deadline >= today
            and decision.pk not in appealed
        ):
            what = _("Klagefrist for vedtak %(reference)s") % {"reference": decision.reference}
            found.append(Deadline(decision.appeal_deadline, what, application))
        if decision.replaced_by.all():
            continue
        for condition in decision.conditions.all():
            if condition.deadline and condition.deadline >= today:
                what = _("Frist for vilkår i vedtak %(reference)s: %(condition)s") % {
                    "reference": decision.reference,
                    "condition": condition.text,
                }
                found.append(Deadline(condition.deadline, what, application))
    return sorted(found, key=lambda deadline: (deadline.due, deadline.what))


def deadline_columns() -> list[str]:
    return [_("Frist"), _("Hva"), _("Søknad")]


def deadline_rows(found: list[Deadline], today: date) -> list[Row]:
    rows: list[Row] = []
    for deadline in found:
        tags: tuple[Tag, ...] = ()
        if deadline.due < today:
            tags = (Tag(_("Over frist"), "error"),)
        elif (deadline.due - today).days <= SOON_DAYS:
            tags = (Tag(_("Snart"), "warning"),)
        rows.append(
            [
                Cell(day(deadline.due), tags=tags),
                deadline.what,
                Cell(
                    deadline.application.reference,
                    href=deadline.application.get_absolute_url(),
                    nowrap=True,
                ),
            ]
        )
    return rows


def casework_context(person: Person, employee: Employee, today: date) -> dict[str, Any]:
    casework = load_casework(person, employee)
    references = {application.pk: application.reference for application in casework.applications}
    open_first = sorted(casework.applications, key=lambda application: not application.is_open)
    return {
        "deadline_columns": deadline_columns(),
        "deadline_rows": deadline_rows(deadlines(casework, today), today),
        "application_columns": application_presenters.person_application_columns(),
        "application_rows": application_presenters.person_application_rows(open_first, today),
        "decision_columns": decision_presenters.person_decision_columns(),
        "decision_rows": decision_presenters.person_decision_rows(casework.decisions),
        "appeal_columns": decision_presenters.person_appeal_columns(),
        "appeal_rows": decision_presenters.person_appeal_rows(casework.appeals),
        "payment_columns": payment_presenters.payment_columns(with_decision=True),
        "payment_rows": payment_presenters.payment_rows(casework.payments, with_decision=True),
        "document_columns": application_presenters.person_document_columns(),
        "document_rows": application_presenters.person_document_rows(
            casework.documents, references
        ),
    }
