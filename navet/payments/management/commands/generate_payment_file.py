"""Generate (or confirm) the bank file of an approved run. Safe to repeat."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from navet.payments.errors import PaymentError
from navet.payments.files import generate_file
from navet.payments.management.commands._common import run


class Command(BaseCommand):
    help = (
        "Generate the pain.001 file of an approved run, or, when it exists, check that "
        "generating it again gives the same bytes. Prints the file's sha256."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("run", metavar="RUN")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            generated = generate_file(run(options["run"]))
        except PaymentError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{generated.reference} {generated.message_id}.xml")
        self.stdout.write(generated.file_sha256)
