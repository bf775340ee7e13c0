"""The logged-in citizen on `request.citizen_id`, and the portal's session limits."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from navet.citizen import actions
from navet.citizen.session import (
    CITIZEN_ENDED,
    CITIZEN_LOGIN_AT,
    CITIZEN_PERSON,
    CITIZEN_SEEN_AT,
)


class CitizenMiddleware:
    """A citizen's login lives in the session next to nothing else: a staff login in the
    same session drops it (the two never mix). It ends after CITIZEN_SESSION_IDLE_SECONDS
    without a request or CITIZEN_SESSION_MAX_SECONDS after login, as ID-porten's does."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.citizen_id = None  # type: ignore[attr-defined]
        session = request.session
        person_id = session.get(CITIZEN_PERSON)
        if person_id is not None:
            if request.user.is_authenticated:
                actions.drop_for_staff(session)
            else:
                now = time.time()
                login_at = float(session.get(CITIZEN_LOGIN_AT, now))
                seen_at = float(session.get(CITIZEN_SEEN_AT, now))
                idle = now - seen_at >= settings.CITIZEN_SESSION_IDLE_SECONDS
                absolute = now - login_at >= settings.CITIZEN_SESSION_MAX_SECONDS
                if idle or absolute:
                    actions.end_session(request, reason="idle" if idle else "absolute")
                    session[CITIZEN_ENDED] = "idle" if idle else "absolute"
                else:
                    session[CITIZEN_SEEN_AT] = now
                    request.citizen_id = person_id  # type: ignore[attr-defined]
        return self.get_response(request)
