from __future__ import annotations

from django.apps import AppConfig


class StaffConfig(AppConfig):
    """The staff interface: the pages composed from several apps (the start page, the
    person page, the application page and the work lists).
    See docs/decisions/0008-composed-pages.md."""

    name = "navet.staff"
    label = "staff"
    verbose_name = "Navet staff interface"
