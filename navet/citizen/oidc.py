"""Navet as an OpenID Connect relying party to ID-porten (ADR 0010).

mozilla-django-oidc does the protocol: the authorization request with state, nonce and
PKCE (S256), the code exchange and the id_token's signature against the provider's keys.
Navet adds what it lacks: the provider found per request (Test-ID-porten answers on the
demo's own origin), the checks of iss, aud, exp and acr, and a Person instead of a user."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

# acr values accepted for the configured level; ID-porten's legacy names are the same level.
ACCEPTED_ACR = {
    "idporten-loa-high": {"idporten-loa-high", "Level4"},
    "idporten-loa-substantial": {
        "idporten-loa-substantial",
        "Level3",
        "idporten-loa-high",
        "Level4",
    },
}
DISCOVERY_SECONDS = 60 * 60
TESTIDP_PATH = "/test-idporten"


class LoginRefused(Exception):
    """The provider's answer cannot be trusted or is not enough: nobody is logged in."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    end_session_endpoint: str


_discovered: dict[str, tuple[float, Provider]] = {}
_lock = threading.Lock()


def expected_issuer(request: HttpRequest) -> str:
    """ID-porten's issuer from settings; Test-ID-porten's is the request's own origin."""
    if settings.CITIZEN_IDP == "testidp":
        return request.build_absolute_uri(TESTIDP_PATH)
    return str(settings.IDPORTEN_ISSUER).rstrip("/")


def provider_for(issuer: str) -> Provider:
    """The provider's endpoints from its discovery document, kept for an hour. The document
    must name the issuer it was fetched for (OpenID Connect Discovery § 4.3)."""
    now = time.monotonic()
    with _lock:
        cached = _discovered.get(issuer)
    if cached is not None and now - cached[0] < DISCOVERY_SECONDS:
        return cached[1]
    try:
        response = requests.get(
            f"{issuer}/.well-known/openid-configuration", timeout=settings.CITIZEN_OIDC_TIMEOUT
        )
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise LoginRefused("discovery") from error
    if not isinstance(document, dict) or document.get("issuer") != issuer:
        raise LoginRefused("discovery_issuer")
    try:
        provider = Provider(
            issuer=issuer,
            authorization_endpoint=str(document["authorization_endpoint"]),
            token_endpoint=str(document["token_endpoint"]),
            jwks_uri=str(document["jwks_uri"]),
            end_session_endpoint=str(document.get("end_session_endpoint") or ""),
        )
    except KeyError as error:
        raise LoginRefused("discovery_incomplete") from error
    with _lock:
        _discovered[issuer] = (now, provider)
    return provider


class IdPortenBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """The library's token exchange and signature check, with Navet's checks of the claims.
    Never listed in AUTHENTICATION_BACKENDS: it logs in no Django user."""

    def __init__(self, provider: Provider) -> None:
        super().__init__()
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = provider.token_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = provider.jwks_uri

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        # The library checks the signature (RS256, the provider's keys), exp when present,
        # and the nonce against the one stored with this login's state.
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        if payload.get("iss") != self.provider.issuer:
            raise LoginRefused("iss")
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if settings.CITIZEN_CLIENT_ID not in audiences:
            raise LoginRefused("aud")
        if not isinstance(payload.get("exp"), int | float) or payload["exp"] <= time.time():
            raise LoginRefused("exp")
        if payload.get("acr") not in ACCEPTED_ACR[settings.CITIZEN_ACR]:
            raise LoginRefused("acr")
        if not payload.get("pid") or not payload.get("sid"):
            raise LoginRefused("claims")
        return payload

    def login_claims(
        self, *, code: str, redirect_uri: str, nonce: str, verifier: str
    ) -> dict[str, Any]:
        """Exchange the code and return the id_token's verified claims with the token."""
        try:
            token_info = self.get_token(
                {
                    "client_id": settings.CITIZEN_CLIENT_ID,
                    "client_secret": settings.CITIZEN_CLIENT_SECRET,
                    "grant_type": "authorization_code",
                    "code": code,
                    "redirect_uri": redirect_uri,
                    "code_verifier": verifier,
                }
            )
            id_token = token_info.get("id_token")
            if not id_token:
                raise LoginRefused("no_id_token")
            payload = self.verify_token(id_token, nonce=nonce)
        except LoginRefused:
            raise
        except (
            SuspiciousOperation,
            requests.RequestException,
            jwt.InvalidTokenError,
            jwt.PyJWKError,
            ValueError,
            KeyError,
        ) as error:
            raise LoginRefused(type(error).__name__) from error
        return {**payload, "id_token": id_token}
