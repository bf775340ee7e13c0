"""API tokens stop working when revoked (command or administrator), when their employee
is deactivated or loses the role, and expire by default."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from navet.api.models import PREFIX_LENGTH, ApiToken
from navet.applications.models import Application
from navet.audit.models import AuditEvent
from tests.casework.test_api import application_of, token_for
from tests.conftest import World, client_for


def innsyn(application: Application, token: str) -> int:
    return (
        Client()
        .get(
            f"/api/v1/applications/{application.pk}/innsyn",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        .status_code
    )


def test_a_new_token_expires_by_default(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    token_for("veileder.oslo")
    stored = ApiToken.objects.get()
    expected = timezone.now() + timedelta(days=settings.API_TOKEN_DEFAULT_DAYS)
    assert abs((stored.expires_at - expected).total_seconds()) < 60


def test_revoke_command_by_prefix(world: World) -> None:
    application = application_of(world, world.citizen_oslo)
    token = token_for("veileder.oslo")
    assert innsyn(application, token) == 200
    out = StringIO()
    call_command("revoke_api_token", "--prefix", token[:PREFIX_LENGTH], stdout=out)
    assert "Revoked 1 token(s)." in out.getvalue()
    assert innsyn(application, token) == 401
    assert AuditEvent.objects.filter(action="api.token_revoked", actor=None).count() == 1
    with pytest.raises(CommandError, match="no active token"):
        call_command("revoke_api_token", "--prefix", token[:PREFIX_LENGTH])


def test_revoke_command_by_username_takes_every_active_token(world: World) -> None:
    application = application_of(world, world.citizen_oslo)
    first, second = token_for("veileder.oslo"), token_for("veileder.oslo")
    call_command("revoke_api_token", "--username", "veileder.oslo", stdout=StringIO())
    assert innsyn(application, first) == innsyn(application, second) == 401


def test_administrator_revokes_a_token_on_the_employee_page(world: World) -> None:
    application = application_of(world, world.citizen_oslo)
    token = token_for("veileder.oslo")
    admin = client_for(world.admin)
    url = f"/administrasjon/ansatt/{world.caseworker_oslo.pk}/api-nokler/"
    page = admin.get(url)
    assert page.status_code == 200
    assert token[:PREFIX_LENGTH] in page.content.decode()
    assert token not in page.content.decode()  # the secret is never shown again
    # The header still shows who is logged in, not the employee the page is about.
    assert world.admin.nav_ident in page.content.decode()
    assert world.caseworker_oslo.nav_ident not in page.content.decode()
    stored = ApiToken.objects.get()
    assert admin.post(url, {"token": stored.pk}).status_code == 302
    assert innsyn(application, token) == 401
    event = AuditEvent.objects.get(action="api.token_revoked")
    assert event.actor == world.admin


@pytest.mark.parametrize("persona", ["caseworker_oslo", "leader_oslo"])
def test_only_the_administrator_sees_and_revokes_tokens(world: World, persona: str) -> None:
    token_for("veileder.oslo")
    stored = ApiToken.objects.get()
    client = client_for(getattr(world, persona))
    url = f"/administrasjon/ansatt/{world.caseworker_oslo.pk}/api-nokler/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"token": stored.pk}).status_code == 403
    stored.refresh_from_db()
    assert stored.revoked_at is None


def test_a_token_of_a_deactivated_employee_gets_401(world: World) -> None:
    application = application_of(world, world.citizen_oslo)
    token = token_for("veileder.oslo")
    user = world.caseworker_oslo.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert innsyn(application, token) == 401


def test_deactivating_on_the_employee_page_revokes_tokens_and_ends_sessions(world: World) -> None:
    application = application_of(world, world.citizen_oslo)
    token = token_for("veileder.oslo")
    caseworker = client_for(world.caseworker_oslo)
    assert caseworker.get("/").status_code == 200
    employee = world.caseworker_oslo
    form = {
        "nav_ident": employee.nav_ident,
        "name": employee.name,
        "is_caseworker": "on",
        "offices": [world.oslo.pk],
        # "active" left unticked: deactivate
    }
    admin = client_for(world.admin)
    assert admin.post(f"/administrasjon/ansatt/{employee.pk}/", form).status_code == 302
    assert innsyn(application, token) == 401
    assert ApiToken.objects.get().revoked_at is not None
    assert caseworker.get("/").status_code == 302  # logged out
    event = AuditEvent.objects.filter(action="employee.updated").last()
    assert event is not None and event.data["active"] is False


def test_a_token_stops_working_when_its_employee_loses_the_role(world: World) -> None:
    application = application_of(world, world.citizen_oslo)
    token = token_for("veileder.oslo")
    world.caseworker_oslo.is_caseworker = False
    world.caseworker_oslo.is_administrator = True
    world.caseworker_oslo.save(update_fields=["is_caseworker", "is_administrator"])
    assert innsyn(application, token) == 401


def test_no_token_for_a_deactivated_employee(world: World) -> None:
    user = world.caseworker_oslo.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    with pytest.raises(CommandError, match="deactivated"):
        token_for("veileder.oslo")


def test_revoking_nothing_or_a_revoked_token_says_what_is_wrong(world: World) -> None:
    token_for("veileder.oslo")
    stored = ApiToken.objects.get()
    admin = client_for(world.admin)
    url = f"/administrasjon/ansatt/{world.caseworker_oslo.pk}/api-nokler/"
    empty = admin.post(url, {})
    assert empty.status_code == 400
    assert "Velg nøkkelen som skal trekkes tilbake." in empty.content.decode()
    admin.post(url, {"token": stored.pk})
    again = admin.post(url, {"token": stored.pk})
    assert again.status_code == 400
    assert "ikke aktiv lenger" in again.content.decode()
    assert AuditEvent.objects.filter(action="api.token_revoked").count() == 1
