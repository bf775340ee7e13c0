"""POST endpoints of appeals: register, the office changes its decision, forward to the
Statsforvalteren, and the Statsforvalteren's outcome.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from navet.core.http import AuthedRequest
from navet.decisions import appeal_actions
from navet.decisions.actions import DecisionError
from navet.decisions.condition_actions import categorise_condition, follow_up_condition
from navet.decisions.forms import (
    AppealForm,
    AuthorityOutcomeForm,
    ConditionCategoryForm,
    ConditionFollowUpForm,
    ForwardAppealForm,
)
from navet.decisions.models import Condition, FollowUpResult
from navet.decisions.permissions import (
    get_appeal_for_user,
    get_decision_for_user,
    require_decide,
)
from navet.staff.application_frame import tab_url
from navet.staff.decision_tab_views import (
    decided_on,
    decisions_page,
    refused,
)

# ---------------------------------------------------------------------------------------
# POST: appeals
# ---------------------------------------------------------------------------------------


@require_POST
def appeal_register(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = get_decision_for_user(request, decision_id)
    application = decision.case.application
    require_decide(request, application)
    form = AppealForm(
        request.POST, prefix=f"klage-{decision.reference}", decided_on=decided_on(decision)
    )
    key = f"appeal_{decision.pk}"
    if not form.is_valid():
        return decisions_page(request, application, bound={key: form}, status=400)
    try:
        appeal_actions.register_appeal(
            decision=decision,
            received_on=form.cleaned_data["received_on"],
            summary=form.cleaned_data["summary"],
            actor=request.employee,
        )
    except DecisionError as error:
        return refused(decisions_page, request, application, error, form=form, key=key)
    messages.success(request, _("Klagen er registrert."))
    return redirect(tab_url(application, "decisions", f"sak-{decision.case.reference}"))


@require_POST
def appeal_change(request: AuthedRequest, appeal_id: UUID) -> HttpResponse:
    appeal = get_appeal_for_user(request, appeal_id)
    case = appeal.decision.case
    application = case.application
    require_decide(request, application)
    try:
        appeal_actions.change_after_appeal(appeal=appeal, actor=request.employee)
    except DecisionError as error:
        return refused(decisions_page, request, application, error)
    messages.success(request, _("Kontoret omgjør vedtaket. Gjør ferdig det nye vedtaksutkastet."))
    return redirect(tab_url(application, "assessment", f"sak-{case.reference}"))


@require_POST
def appeal_forward(request: AuthedRequest, appeal_id: UUID) -> HttpResponse:
    appeal = get_appeal_for_user(request, appeal_id)
    case = appeal.decision.case
    application = case.application
    require_decide(request, application)
    form = ForwardAppealForm(request.POST, prefix=f"klage-{str(appeal.pk)[:8]}-oversend")
    key = f"forward_{appeal.pk}"
    if not form.is_valid():
        return decisions_page(request, application, bound={key: form}, status=400)
    try:
        appeal_actions.forward_appeal(
            appeal=appeal, assessment=form.cleaned_data["assessment"], actor=request.employee
        )
    except DecisionError as error:
        return refused(decisions_page, request, application, error, form=form, key=key)
    messages.success(request, _("Klagen er sendt til Statsforvalteren med oversendelsesbrev."))
    return redirect(tab_url(application, "decisions", f"sak-{case.reference}"))


@require_POST
def appeal_outcome(request: AuthedRequest, appeal_id: UUID) -> HttpResponse:
    appeal = get_appeal_for_user(request, appeal_id)
    case = appeal.decision.case
    application = case.application
    require_decide(request, application)
    form = AuthorityOutcomeForm(
        request.POST,
        prefix=f"klage-{str(appeal.pk)[:8]}-utfall",
        forwarded_on=appeal.forwarded_on,
    )
    key = f"outcome_{appeal.pk}"
    if not form.is_valid():
        return decisions_page(request, application, bound={key: form}, status=400)
    try:
        appeal_actions.record_authority_outcome(
            appeal=appeal,
            outcome=form.cleaned_data["outcome"],
            decided_on=form.cleaned_data["decided_on"],
            actor=request.employee,
        )
    except DecisionError as error:
        return refused(decisions_page, request, application, error, form=form, key=key)
    messages.success(request, _("Statsforvalterens avgjørelse er registrert."))
    return redirect(tab_url(application, "decisions", f"sak-{case.reference}"))


# ---------------------------------------------------------------------------------------
# POST: following up a condition of a made decision
# ---------------------------------------------------------------------------------------


@require_POST
def condition_follow_up(request: AuthedRequest, condition_id: int) -> HttpResponse:
    decision_id = get_object_or_404(Condition, pk=condition_id).decision_id
    decision = get_decision_for_user(request, decision_id)
    application = decision.case.application
    require_decide(request, application)
    condition = decision.conditions.get(pk=condition_id)
    form = ConditionFollowUpForm(
        request.POST, prefix=f"vilkar-{condition.pk}", decided_on=decided_on(decision)
    )
    key = f"follow_up_{condition.pk}"
    if not form.is_valid():
        return decisions_page(request, application, bound={key: form}, status=400)
    try:
        follow_up_condition(
            condition=condition,
            result=FollowUpResult(form.cleaned_data["result"]),
            assessed_on=form.cleaned_data["assessed_on"],
            note=form.cleaned_data["note"],
            sanction=form.cleaned_data["sanction"],
            actor=request.employee,
        )
    except DecisionError as error:
        return refused(decisions_page, request, application, error, form=form, key=key)
    messages.success(request, _("Oppfølgingen av vilkåret er lagret."))
    return redirect(tab_url(application, "decisions", f"sak-{decision.case.reference}"))


@require_POST
def condition_category(request: AuthedRequest, condition_id: int) -> HttpResponse:
    decision_id = get_object_or_404(Condition, pk=condition_id).decision_id
    decision = get_decision_for_user(request, decision_id)
    application = decision.case.application
    require_decide(request, application)
    condition = decision.conditions.get(pk=condition_id)
    form = ConditionCategoryForm(request.POST, prefix=f"kategori-{condition.pk}")
    key = f"category_{condition.pk}"
    if not form.is_valid():
        return decisions_page(request, application, bound={key: form}, status=400)
    try:
        categorise_condition(
            condition=condition,
            category=form.cleaned_data["kostra_category"],
            actor=request.employee,
        )
    except DecisionError as error:
        return refused(decisions_page, request, application, error, form=form, key=key)
    messages.success(request, _("Kategorien er lagret."))
    return redirect(tab_url(application, "decisions", f"sak-{decision.case.reference}"))
