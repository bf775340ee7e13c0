"""Take the demo password away from every account that still has it (audited)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from navet.core.demo_passwords import disable_demo_passwords


class Command(BaseCommand):
    help = (
        "Give every account that still has the demo password an unusable password, so a "
        "database seeded in demo mode can run without it. Safe to rerun."
    )
    # This command is the remedy the start-up check points to, so it must run past it.
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        disabled = disable_demo_passwords()
        if disabled:
            self.stdout.write(
                f"Disabled the demo password of {len(disabled)} account(s): {', '.join(disabled)}."
            )
        else:
            self.stdout.write("No account has the demo password.")
