"""Login, throttling, demo personas, the health check, security headers and --deploy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from navet.audit.models import AuditEvent
from tests.conftest import World

ROOT = Path(__file__).resolve().parents[2]


def test_login_works_and_is_audited(world: World) -> None:
    client = Client()
    response = client.post("/logg-inn/", {"username": "veileder.oslo", "password": "demo"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(
        action="employee.logged_in", actor=world.caseworker_oslo
    ).exists()
    assert client.get("/").status_code == 200


def test_login_is_throttled_after_repeated_failures(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LOGIN_MAX_FAILURES = 3
    client = Client()
    for _ in range(3):
        assert (
            client.post("/logg-inn/", {"username": "veileder.oslo", "password": "feil"}).status_code
            == 200
        )
    # Now even the right password is refused until the window has passed.
    locked = client.post("/logg-inn/", {"username": "veileder.oslo", "password": "demo"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("variant", [" veileder.oslo", "VEILEDER.OSLO", "\uff56eileder.oslo"])
def test_username_variants_share_one_lock(world: World, settings, variant: str) -> None:  # type: ignore[no-untyped-def]
    settings.LOGIN_MAX_FAILURES = 2
    for _ in range(2):
        Client().post("/logg-inn/", {"username": "veileder.oslo", "password": "feil"})
    response = Client().post("/logg-inn/", {"username": variant, "password": "demo"})
    assert response.status_code == 429


def test_lock_by_address_uses_the_trusted_proxy_hop(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LOGIN_ADDRESS_MAX_FAILURES = 2
    settings.TRUSTED_PROXIES = 1
    attacker = {"HTTP_X_FORWARDED_FOR": "10.9.9.9, 203.0.113.7", "REMOTE_ADDR": "10.0.0.1"}
    for name in ("a.b", "c.d"):
        Client().post("/logg-inn/", {"username": name, "password": "x"}, **attacker)
    # The same load balancer, another client: not locked.
    other = {"HTTP_X_FORWARDED_FOR": "203.0.113.8", "REMOTE_ADDR": "10.0.0.1"}
    ok = Client().post("/logg-inn/", {"username": "veileder.oslo", "password": "demo"}, **other)
    assert ok.status_code == 302
    # The attacker's own address is locked, whatever it claims on the left.
    spoof = {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.7", "REMOTE_ADDR": "10.0.0.1"}
    locked = Client().post("/logg-inn/", {"username": "veileder.oslo", "password": "demo"}, **spoof)
    assert locked.status_code == 429


def test_right_password_without_employee_profile_reads_as_wrong(world: World) -> None:
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user(username="bare.bruker", password="hemmelig123")
    right = Client().post("/logg-inn/", {"username": "bare.bruker", "password": "hemmelig123"})
    wrong = Client().post("/logg-inn/", {"username": "bare.bruker", "password": "feil"})
    assert right.status_code == wrong.status_code == 200
    assert b"ansattprofil" not in right.content
    right_errors = list(right.context["form"].non_field_errors())
    assert right_errors and right_errors == list(wrong.context["form"].non_field_errors())


def test_pages_need_login(db: None) -> None:
    response = Client().get("/personer/sok/")
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


def test_demo_personas_listed_only_in_demo_mode(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEMO_MODE = True
    assert b"veileder.fortrolig" in Client().get("/logg-inn/").content
    settings.DEMO_MODE = False
    assert b"veileder.fortrolig" not in Client().get("/logg-inn/").content


def test_healthz_reports_database(db: None) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_security_headers(world: World) -> None:
    response = Client().get("/logg-inn/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Request-ID"]


def test_language_switch_persists_for_employee(world: World) -> None:
    client = Client()
    client.force_login(world.caseworker_oslo.user)
    response = client.post("/sprak/", {"language": "nn", "next": "/"})
    assert response.status_code == 302
    world.caseworker_oslo.refresh_from_db()
    assert world.caseworker_oslo.language == "nn"
    assert client.get("/")["Content-Language"] == "nn"


# Development switches a production environment never has.
DEV_VARIABLES = {
    "DEBUG",
    "NAVET_DEMO_MODE",
    "NAVET_ALLOW_SYNTHETIC_IDS",
    "NAVET_SECURE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "SECRET_KEY",
}


def manage(*args: str, env_file: str = "", **variables: str) -> subprocess.CompletedProcess[str]:
    """Run manage.py in a clean production-like environment plus `variables`."""
    env = {key: value for key, value in os.environ.items() if key not in DEV_VARIABLES}
    env.update(variables, NAVET_ENV_FILE=env_file)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DATABASE_URL=f"sqlite:///{tmp_path / 'navet.sqlite3'}",
        SECRET_KEY="a-production-secret-" + "x" * 50,
        ALLOWED_HOSTS="navet.example.kommune.no",
        DEBUG="false",
        NAVET_DEMO_MODE="false",
        NAVET_IDPORTEN_ISSUER="https://idporten.no",
        NAVET_CITIZEN_CLIENT_SECRET="a-client-secret-from-digdir",
        NAVET_CITIZEN_PORTAL_URL="https://navet.example.kommune.no/min-side/",
        NAVET_SMS_BACKEND="navet.dialog.sms.ConsoleBackend",
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_production_without_an_id_porten_client_warns_and_refuses_test_id_porten(
    tmp_path: Path,
) -> None:
    production = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'navet.sqlite3'}",
        "SECRET_KEY": "a-production-secret-" + "x" * 50,
        "ALLOWED_HOSTS": "navet.example.kommune.no",
        "DEBUG": "false",
        "NAVET_DEMO_MODE": "false",
    }
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production)
    assert result.returncode != 0
    assert "navet.W010" in result.stderr + result.stdout
    assert "navet.W011" in result.stderr + result.stdout  # notices would link nowhere
    assert "navet.W012" in result.stderr + result.stdout  # no SMS provider
    result = manage("check", NAVET_CITIZEN_IDP="testidp", **production)
    assert result.returncode != 0
    assert "navet.E010" in result.stderr + result.stdout


@pytest.mark.slow
def test_production_settings_refuse_to_start_without_secret_key() -> None:
    result = manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("value", ["maybe", "2x"])
def test_bad_boolean_setting_is_a_clear_error(value: str) -> None:
    result = manage("check", DEBUG=value)
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


@pytest.mark.slow
def test_the_developer_env_file_fills_in_but_never_overrides(tmp_path: Path) -> None:
    env_file = tmp_path / "local.env"
    env_file.write_text("# dev\nNAVET_DEMO_MODE=true\nDEBUG=true\n")
    assert manage("check", env_file=str(env_file)).returncode == 0
    # A value set in the real environment wins over the file.
    overridden = manage("check", env_file=str(env_file), DEBUG="false", NAVET_DEMO_MODE="false")
    assert overridden.returncode != 0
    assert "SECRET_KEY" in overridden.stderr


@pytest.mark.slow
def test_a_malformed_env_file_is_a_clear_error(tmp_path: Path) -> None:
    env_file = tmp_path / "local.env"
    env_file.write_text("DEBUG=true\nthis line has no equals sign\n")
    result = manage("check", env_file=str(env_file))
    assert result.returncode != 0
    assert "line 2: expected KEY=VALUE" in result.stderr
