from __future__ import annotations

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Synthetic demo data (Test Norge numbers only). Nothing in Navet imports this app."""

    name = "navet.demo"
    label = "demo"
    verbose_name = "Navet demo data"
