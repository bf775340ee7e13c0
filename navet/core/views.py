"""Login, start page, language, health check."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from navet.core import actions
from navet.core.http import AuthedRequest, client_address
from navet.core.middleware import SESSION_ENDED, SESSION_LOGIN_AT, SESSION_SEEN_AT, session_times
from navet.core.models import Employee

DEMO_PERSONAS = [
    ("veileder.oslo", gettext_lazy("Veileder, Nav Oslo")),
    ("veileder.bergen", gettext_lazy("Veileder, Nav Bergen")),
    ("leder.oslo", gettext_lazy("Leder, Nav Oslo")),
    (
        "veileder.fortrolig",
        gettext_lazy("Veileder i Oslo med tilgang til fortrolig og strengt fortrolig adresse"),
    ),
    ("admin", gettext_lazy("Administrator")),
]


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def _login_page(
    request: HttpRequest, form: AuthenticationForm, *, locked: bool = False
) -> HttpResponse:
    ended = request.session.pop(SESSION_ENDED, "") if request.method == "GET" else ""
    context = {
        "form": form,
        "locked": locked,
        "session_ended": ended,
        "next": _safe_next(request, ""),
        "personas": settings.DEMO_MODE,
        "persona_columns": [_("Brukernavn"), _("Rolle")],
        "persona_rows": [[name, str(role)] for name, role in DEMO_PERSONAS],
    }
    return render(request, "core/login.html", context, status=429 if locked else 200)


@login_not_required
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    if getattr(request, "employee", None) is not None:
        return redirect(settings.LOGIN_REDIRECT_URL)
    if request.method != "POST":
        return _login_page(request, AuthenticationForm(request))
    username = request.POST.get("username", "")
    if not username or not request.POST.get("password"):
        # Nothing to check: the form says what is missing, and no attempt is counted.
        form = AuthenticationForm(request, data=request.POST)
        form.is_valid()
        return _login_page(request, form)
    attempt = actions.begin_login(username=username, address=client_address(request))
    if not attempt.allowed:
        # Locked: the password is never looked at, and the answer is the same whatever
        # it was (only the CSRF token differs), so a locked login tells a guesser nothing.
        form = AuthenticationForm(request, initial={"username": username[:150]})
        return _login_page(request, form, locked=True)
    form = AuthenticationForm(request, data=request.POST)
    employee = Employee.objects.filter(user=form.get_user()).first() if form.is_valid() else None
    if employee is None:
        if form.is_valid():
            # A right password for an account with no employee profile reads exactly
            # like a wrong one, so it tells a guesser nothing.
            form = AuthenticationForm(request, data=request.POST)
            form.add_error(None, form.get_invalid_login_error())
        actions.fail_login(attempt=attempt)
        return _login_page(request, form)
    login(request, form.get_user())
    now = time.time()
    request.session[SESSION_LOGIN_AT] = now
    request.session[SESSION_SEEN_AT] = now
    actions.finish_login(attempt=attempt, employee=employee)
    return redirect(_safe_next(request, str(settings.LOGIN_REDIRECT_URL)))


def _session_left(request: HttpRequest) -> JsonResponse:
    idle_left, absolute_left = session_times(request.session, time.time())
    return JsonResponse(
        {
            "logged_in": True,
            "idle_seconds_left": max(0, int(idle_left)),
            "absolute_seconds_left": max(0, int(absolute_left)),
        }
    )


@login_not_required
@require_GET
@never_cache
def session_status(request: HttpRequest) -> JsonResponse:
    """How long the session has left, for the warning before the idle end. Asking is not
    activity (SessionTimeoutMiddleware leaves the idle clock alone for this view)."""
    if getattr(request, "employee", None) is None:
        return JsonResponse({"logged_in": False})
    return _session_left(request)


@require_POST
def session_extend(request: AuthedRequest) -> JsonResponse:
    """Any request renews the idle clock (the middleware); this one does nothing else."""
    return _session_left(request)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    if language not in {code for code, _name in settings.LANGUAGES}:
        messages.error(request, _("Ukjent språk."))
    else:
        employee = getattr(request, "employee", None)
        if employee is not None:
            actions.set_language(employee=employee, language=language)
        request.session["language"] = language
    return redirect(_safe_next(request, "/"))


@login_not_required
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # the health check reports any database failure, it never raises
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "vendor": connection.vendor})
