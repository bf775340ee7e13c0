from __future__ import annotations

from django.apps import AppConfig


class ControlConfig(AppConfig):
    """The leader's office: internal control, KOSTRA to SSB, what a rate change would cost
    (issue 14). No models of its own; it reads the casework's."""

    name = "navet.control"
    label = "control"
    verbose_name = "Navet internal control"
