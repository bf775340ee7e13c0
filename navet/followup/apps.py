from __future__ import annotations

from django.apps import AppConfig


class FollowupConfig(AppConfig):
    """Oppfølging: the journal (and, in later steps, the mapping, the plan, meetings and
    tasks) of the social worker's follow-up of a person (issue 13)."""

    name = "navet.followup"
    label = "followup"
    verbose_name = "Navet follow-up"
