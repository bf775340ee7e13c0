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


@register(Tags.security, deploy=True)
def check_notices_configured(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """Notices of new messages need the portal's public address and an SMS provider."""
    problems = []
    if not settings.CITIZEN_PORTAL_URL.startswith("https://"):
        problems.append(
            Warning(
                "NAVET_CITIZEN_PORTAL_URL is not an https address: notices of new messages "
                "would link to the wrong place.",
                hint="Set NAVET_CITIZEN_PORTAL_URL to the portal's public address.",
                id="navet.W011",
            )
        )
    if settings.SMS_BACKEND.endswith(".NotConfigured"):
        problems.append(
            Warning(
                "No SMS provider: notices by SMS are not sent.",
                hint="Set NAVET_SMS_BACKEND to the provider's backend class.",
                id="navet.W012",
            )
        )
    return problems
