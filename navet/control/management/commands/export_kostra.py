"""Write the KOSTRA file for a municipality and a year (skjema 11F), after SSB's control
rules. A file with errors is not written: the errors are listed with the line and journal
number, to fix in Navet (the leader's KOSTRA page links each to its case)."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.control.kostra import FORM, KostraError, Unit, build
from navet.kostra.layout import available_years


class Command(BaseCommand):
    help = "Write KOSTRA skjema 11F for a municipality and a year, checked by SSB's rules."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--form", required=True, help="The form: 11F.")
        parser.add_argument("--year", required=True, help="The reporting year, e.g. 2026.")
        parser.add_argument(
            "--municipality", required=True, help="Kommunenummer, four digits, e.g. 0301."
        )
        parser.add_argument(
            "--district",
            default="",
            help="Oslo only: SSB's district number (01-15); Oslo reports per bydel.",
        )
        parser.add_argument("--out", required=True, help="The file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["form"] != FORM:
            raise CommandError(f"--form: only {FORM} can be exported, not {options['form']!r}.")
        years = available_years(FORM)
        if not re.fullmatch(r"\d{4}", options["year"]) or int(options["year"]) not in years:
            raise CommandError(
                f"--year: {options['year']!r} is not a year SSB has a layout for "
                f"({', '.join(map(str, years))})."
            )
        if not re.fullmatch(r"\d{4}", options["municipality"]):
            raise CommandError(f"--municipality: {options['municipality']!r} is not four digits.")
        out = Path(options["out"])
        if not out.parent.is_dir():
            raise CommandError(f"--out: the folder {str(out.parent)!r} does not exist.")
        year = int(options["year"])
        self.stdout.write(f"Reading payments, persons and decisions for {year} …")
        try:
            export = build(year, Unit(options["municipality"], options["district"]))
        except KostraError as error:
            raise CommandError(str(error)) from error
        summary = export.summary
        self.stdout.write(
            f"{summary.recipients} recipients; bidrag {summary.grants} kr, lån {summary.loans} "
            f"kr. {len(export.errors)} errors, {len(export.warnings)} warnings."
        )
        for finding in export.findings:
            self.stdout.write(
                f"  {finding.severity} Kontroll {finding.rule}, line {finding.line} "
                f"(journal {finding.journal_number or '-'}): {finding.message}"
            )
        if not export.final:
            raise CommandError(
                f"The file has {len(export.errors)} errors and was not written. "
                "Fix them in Navet (the leader's KOSTRA page links to each case) and run again."
            )
        handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=".kostra-")
        with os.fdopen(handle, "w", encoding="ascii", newline="\n") as file:
            file.write(export.text)
        os.replace(temporary, out)
        trail.record_many(
            actor=None,
            action=AuditAction.KOSTRA_REPORTED,
            persons=[r.person for r in export.recipients],
            data={"year": year, "form": FORM},
        )
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(export.recipients)} records to {out}."))
