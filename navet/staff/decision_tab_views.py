"""The decision tabs of the application page (beregning, vurdering, vedtak) and the
letter preview, with what the POST endpoints need to re-render them.

The tabs are routed in navet/applications/urls.py (they are tabs of the application). The
POST endpoints are in decision_views.py (drafts, assessment, four eyes) and
appeal_views.py; the administrator's rate sets and office settings in admin_views.py.
Every object is reached through its application's access function (navet/decisions/
permissions.py: 404 for what the employee may not see, audited); changing needs
can_decide (403 otherwise).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from django import forms
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from navet.applications.models import Application, Case, CaseStatus
from navet.applications.permissions import get_application_for_user
from navet.applications.presenters import kroner
from navet.core.http import AuthedRequest
from navet.core.models import Employee
from navet.decisions import actions, presenters
from navet.decisions.actions import ACTIVITY_AGE_LIMIT, DecisionError, applicant_age
from navet.decisions.forms import (
    AppealForm,
    AssessmentForm,
    AuthorityOutcomeForm,
    ConditionCategoryForm,
    ConditionFollowUpForm,
    ConditionForm,
    DeviationForm,
    ForwardAppealForm,
    ReturnDecisionForm,
)
from navet.decisions.letters import decision_letter_content
from navet.decisions.models import (
    Appeal,
    AppealState,
    ConditionKind,
    Decision,
    DecisionReturn,
    DecisionSettings,
    DecisionState,
    FourEyes,
)
from navet.decisions.office_settings import responsible_name
from navet.decisions.permissions import can_approve
from navet.letters.render import render_html
from navet.payments import presenters as payment_presenters
from navet.payments.models import Payment
from navet.staff.application_frame import first_error_form, frame_context

Bound = dict[str, forms.Form]


# ---------------------------------------------------------------------------------------
# Loading an application's cases with their decisions, in a fixed number of queries
# ---------------------------------------------------------------------------------------


def _cases(application: Application, *, made_decisions: bool = False) -> list[Case]:
    """The application's cases with their decisions; `made_decisions` adds what only the
    Vedtak tab shows of made ones: the conditions' follow-ups and the payments."""
    related: list[str | Prefetch[Any]] = [
        "conditions",
        "replaced_by",
        Prefetch("appeals", queryset=Appeal.objects.select_related("new_decision")),
        Prefetch("returns", queryset=DecisionReturn.objects.select_related("returned_by")),
    ]
    if made_decisions:
        related += [
            "conditions__follow_ups__recorded_by",
            Prefetch("payments", queryset=Payment.objects.select_related("stopped_by")),
        ]
    decisions = (
        Decision.objects.select_related(
            "drafted_by", "proposed_by", "approved_by", "made_by", "letter", "replaces"
        )
        .prefetch_related(*related)
        .order_by("created_at")
    )
    cases = list(
        Case.objects.filter(application=application).prefetch_related(
            Prefetch("decisions", queryset=decisions)
        )
    )
    for case in cases:
        case.application = application
    return cases


def _current(case: Case) -> Decision | None:
    """The decision the caseworker works on: the draft (or proposed one), else the last made."""
    decisions = list(case.decisions.all())
    open_ = [d for d in decisions if d.state != DecisionState.MADE]
    if open_:
        return open_[-1]
    return decisions[-1] if decisions else None


def _names_but(employees: Sequence[Employee], left_out: int | None) -> str:
    return ", ".join(e.name for e in employees if e.pk != left_out)


def _settings(application: Application) -> DecisionSettings | None:
    return DecisionSettings.objects.filter(office_id=application.office_id).first()


def _can_start(case: Case, decision: Decision | None, may_decide: bool) -> bool:
    return may_decide and decision is None and case.status == CaseStatus.IN_PROGRESS


# ---------------------------------------------------------------------------------------
# Tab: beregning
# ---------------------------------------------------------------------------------------


def _calculation_section(
    case: Case, employee: Employee, may_decide: bool, bound: Bound
) -> dict[str, Any]:
    decision = _current(case)
    section: dict[str, Any] = {
        "case": case,
        "decision": decision,
        "can_start": _can_start(case, decision, may_decide),
    }
    if decision is None:
        return section
    snapshot = decision.snapshot
    editable = may_decide and decision.state == DecisionState.DRAFT
    lines = []
    if editable:
        for line in presenters.deviable_lines(snapshot):
            key = f"deviation_{decision.pk}_{line.key}"
            deviation = line.deviation
            form = bound.get(key) or DeviationForm(
                prefix=f"{case.reference}-avvik-{line.key.split(':')[0]}",
                initial={
                    "amount": deviation.amount if deviation else line.amount,
                    "reason": deviation.reason if deviation else "",
                },
            )
            lines.append({"line": line, "form": form, "open": key in bound})
    section.update(
        {
            "state_tag": presenters.state_tag(decision),
            "period": presenters.period(decision),
            "columns": presenters.calculation_columns(),
            "rows": presenters.calculation_rows(snapshot),
            "warnings": presenters.warnings(snapshot),
            "error": snapshot.error_message,
            "deviation_columns": presenters.deviation_columns(),
            "deviation_rows": presenters.deviation_rows(snapshot),
            "deviations": snapshot.deviations,
            "assistance_items": [
                (_("Stønad etter beregningen og avvikene"), kroner(snapshot.assistance))
            ],
            "editable": editable,
            "lines": lines,
        }
    )
    return section


def calculation_page(
    request: AuthedRequest,
    application: Application,
    *,
    bound: Bound | None = None,
    status: int = 200,
    page_error: str = "",
) -> HttpResponse:
    bound = bound or {}
    context = frame_context(request, application, "calculation", page_error=page_error)
    sections = [
        _calculation_section(case, request.employee, context["can_decide"], bound)
        for case in _cases(application)
    ]
    context.update({"sections": sections, "error_form": first_error_form(*bound.values())})
    return render(request, "applications/application_calculation.html", context, status=status)


@require_GET
def application_calculation(request: AuthedRequest, application_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, application_id)
    return calculation_page(request, application)


# ---------------------------------------------------------------------------------------
# Tab: vurdering
# ---------------------------------------------------------------------------------------


def _assessment_section(
    case: Case,
    employee: Employee,
    may_decide: bool,
    settings: DecisionSettings | None,
    bound: Bound,
    responsible: str | None = None,
    approvers: Sequence[Employee] = (),
) -> dict[str, Any]:
    application = case.application
    decision = _current(case)
    section: dict[str, Any] = {
        "case": case,
        "decision": decision,
        "can_start": _can_start(case, decision, may_decide),
    }
    if decision is None:
        return section
    conditions = list(decision.conditions.all())
    is_draft = decision.state == DecisionState.DRAFT
    editable = may_decide and is_draft
    under_activity_age = applicant_age(decision) < ACTIVITY_AGE_LIMIT
    has_children = bool(application.children)
    ref = decision.reference
    section.update(
        {
            "state_tag": presenters.state_tag(decision),
            "editable": editable,
            "summary": presenters.decision_summary(decision),
            "has_children": has_children,
            "under_activity_age": under_activity_age,
            "condition_columns": presenters.condition_columns(),
            "condition_rows": presenters.condition_rows(conditions),
            "conditions": conditions,
            "blockers": actions.blockers(decision, responsible=responsible) if is_draft else [],
            "is_made": decision.is_made,
            "is_proposed": decision.state == DecisionState.PROPOSED,
            "can_approve": can_approve(employee, decision),
            "is_proposer": decision.proposed_by_id == employee.pk,
            # Who may approve it: the office's approvers but the one who proposes.
            "approver_names": _names_but(
                approvers, decision.proposed_by_id if not is_draft else employee.pk
            ),
            # Why a second caseworker sent it back, newest first, until it is made.
            "returns": [] if decision.is_made else list(decision.returns.all())[::-1],
        }
    )
    if editable:
        four_eyes = settings is not None and settings.requires_second_approval(decision.amount)
        section.update(
            {
                "form": bound.get(f"assessment_{decision.pk}")
                or AssessmentForm(
                    prefix=f"{case.reference}-vurdering",
                    decision=decision,
                    has_children=has_children,
                    under_activity_age=under_activity_age,
                    calculated=decision.snapshot.assistance,
                ),
                "condition_form": bound.get(f"condition_{decision.pk}")
                or ConditionForm(prefix=f"{case.reference}-vilkar"),
                "propose_label": _("Lagre og send til godkjenning")
                if four_eyes
                else _("Lagre og fatt vedtak"),
                "four_eyes": four_eyes,
            }
        )
    if section["can_approve"]:
        section["return_form"] = bound.get(f"return_{decision.pk}") or ReturnDecisionForm(
            prefix=f"tilbake-{ref}"
        )
    return section


def assessment_page(
    request: AuthedRequest,
    application: Application,
    *,
    bound: Bound | None = None,
    status: int = 200,
    page_error: str = "",
) -> HttpResponse:
    bound = bound or {}
    context = frame_context(request, application, "assessment", page_error=page_error)
    settings = _settings(application)
    cases = _cases(application)
    # The office's responsible leader, read once for the blockers of every case's draft.
    drafts = [c for c in cases if (d := _current(c)) and d.state == DecisionState.DRAFT]
    responsible = responsible_name(drafts[0]) if drafts else None
    # The office's approvers, read once, where a decision waits or may need four eyes.
    waiting = any((d := _current(c)) and d.state == DecisionState.PROPOSED for c in cases)
    four_eyes = settings is not None and settings.four_eyes != FourEyes.NEVER
    approvers = (
        list(Employee.objects.approvers_of(application.office_id)) if waiting or four_eyes else []
    )
    sections = [
        _assessment_section(
            case,
            request.employee,
            context["can_decide"],
            settings,
            bound,
            responsible,
            approvers,
        )
        for case in cases
    ]
    context.update({"sections": sections, "error_form": first_error_form(*bound.values())})
    return render(request, "applications/application_assessment.html", context, status=status)


@require_GET
def application_assessment(request: AuthedRequest, application_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, application_id)
    return assessment_page(request, application)


# ---------------------------------------------------------------------------------------
# Tab: vedtak
# ---------------------------------------------------------------------------------------


def _appeal_entry(appeal: Appeal, may_decide: bool, bound: Bound) -> dict[str, Any]:
    key = appeal.pk
    prefix = f"klage-{str(appeal.pk)[:8]}"
    entry: dict[str, Any] = {
        "appeal": appeal,
        "tags": presenters.appeal_tags(appeal),
        "summary": presenters.appeal_summary(appeal),
        "can_act": may_decide and appeal.state == AppealState.RECEIVED,
        "can_record_outcome": may_decide and appeal.state == AppealState.FORWARDED,
    }
    if entry["can_act"]:
        entry["forward_form"] = bound.get(f"forward_{key}") or ForwardAppealForm(
            prefix=f"{prefix}-oversend"
        )
    if entry["can_record_outcome"]:
        entry["outcome_form"] = bound.get(f"outcome_{key}") or AuthorityOutcomeForm(
            prefix=f"{prefix}-utfall", forwarded_on=appeal.forwarded_on
        )
    return entry


def decided_on(decision: Decision) -> date:
    return timezone.localdate(decision.made_at) if decision.made_at else timezone.localdate()


def _decisions_section(case: Case, may_decide: bool, bound: Bound) -> dict[str, Any]:
    decisions = list(case.decisions.all())
    made = [d for d in decisions if d.is_made]
    has_draft = any(not d.is_made for d in decisions)
    entries = []
    for decision in reversed(made):
        replaced_by = [d for d in decision.replaced_by.all() if d.is_made]
        latest = decision is made[-1]
        entry: dict[str, Any] = {
            "decision": decision,
            "summary": presenters.made_summary(decision),
            "replaced_by": replaced_by[0] if replaced_by else None,
            "letter_url": reverse("applications:document-download", args=[decision.letter_id])
            if decision.letter_id
            else "",
            "can_change": may_decide and latest and not has_draft,
            "can_translate": may_decide and bool(decision.letter_id),
            "appeals": [_appeal_entry(a, may_decide, bound) for a in decision.appeals.all()],
            "payment_columns": payment_presenters.payment_columns(),
            "payment_rows": payment_presenters.payment_rows(decision.payments.all()),
            "payments_note": payment_presenters.covered_note(decision),
        }
        entry["conditions"] = [
            {
                "condition": condition,
                "state": presenters.follow_up_state(condition),
                "note": presenters.follow_up_note(condition),
                "form": bound.get(f"follow_up_{condition.pk}")
                or (
                    ConditionFollowUpForm(
                        prefix=f"vilkar-{condition.pk}",
                        initial={"assessed_on": timezone.localdate()},
                        decided_on=decided_on(decision),
                    )
                    if may_decide and not replaced_by
                    else None
                ),
                # A condition made before KOSTRA categories: its category can be given once.
                "category_form": bound.get(f"category_{condition.pk}")
                or (
                    ConditionCategoryForm(prefix=f"kategori-{condition.pk}")
                    if may_decide
                    and not condition.kostra_category
                    and condition.kind != ConditionKind.DOCUMENTATION
                    else None
                ),
            }
            for condition in decision.conditions.all()
        ]
        if may_decide and latest:
            entry["appeal_form"] = bound.get(f"appeal_{decision.pk}") or AppealForm(
                prefix=f"klage-{decision.reference}",
                initial={"received_on": timezone.localdate()},
                decided_on=decided_on(decision),
            )
        entries.append(entry)
    return {"case": case, "entries": entries, "has_draft": has_draft}


def decisions_page(
    request: AuthedRequest,
    application: Application,
    *,
    bound: Bound | None = None,
    status: int = 200,
    page_error: str = "",
) -> HttpResponse:
    bound = bound or {}
    context = frame_context(request, application, "decisions", page_error=page_error)
    sections = [
        _decisions_section(case, context["can_decide"], bound)
        for case in _cases(application, made_decisions=True)
    ]
    context.update({"sections": sections, "error_form": first_error_form(*bound.values())})
    return render(request, "applications/application_decisions.html", context, status=status)


@require_GET
def application_decisions(request: AuthedRequest, application_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, application_id)
    return decisions_page(request, application)


# ---------------------------------------------------------------------------------------
# The letter preview on the brev tab
# ---------------------------------------------------------------------------------------


def letter_previews(application: Application, employee: Employee) -> list[dict[str, Any]]:
    """The letter of each case's draft as the person would get it if made today."""
    previews = []
    responsible: str | None = None  # the office's responsible leader, read once
    for case in _cases(application):
        decision = _current(case)
        if decision is None or decision.is_made:
            continue
        if responsible is None:
            responsible = responsible_name(case)
        preview: dict[str, Any] = {"case": case, "decision": decision, "html": "", "missing": []}
        missing = [_("Fyll ut vurderingen og utfallet før brevet kan vises.")]
        if not decision.outcome:
            preview["missing"] = actions.blockers(decision, responsible=responsible) or missing
            previews.append(preview)
            continue
        try:
            letter = decision_letter_content(
                decision,
                letter_date=timezone.localdate(),
                caseworker=employee,
                responsible=responsible,
            )
        except ValueError:
            preview["missing"] = actions.blockers(decision, responsible=responsible) or missing
        else:
            preview["html"] = render_html(letter, fragment=True)
        previews.append(preview)
    return previews


def refused(
    page: Any,
    request: AuthedRequest,
    application: Application,
    error: DecisionError,
    *,
    form: forms.Form | None = None,
    key: str = "",
) -> HttpResponse:
    """Re-render the tab with the action's reason as the error."""
    if form is not None:
        form.add_error(None, str(error))
        result: HttpResponse = page(request, application, bound={key: form}, status=409)
        return result
    result = page(request, application, status=409, page_error=str(error))
    return result
