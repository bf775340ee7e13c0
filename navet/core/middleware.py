"""Request plumbing: request ids, the employee on the request, language, CSP, login."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse
from django.utils import translation

from navet.request_context import current_request_id

Handler = Callable[[HttpRequest], HttpResponse]
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9\-]{8,64}$")


class RequestIdMiddleware:
    """Give every request an id (or keep a well-formed one from the proxy) for logs and audit."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.setdefault("Cache-Control", "no-store")
        return response


# Session keys: when the employee logged in and when they last did something (epoch seconds).
SESSION_LOGIN_AT = "navet_login_at"
SESSION_SEEN_AT = "navet_seen_at"
# Set on the fresh anonymous session after a timeout, so the login page can say why.
SESSION_ENDED = "navet_session_ended"
# Asking how long the session has left is not activity: it must not keep a session alive.
PASSIVE_URL_NAME = "core:session-status"


def session_times(session: object, now: float) -> tuple[float, float]:
    """Seconds left before the idle end and before the absolute end of a session."""
    login_at = float(session.get(SESSION_LOGIN_AT, now))  # type: ignore[attr-defined]
    seen_at = float(session.get(SESSION_SEEN_AT, now))  # type: ignore[attr-defined]
    idle_left = seen_at + settings.SESSION_IDLE_SECONDS - now
    absolute_left = login_at + settings.SESSION_MAX_SECONDS - now
    return idle_left, absolute_left


class SessionTimeoutMiddleware:
    """End a logged-in session after SESSION_IDLE_SECONDS without a request, or
    SESSION_MAX_SECONDS after login, whichever comes first (ASVS L2 3.3.1, 3.3.2).

    Navet keeps its own clock in the session rather than trusting the cookie's age, so a
    passive request (the page asking how long is left) does not renew the session."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            session.setdefault(SESSION_LOGIN_AT, now)
            session.setdefault(SESSION_SEEN_AT, now)
            idle_left, absolute_left = session_times(session, now)
            if idle_left <= 0 or absolute_left <= 0:
                logout(request)
                request.session[SESSION_ENDED] = "idle" if idle_left <= 0 else "absolute"
            elif request.path != reverse(PASSIVE_URL_NAME):
                session[SESSION_SEEN_AT] = now
        return self.get_response(request)


class EmployeeMiddleware:
    """Put the logged-in user's Employee profile on `request.employee` (or None)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from navet.core.models import Employee

        employee = None
        if request.user.is_authenticated:
            employee = Employee.objects.filter(user=request.user).first()
        request.employee = employee  # type: ignore[attr-defined]
        return self.get_response(request)


class LanguageMiddleware:
    """Use the employee's chosen language; anonymous visitors get the session's or bokmål."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        employee = getattr(request, "employee", None)
        available = {code for code, _name in settings.LANGUAGES}
        language = employee.language if employee is not None else request.session.get("language")
        if language not in available:
            language = settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        response.setdefault("Content-Language", language)
        return response


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Django's LoginRequiredMiddleware: every view needs a login unless it is marked
    `@login_not_required` (the login page, the health check, the language switch, the
    session status, and the API, which checks its own bearer tokens; navet/api/api.py).

    One difference: a login here means an employee. A user without an Employee profile is
    sent to the login page like an anonymous visitor."""

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponseBase],
        view_args: tuple[Any, ...],
        view_kwargs: dict[Any, Any],
    ) -> HttpResponseBase | None:
        response = super().process_view(request, view_func, view_args, view_kwargs)
        if response is not None or not getattr(view_func, "login_required", True):
            return response
        if getattr(request, "employee", None) is None:
            return self.handle_no_permission(request, view_func)
        return None
