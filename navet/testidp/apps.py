from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class TestIdpConfig(AppConfig):
    """Test-ID-porten: a real OpenID Connect provider for the demo and the tests, shaped like
    ID-porten (ADR 0010). Mounted at /test-idporten/ only in demo mode."""

    name = "navet.testidp"
    label = "testidp"
    verbose_name = "Test-ID-porten"

    def ready(self) -> None:
        from navet.testidp import checks  # noqa: F401  (registers the system check)

        post_migrate.connect(_register_demo_client, sender=self)


def _register_demo_client(sender: Any, **kwargs: Any) -> None:
    """Every migrate (and every flush in the tests) leaves the demo's client registered."""
    from django.conf import settings

    from navet.testidp.clients import register_demo_client

    if settings.DEMO_MODE and settings.CITIZEN_IDP == "testidp":
        register_demo_client(using=kwargs.get("using", "default"))
