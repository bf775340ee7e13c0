"""Test-ID-porten keeps its own session cookie.

The provider's login (a Django login of a stand-in user) must not touch the session of the
portal or of an employee in the same browser, as it would not at the real ID-porten on its
own host. Under /test-idporten/ this middleware, placed before SessionMiddleware, hands
Django the provider's cookie under the usual name and renames what comes back."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

PREFIX = "/test-idporten/"
COOKIE_NAME = "navet_testidp_session"


class OwnSessionCookieMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        main = settings.SESSION_COOKIE_NAME
        cookies = dict(request.COOKIES)
        cookies.pop(main, None)
        own = cookies.pop(COOKIE_NAME, None)
        if own is not None:
            cookies[main] = own
        request.COOKIES = cookies
        response = self.get_response(request)
        if main in response.cookies:
            morsel = response.cookies.pop(main)
            max_age = morsel["max-age"]
            response.set_cookie(
                COOKIE_NAME,
                morsel.value,
                max_age=int(max_age) if max_age != "" else None,
                path=PREFIX,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
