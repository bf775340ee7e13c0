"""Request plumbing: request ids, the employee on the request, language, CSP, login."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from navet.core.request_context import current_request_id

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


# Views that answer without a login: the login page itself, the health check, static files.
PUBLIC_URL_NAMES = {"login", "healthz", "set-language"}


class LoginRequiredMiddleware:
    """Everything needs a logged-in employee unless its URL name is in PUBLIC_URL_NAMES."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., HttpResponse], *args: object
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is not None and match.url_name in PUBLIC_URL_NAMES:
            return None
        if match is not None and match.namespace == "api":
            return None  # machine clients: the API authenticates its own bearer tokens
        if request.path.startswith(settings.STATIC_URL):
            return None
        if getattr(request, "employee", None) is None:
            return redirect_to_login(request.get_full_path())
        return None
