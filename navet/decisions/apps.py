from __future__ import annotations

from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "navet.decisions"
    label = "decisions"
