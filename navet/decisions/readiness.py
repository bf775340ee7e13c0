"""What would still block a draft if the caseworker saved what the form holds now: the
assessment page asks while the caseworker types, so its "Dette mangler" box is never stale.
Nothing is saved; the decision is changed only in memory, on a copy."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from navet.decisions.actions import ASSESSMENT_FIELDS, blockers
from navet.decisions.calculation import calculate
from navet.decisions.models import Decision


def blockers_with(decision: Decision, changes: Mapping[str, Any]) -> list[str]:
    """`blockers` of the draft as it would be with `changes` (the form's valid fields)."""
    trial = copy.copy(decision)
    for field in ASSESSMENT_FIELDS:
        if field in changes:
            setattr(trial, field, changes[field])
    trial.calculation = calculate(trial).to_json()
    return blockers(trial)
