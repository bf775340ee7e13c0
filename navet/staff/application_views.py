"""The application page with its tabs (søknad, vedlegg, brev, hendelser; beregning,
vurdering and vedtak are in navet.staff.decision_tab_views), plus the POST endpoints of the
søknad and vedlegg tabs, the document download and the innsyn JSON. The work lists
are in worklist_views.py, registration by hand in register_views.py.

Every view: access (get_application_for_user: 404, audited) → permission (403 for those
who may only read) → form → action → redirect back to the tab with a message. A refused
action re-renders the tab with the action's message as an error.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.db.models import Prefetch
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from navet.applications import actions, presenters
from navet.applications.forms import (
    AssignForm,
    CaseForm,
    CaseStatusForm,
    DocumentationRequestForm,
    FactForm,
    HouseholdForm,
    InterimReplyForm,
    ReceiveDocumentForm,
    RejectForm,
)
from navet.applications.innsyn import innsyn_document
from navet.applications.letters import download_name
from navet.applications.models import (
    Application,
    ApplicationStatus,
    Attachment,
    Case,
    Document,
    Fact,
    InnsynEvent,
    RequestedDocument,
)
from navet.applications.permissions import (
    get_application_for_user,
    get_case_for_user,
    get_document_for_user,
)
from navet.core.http import AuthedRequest
from navet.core.tables import Cell, Tag
from navet.decisions.models import Decision, DecisionState
from navet.dialog import presenters as dialog_presenters
from navet.dialog.models import Thread
from navet.staff.application_frame import (
    first_error_form,
    frame_context,
    require_work,
    tab_url,
)
from navet.staff.decision_tab_views import letter_previews

# ---------------------------------------------------------------------------------------
# Tab: søknad
# ---------------------------------------------------------------------------------------


def next_step(application: Application, cases: list[Case], today: date) -> dict[str, str] | None:
    """What the caseworker does next with the application, in a sentence, and where."""
    if application.status == ApplicationStatus.RECEIVED:
        return {"text": _("Neste steg: ta søknaden og start behandlingen nedenfor.")}
    if application.status != ApplicationStatus.IN_PROGRESS:
        return None
    waiting = [r.deadline for r in application.documentation_requests.all() if r.deadline >= today]
    if not cases:
        return {"text": _("Neste steg: opprett en sak for det søknaden gjelder, nedenfor.")}
    decisions = [d for case in cases for d in case.decisions.all() if not d.is_made]
    assessment = tab_url(application, "assessment")
    if any(d.state == DecisionState.PROPOSED for d in decisions):
        return {
            "text": _("Vedtaket venter på godkjenning."),
            "href": assessment,
            "link": _("Se vurderingen"),
        }
    if waiting:
        text = _(
            "Venter på dokumentasjon fra søkeren til %(deadline)s. Du kan likevel vurdere "
            "søknaden med det som er kommet."
        ) % {"deadline": date_format(max(waiting))}
        return {"text": text, "href": assessment, "link": _("Gå til vurderingen")}
    if decisions:
        return {
            "text": _("Neste steg: fullfør vurderingen og fatt vedtaket."),
            "href": assessment,
            "link": _("Gå til vurderingen"),
        }
    return {
        "text": _("Neste steg: se over beregningen og start et vedtaksutkast."),
        "href": tab_url(application, "calculation"),
        "link": _("Gå til beregningen"),
    }


def _detail_page(
    request: AuthedRequest,
    application: Application,
    *,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
    page_error: str = "",
) -> HttpResponse:
    bound = bound or {}
    today = timezone.localdate()
    facts = list(Fact.objects.filter(application=application).order_by("area", "id"))
    current_facts = [f for f in facts if f.superseded_by_id is None]
    cases = list(
        Case.objects.filter(application=application).prefetch_related(
            Prefetch("decisions", queryset=Decision.objects.order_by("created_at"))
        )
    )
    context = frame_context(request, application, "detail", page_error=page_error)
    editable = context["can_work"] and application.is_open
    forms_: dict[str, forms.Form | None] = {
        "fact_form": FactForm(prefix="fakta", facts=current_facts, application=application),
        "household_form": HouseholdForm(prefix="husstand", application=application),
        "assign_form": AssignForm(prefix="tildel", application=application),
        "case_form": CaseForm(prefix="sak"),
        "interim_form": InterimReplyForm(prefix="svar"),
        "documentation_form": DocumentationRequestForm(prefix="dok"),
        "reject_form": RejectForm(prefix="avvis"),
    }
    forms_.update(bound)
    case_status_forms = [
        (
            case,
            bound.get(f"case_status_{case.pk}")
            or CaseStatusForm(
                prefix=f"status-{case.reference}",
                initial={"status": case.status},
                has_decision=any(d.is_made for d in case.decisions.all()),
            ),
        )
        for case in cases
    ]
    context.update(forms_)
    context.update(
        {
            "summary": presenters.application_summary(application),
            "register_failures": presenters.register_failures(application),
            "fact_groups": presenters.fact_groups(facts),
            "fact_columns": presenters.fact_columns(),
            "household_summary": [(_("Voksne"), application.get_adults_display())],
            "children_columns": [_("Navn"), _("Fødselsdato"), _("Alder")],
            "children_rows": presenters.children_rows(application, today),
            "case_columns": presenters.case_columns(),
            "case_rows": presenters.case_rows(cases),
            "case_status_forms": case_status_forms,
            "editable": editable,
            "can_take": context["can_work"] and application.caseworker_id != request.employee.pk,
            "can_start": context["can_work"] and application.status == ApplicationStatus.RECEIVED,
            "next_step": next_step(application, cases, today) if context["can_work"] else None,
            "error_form": first_error_form(*forms_.values(), *(f for _c, f in case_status_forms)),
            "thread_rows": _thread_rows(application),
            "thread_columns": [_("Emne"), _("Status"), _("Siste melding")],
        }
    )
    return render(request, "applications/application_detail.html", context, status=status)


def _thread_rows(application: Application) -> list[list[Any]]:
    """The person's messages about this application (dialog), newest first."""
    rows: list[list[Any]] = []
    for thread in (
        Thread.objects.filter(application=application).with_unread_for_office().newest_first()
    ):
        tags = (Tag(_("Ulest"), "warning"),) if thread.unread_for_office else ()  # type: ignore[attr-defined]
        rows.append(
            [
                Cell(thread.subject, href=reverse("dialog:thread", args=[thread.pk]), tags=tags),
                thread.get_state_display(),
                dialog_presenters.when(thread.last_message_at),
            ]
        )
    return rows


@require_GET
def application_detail(request: AuthedRequest, application_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, application_id)
    return _detail_page(request, application)


def _refused(
    request: AuthedRequest,
    application: Application,
    form: forms.Form,
    key: str,
    error: actions.CaseworkError,
) -> HttpResponse:
    form.add_error(None, str(error))
    return _detail_page(request, application, bound={key: form}, status=409)


@require_POST
def application_assign(request: AuthedRequest, application_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, application_id)
    require_work(request, application)
    form = AssignForm(request.POST, prefix="tildel", application=application)
    if not form.is_valid():
        return _detail_page(request, application, bound={"assign_form": form}, status=400)
    caseworker = form.cleaned_data["caseworker"]
    try:
        actions.assign_application(
            application=application, caseworker=caseworker, actor=request.employee
        )
    except actions.CaseworkError as error:
        return _refused(request, application, form, "assign_form", error)
    if caseworker is None:
        messages.success(request, _("Søknaden er nå ufordelt."))
    else:
        messages.success(request, _("Søknaden er tildelt %(name)s.") % {"name": caseworker.name})
    return redirect(tab_url(application, "detail", "tildeling"))


@require_POST
def application_start(request: AuthedRequest, application_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, application_id)
    require_work(request, application)
    try:
        actions.start_processing(application=application, actor=request.employee)
    except actions.CaseworkError as error:
        return _detail_page(request, application, status=409, page_error=str(error))
    messages.success(request, _("Søknaden er under behandling."))
    return redirect(tab_url(application, "detail", "saker"))


@require_POST
def application_add_case(request: AuthedRequest, application_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, application_id)
    require_work(request, application)
    form = CaseForm(request.POST, prefix="sak")
    if not form.is_valid():
        return _detail_page(request, application, bound={"case_form": form}, status=400)
    try:
        case = actions.add_case(
            application=application,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            actor=request.employee,
        )
    except actions.CaseworkError as error:
        return _refused(request, application, form, "case_form", error)
    messages.success(request, _("Saken «%(title)s» er opprettet.") % {"title": case.title})
    return redirect(tab_url(application, "detail", "saker"))


@require_POST
def case_status(request: AuthedRequest, case_id: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    application = case.application
    require_work(request, application)
    form = CaseStatusForm(
        request.POST,
        prefix=f"status-{case.reference}",
        has_decision=case.decisions.made().exists(),
    )
    key = f"case_status_{case.pk}"
    if not form.is_valid():
        return _detail_page(request, application, bound={key: form}, status=400)
    try:
        actions.set_case_status(
            case=case, status=form.cleaned_data["status"], actor=request.employee
        )
    except actions.CaseworkError as error:
        return _refused(request, application, form, key, error)
    messages.success(request, _("Statusen for saken er endret."))
    return redirect(tab_url(application, "detail", "saker"))


@require_POST
def application_add_fact(request: AuthedRequest, application_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, application_id)
    require_work(request, application)
    current = list(
        Fact.objects.filter(application=application, superseded_by__isnull=True).order_by(
            "area", "id"
        )
    )
    form = FactForm(request.POST, prefix="fakta", facts=current, application=application)
    if not form.is_valid():
        return _detail_page(request, application, bound={"fact_form": form}, status=400)
    data = form.cleaned_data
    try:
        actions.add_fact(
            application=application,
            area=data["area"],
            type_=data["rules_type"] or "annet",
            title=data["title"],
            amount=data["amount"],
            rules_type=data["rules_type"],
            note=data["note"],
            actor=request.employee,
            replaces=data["replaces"],
        )
    except actions.CaseworkError as error:
        return _refused(request, application, form, "fact_form", error)
    if data["replaces"] is not None:
        messages.success(request, _("Opplysningen er rettet."))
    else:
        messages.success(request, _("Opplysningen er lagt til."))
    return redirect(tab_url(application, "detail", "opplysninger"))


@require_POST
def application_household(request: AuthedRequest, application_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, application_id)
    require_work(request, application)
    form = HouseholdForm(request.POST, prefix="husstand", application=application)
    if not form.is_valid():
        return _detail_page(request, application, bound={"household_form": form}, status=400)
    actions.set_household(
        application=application,
        adults=form.cleaned_data["adults"],
        children=form.cleaned_data["children"],
        actor=request.employee,
    )
    messages.success(request, _("Husstanden er lagret."))
    return redirect(tab_url(application, "detail", "husstand"))


@require_POST
def application_interim_reply(request: AuthedRequest, application_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, application_id)
    require_work(request, application)
    form = InterimReplyForm(request.POST, prefix="svar")
    if not form.is_valid():
        return _detail_page(request, application, bound={"interim_form": form}, status=400)
    try:
        actions.send_interim_reply(
            application=application,
            expected_by=form.cleaned_data["expected_by"],
            reason=form.cleaned_data["reason"],
            actor=request.employee,
        )
    except actions.CaseworkError as error:
        return _refused(request, application, form, "interim_form", error)
    messages.success(request, _("Foreløpig svar er sendt, og svarfristen er flyttet."))
    return redirect(tab_url(application, "letters"))


@require_POST
def application_request_documentation(request: AuthedRequest, application_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, application_id)
    require_work(request, application)
    form = DocumentationRequestForm(request.POST, prefix="dok")
    if not form.is_valid():
        return _detail_page(request, application, bound={"documentation_form": form}, status=400)
    try:
        actions.request_documentation(
            application=application,
            documents=form.cleaned_data["documents"],
            deadline=form.cleaned_data["deadline"],
            actor=request.employee,
        )
    except actions.CaseworkError as error:
        return _refused(request, application, form, "documentation_form", error)
    messages.success(request, _("Brevet om dokumentasjon er laget og sendt."))
    return redirect(tab_url(application, "attachments"))


@require_POST
def application_reject(request: AuthedRequest, application_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, application_id)
    require_work(request, application)
    form = RejectForm(request.POST, prefix="avvis")
    if not form.is_valid():
        return _detail_page(request, application, bound={"reject_form": form}, status=400)
    try:
        actions.reject_application(
            application=application, reason=form.cleaned_data["reason"], actor=request.employee
        )
    except actions.CaseworkError as error:
        return _refused(request, application, form, "reject_form", error)
    messages.success(request, _("Søknaden er satt til «behandles ikke»."))
    return redirect(application)


# ---------------------------------------------------------------------------------------
# Tab: vedlegg
# ---------------------------------------------------------------------------------------


def _outstanding(application: Application) -> list[RequestedDocument]:
    return list(
        RequestedDocument.objects.filter(
            request__application=application, fulfilled_at__isnull=True
        )
        .select_related("request")
        .order_by("request__deadline", "id")
    )


def _attachments_page(
    request: AuthedRequest,
    application: Application,
    *,
    form: ReceiveDocumentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    outstanding = _outstanding(application)
    attachments = list(Attachment.objects.filter(application=application).select_related("answers"))
    context = frame_context(request, application, "attachments")
    receive_form = form or ReceiveDocumentForm(
        prefix="vedlegg", outstanding=outstanding, application=application
    )
    context.update(
        {
            "attachment_columns": presenters.attachment_columns(),
            "attachment_rows": presenters.attachment_rows(attachments),
            "requested_columns": presenters.requested_columns(),
            "requested_rows": presenters.requested_rows(outstanding, timezone.localdate()),
            "receive_form": receive_form,
            "error_form": first_error_form(receive_form),
        }
    )
    return render(request, "applications/application_attachments.html", context, status=status)


@require_GET
def application_attachments(request: AuthedRequest, application_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, application_id)
    return _attachments_page(request, application)


@require_POST
def application_receive_document(request: AuthedRequest, application_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, application_id)
    require_work(request, application)
    form = ReceiveDocumentForm(
        request.POST,
        request.FILES,
        prefix="vedlegg",
        outstanding=_outstanding(application),
        application=application,
    )
    if not form.is_valid():
        return _attachments_page(request, application, form=form, status=400)
    upload = form.cleaned_data["file"]
    try:
        actions.receive_document(
            application=application,
            answers=form.cleaned_data["answers"],
            filename=str(upload.name)[:255],
            content=upload.read(),
            actor=request.employee,
        )
    except actions.CaseworkError as error:
        form.add_error(None, str(error))
        return _attachments_page(request, application, form=form, status=409)
    messages.success(request, _("Dokumentet er registrert som mottatt."))
    return redirect(tab_url(application, "attachments"))


# ---------------------------------------------------------------------------------------
# Tab: brev, and the document download
# ---------------------------------------------------------------------------------------


@require_GET
def application_letters(request: AuthedRequest, application_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, application_id)
    documents = list(
        Document.objects.filter(application=application)
        .select_related("case")
        .order_by("-created_at")
    )
    context = frame_context(request, application, "letters")
    context.update(
        {
            "document_columns": presenters.document_columns(),
            "document_rows": presenters.document_rows(documents),
            "previews": letter_previews(application, request.employee),
        }
    )
    return render(request, "applications/application_letters.html", context)


@require_GET
def document_download(request: AuthedRequest, document_id: UUID) -> FileResponse:
    document = get_document_for_user(request, document_id)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=download_name(document),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------------------------------
# Tab: hendelser, and the innsyn JSON
# ---------------------------------------------------------------------------------------


@require_GET
def application_events(request: AuthedRequest, application_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, application_id)
    events = list(InnsynEvent.objects.filter(application=application).order_by("sequence"))
    context = frame_context(request, application, "events")
    context.update(
        {
            "event_columns": presenters.event_columns(),
            "event_rows": presenters.event_rows(events),
        }
    )
    return render(request, "applications/application_events.html", context)


@require_GET
def application_events_json(request: AuthedRequest, application_id: UUID) -> JsonResponse:
    application = get_application_for_user(request, application_id)
    response = JsonResponse(innsyn_document(application), json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, no-store"
    return response
