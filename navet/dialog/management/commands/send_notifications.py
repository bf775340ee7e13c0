"""Send the due notices of new messages (run every minute, e.g. by cron or systemd)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from navet.dialog.notices import send_due


class Command(BaseCommand):
    help = "Send the notices of new messages that are due (SMS and e-mail, never the content)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_due(timezone.now())
        self.stdout.write(f"Notices sent: {result.sent}; failed: {result.failed}.")
