"""Create an API token for a machine client acting as an employee. Printed once."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from navet.api.actions import create_api_token
from navet.core.models import Employee


class Command(BaseCommand):
    help = (
        "Create a bearer token for the API that acts as the given employee (shown once). "
        "It expires after --days (default NAVET_API_TOKEN_DEFAULT_DAYS, 90)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True, help="the employee's user name")
        parser.add_argument("--name", required=True, help="what the token is for")
        parser.add_argument(
            "--days", type=int, default=settings.API_TOKEN_DEFAULT_DAYS, help="valid for"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        employee = (
            Employee.objects.select_related("user")
            .filter(user__username=options["username"])
            .first()
        )
        if employee is None:
            raise CommandError(
                f"--username: no employee has the user name {options['username']!r}."
            )
        if not employee.user.is_active:
            raise CommandError("--username: the employee is deactivated.")
        if not employee.works_with_persons:
            raise CommandError("--username: the employee is neither caseworker nor leader.")
        if not 1 <= options["days"] <= 366:
            raise CommandError("--days: must be between 1 and 366.")
        if not 1 <= len(options["name"]) <= 100:
            raise CommandError("--name: must be 1 to 100 characters.")
        created = create_api_token(employee=employee, name=options["name"], days=options["days"])
        self.stdout.write(created.secret)
