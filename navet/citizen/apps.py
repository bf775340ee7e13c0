from __future__ import annotations

from django.apps import AppConfig


class CitizenConfig(AppConfig):
    """The citizen's own Navet ("Min side"): the ID-porten login and the portal pages.
    See docs/decisions/0010-citizen-login.md."""

    name = "navet.citizen"
    label = "citizen"
    verbose_name = "Navet – Min side"
