"""Typed request for views behind the login."""

from __future__ import annotations

from django.http import HttpRequest

from navet.core.models import Employee


class AuthedRequest(HttpRequest):
    employee: Employee
    request_id: str


def client_address(request: HttpRequest) -> str | None:
    """The client's address as the server saw it (the proxy sets REMOTE_ADDR correctly)."""
    return request.META.get("REMOTE_ADDR") or None
