"""POST endpoints of a decision: the draft, the assessment, deviations, conditions, four
eyes, change and translation. Each re-renders its tab with the error, or redirects.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from navet.applications.permissions import get_case_for_user
from navet.core.http import AuthedRequest
from navet.decisions import actions, condition_actions, presenters, readiness
from navet.decisions.actions import ACTIVITY_AGE_LIMIT, DecisionError, applicant_age
from navet.decisions.forms import (
    AssessmentForm,
    ConditionForm,
    DeviationForm,
    RemoveConditionForm,
    RemoveDeviationForm,
    ReturnDecisionForm,
)
from navet.decisions.models import (
    Decision,
    DecisionState,
)
from navet.decisions.permissions import (
    can_approve,
    get_decision_for_user,
    require_decide,
)
from navet.staff.application_frame import tab_url
from navet.staff.decision_tab_views import (
    assessment_page,
    calculation_page,
    decisions_page,
    refused,
)

# ---------------------------------------------------------------------------------------
# POST: drafts and the assessment
# ---------------------------------------------------------------------------------------


@require_POST
def decision_start(request: AuthedRequest, case_id: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    application = case.application
    require_decide(request, application)
    try:
        actions.start_decision(case=case, actor=request.employee)
    except DecisionError as error:
        return refused(assessment_page, request, application, error)
    messages.success(request, _("Vedtaksutkastet er opprettet."))
    return redirect(tab_url(application, "assessment", f"sak-{case.reference}"))


@require_POST
def decision_discard(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = get_decision_for_user(request, decision_id)
    application = decision.case.application
    require_decide(request, application)
    try:
        actions.discard_draft(decision=decision, actor=request.employee)
    except DecisionError as error:
        return refused(assessment_page, request, application, error)
    messages.success(
        request, _("Utkastet %(reference)s er forkastet.") % {"reference": decision.reference}
    )
    return redirect(tab_url(application, "assessment", f"sak-{decision.case.reference}"))


def _draft_only(decision: Decision) -> None:
    if decision.state != DecisionState.DRAFT:
        raise DecisionError(
            _(
                "Vedtaket er ikke et utkast og kan ikke endres. Et fattet vedtak endres med "
                "«Endre vedtak» på fanen Vedtak."
            )
        )


def _assessment_form(request: AuthedRequest, decision: Decision) -> AssessmentForm:
    application = decision.case.application
    return AssessmentForm(
        request.POST,
        prefix=f"{decision.case.reference}-vurdering",
        decision=decision,
        has_children=bool(application.children),
        under_activity_age=applicant_age(decision) < ACTIVITY_AGE_LIMIT,
        calculated=decision.snapshot.assistance,
    )


@require_POST
def decision_check(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    """What would still be missing if the assessment form were saved as it is now: the
    "Dette mangler" box, redrawn while the caseworker types. Saves nothing."""
    decision = get_decision_for_user(request, decision_id)
    require_decide(request, decision.case.application)
    if decision.state != DecisionState.DRAFT:
        raise Http404
    form = _assessment_form(request, decision)
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    missing = [
        f"{form.fields[name].label}: {error}"
        for name, errors in form.errors.items()
        if name in form.fields
        for error in errors
    ]
    missing += [str(e) for e in form.non_field_errors()]
    missing += readiness.blockers_with(decision, cleaned)
    missing = list(dict.fromkeys(missing))  # a form error and a blocker may say the same
    return render(
        request,
        "decisions/_blockers.html",
        {"blockers": missing, "reference": decision.case.reference, "checked": True},
    )


@require_POST
def decision_assessment(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = get_decision_for_user(request, decision_id)
    case = decision.case
    application = case.application
    require_decide(request, application)
    try:
        _draft_only(decision)
    except DecisionError as error:
        return refused(assessment_page, request, application, error)
    form = _assessment_form(request, decision)
    key = f"assessment_{decision.pk}"
    if not form.is_valid():
        return assessment_page(request, application, bound={key: form}, status=400)
    try:
        actions.update_assessment(
            decision=decision, actor=request.employee, changes=form.cleaned_data
        )
    except DecisionError as error:
        return refused(assessment_page, request, application, error, form=form, key=key)
    if request.POST.get("then") != "propose":
        messages.success(request, _("Vurderingen er lagret."))
        return redirect(tab_url(application, "assessment", f"sak-{case.reference}"))
    # "Lagre og fatt vedtak": saved. What is missing is said here, on the form; when
    # nothing is, the page that shows what will be made, and the letter, before the
    # irreversible step (navet/staff/decision_confirm_views.py).
    found = actions.blockers(decision)
    if found:
        message = _("Vurderingen er lagret, men vedtaket kan ikke fattes ennå: %(reason)s")
        return refused(
            assessment_page,
            request,
            application,
            DecisionError(message % {"reason": " ".join(found)}),
        )
    return redirect("decisions:decision-confirm", decision.pk)


@require_POST
def decision_deviation(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = get_decision_for_user(request, decision_id)
    case = decision.case
    application = case.application
    require_decide(request, application)
    line = request.POST.get("line", "")
    keys = {line.key for line in presenters.deviable_lines(decision.snapshot)}
    if line not in keys:
        return refused(
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
        return refused(calculation_page, request, application, error, form=form, key=key)
    messages.success(request, _("Avviket er lagret, og beregningen er oppdatert."))
    return redirect(tab_url(application, "calculation", f"sak-{case.reference}"))


@require_POST
def decision_deviation_remove(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = get_decision_for_user(request, decision_id)
    case = decision.case
    application = case.application
    require_decide(request, application)
    form = RemoveDeviationForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        actions.remove_deviation(
            decision=decision, line=form.cleaned_data["line"], actor=request.employee
        )
    except DecisionError as error:
        return refused(calculation_page, request, application, error)
    messages.success(request, _("Avviket er fjernet."))
    return redirect(tab_url(application, "calculation", f"sak-{case.reference}"))


@require_POST
def decision_condition_add(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = get_decision_for_user(request, decision_id)
    case = decision.case
    application = case.application
    require_decide(request, application)
    form = ConditionForm(request.POST, prefix=f"{case.reference}-vilkar")
    key = f"condition_{decision.pk}"
    if not form.is_valid():
        return assessment_page(request, application, bound={key: form}, status=400)
    try:
        condition_actions.add_condition(
            decision=decision,
            kind=form.cleaned_data["kind"],
            kostra_category=form.cleaned_data["kostra_category"],
            text=form.cleaned_data["text"],
            consequence=form.cleaned_data["consequence"],
            deadline=form.cleaned_data["deadline"],
            actor=request.employee,
        )
    except DecisionError as error:
        return refused(assessment_page, request, application, error, form=form, key=key)
    messages.success(request, _("Vilkåret er lagt til."))
    return redirect(tab_url(application, "assessment", f"vilkar-{case.reference}"))


@require_POST
def decision_condition_remove(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = get_decision_for_user(request, decision_id)
    case = decision.case
    application = case.application
    require_decide(request, application)
    form = RemoveConditionForm(request.POST)
    if not form.is_valid():
        raise Http404
    condition = get_object_or_404(decision.conditions, pk=form.cleaned_data["condition"])
    condition.decision = decision
    try:
        condition_actions.remove_condition(condition=condition, actor=request.employee)
    except DecisionError as error:
        return refused(assessment_page, request, application, error)
    messages.success(request, _("Vilkåret er fjernet."))
    return redirect(tab_url(application, "assessment", f"vilkar-{case.reference}"))


# ---------------------------------------------------------------------------------------
# POST: making the decision, four eyes, change
# ---------------------------------------------------------------------------------------


@require_POST
def decision_approve(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = get_decision_for_user(request, decision_id)
    application = decision.case.application
    if not can_approve(request.employee, decision):
        raise PermissionDenied
    try:
        actions.approve_decision(decision=decision, actor=request.employee)
    except DecisionError as error:
        return refused(assessment_page, request, application, error)
    messages.success(request, _("Vedtaket er godkjent og fattet."))
    return redirect(tab_url(application, "decisions", f"sak-{decision.case.reference}"))


@require_POST
def decision_return(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = get_decision_for_user(request, decision_id)
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
        return refused(assessment_page, request, application, error, form=form, key=key)
    messages.success(request, _("Vedtaket er sendt tilbake til saksbehandleren."))
    return redirect(tab_url(application, "assessment", f"sak-{decision.case.reference}"))


@require_POST
def decision_change(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = get_decision_for_user(request, decision_id)
    application = decision.case.application
    require_decide(request, application)
    try:
        actions.change_decision(decision=decision, actor=request.employee)
    except DecisionError as error:
        return refused(decisions_page, request, application, error)
    messages.success(
        request, _("Et nytt vedtaksutkast er laget. Det erstatter vedtaket når det fattes.")
    )
    return redirect(tab_url(application, "assessment", f"sak-{decision.case.reference}"))


@require_POST
def decision_translation(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = get_decision_for_user(request, decision_id)
    application = decision.case.application
    require_decide(request, application)
    try:
        actions.attach_english_translation(decision=decision, actor=request.employee)
    except DecisionError as error:
        return refused(decisions_page, request, application, error)
    messages.success(request, _("Vedtaksbrevet er oversatt til engelsk og lagt ved."))
    return redirect(tab_url(application, "letters"))
