"""Revoke API tokens: one by its prefix, or every active token of one employee."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from navet.api.actions import revoke_api_token
from navet.api.models import ApiToken


class Command(BaseCommand):
    help = (
        "Revoke API tokens at once: --prefix PREFIX (the start of the token, "
        "as listed on the administrator's page) or --username NAME (all that employee's "
        "active tokens). Audited; safe to rerun."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--prefix", help="the start of the token, as listed")
        which.add_argument("--username", help="revoke every active token of this employee")

    def handle(self, *args: Any, **options: Any) -> None:
        tokens = ApiToken.objects.active().select_related("employee")
        if options["prefix"] is not None:
            tokens = tokens.filter(prefix=options["prefix"])
            label = "--prefix"
        else:
            tokens = tokens.filter(employee__user__username=options["username"])
            label = "--username"
        found = list(tokens)
        if not found:
            raise CommandError(f"{label}: no active token matches.")
        revoked = sum(revoke_api_token(token=token, actor=None) for token in found)
        self.stdout.write(f"Revoked {revoked} token(s).")
