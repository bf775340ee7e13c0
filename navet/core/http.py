"""Typed request for views behind the login."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from navet.core.models import Employee


class AuthedRequest(HttpRequest):
    employee: Employee
    request_id: str


def client_address(request: HttpRequest) -> str | None:
    """The client's address. Behind NAVET_TRUSTED_PROXIES proxies, the address the
    outermost trusted proxy saw, from the right end of X-Forwarded-For (the left end is
    whatever the client claims)."""
    hops: int = settings.TRUSTED_PROXIES
    if hops:
        header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        forwarded = [a.strip() for a in header.split(",") if a.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    remote: str | None = request.META.get("REMOTE_ADDR") or None
    return remote
