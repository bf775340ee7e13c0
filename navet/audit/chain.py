"""The hash chains: how one audit row's hash is computed, and how a chain is verified."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Final

GENESIS_HASH: Final = "0" * 64
# How many chains the trail has side by side (ADR 0007). `audit_verify` requires a head for
# each, so raising the number needs a migration that adds the new heads; lowering it leaves
# the old chains, rows and heads as they are, and they are still verified.
CHAINS: Final = 16


def _iso(value: datetime) -> str:
    return value.isoformat(timespec="microseconds")


def row_hash(
    *,
    prev_hash: str,
    row_id: int,
    occurred_at: datetime,
    actor_id: int | None,
    actor_label: str,
    action: str,
    person_id: str | None,
    target_type: str,
    target_id: str,
    reason: str,
    request_id: str,
    data: dict[str, Any],
) -> str:
    content = {
        "id": row_id,
        "occurred_at": _iso(occurred_at),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "person_id": person_id,
        "target_type": target_type,
        "target_id": target_id,
        "reason": reason,
        "request_id": request_id,
        "data": data,
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainRow:
    """The hashed content of one audit row, as stored."""

    FIELDS: ClassVar[tuple[str, ...]] = (
        "id",
        "occurred_at",
        "actor_id",
        "actor_label",
        "action",
        "person_id",
        "target_type",
        "target_id",
        "reason",
        "request_id",
        "data",
        "prev_hash",
        "hash",
    )

    id: int
    occurred_at: datetime
    actor_id: int | None
    actor_label: str
    action: str
    person_id: str | None
    target_type: str
    target_id: str
    reason: str
    request_id: str
    data: dict[str, Any]
    prev_hash: str
    hash: str

    @classmethod
    def from_values(cls, values: dict[str, Any]) -> ChainRow:
        person_id = values["person_id"]
        return cls(**{**values, "person_id": None if person_id is None else str(person_id)})

    @classmethod
    def of(cls, event: Any) -> ChainRow:
        """The row an unsaved AuditEvent will become."""
        return cls.from_values({name: getattr(event, name) for name in cls.FIELDS})

    def expected_hash(self, prev_hash: str) -> str:
        return row_hash(
            prev_hash=prev_hash,
            row_id=self.id,
            occurred_at=self.occurred_at,
            actor_id=self.actor_id,
            actor_label=self.actor_label,
            action=self.action,
            person_id=self.person_id,
            target_type=self.target_type,
            target_id=self.target_id,
            reason=self.reason,
            request_id=self.request_id,
            data=self.data,
        )


@dataclass(frozen=True)
class Break:
    row_id: int
    problem: str
    chain: int = 0


def check_row(row: ChainRow, previous_hash: str, chain: int = 0) -> Break | None:
    """Does this row follow the row before it in its chain?

    A changed row fails its own hash; a removed row leaves the next row pointing at a hash
    that is not its predecessor's; a reordered pair fails on the first of the two.
    """
    if row.prev_hash != previous_hash:
        return Break(
            row.id, "prev_hash does not match the previous row (row removed or moved)", chain
        )
    if row.expected_hash(previous_hash) != row.hash:
        return Break(row.id, "content does not match its hash (row changed)", chain)
    return None
