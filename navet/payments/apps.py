from __future__ import annotations

from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "navet.payments"
    label = "payments"

    def ready(self) -> None:
        # A made decision plans its payments in the same transaction (navet/payments/plans.py).
        from navet.decisions.signals import decision_made
        from navet.payments.actions import plan_for_made_decision

        decision_made.connect(plan_for_made_decision, dispatch_uid="payments.plan")
