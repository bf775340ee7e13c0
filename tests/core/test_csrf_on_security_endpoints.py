"""The new POST endpoints refuse a request without a CSRF token and change nothing; their
pages' forms carry the token."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from navet.api.actions import create_api_token
from navet.api.models import ApiToken
from navet.core.models import LoginThrottle, ThrottleKind
from tests.conftest import World


def strict_client(employee) -> Client:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee.user)
    return client


def test_lifting_a_lock_needs_the_token(world: World) -> None:
    lock = LoginThrottle.objects.create(
        kind=ThrottleKind.ACCOUNT,
        key="veileder.oslo",
        failures=5,
        locked_until=timezone.now() + timedelta(minutes=5),
    )
    client = strict_client(world.admin)
    url = f"/administrasjon/innlogging/{lock.pk}/"
    assert 'name="csrfmiddlewaretoken"' in client.get(url).content.decode()
    assert client.post(url).status_code == 403
    assert LoginThrottle.objects.locked().filter(pk=lock.pk).exists()


def test_revoking_a_token_needs_the_token(world: World) -> None:
    created = create_api_token(employee=world.caseworker_oslo, name="x", days=1)
    client = strict_client(world.admin)
    url = f"/administrasjon/ansatt/{world.caseworker_oslo.pk}/api-nokler/"
    assert 'name="csrfmiddlewaretoken"' in client.get(url).content.decode()
    assert client.post(url, {"token": created.token.pk}).status_code == 403
    assert ApiToken.objects.get().revoked_at is None


def test_extending_the_session_needs_the_token(world: World) -> None:
    client = strict_client(world.caseworker_oslo)
    assert client.post("/okt/forleng/").status_code == 403
