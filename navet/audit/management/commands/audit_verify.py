"""Check the audit trail's hash chains: exit 0 when intact, 1 naming the first broken row."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from navet.audit.chain import CHAINS
from navet.audit.trail import verify_chain


class Command(BaseCommand):
    help = "Verify the tamper-evident audit trail; exit status 1 names the first broken row."

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(count: int) -> None:
            self.stderr.write(f"  checked {count} rows ...")

        checked, found = verify_chain(progress=progress)
        if found is not None:
            self.stderr.write(
                self.style.ERROR(
                    f"Audit trail BROKEN at row {found.row_id} (chain {found.chain}): "
                    f"{found.problem} "
                    f"({checked} rows read)."
                )
            )
            sys.exit(1)
        self.stdout.write(
            self.style.SUCCESS(f"Audit trail intact: {checked} rows in {CHAINS} chains verified.")
        )
