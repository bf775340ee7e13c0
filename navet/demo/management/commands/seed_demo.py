"""Load the deterministic demo data set: offices, staff personas, persons and households."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from navet.demo.persons import seed_demo
from navet.people.models import Person


def _not_negative(raw: str) -> int:
    value = int(raw)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


class Command(BaseCommand):
    help = (
        "Create synthetic demo data (Test Norge fødselsnumre only). Deterministic for a seed "
        "and safe to rerun: what exists already is left alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=_not_negative, default=300, help="default 300")
        parser.add_argument("--seed", type=int, default=1, help="default 1")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when any person exists (for `make run`)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Person.objects.exists():
            self.stdout.write("Demo data not loaded: the database already has persons.")
            return

        def progress(count: int) -> None:
            self.stderr.write(f"  {count} persons ...")

        summary = seed_demo(persons=options["persons"], seed=options["seed"], progress=progress)
        self.stdout.write(summary.line())
