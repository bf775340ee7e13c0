"""The API for machine clients (django-ninja, OpenAPI at /api/v1/docs in DEBUG and demo mode).

Authentication is a bearer token (`manage.py create_api_token`) that acts as one
employee: the same access policy, the same 404 for what they may not see, and the same
audit trail as the web pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest
from django.urls import URLPattern, URLResolver
from django.utils import timezone
from ninja import NinjaAPI
from ninja.security import HttpBearer

from navet.api.models import ApiToken, hash_token
from navet.applications.innsyn import innsyn_document
from navet.applications.permissions import get_application_for_user


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = (
            ApiToken.objects.usable()
            .select_related("employee")
            .filter(token_hash=hash_token(token))
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.employee = found.employee  # type: ignore[attr-defined]
        return found


api = NinjaAPI(
    title="Navet API",
    version="1",
    urls_namespace="api",
    auth=TokenAuth(),
    docs_url="/docs" if settings.DEBUG or settings.DEMO_MODE else None,
    openapi_url="/openapi.json" if settings.DEBUG or settings.DEMO_MODE else None,
)


@api.get(
    "/applications/{application_id}/innsyn",
    summary="The application's innsyn events as digisos-soker.json",
    response=dict[str, Any],
)
def application_innsyn(request: HttpRequest, application_id: UUID) -> dict[str, Any]:
    try:
        application = get_application_for_user(request, application_id)
    except Http404 as error:
        raise Http404("Not found.") from error
    return innsyn_document(application)


def _mark_public(patterns: Sequence[URLPattern | URLResolver]) -> None:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _mark_public(pattern.url_patterns)
        else:
            login_not_required(pattern.callback)


def public_urls() -> tuple[list[URLPattern | URLResolver], str, str]:
    """`api.urls`, every view `@login_not_required`: machine clients send a bearer token
    (TokenAuth answers 401 without a valid one), never a login session."""
    patterns, app_name, namespace = api.urls
    _mark_public(patterns)
    return patterns, app_name, namespace
