"""Import digital applications (Digisos) from folders: soknad.json, vedlegg.json, files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from navet.applications.digisos_import import import_folders
from navet.core.models import Office


class Command(BaseCommand):
    help = (
        "Import Digisos applications. Each PATH is a folder with soknad.json, optionally "
        "vedlegg.json and the attachment files. Every folder is checked against Nav's "
        "schemas first; if any has a problem, nothing is written and every problem is "
        "listed with its file and JSON path (exit 1). An application imported before is "
        "skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--office",
            metavar="NUMBER",
            help="the Nav office (4 digits) for applications addressed to an office Navet "
            "does not have",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        office = None
        if options["office"]:
            office = Office.objects.filter(number=options["office"]).first()
            if office is None:
                raise CommandError(f"--office: no Nav office has the number {options['office']!r}.")
        paths: list[Path] = options["paths"]

        def progress(done: int, total: int) -> None:
            if total >= 20 and (done % max(1, total // 10) == 0 or done == total):
                self.stderr.write(f"  checked {done} of {total} folders ...")

        try:
            report = import_folders(paths, fallback_office=office, progress=progress)
        except Exception as error:
            # A folder's problems come back in the report, so an exception is a bug. Its
            # message may quote the data (a fødselsnummer): only its kind is shown here, and
            # --traceback shows the rest. The import is one transaction, rolled back.
            raise CommandError(
                f"Nothing imported: the import stopped on an unexpected "
                f"{type(error).__name__}. Run again with --traceback to see where.",
                returncode=1,
            ) from error
        if report.problems:
            for problem in report.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"Nothing imported: {len(report.problems)} problem(s) in "
                f"{len(report.refused)} folder(s).",
                returncode=1,
            )
        self.stdout.write(
            f"Imported {len(report.imported)} application(s); "
            f"{len(report.skipped)} already imported and skipped."
        )
