"""What the decisions layer tells the layers above it, without knowing them: a decision was
made. Sent inside the transaction that made it, so a receiver's changes (the payments a
grant plans) commit or roll back with the decision."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with decision= (the made Decision) and actor= (the Employee who made it).
decision_made = Signal()

# Sent with follow_up= (the ConditionFollowUp just recorded) and actor= (the Employee).
condition_followed_up = Signal()
