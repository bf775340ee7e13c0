"""Write every generated payment file to a folder, named by its message id, with a
manifest. Each file is written to a temporary name and renamed, so a repeated export
never leaves half a file."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from navet.payments.models import PaymentRun

WITH_FILE = ("generated", "sent", "settled")


def write_atomically(path: Path, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Command(BaseCommand):
    help = "Write every generated payment file to DIR as <message id>.xml, plus manifest.json."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, required=True, metavar="DIR")

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        if out.exists() and not out.is_dir():
            raise CommandError(f"--out {out} is a file, not a folder.")
        out.mkdir(parents=True, exist_ok=True)
        manifest = []
        runs = PaymentRun.objects.filter(state__in=WITH_FILE).select_related("office")
        for run in runs.order_by("approved_at", "reference"):
            content = run.stored_file()
            name = f"{run.message_id}.xml"
            write_atomically(out / name, content)
            manifest.append(
                {
                    "file": name,
                    "run": run.reference,
                    "office": run.office.number,
                    "execution_date": run.execution_date.isoformat()
                    if run.execution_date
                    else None,
                    "transactions": run.attempts.count(),
                    "sha256": run.file_sha256,
                    "state": run.state,
                }
            )
        write_atomically(
            out / "manifest.json",
            (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode(),
        )
        self.stdout.write(f"Wrote {len(manifest)} payment file(s) and manifest.json to {out}.")
