"""Write each application's innsyn event history as a digisos-soker.json file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from uuid import UUID

from django.core.management.base import BaseCommand, CommandError, CommandParser

from navet.applications.exports import export_events
from navet.applications.models import Application


class Command(BaseCommand):
    help = (
        "Write one digisos-soker.json per application to DIR (named by the Digisos id). Each "
        "file is validated against Nav's schema and the rules innsyn relies on before it is "
        "written; an application whose file has a problem is reported and not written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, required=True, metavar="DIR")
        parser.add_argument("--all", action="store_true", help="every application")
        parser.add_argument("ids", nargs="*", metavar="APPLICATION_ID")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all"] == bool(options["ids"]):
            raise CommandError("Give either --all or one or more APPLICATION_IDs.")
        applications = Application.objects.select_related("office").order_by("received_at")
        if options["ids"]:
            ids = []
            for raw in options["ids"]:
                try:
                    ids.append(UUID(raw))
                except ValueError as error:
                    raise CommandError(f"{raw!r} is not an application id (a UUID).") from error
            found = set(applications.filter(pk__in=ids).values_list("pk", flat=True))
            missing = [str(i) for i in ids if i not in found]
            if missing:
                raise CommandError(f"No application with id {', '.join(missing)}.")
            applications = applications.filter(pk__in=ids)
        total = applications.count()

        def progress(done: int) -> None:
            if total >= 50 and (done % max(1, total // 10) == 0 or done == total):
                self.stderr.write(f"  {done} of {total} applications ...")

        result = export_events(applications.iterator(chunk_size=200), options["out"], progress)
        for application_id, problems in result.failed.items():
            for problem in problems:
                self.stderr.write(f"{application_id}: {problem}")
        self.stdout.write(
            f"Wrote {result.written} file(s) to {options['out']}; {len(result.failed)} refused."
        )
        if result.failed:
            raise CommandError(json.dumps(sorted(result.failed)), returncode=1)
