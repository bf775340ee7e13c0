from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "navet.core"
    label = "core"
    verbose_name = "Navet core"

    def ready(self) -> None:
        from navet.core import checks  # noqa: F401  (registers system checks)
