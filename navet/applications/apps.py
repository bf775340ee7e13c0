from __future__ import annotations

from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "navet.applications"
    label = "applications"
