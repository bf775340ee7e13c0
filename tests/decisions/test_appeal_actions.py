"""register_appeal: an appeal cannot be received before the decision was made (the
forwarding letter states decision date ≤ received ≤ letter date)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from navet.decisions import actions, appeal_actions
from navet.decisions.models import Appeal, DecisionState
from tests.conftest import World
from tests.factories import make_decision


def test_an_appeal_before_the_decision_is_refused(world: World, application: Any) -> None:
    decision = make_decision(
        case=application.cases.get(), drafted_by=world.caseworker_oslo, state=DecisionState.MADE
    )
    with pytest.raises(actions.DecisionError):
        appeal_actions.register_appeal(
            decision=decision,
            received_on=timezone.localdate() - timedelta(days=1),
            summary="For tidlig",
            actor=world.caseworker_oslo,
        )
    assert not Appeal.objects.exists()
