from __future__ import annotations

from django.apps import AppConfig


class FollowupConfig(AppConfig):
    """Oppfølging: the journal, meetings, the plan (and, in later steps, the mapping and
    tasks) of the social worker's follow-up of a person (issue 13)."""

    name = "navet.followup"
    label = "followup"
    verbose_name = "Navet follow-up"

    def ready(self) -> None:
        # A made decision's conditions come into the plan in the same transaction, and a
        # condition followed up as met completes its activity.
        from navet.decisions.signals import condition_followed_up, decision_made
        from navet.followup.plan_actions import condition_followed_up as on_followed_up
        from navet.followup.plan_actions import conditions_into_plan

        decision_made.connect(conditions_into_plan, dispatch_uid="followup.conditions")
        condition_followed_up.connect(on_followed_up, dispatch_uid="followup.condition_met")
