"""Import the bank's answers (pain.002 status reports, camt.054 debit notifications)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from navet.iso20022.answers import AnswerFileError
from navet.payments.bank import import_bank_file


class Command(BaseCommand):
    help = (
        "Import each FILE from the bank. A file imported before changes nothing. A file "
        "that cannot be read is reported with what and where, changes nothing, and makes "
        "the command exit 1 after the others are done."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        failed = []
        for path in options["files"]:
            try:
                content = path.read_bytes()
            except OSError as error:
                self.stderr.write(f"{path}: cannot be read ({error.strerror}).")
                failed.append(path)
                continue
            try:
                result = import_bank_file(content=content, filename=path.name, actor=None)
            except AnswerFileError as error:
                self.stderr.write(f"{path}: {error.kind} at {error.where or '-'}: {error.detail}")
                failed.append(path)
                continue
            if result.already:
                self.stdout.write(f"{path}: imported before; nothing changed.")
            else:
                self.stdout.write(
                    f"{path}: {result.kind}: {len(result.paid)} paid, {len(result.accepted)} "
                    f"accepted, {len(result.rejected)} rejected, {len(result.unmatched)} unmatched."
                )
        if failed:
            raise CommandError(f"{len(failed)} file(s) could not be imported.", returncode=1)
