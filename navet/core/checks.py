"""System checks: production settings that must not slip through `check --deploy`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from navet.core.demo_passwords import demo_password_problem


@register(Tags.security, deploy=True)
def check_demo_mode_off(app_configs: Any, **kwargs: Any) -> list[Warning]:
    problems = []
    if settings.DEMO_MODE:
        problems.append(
            Warning(
                "NAVET_DEMO_MODE is on: demo personas with a shared password can log in.",
                hint="Set NAVET_DEMO_MODE=false in production.",
                id="navet.W001",
            )
        )
    if settings.ALLOW_SYNTHETIC_IDS:
        problems.append(
            Warning(
                "NAVET_ALLOW_SYNTHETIC_IDS is on: Test Norge numbers are accepted as persons.",
                hint="Set NAVET_ALLOW_SYNTHETIC_IDS=false in production.",
                id="navet.W002",
            )
        )
    return problems


@register(Tags.security)
def check_no_demo_passwords(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Outside demo mode, no account may open with the demo password: every command that
    runs the system checks (runserver, migrate, check) refuses to go on."""
    if settings.DEMO_MODE:
        return []
    problem = demo_password_problem()
    if problem is None:
        return []
    return [
        Error(
            problem,
            hint="python manage.py disable_demo_passwords",
            id="navet.E001",
        )
    ]
