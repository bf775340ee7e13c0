from __future__ import annotations

from navet.applications.actions import CaseworkError


class PaymentError(CaseworkError):
    """A payment step that is not allowed now; the message says why, for the user."""
