"""The citizen's portal, Min side: the ID-porten login and the person's own pages.

Every view here is `login_not_required` for Django's staff login and checks the citizen
itself (navet.citizen.access); no staff view accepts a citizen (it needs an Employee)."""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from navet.applications.letters import download_name
from navet.applications.models import Application
from navet.citizen import actions, apply, presenters, queries
from navet.citizen.access import (
    CitizenRequest,
    citizen_required,
    get_application_for_citizen,
    get_attachment_for_citizen,
    get_document_for_citizen,
)
from navet.citizen.apply_forms import ApplyForm, EmergencyForm
from navet.citizen.forms import SendDocumentsForm, megabytes
from navet.citizen.oidc import IdPortenBackend, LoginRefused, expected_issuer, provider_for
from navet.citizen.presenters import attachment_name
from navet.citizen.session import CITIZEN_ENDED, OIDC_STATES
from navet.core.actions import address_is_locked, count_address_failure
from navet.core.http import client_address
from navet.core.params import int_param
from navet.people.models import Person

logger = logging.getLogger(__name__)
# A login must come back from the provider within this time, or it starts again.
STATE_SECONDS = 15 * 60

# ---------------------------------------------------------------------------------------
# Login and logout
# ---------------------------------------------------------------------------------------


@login_not_required
@require_GET
@never_cache
def start(request: HttpRequest) -> HttpResponse:
    if getattr(request, "citizen_id", None):
        return redirect("citizen:applications")
    ended = request.session.pop(CITIZEN_ENDED, None)
    return render(request, "citizen/start.html", {"session_ended": ended})


class _AuthorizationRequest(OIDCAuthenticationRequestView):  # type: ignore[misc]
    """mozilla-django-oidc's authorization request (state, nonce, PKCE S256), sent to the
    provider found for this request, asking for the configured level in the page's
    language."""

    def get_extra_params(self, request: HttpRequest) -> dict[str, str]:
        return {
            "acr_values": settings.CITIZEN_ACR,
            "ui_locales": translation.get_language() or settings.LANGUAGE_CODE,
        }


def _refused(request: HttpRequest, reason: str, status: int = 400) -> HttpResponse:
    if reason not in ("unavailable", "locked"):
        count_address_failure(client_address(request))
    return render(request, "citizen/login_refused.html", {"reason": reason}, status=status)


@login_not_required
@require_GET
@never_cache
def login(request: HttpRequest) -> HttpResponse:
    try:
        provider = provider_for(expected_issuer(request))
    except LoginRefused:
        return _refused(request, "unavailable", status=503)
    view = _AuthorizationRequest()
    view.OIDC_OP_AUTH_ENDPOINT = provider.authorization_endpoint
    response: HttpResponse = view.get(request)
    state = parse_qs(urlparse(response["Location"]).query)["state"][0]
    request.session[OIDC_STATES][state]["issuer"] = provider.issuer
    request.session.modified = True
    return response


@login_not_required
@require_GET
@never_cache
def callback(request: HttpRequest) -> HttpResponse:
    if address_is_locked(client_address(request)):
        return _refused(request, "locked", status=429)
    states: dict[str, Any] = request.session.get(OIDC_STATES) or {}
    entry = states.pop(request.GET.get("state", ""), None)
    request.session.modified = True
    if entry is None or "issuer" not in entry:
        return _refused(request, "state")
    if request.GET.get("error"):
        return _refused(request, "cancelled")
    if time.time() - float(entry.get("added_on", 0)) > STATE_SECONDS:
        return _refused(request, "state")
    code = request.GET.get("code", "")
    if not code:
        return _refused(request, "state")
    try:
        provider = provider_for(entry["issuer"])
        claims = IdPortenBackend(provider).login_claims(
            code=code,
            redirect_uri=request.build_absolute_uri(reverse("citizen:callback")),
            nonce=entry["nonce"],
            verifier=entry["code_verifier"],
        )
    except LoginRefused as refusal:
        # The reason is a check's name or an exception's class: never a token or a claim.
        logger.warning("Citizen login refused: %s", refusal.reason, exc_info=refusal.__cause__)
        return _refused(request, "acr" if refusal.reason == "acr" else "token")
    person = Person.objects.filter(national_id=claims["pid"]).first()
    if person is None:
        return render(request, "citizen/unknown_person.html", status=200)
    actions.log_in(request, person=person, claims=claims)
    return redirect("citizen:applications")


@require_POST
@login_not_required
def logout(request: HttpRequest) -> HttpResponse:
    """End the portal session here, then at the provider (RP-initiated logout)."""
    if not getattr(request, "citizen_id", None):
        return redirect("citizen:start")
    id_token, issuer = actions.log_out(request)
    try:
        provider = provider_for(issuer)
    except LoginRefused:
        return redirect("citizen:logged-out")
    if not provider.end_session_endpoint:
        return redirect("citizen:logged-out")
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.CITIZEN_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("citizen:logged-out")),
            "ui_locales": translation.get_language() or settings.LANGUAGE_CODE,
        }
    )
    response = redirect(f"{provider.end_session_endpoint}?{query}")
    # The id_token (which names the person) is in that address: never sent on as a referrer.
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_not_required
@require_GET
@never_cache
def logged_out(request: HttpRequest) -> HttpResponse:
    return render(request, "citizen/logged_out.html")


@login_not_required
@require_GET
@xframe_options_exempt
def front_channel_logout(request: HttpRequest) -> HttpResponse:
    """OpenID Connect Front-Channel Logout 1.0: the provider calls this in an iframe with
    its iss and the login's sid; exactly the portal sessions of that sid end."""
    issuer = request.GET.get("iss", "")
    sid = request.GET.get("sid", "")
    if sid and issuer == expected_issuer(request):
        actions.front_channel_logout(issuer=issuer, sid=sid)
    response = HttpResponse(b"", content_type="text/plain")
    response["Cache-Control"] = "no-store"
    origin = urlparse(expected_issuer(request))
    response["Content-Security-Policy"] = (
        f"default-src 'none'; frame-ancestors {origin.scheme}://{origin.netloc}"
    )
    return response


# ---------------------------------------------------------------------------------------
# The person's own pages
# ---------------------------------------------------------------------------------------

_NAV = [
    (gettext_lazy("Mine søknader"), "citizen:applications"),
    (gettext_lazy("Utbetalinger"), "citizen:payments"),
    (gettext_lazy("Søk"), "citizen:apply"),
    (gettext_lazy("Meldinger"), "citizen:threads"),
    (gettext_lazy("Aktivitetsplan"), "citizen:plan"),
    (gettext_lazy("Møter"), "citizen:meetings"),
    (gettext_lazy("Notater"), "citizen:journal"),
    (gettext_lazy("Hvem har sett opplysningene mine"), "citizen:access-log"),
]


def portal_page(
    request: CitizenRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    current = request.resolver_match.view_name if request.resolver_match else ""
    nav = [
        {"label": label, "url": reverse(name), "current": name == current} for label, name in _NAV
    ]
    return render(
        request, template, {**context, "person": request.citizen, "citizen_nav": nav}, status=status
    )


@citizen_required
@require_GET
def applications(request: CitizenRequest) -> HttpResponse:
    found = queries.applications_of(request.citizen)
    actions.record_view(request.citizen, "applications")
    context = {"applications": presenters.application_cards(found)}
    return portal_page(request, "citizen/applications.html", context)


def _application_page(
    request: CitizenRequest,
    application: Application,
    form: SendDocumentsForm | None = None,
    status: int = 200,
    page_error: str = "",
    full: Application | None = None,
) -> HttpResponse:
    """The application page; `full` is the application as already loaded by a refused
    upload (nothing changed since), so it is not read twice."""
    full = full or queries.application_in_full(application)
    outstanding = queries.outstanding_documents(full)
    if form is None:
        form = SendDocumentsForm(outstanding=outstanding, prefix="send")
    context = {
        "page": presenters.application_page(full),
        "form": form,
        "page_error": page_error,
    }
    return portal_page(request, "citizen/application_detail.html", context, status=status)


@citizen_required
@require_GET
def application_detail(request: CitizenRequest, application_id: str) -> HttpResponse:
    application = get_application_for_citizen(request, application_id)
    actions.record_view(request.citizen, "application", target=application)
    return _application_page(request, application)


def too_large(request: HttpRequest) -> bool:
    """More than the files allowed at once could weigh: refused before it is read."""
    limit = settings.CITIZEN_UPLOAD_MAX_FILES * settings.CITIZEN_UPLOAD_MAX_BYTES + 1024 * 1024
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > limit
    except ValueError:
        return True


def _too_large_message() -> str:
    return _(
        "Filene er for store til sammen. Send høyst %(count)s filer på høyst %(size)s MB "
        "hver om gangen."
    ) % {
        "count": settings.CITIZEN_UPLOAD_MAX_FILES,
        "size": megabytes(settings.CITIZEN_UPLOAD_MAX_BYTES),
    }


@citizen_required
@require_POST
def send_documents(request: CitizenRequest, application_id: str) -> HttpResponse:
    application = get_application_for_citizen(request, application_id)
    full = queries.application_in_full(application)
    outstanding = queries.outstanding_documents(full)
    if too_large(request):
        form = SendDocumentsForm(outstanding=outstanding, prefix="send")
        return _application_page(
            request,
            application,
            form=form,
            status=413,
            page_error=_too_large_message(),
            full=full,
        )
    form = SendDocumentsForm(request.POST, request.FILES, outstanding=outstanding, prefix="send")
    if not form.is_valid():
        return _application_page(request, application, form=form, status=400, full=full)
    try:
        sent = actions.send_documents(
            application=application, answers=form.answered(), files=form.cleaned_data["uploads"]
        )
    except actions.TooManyDocuments:
        form.add_error(
            None,
            _("Søknaden har fått så mange dokumenter som den kan ta imot. Kontakt Nav-kontoret."),
        )
        return _application_page(request, application, form=form, status=409, full=full)
    messages.success(
        request,
        ngettext(
            "Vi har fått dokumentet. Nav-kontoret ser det nå.",
            "Vi har fått de %(count)s dokumentene. Nav-kontoret ser dem nå.",
            len(sent),
        )
        % {"count": len(sent)},
    )
    return redirect("citizen:application", application_id=application.pk)


@citizen_required
@require_GET
def attachment_download(request: CitizenRequest, attachment_id: str) -> FileResponse:
    attachment = get_attachment_for_citizen(request, attachment_id)
    actions.record_view(request.citizen, "attachment", target=attachment)
    response = FileResponse(attachment.file.open("rb"), as_attachment=True)
    response["Content-Disposition"] = f'attachment; filename="{attachment_name(attachment)}"'
    response["Content-Type"] = "application/octet-stream"
    response["Cache-Control"] = "private, no-store"
    return response


@citizen_required
@require_GET
def document_download(request: CitizenRequest, document_id: str) -> FileResponse:
    document = get_document_for_citizen(request, document_id)
    actions.record_view(request.citizen, "document", target=document)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=download_name(document),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


ACCESS_LOG_PAGE = 50


@citizen_required
@require_GET
def access_log(request: CitizenRequest) -> HttpResponse:
    """Who has looked at my data: every read and change of the person's data by staff,
    newest first, a page at a time (keyset on the audit row's id: one indexed range read
    whatever the length of the trail). Never an employee's name; never the person's own."""
    before = int_param(request.GET, "for", default=None, minimum=1, maximum=2**63 - 1)
    events = queries.staff_events_about(request.citizen, before=before, limit=ACCESS_LOG_PAGE + 1)
    page, more = events[:ACCESS_LOG_PAGE], len(events) > ACCESS_LOG_PAGE
    actions.record_view(request.citizen, "access_log")
    context = {
        "rows": presenters.access_rows(page, request.citizen),
        "next_url": f"{reverse('citizen:access-log')}?for={page[-1].id}" if more else "",
        "first_page": before is None,
    }
    return portal_page(request, "citizen/access_log.html", context)


# ---------------------------------------------------------------------------------------
# Apply
# ---------------------------------------------------------------------------------------


@citizen_required
@require_GET
def apply_start(request: CitizenRequest) -> HttpResponse:
    return portal_page(request, "citizen/apply_start.html", {})


def _apply(
    request: CitizenRequest, form_class: type[ApplyForm | EmergencyForm], heading: str
) -> HttpResponse:
    template = "citizen/apply_form.html"
    if request.method == "POST" and too_large(request):
        context = {"form": form_class(), "page_error": _too_large_message(), "heading": heading}
        return portal_page(request, template, context, status=413)
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = apply.submit(person=request.citizen, form=form)
        except apply.NotReceived:
            logger.exception("A portal application was not received")
            form.add_error(
                None,
                _(
                    "Søknaden kunne ikke tas imot på grunn av en feil hos oss. Ingenting er "
                    "sendt. Prøv igjen, eller kontakt Nav-kontoret."
                ),
            )
            return portal_page(request, template, {"form": form, "heading": heading}, status=500)
        if application.emergency:
            text = _("Søknaden om nødhjelp er sendt. Nav-kontoret skal svare deg i dag.")
        else:
            text = _("Søknaden er sendt. Du skal få svar innen %(date)s.") % {
                "date": presenters.long_day(application.due_on)
            }
        messages.success(request, text)
        return redirect("citizen:application", application_id=application.pk)
    status = 400 if request.method == "POST" else 200
    return portal_page(request, template, {"form": form, "heading": heading}, status=status)


@citizen_required
@require_http_methods(["GET", "POST"])
def apply_form(request: CitizenRequest) -> HttpResponse:
    return _apply(request, ApplyForm, _("Søknad om økonomisk sosialhjelp"))


@citizen_required
@require_http_methods(["GET", "POST"])
def apply_emergency(request: CitizenRequest) -> HttpResponse:
    return _apply(request, EmergencyForm, _("Søknad om nødhjelp"))


@citizen_required
@require_GET
def payments(request: CitizenRequest) -> HttpResponse:
    coming, done = queries.payments_of(request.citizen)
    actions.record_view(request.citizen, "payments")
    context = {
        "coming": presenters.payment_rows(coming),
        "done": presenters.payment_rows(done),
    }
    return portal_page(request, "citizen/payments.html", context)


@citizen_required
@require_GET
def journal(request: CitizenRequest) -> HttpResponse:
    """The journal notes the office has shared with the person, newest first; the office is
    the writer, never an employee. Notes not shared never reach this page."""
    notes = queries.shared_notes_of(request.citizen)
    actions.record_view(request.citizen, "journal")
    return portal_page(request, "citizen/journal.html", {"notes": presenters.note_cards(notes)})


@citizen_required
@require_GET
def meetings(request: CitizenRequest) -> HttpResponse:
    """The person's meetings with the office: invitations, the cancelled, and a pointer to
    the minutes once they are shared (never before)."""
    found = queries.meetings_of(request.citizen)
    actions.record_view(request.citizen, "meetings")
    return portal_page(
        request, "citizen/meetings.html", {"meetings": presenters.meeting_cards(found)}
    )
