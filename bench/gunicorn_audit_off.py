"""Gunicorn settings for the unaudited baseline of bench/audit_concurrency.py, and nothing else.

    gunicorn -c bench/gunicorn_audit_off.py navet.wsgi:application

Once a worker has loaded the application, `trail.record` and `trail.record_many` become
no-ops in that worker process. Navet's own code has no switch for this: auditing can only
be turned off by starting a server with this file, which lives outside the `navet` package
and is never deployed.
"""

from __future__ import annotations

from typing import Any


def post_worker_init(worker: Any) -> None:
    from navet.audit import trail
    from navet.audit.models import AuditEvent

    def record(**kwargs: Any) -> AuditEvent:
        return AuditEvent()

    def record_many(**kwargs: Any) -> list[AuditEvent]:
        return []

    trail.record = record  # type: ignore[assignment]
    trail.record_many = record_many  # type: ignore[assignment]
    worker.log.warning("bench: the audit trail is OFF in worker %s", worker.pid)
