"""Write every stored letter (PDF/A) with a manifest, for archiving or transfer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from navet.applications.exports import export_documents


class Command(BaseCommand):
    help = (
        "Write every document (letter) to DIR as <document id>.pdf, with manifest.json "
        "listing id, application, case, kind, title, language, created time, size and "
        "SHA-256. A file already there with the right checksum is left alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, required=True, metavar="DIR")

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(done: int, total: int) -> None:
            if total >= 50 and (done % max(1, total // 10) == 0 or done == total):
                self.stderr.write(f"  {done} of {total} documents ...")

        result = export_documents(options["out"], progress)
        self.stdout.write(
            f"Wrote {result.written} document(s) to {options['out']} "
            f"({result.unchanged} unchanged) and manifest.json."
        )
