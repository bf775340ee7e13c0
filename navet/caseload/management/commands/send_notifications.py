"""Send the notices that are due (run every minute, e.g. by cron or systemd): first plan
the reminders of the coming meetings, then send every due notice of a new message or a
meeting, each once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from navet.caseload.reminders import plan_meeting_reminders
from navet.dialog.notices import send_due


class Command(BaseCommand):
    help = (
        "Plan meeting reminders and send the notices that are due (SMS and e-mail; never a "
        "message's content, nor a meeting's topic or place)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        planned = plan_meeting_reminders(now)
        result = send_due(now)
        self.stdout.write(
            f"Meeting reminders planned: {planned}. Notices sent: {result.sent}; "
            f"failed: {result.failed}."
        )
