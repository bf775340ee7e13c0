"""Approve a prepared payment run (four eyes: not as the one who prepared it)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from navet.payments.errors import PaymentError
from navet.payments.management.commands._common import employee, run
from navet.payments.runs import approve_run


class Command(BaseCommand):
    help = "Approve a prepared payment run as the given employee; the file job is enqueued."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("run", metavar="RUN")
        parser.add_argument("--as", dest="username", required=True, metavar="USERNAME")

    def handle(self, *args: Any, **options: Any) -> None:
        found = run(options["run"])
        try:
            approved = approve_run(run=found, actor=employee(options["username"]))
        except PaymentError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Approved {approved.reference}: message id {approved.message_id}, "
            f"execution date {approved.execution_date}."
        )
