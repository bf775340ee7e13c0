"""The decision tabs of the application page (beregning, vurdering, vedtak), their POST
endpoints (draft, assessment, deviations, conditions, four eyes, change, appeals), the
letter preview, and the administrator's rate sets and office settings.

The tabs are routed in navet/applications/urls.py (they are tabs of the application);
the POST endpoints and the administrator's pages in navet/decisions/urls.py. Every object
is reached through its application's access function, get_application_for_user (404 for
what the employee may not see, audited); changing needs can_decide (403 otherwise).
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from navet.applications.models import Application, Case, CaseStatus
from navet.applications.permissions import get_application_for_user
from navet.applications.presenters import kroner
from navet.applications.views import case_for_user, first_error_form, frame_context, tab_url
from navet.core.http import AuthedRequest
from navet.core.models import Employee, Office
from navet.decisions import actions, presenters
from navet.decisions.actions import ACTIVITY_AGE_LIMIT, DecisionError, applicant_age
from navet.decisions.forms import (
    AppealForm,
    AssessmentForm,
    AuthorityOutcomeForm,
    ConditionForm,
    DecisionSettingsForm,
    DeviationForm,
    ForwardAppealForm,
    RateSetForm,
    RemoveConditionForm,
    RemoveDeviationForm,
    ReturnDecisionForm,
)
from navet.decisions.models import (
    Appeal,
    AppealState,
    Decision,
    DecisionReturn,
    DecisionSettings,
    DecisionState,
    MunicipalRateSet,
)
from navet.decisions.permissions import can_approve, can_decide, can_edit_rates

Bound = dict[str, forms.Form]

# ---------------------------------------------------------------------------------------
# Access: every object through its application
# ---------------------------------------------------------------------------------------


def _application_of(request: AuthedRequest, application_id: UUID | None) -> Application:
    if application_id is None:
        raise Http404
    return get_application_for_user(request, application_id)


def _decision_for_user(request: AuthedRequest, decision_id: UUID) -> Decision:
    found = (
        Decision.objects.filter(pk=decision_id)
        .values_list("case__application_id", flat=True)
        .first()
    )
    application = _application_of(request, found)
    decision = Decision.objects.select_related("case").get(pk=decision_id)
    decision.case.application = application
    return decision


def _appeal_for_user(request: AuthedRequest, appeal_id: UUID) -> Appeal:
    found = (
        Appeal.objects.filter(pk=appeal_id)
        .values_list("decision__case__application_id", flat=True)
        .first()
    )
    application = _application_of(request, found)
    appeal = Appeal.objects.select_related("decision__case").get(pk=appeal_id)
    appeal.decision.case.application = application
    return appeal


def _require_decide(request: AuthedRequest, application: Application) -> None:
    if not can_decide(request.employee, application):
        raise PermissionDenied


# ---------------------------------------------------------------------------------------
# Loading an application's cases with their decisions, in a fixed number of queries
# ---------------------------------------------------------------------------------------


def _cases(application: Application) -> list[Case]:
    decisions = (
        Decision.objects.select_related(
            "drafted_by", "proposed_by", "approved_by", "made_by", "letter", "replaces"
        )
        .prefetch_related(
            "conditions",
            "replaced_by",
            Prefetch("appeals", queryset=Appeal.objects.select_related("new_decision")),
            Prefetch("returns", queryset=DecisionReturn.objects.select_related("returned_by")),
        )
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
    calculation = decision.calculation
    editable = may_decide and decision.state == DecisionState.DRAFT
    lines = []
    if editable:
        for line in presenters.deviable_lines(calculation):
            index = line["key"].split(":")[0]
            key = f"deviation_{decision.pk}_{line['key']}"
            deviation = line["deviation"]
            form = bound.get(key) or DeviationForm(
                prefix=f"{case.reference}-avvik-{index}",
                initial={
                    "amount": deviation["amount"] if deviation else line["amount"],
                    "reason": deviation["reason"] if deviation else "",
                },
            )
            lines.append({**line, "form": form, "open": key in bound})
    section.update(
        {
            "state_tag": presenters.state_tag(decision),
            "period": presenters.period(decision),
            "columns": presenters.calculation_columns(),
            "rows": presenters.calculation_rows(calculation),
            "warnings": presenters.warnings(calculation),
            "error": (calculation.get("error") or {}).get("message", ""),
            "deviation_columns": presenters.deviation_columns(),
            "deviation_rows": presenters.deviation_rows(calculation),
            "deviations": calculation.get("deviations", []),
            "assistance_items": [
                (
                    _("Stønad etter beregningen og avvikene"),
                    kroner(calculation.get("assistance")),
                )
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
            "blockers": actions.blockers(decision) if is_draft else [],
            "is_made": decision.is_made,
            "is_proposed": decision.state == DecisionState.PROPOSED,
            "can_approve": can_approve(employee, decision),
            "is_proposer": decision.proposed_by_id == employee.pk,
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
                    calculated=decision.calculation.get("assistance"),
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
    sections = [
        _assessment_section(case, request.employee, context["can_decide"], settings, bound)
        for case in _cases(application)
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


def _decided_on(decision: Decision) -> date:
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
        }
        if may_decide and latest:
            entry["appeal_form"] = bound.get(f"appeal_{decision.pk}") or AppealForm(
                prefix=f"klage-{decision.reference}",
                initial={"received_on": timezone.localdate()},
                decided_on=_decided_on(decision),
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
        _decisions_section(case, context["can_decide"], bound) for case in _cases(application)
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
    from navet.decisions.letters import decision_letter_content
    from navet.letters.render import render_html

    previews = []
    for case in _cases(application):
        decision = _current(case)
        if decision is None or decision.is_made:
            continue
        preview: dict[str, Any] = {"case": case, "decision": decision, "html": "", "missing": []}
        missing = [_("Fyll ut vurderingen og utfallet før brevet kan vises.")]
        if not decision.outcome:
            preview["missing"] = actions.blockers(decision) or missing
            previews.append(preview)
            continue
        try:
            letter = decision_letter_content(
                decision, letter_date=timezone.localdate(), caseworker=employee
            )
        except ValueError:
            preview["missing"] = actions.blockers(decision) or missing
        else:
            preview["html"] = render_html(letter, fragment=True)
        previews.append(preview)
    return previews


# ---------------------------------------------------------------------------------------
# POST: drafts and the assessment
# ---------------------------------------------------------------------------------------


def _refused(
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


@require_POST
def decision_start(request: AuthedRequest, case_id: UUID) -> HttpResponse:
    case = case_for_user(request, case_id)
    application = case.application
    _require_decide(request, application)
    try:
        actions.start_decision(case=case, actor=request.employee)
    except DecisionError as error:
        return _refused(assessment_page, request, application, error)
    messages.success(request, _("Vedtaksutkastet er opprettet."))
    return redirect(tab_url(application, "assessment", f"sak-{case.reference}"))


def _draft_only(decision: Decision) -> None:
    if decision.state != DecisionState.DRAFT:
        raise DecisionError(
            _(
                "Vedtaket er ikke et utkast og kan ikke endres. Et fattet vedtak endres med "
                "«Endre vedtak» på fanen Vedtak."
            )
        )


@require_POST
def decision_assessment(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = _decision_for_user(request, decision_id)
    case = decision.case
    application = case.application
    _require_decide(request, application)
    try:
        _draft_only(decision)
    except DecisionError as error:
        return _refused(assessment_page, request, application, error)
    form = AssessmentForm(
        request.POST,
        prefix=f"{case.reference}-vurdering",
        decision=decision,
        has_children=bool(application.children),
        under_activity_age=applicant_age(decision) < ACTIVITY_AGE_LIMIT,
        calculated=decision.calculation.get("assistance"),
    )
    key = f"assessment_{decision.pk}"
    if not form.is_valid():
        return assessment_page(request, application, bound={key: form}, status=400)
    try:
        actions.update_assessment(
            decision=decision, actor=request.employee, changes=form.cleaned_data
        )
    except DecisionError as error:
        return _refused(assessment_page, request, application, error, form=form, key=key)
    if request.POST.get("then") != "propose":
        messages.success(request, _("Vurderingen er lagret."))
        return redirect(tab_url(application, "assessment", f"sak-{case.reference}"))
    # "Lagre og fatt vedtak": what the caseworker sees is what is decided.
    try:
        result = actions.propose_decision(decision=decision, actor=request.employee)
    except DecisionError as error:
        message = _("Vurderingen er lagret, men vedtaket kan ikke fattes ennå: %(reason)s")
        return _refused(
            assessment_page, request, application, DecisionError(message % {"reason": error})
        )
    if result.is_made:
        messages.success(request, _("Vedtaket er fattet, og vedtaksbrevet er laget."))
        return redirect(tab_url(application, "decisions", f"sak-{case.reference}"))
    messages.success(request, _("Vedtaket er sendt til godkjenning."))
    return redirect(tab_url(application, "assessment", f"sak-{case.reference}"))


@require_POST
def decision_deviation(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = _decision_for_user(request, decision_id)
    case = decision.case
    application = case.application
    _require_decide(request, application)
    line = request.POST.get("line", "")
    keys = {d["key"] for d in presenters.deviable_lines(decision.calculation)}
    if line not in keys:
        return _refused(
            calculation_page,
            request,
            application,
            DecisionError(_("Beregningen har endret seg. Prøv igjen.")),
        )
    form = DeviationForm(request.POST, prefix=f"{case.reference}-avvik-{line.split(':')[0]}")
    key = f"deviation_{decision.pk}_{line}"
    if not form.is_valid():
        return calculation_page(request, application, bound={key: form}, status=400)
    try:
        actions.set_deviation(
            decision=decision,
            line=line,
            amount=form.cleaned_data["amount"],
            reason=form.cleaned_data["reason"],
            actor=request.employee,
        )
    except DecisionError as error:
        return _refused(calculation_page, request, application, error, form=form, key=key)
    messages.success(request, _("Avviket er lagret, og beregningen er oppdatert."))
    return redirect(tab_url(application, "calculation", f"sak-{case.reference}"))


@require_POST
def decision_deviation_remove(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = _decision_for_user(request, decision_id)
    case = decision.case
    application = case.application
    _require_decide(request, application)
    form = RemoveDeviationForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        actions.remove_deviation(
            decision=decision, line=form.cleaned_data["line"], actor=request.employee
        )
    except DecisionError as error:
        return _refused(calculation_page, request, application, error)
    messages.success(request, _("Avviket er fjernet."))
    return redirect(tab_url(application, "calculation", f"sak-{case.reference}"))


@require_POST
def decision_condition_add(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = _decision_for_user(request, decision_id)
    case = decision.case
    application = case.application
    _require_decide(request, application)
    form = ConditionForm(request.POST, prefix=f"{case.reference}-vilkar")
    key = f"condition_{decision.pk}"
    if not form.is_valid():
        return assessment_page(request, application, bound={key: form}, status=400)
    try:
        actions.add_condition(
            decision=decision,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
            consequence=form.cleaned_data["consequence"],
            deadline=form.cleaned_data["deadline"],
            actor=request.employee,
        )
    except DecisionError as error:
        return _refused(assessment_page, request, application, error, form=form, key=key)
    messages.success(request, _("Vilkåret er lagt til."))
    return redirect(tab_url(application, "assessment", f"vilkar-{case.reference}"))


@require_POST
def decision_condition_remove(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = _decision_for_user(request, decision_id)
    case = decision.case
    application = case.application
    _require_decide(request, application)
    form = RemoveConditionForm(request.POST)
    if not form.is_valid():
        raise Http404
    condition = get_object_or_404(decision.conditions, pk=form.cleaned_data["condition"])
    condition.decision = decision
    try:
        actions.remove_condition(condition=condition, actor=request.employee)
    except DecisionError as error:
        return _refused(assessment_page, request, application, error)
    messages.success(request, _("Vilkåret er fjernet."))
    return redirect(tab_url(application, "assessment", f"vilkar-{case.reference}"))


# ---------------------------------------------------------------------------------------
# POST: making the decision, four eyes, change
# ---------------------------------------------------------------------------------------


@require_POST
def decision_approve(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = _decision_for_user(request, decision_id)
    application = decision.case.application
    if not can_approve(request.employee, decision):
        raise PermissionDenied
    try:
        actions.approve_decision(decision=decision, actor=request.employee)
    except DecisionError as error:
        return _refused(assessment_page, request, application, error)
    messages.success(request, _("Vedtaket er godkjent og fattet."))
    return redirect(tab_url(application, "decisions", f"sak-{decision.case.reference}"))


@require_POST
def decision_return(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = _decision_for_user(request, decision_id)
    application = decision.case.application
    if not can_approve(request.employee, decision):
        raise PermissionDenied
    form = ReturnDecisionForm(request.POST, prefix=f"tilbake-{decision.reference}")
    key = f"return_{decision.pk}"
    if not form.is_valid():
        return assessment_page(request, application, bound={key: form}, status=400)
    try:
        actions.return_decision(
            decision=decision, actor=request.employee, note=form.cleaned_data["note"]
        )
    except DecisionError as error:
        return _refused(assessment_page, request, application, error, form=form, key=key)
    messages.success(request, _("Vedtaket er sendt tilbake til saksbehandleren."))
    return redirect(tab_url(application, "assessment", f"sak-{decision.case.reference}"))


@require_POST
def decision_change(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = _decision_for_user(request, decision_id)
    application = decision.case.application
    _require_decide(request, application)
    try:
        actions.change_decision(decision=decision, actor=request.employee)
    except DecisionError as error:
        return _refused(decisions_page, request, application, error)
    messages.success(
        request, _("Et nytt vedtaksutkast er laget. Det erstatter vedtaket når det fattes.")
    )
    return redirect(tab_url(application, "assessment", f"sak-{decision.case.reference}"))


@require_POST
def decision_translation(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = _decision_for_user(request, decision_id)
    application = decision.case.application
    _require_decide(request, application)
    try:
        actions.attach_english_translation(decision=decision, actor=request.employee)
    except DecisionError as error:
        return _refused(decisions_page, request, application, error)
    messages.success(request, _("Vedtaksbrevet er oversatt til engelsk og lagt ved."))
    return redirect(tab_url(application, "letters"))


# ---------------------------------------------------------------------------------------
# POST: appeals
# ---------------------------------------------------------------------------------------


@require_POST
def appeal_register(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = _decision_for_user(request, decision_id)
    application = decision.case.application
    _require_decide(request, application)
    form = AppealForm(
        request.POST, prefix=f"klage-{decision.reference}", decided_on=_decided_on(decision)
    )
    key = f"appeal_{decision.pk}"
    if not form.is_valid():
        return decisions_page(request, application, bound={key: form}, status=400)
    try:
        actions.register_appeal(
            decision=decision,
            received_on=form.cleaned_data["received_on"],
            summary=form.cleaned_data["summary"],
            actor=request.employee,
        )
    except DecisionError as error:
        return _refused(decisions_page, request, application, error, form=form, key=key)
    messages.success(request, _("Klagen er registrert."))
    return redirect(tab_url(application, "decisions", f"sak-{decision.case.reference}"))


@require_POST
def appeal_change(request: AuthedRequest, appeal_id: UUID) -> HttpResponse:
    appeal = _appeal_for_user(request, appeal_id)
    case = appeal.decision.case
    application = case.application
    _require_decide(request, application)
    try:
        actions.change_after_appeal(appeal=appeal, actor=request.employee)
    except DecisionError as error:
        return _refused(decisions_page, request, application, error)
    messages.success(request, _("Kontoret omgjør vedtaket. Gjør ferdig det nye vedtaksutkastet."))
    return redirect(tab_url(application, "assessment", f"sak-{case.reference}"))


@require_POST
def appeal_forward(request: AuthedRequest, appeal_id: UUID) -> HttpResponse:
    appeal = _appeal_for_user(request, appeal_id)
    case = appeal.decision.case
    application = case.application
    _require_decide(request, application)
    form = ForwardAppealForm(request.POST, prefix=f"klage-{str(appeal.pk)[:8]}-oversend")
    key = f"forward_{appeal.pk}"
    if not form.is_valid():
        return decisions_page(request, application, bound={key: form}, status=400)
    try:
        actions.forward_appeal(
            appeal=appeal, assessment=form.cleaned_data["assessment"], actor=request.employee
        )
    except DecisionError as error:
        return _refused(decisions_page, request, application, error, form=form, key=key)
    messages.success(request, _("Klagen er sendt til Statsforvalteren med oversendelsesbrev."))
    return redirect(tab_url(application, "decisions", f"sak-{case.reference}"))


@require_POST
def appeal_outcome(request: AuthedRequest, appeal_id: UUID) -> HttpResponse:
    appeal = _appeal_for_user(request, appeal_id)
    case = appeal.decision.case
    application = case.application
    _require_decide(request, application)
    form = AuthorityOutcomeForm(
        request.POST,
        prefix=f"klage-{str(appeal.pk)[:8]}-utfall",
        forwarded_on=appeal.forwarded_on,
    )
    key = f"outcome_{appeal.pk}"
    if not form.is_valid():
        return decisions_page(request, application, bound={key: form}, status=400)
    try:
        actions.record_authority_outcome(
            appeal=appeal,
            outcome=form.cleaned_data["outcome"],
            decided_on=form.cleaned_data["decided_on"],
            actor=request.employee,
        )
    except DecisionError as error:
        return _refused(decisions_page, request, application, error, form=form, key=key)
    messages.success(request, _("Statsforvalterens avgjørelse er registrert."))
    return redirect(tab_url(application, "decisions", f"sak-{case.reference}"))


# ---------------------------------------------------------------------------------------
# The administrator's rate sets and office settings (no person data)
# ---------------------------------------------------------------------------------------


def _require_rates_admin(request: AuthedRequest) -> None:
    if not can_edit_rates(request.employee):
        raise PermissionDenied


@require_GET
def rate_sets(request: AuthedRequest) -> HttpResponse:
    _require_rates_admin(request)
    context = {
        "rate_columns": presenters.rate_set_columns(),
        "rate_rows": presenters.rate_set_rows(list(MunicipalRateSet.objects.all())),
        "office_columns": [_("Nav-kontor"), _("Godkjenning av en annen"), _("Ansvarlig leder")],
        "office_rows": [
            [
                {
                    "text": office.name,
                    "href": reverse("decisions:office-settings", args=[office.pk]),
                },
                settings.get_four_eyes_display() if settings else _("Ikke satt opp"),
                settings.responsible_name if settings else "",
            ]
            for office in Office.objects.by_name().select_related("decision_settings")
            for settings in [getattr(office, "decision_settings", None)]
        ],
    }
    return render(request, "decisions/rate_set_list.html", context)


@require_http_methods(["GET", "POST"])
def rate_set_new(request: AuthedRequest) -> HttpResponse:
    _require_rates_admin(request)
    form = RateSetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.add_rate_set(rate_set=form.instance, actor=request.employee)
        messages.success(request, _("Satsene er lagret."))
        return redirect("decisions:rate-sets")
    status = 400 if request.method == "POST" else 200
    return render(request, "decisions/rate_set_new.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def office_settings(request: AuthedRequest, office_id: int) -> HttpResponse:
    _require_rates_admin(request)
    office = get_object_or_404(Office, pk=office_id)
    settings = DecisionSettings.objects.filter(office=office).first() or DecisionSettings(
        office=office
    )
    form = DecisionSettingsForm(request.POST or None, instance=settings)
    if request.method == "POST" and form.is_valid():
        actions.save_decision_settings(settings=form.instance, actor=request.employee)
        messages.success(
            request, _("Innstillingene for %(office)s er lagret.") % {"office": office.name}
        )
        return redirect("decisions:rate-sets")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "decisions/office_settings.html", {"form": form, "office": office}, status=status
    )
