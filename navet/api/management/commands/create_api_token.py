"""Create an API token for a machine client acting as an employee. Printed once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from navet.api.models import PREFIX_LENGTH, ApiToken, hash_token
from navet.audit import trail
from navet.core.models import Employee


class Command(BaseCommand):
    help = "Create a bearer token for the API that acts as the given employee (shown once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True, help="the employee's user name")
        parser.add_argument("--name", required=True, help="what the token is for")
        parser.add_argument("--days", type=int, default=90, help="valid for (default 90)")

    def handle(self, *args: Any, **options: Any) -> None:
        employee = Employee.objects.filter(user__username=options["username"]).first()
        if employee is None:
            raise CommandError(
                f"--username: no employee has the user name {options['username']!r}."
            )
        if not 1 <= options["days"] <= 366:
            raise CommandError("--days: must be between 1 and 366.")
        secret = ApiToken.new_secret()
        with transaction.atomic():
            token = ApiToken.objects.create(
                employee=employee,
                name=options["name"],
                prefix=secret[:PREFIX_LENGTH],
                token_hash=hash_token(secret),
                expires_at=timezone.now() + timedelta(days=options["days"]),
            )
            trail.record(
                actor=employee,
                action="api.token_created",
                target=token,
                data={"name": token.name, "days": options["days"]},
            )
        self.stdout.write(secret)
