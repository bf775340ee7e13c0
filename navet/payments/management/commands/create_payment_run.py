"""Prepare a payment run of an office's payments due by a date."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from navet.core.models import Office
from navet.payments.errors import PaymentError
from navet.payments.management.commands._common import employee
from navet.payments.runs import payable, prepare_run


class Command(BaseCommand):
    help = (
        "Prepare a payment run of the office's planned payments due by the date, as the "
        "given employee. Prints the run's reference as the last line. Nothing due: a "
        "message, exit 0, nothing created."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--office", required=True, metavar="NNNN")
        parser.add_argument("--due-by", required=True, metavar="YYYY-MM-DD")
        parser.add_argument("--as", dest="username", required=True, metavar="USERNAME")

    def handle(self, *args: Any, **options: Any) -> None:
        office = Office.objects.filter(number=options["office"]).first()
        if office is None:
            raise CommandError(f"No office with the number {options['office']!r} (--office).")
        try:
            due_by = date.fromisoformat(options["due_by"])
        except ValueError as error:
            raise CommandError(
                f"--due-by {options['due_by']!r} is not a date written YYYY-MM-DD."
            ) from error
        actor = employee(options["username"])
        if not payable(office, due_by).exists():
            self.stdout.write(f"No payments of {office.number} are due by {due_by}; no run made.")
            return
        try:
            run = prepare_run(office=office, due_by=due_by, actor=actor)
        except PaymentError as error:
            raise CommandError(str(error)) from error
        count = run.attempts.count()
        self.stdout.write(f"Prepared {count} payment(s) for approval by someone else.")
        self.stdout.write(run.reference)
