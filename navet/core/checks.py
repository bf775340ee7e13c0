"""System checks: production settings that must not slip through `check --deploy`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


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
