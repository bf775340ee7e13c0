"""A database seeded in demo mode does not start outside demo mode while an account still
has the demo password; `disable_demo_passwords` takes it away."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from navet.core.checks import check_no_demo_passwords
from navet.core.demo_passwords import DEMO_PASSWORD
from tests.conftest import World
from tests.core.test_login_and_health import DEV_VARIABLES

ROOT = Path(__file__).resolve().parents[2]


def test_the_check_is_an_error_outside_demo_mode(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEMO_MODE = False
    problems = check_no_demo_passwords(None)
    assert [p.id for p in problems] == ["navet.E001"]
    assert "veileder.oslo" in problems[0].msg
    assert "disable_demo_passwords" in problems[0].msg
    settings.DEMO_MODE = True
    assert check_no_demo_passwords(None) == []


def test_disable_demo_passwords_clears_the_check(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEMO_MODE = False
    call_command("disable_demo_passwords", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert check_no_demo_passwords(None) == []
    user = get_user_model().objects.get(username="veileder.oslo")
    assert not user.check_password(DEMO_PASSWORD)


def _production(
    tmp_path: Path, *args: str, demo: str, program: tuple[str, ...] = ("manage.py",)
) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in DEV_VARIABLES}
    env.update(
        NAVET_ENV_FILE="",
        DATABASE_URL=f"sqlite:///{tmp_path / 'navet.sqlite3'}",
        SECRET_KEY="a-production-secret-" + "x" * 50,
        DEBUG="false",
        NAVET_DEMO_MODE=demo,
        NAVET_MEDIA_ROOT=str(tmp_path / "media"),
    )
    return subprocess.run(
        [sys.executable, *program, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_a_demo_seeded_database_refuses_to_start_without_demo_mode(tmp_path: Path) -> None:
    assert _production(tmp_path, "migrate", "--noinput", demo="true").returncode == 0
    script = (
        "from django.contrib.auth import get_user_model;"
        "get_user_model().objects.create_user(username='veileder.oslo', password='demo')"
    )
    assert _production(tmp_path, "shell", "-c", script, demo="true").returncode == 0
    refused = _production(tmp_path, "check", demo="false")
    assert refused.returncode != 0
    assert "navet.E001" in refused.stderr and "veileder.oslo" in refused.stderr
    assert "Traceback" not in refused.stderr
    # An application server runs no checks; the WSGI entry point refuses on its own.
    wsgi = _production(tmp_path, "-c", "import navet.wsgi", demo="false", program=())
    assert wsgi.returncode != 0
    assert "demo password" in wsgi.stderr and "disable_demo_passwords" in wsgi.stderr
    fixed = _production(tmp_path, "disable_demo_passwords", demo="false")
    assert fixed.returncode == 0, fixed.stderr
    assert "veileder.oslo" in fixed.stdout
    assert _production(tmp_path, "check", demo="false").returncode == 0
