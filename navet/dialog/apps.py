from __future__ import annotations

from django.apps import AppConfig


class DialogConfig(AppConfig):
    """Messages between a person and the office (dialog), and the notifications that say
    only that there is something new."""

    name = "navet.dialog"
    label = "dialog"
    verbose_name = "Navet dialog"
