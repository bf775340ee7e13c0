"""Test-ID-porten lets anyone log in as anyone: it may never run outside demo mode."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security)
def check_testidp_only_in_demo(app_configs: Any, **kwargs: Any) -> list[Error]:
    if settings.CITIZEN_IDP == "testidp" and not settings.DEMO_MODE:
        return [
            Error(
                "NAVET_CITIZEN_IDP=testidp without demo mode: Test-ID-porten lets anyone log "
                "in as any person.",
                hint="Set NAVET_CITIZEN_IDP=idporten and NAVET_IDPORTEN_ISSUER in production.",
                id="navet.E010",
            )
        ]
    if settings.CITIZEN_IDP not in ("idporten", "testidp"):
        return [
            Error(
                f"NAVET_CITIZEN_IDP must be idporten or testidp, not {settings.CITIZEN_IDP!r}.",
                id="navet.E011",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_idporten_configured(app_configs: Any, **kwargs: Any) -> list[Warning]:
    if settings.CITIZEN_IDP != "idporten":
        return []
    if settings.IDPORTEN_ISSUER and settings.CITIZEN_CLIENT_SECRET:
        return []
    return [
        Warning(
            "The citizen portal has no ID-porten client: citizens cannot log in.",
            hint="Set NAVET_IDPORTEN_ISSUER, NAVET_CITIZEN_CLIENT_ID and "
            "NAVET_CITIZEN_CLIENT_SECRET.",
            id="navet.W010",
        )
    ]
