"""The background steps of a payment run. Each is idempotent: run twice, or after a crash,
it finishes the same run with the same result."""

from __future__ import annotations

from django_tasks import task


@task()
def generate_file_task(run_id: str) -> str:
    """Generate (or confirm) the bank file of an approved run; returns its sha256."""
    from navet.payments.files import generate_file
    from navet.payments.models import PaymentRun

    run = PaymentRun.objects.get(pk=run_id)
    return generate_file(run).file_sha256
