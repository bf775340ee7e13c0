"""Check the audit trail's hash chains: exit 0 when intact, 1 naming the first broken row.

`--write-anchor FILE` writes the chains' heads to FILE for the backup report once the
chains are intact; `--anchor FILE` also checks that every row such a file anchored is
still in its chain with its hash (navet/audit/anchor.py).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from navet.audit.anchor import AnchorError, check_anchor, read_anchor, write_anchor
from navet.audit.chain import CHAINS, Break
from navet.audit.trail import verify_chain


class Command(BaseCommand):
    help = "Verify the tamper-evident audit trail; exit status 1 names the first broken row."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--anchor",
            type=Path,
            help="a file written earlier by --write-anchor: its rows must still be there",
        )
        parser.add_argument(
            "--write-anchor",
            type=Path,
            help="write the chains' heads to this file when the trail is intact",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        anchored = None
        if options["anchor"] is not None:
            try:
                anchored = read_anchor(options["anchor"])
            except AnchorError as error:
                raise CommandError(str(error)) from None

        def progress(count: int) -> None:
            self.stderr.write(f"  checked {count} rows ...")

        checked, found = verify_chain(progress=progress)
        if found is None and anchored is not None:
            found = check_anchor(anchored)
        if found is not None:
            self._broken(found, checked)
        self.stdout.write(
            self.style.SUCCESS(f"Audit trail intact: {checked} rows in {CHAINS} chains verified.")
        )
        if anchored is not None:
            self.stdout.write(f"Every row anchored in {options['anchor']} is in place.")
        if options["write_anchor"] is not None:
            count = write_anchor(options["write_anchor"])
            self.stdout.write(f"{count} chain heads written to {options['write_anchor']}.")

    def _broken(self, found: Break, checked: int) -> None:
        self.stderr.write(
            self.style.ERROR(
                f"Audit trail BROKEN at row {found.row_id} (chain {found.chain}): "
                f"{found.problem} ({checked} rows read)."
            )
        )
        sys.exit(1)
