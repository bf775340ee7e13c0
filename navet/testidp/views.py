"""Test-ID-porten's own pages: the person picker and the logout with front-channel calls.

Everything else (authorize, token, discovery, keys, userinfo) is django-oauth-toolkit's."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from oauth2_provider.exceptions import InvalidOIDCRedirectURIError
from oauth2_provider.settings import oauth2_settings
from oauth2_provider.views import AuthorizationView, RPInitiatedLogoutView

from navet.people.models import Person
from navet.testidp.clients import LOGGED_OUT_PATH
from navet.testidp.forms import PickPersonForm, is_synthetic_id
from navet.testidp.validator import LOGIN_CLAIMS, same_host_uri

# The provider's own session (a cookie of its own; navet.testidp.middleware).
SESSION_LOGIN = "testidp_login"
SESSION_FRESH = "testidp_fresh"
DEMO_PERSONS_SHOWN = 16


def stand_in_username(pid: str) -> str:
    """The provider's user for one person. django-oauth-toolkit needs a user row for its
    grants and tokens; the fødselsnummer never becomes a user name."""
    return "testid-" + hashlib.sha256(pid.encode()).hexdigest()[:16]


def _demo_persons() -> list[Person]:
    """The demo's persons with something to see: those with messages first, then those
    with applications."""
    talking = list(
        Person.objects.filter(threads__isnull=False).distinct().order_by("family_name", "id")
    )
    seen = {person.pk for person in talking}
    others = [
        p for p in Person.objects.with_applications()[: DEMO_PERSONS_SHOWN * 2] if p.pk not in seen
    ]
    return [p for p in talking + others if is_synthetic_id(p.national_id)][:DEMO_PERSONS_SHOWN]


def _ui_language(next_url: str) -> str:
    """The first of the authorize request's ui_locales that Navet speaks, or bokmål."""
    query = parse_qs(urlparse(next_url).query)
    available = {code for code, _name in settings.LANGUAGES}
    for code in " ".join(query.get("ui_locales", [])).split():
        if code in available:
            return code
    return settings.LANGUAGE_CODE


@login_not_required
@never_cache
def pick_person(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next", "")
    authorize = reverse("oauth2_provider:authorize")
    if not (
        url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()})
        and next_url.startswith(authorize)
    ):
        next_url = ""
    language = _ui_language(next_url)
    translation.activate(language)
    request.LANGUAGE_CODE = language
    form = PickPersonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and next_url:
        pid = form.cleaned_data["pid"]
        User = get_user_model()
        user, _created = User.objects.get_or_create(
            username=stand_in_username(pid), defaults={"is_active": True}
        )
        if user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session[SESSION_LOGIN] = {
            "pid": pid,
            "acr": form.cleaned_data["level"],
            "locale": language,
            "sid": uuid.uuid4().hex,
        }
        request.session[SESSION_FRESH] = True
        return redirect(next_url)
    context = {
        "form": form,
        "next": next_url,
        "persons": _demo_persons(),
    }
    return render(request, "testidp/pick_person.html", context, status=200 if next_url else 400)


@method_decorator(login_not_required, name="dispatch")
class TestIdPortenAuthorizationView(AuthorizationView):  # type: ignore[misc]
    """django-oauth-toolkit's authorize endpoint, with the person picker as its login page and
    the picked login's facts handed on to the id_token."""

    template_name = "testidp/authorize_error.html"

    def get_login_url(self) -> str:
        return reverse("testidp:pick")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        login = request.session.get(SESSION_LOGIN)
        asked = request.GET.get("acr_values", "").split()
        # Step-up, as at ID-porten: an earlier login at a lower level than the one asked for
        # logs in again. The login just made in the picker goes on at the level picked, so
        # the relying party's own check of acr can be tried.
        fresh = request.session.pop(SESSION_FRESH, False)
        too_low = (
            not fresh
            and login is not None
            and "idporten-loa-high" in asked
            and login["acr"] != "idporten-loa-high"
        )
        if request.user.is_authenticated and (login is None or too_low):
            return redirect_to_login(request.get_full_path(), self.get_login_url())
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response

    def create_authorization_response(
        self, request: HttpRequest, scopes: str, credentials: dict[str, Any], allow: bool
    ) -> Any:
        credentials = {**credentials, "claims": {LOGIN_CLAIMS: request.session[SESSION_LOGIN]}}
        return super().create_authorization_response(request, scopes, credentials, allow)


@method_decorator(login_not_required, name="dispatch")
class TestIdPortenLogoutView(RPInitiatedLogoutView):  # type: ignore[misc]
    """RP-initiated logout; before going back, the page calls every client's front-channel
    logout with this login's sid, in hidden iframes (what ID-porten does, and what
    django-oauth-toolkit lacks)."""

    template_name = "testidp/logout_confirm.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """In the language the service asked for (ui_locales), or the one of the login."""
        available = {code for code, _name in settings.LANGUAGES}
        asked = (request.GET.get("ui_locales") or request.POST.get("ui_locales") or "").split()
        login = request.session.get(SESSION_LOGIN) or {}
        language = next(
            (code for code in [*asked, login.get("locale")] if code in available),
            settings.LANGUAGE_CODE,
        )
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response

    def validate_post_logout_redirect_uri(self, application: Any, uri: str | None) -> None:
        if uri and same_host_uri(uri, self.request.get_host(), LOGGED_OUT_PATH):
            return
        super().validate_post_logout_redirect_uri(application, uri)

    def do_logout(
        self,
        application: Any = None,
        post_logout_redirect_uri: str | None = None,
        state: str | None = None,
        token_user: Any = None,
    ) -> HttpResponse:
        login_facts = self.request.session.get(SESSION_LOGIN) or {}
        response = super().do_logout(application, post_logout_redirect_uri, state, token_user)
        sid = login_facts.get("sid", "")
        issuer = oauth2_settings.oidc_issuer(self.request)
        frames = []
        if sid:
            query = urlencode({"iss": issuer, "sid": sid})
            frames.append(
                self.request.build_absolute_uri(f"{settings.TESTIDP_FRONTCHANNEL_PATH}?{query}")
            )
        context = {"frames": frames, "next": response["Location"]}
        page = render(self.request, "testidp/logged_out.html", context)
        page["Referrer-Policy"] = "no-referrer"  # this page's address holds the id_token
        return page

    def error_response(self, error: Any) -> HttpResponse:
        status = 400 if isinstance(error, InvalidOIDCRedirectURIError) else error.status_code
        return render(self.request, "testidp/logout_error.html", {"error": error}, status=status)
