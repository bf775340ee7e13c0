from __future__ import annotations

from django.apps import AppConfig


class CaseloadConfig(AppConfig):
    """The caseload (portefølje): who in follow-up needs what, as counters that are also
    filters, and the tasks read from what they are about (issue 13)."""

    name = "navet.caseload"
    label = "caseload"
    verbose_name = "Navet caseload"
