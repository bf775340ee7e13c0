"""The demo password outside demo mode: found, refused at start-up, and disabled.

A database seeded in demo mode gives the personas the password `demo`. Started later
without demo mode (a demo copied to a server, a test database promoted), those accounts
would still open with it. Navet refuses to start then (`navet.core.checks`, and the WSGI
entry point), and `manage.py disable_demo_passwords` takes the password away.
"""

from __future__ import annotations

from typing import Final

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import DatabaseError, transaction
from django.utils import timezone

from navet.audit import trail
from navet.audit.vocabulary import AuditAction

DEMO_PASSWORD: Final = "demo"  # noqa: S105 - the documented demo password, demo mode only
# Accounts with a local password are few in production (staff log in through OIDC); the
# check looks at no more than this many, so start-up stays quick in any case.
CHECKED_ACCOUNTS = 500


def accounts_with_demo_password() -> list[AbstractBaseUser]:
    """Active accounts whose password is the demo password. An empty list when the
    database has no tables yet (before `migrate`)."""
    user_model = get_user_model()
    try:
        candidates = list(
            user_model.objects.filter(is_active=True)
            .exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
            .exclude(password="")
            .order_by("pk")[:CHECKED_ACCOUNTS]
        )
    except DatabaseError:
        return []
    return [user for user in candidates if user.check_password(DEMO_PASSWORD)]


def demo_password_problem() -> str | None:
    """What is wrong, in one line, or None."""
    found = accounts_with_demo_password()
    if not found:
        return None
    names = ", ".join(sorted(user.get_username() for user in found))
    return (
        f"{len(found)} account(s) still have the demo password ({names}) and "
        "NAVET_DEMO_MODE is off. Run `python manage.py disable_demo_passwords` to take "
        "the password away, or start in demo mode."
    )


@transaction.atomic
def disable_demo_passwords() -> list[str]:
    """Give every account that has the demo password an unusable one. Audited."""
    disabled = []
    for user in accounts_with_demo_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
        disabled.append(user.get_username())
    if disabled:
        trail.record(
            actor=None,
            action=AuditAction.DEMO_PASSWORDS_DISABLED,
            data={"usernames": sorted(disabled), "at": timezone.now().isoformat()},
        )
    return disabled
