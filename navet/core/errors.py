"""Error pages and error reports that never carry personal data.

Any form may hold a fødselsnummer, and any stack frame may hold a Person, so Django's
error report (the DEBUG page and the e-mails to admins) shows neither POST values nor
local variables. The error pages themselves say what happened and give the request id,
which leads to the log line, which carries no personal data either.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.debug import SafeExceptionReporterFilter

from navet.core.params import BadParameter


class NoPersonalDataReporterFilter(SafeExceptionReporterFilter):
    def get_post_parameters(self, request: HttpRequest | None) -> Any:
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request: HttpRequest | None, tb_frame: Any) -> Any:
        return [("(hidden)", self.cleansed_substitute)]


# status -> (heading, text)
MESSAGES = {
    400: (
        gettext_lazy("Noe var galt med forespørselen"),
        gettext_lazy("Forespørselen kunne ikke behandles. Gå tilbake og prøv igjen."),
    ),
    403: (
        gettext_lazy("Du har ikke tilgang til denne siden"),
        gettext_lazy(
            "Siden krever en rolle du ikke har. "
            "Kontakt lederen din hvis du mener du skal ha tilgang."
        ),
    ),
    404: (
        gettext_lazy("Fant ikke siden"),
        gettext_lazy("Siden finnes ikke, eller du har ikke tilgang til den."),
    ),
    500: (
        gettext_lazy("Noe gikk galt hos oss"),
        gettext_lazy(
            "Feilen er logget. Prøv igjen om litt. Oppgi feilkoden hvis du kontakter brukerstøtte."
        ),
    ),
}


def _error(request: HttpRequest, status: int, detail: str = "") -> HttpResponse:
    heading, text = MESSAGES[status]
    context = {
        "heading": heading,
        "text": detail or text,
        "request_id": getattr(request, "request_id", ""),
    }
    return render(request, "errors/error.html", context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # A BadParameter message says which parameter and what it must be, never its value.
    detail = str(exception) if isinstance(exception, BadParameter) else ""
    return _error(request, 400, detail)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500)
