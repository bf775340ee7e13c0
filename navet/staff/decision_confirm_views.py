"""The last step before a decision is made: what it says, the amount against the
calculation, and the letter as the person will get it. Making a decision cannot be undone,
so "Lagre og fatt vedtak" shows this page first; the button here makes (or proposes) the
decision only if the draft is still exactly what the page showed."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from navet.core.http import AuthedRequest
from navet.decisions import actions, presenters
from navet.decisions.actions import DecisionError
from navet.decisions.calculation import calculate
from navet.decisions.letters import decision_letter_content
from navet.decisions.models import Decision, DecisionState
from navet.decisions.permissions import get_decision_for_user, require_decide
from navet.letters.render import render_html
from navet.staff.application_frame import frame_context, tab_url


@require_http_methods(["GET", "POST"])
def decision_confirm(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = get_decision_for_user(request, decision_id)
    application = decision.case.application
    require_decide(request, application)
    anchor = f"sak-{decision.case.reference}"
    if decision.state != DecisionState.DRAFT:
        messages.info(request, _("Vedtaket er ikke lenger et utkast."))
        return redirect(tab_url(application, "assessment", anchor))
    # As it would be made now: the facts may have changed since the draft was saved.
    decision.calculation = calculate(decision).to_json()
    fingerprint = presenters.draft_fingerprint(decision)
    if request.method == "GET":
        return _page(request, decision, fingerprint)
    if request.POST.get("fingerprint") != fingerprint:
        error = _(
            "Utkastet er endret etter at du åpnet denne siden. Se over vedtaket og brevet på "
            "nytt før du fatter det."
        )
        return _page(request, decision, fingerprint, error=error, status=409)
    try:
        result = actions.propose_decision(decision=decision, actor=request.employee)
    except DecisionError as error:
        return _page(request, decision, fingerprint, error=str(error), status=409)
    if result.is_made:
        messages.success(request, _("Vedtaket er fattet, og vedtaksbrevet er laget."))
        return redirect(tab_url(application, "decisions", anchor))
    messages.success(request, _("Vedtaket er sendt til godkjenning."))
    return redirect(tab_url(application, "assessment", anchor))


def _page(
    request: AuthedRequest,
    decision: Decision,
    fingerprint: str,
    *,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    application = decision.case.application
    blockers = actions.blockers(decision)
    letter_html = ""
    if not blockers:
        letter = decision_letter_content(
            decision, letter_date=timezone.localdate(), caseworker=request.employee
        )
        letter_html = render_html(letter, fragment=True)
    context: dict[str, Any] = frame_context(request, application, "assessment", page_error=error)
    context.update(
        {
            "decision": decision,
            "summary": presenters.decision_summary(decision),
            "blockers": blockers,
            "letter_html": letter_html,
            "fingerprint": fingerprint,
            "needs_approval": actions.needs_second_approval(decision),
            "back_url": tab_url(application, "assessment", f"sak-{decision.case.reference}"),
        }
    )
    return render(request, "decisions/decision_confirm.html", context, status=status)
