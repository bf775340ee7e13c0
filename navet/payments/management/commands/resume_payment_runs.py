"""The sweeper: finish the approved runs a killed worker left without a file."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from navet.payments.files import generate_file
from navet.payments.models import PaymentRun, RunState


class Command(BaseCommand):
    help = (
        "Generate the file of every run approved more than N minutes ago that has none yet "
        "(its job died or was never run). Safe to run at any time, as often as wanted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than-minutes", type=int, default=5, metavar="N")

    def handle(self, *args: Any, **options: Any) -> None:
        before = timezone.now() - timedelta(minutes=max(0, options["older_than_minutes"]))
        left = PaymentRun.objects.filter(
            state=RunState.APPROVED, file_sha256="", approved_at__lte=before
        )
        done = 0
        for run in left.order_by("approved_at"):
            generate_file(run)
            done += 1
        self.stdout.write(f"Resumed {done} payment run(s).")
