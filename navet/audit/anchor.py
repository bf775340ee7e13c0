"""An anchor for the audit trail outside the database: the chains' heads, written to a file.

The chains and their heads catch a change, a deletion, a reordering and a truncation. Who
can rewrite rows *and* heads is caught only by a copy kept elsewhere: `audit_verify
--write-anchor FILE` writes every head (chain, last row, its hash) as JSON for the daily
backup report, and `audit_verify --anchor FILE` later checks that every anchored row is
still in its chain with that hash. Rows appended since then are checked by the chains.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from navet.audit.chain import Break
from navet.audit.models import AuditEvent, AuditHead

_HASH = re.compile(r"[0-9a-f]{64}")


class AnchorError(ValueError):
    """An anchor file that cannot be read; the message names the file and the place."""


def current_anchor() -> list[dict[str, Any]]:
    return [
        {"chain": head.chain, "last_id": head.last_id, "last_hash": head.last_hash}
        for head in AuditHead.objects.order_by("chain")
    ]


def write_anchor(path: Path) -> int:
    """Write the heads to `path`; return how many."""
    heads = current_anchor()
    path.write_text(json.dumps({"audit_heads": heads}, indent=2) + "\n", encoding="utf-8")
    return len(heads)


def read_anchor(path: Path) -> list[tuple[int, int, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise AnchorError(f"{path}: cannot be read ({error.strerror})") from None
    except json.JSONDecodeError as error:
        raise AnchorError(
            f"{path}: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from None
    heads = data.get("audit_heads") if isinstance(data, dict) else None
    if not isinstance(heads, list):
        raise AnchorError(f"{path}: audit_heads must be a list of heads")
    out = []
    for i, head in enumerate(heads):
        where = f"{path}: audit_heads[{i}]"
        if not isinstance(head, dict):
            raise AnchorError(f"{where} must be an object with chain, last_id and last_hash")
        chain, last_id, last_hash = head.get("chain"), head.get("last_id"), head.get("last_hash")
        if not isinstance(chain, int) or isinstance(chain, bool) or chain < 0:
            raise AnchorError(f"{where}.chain must be a chain number")
        if not isinstance(last_id, int) or isinstance(last_id, bool) or last_id < 0:
            raise AnchorError(f"{where}.last_id must be a row id (0 for an empty chain)")
        if not isinstance(last_hash, str) or not _HASH.fullmatch(last_hash):
            raise AnchorError(f"{where}.last_hash must be 64 hexadecimal digits")
        out.append((chain, last_id, last_hash))
    return out


def check_anchor(heads: list[tuple[int, int, str]]) -> Break | None:
    """The first anchored row that is gone or no longer the same, or None."""
    anchored = {last_id: (chain, last_hash) for chain, last_id, last_hash in heads if last_id}
    found = {
        row_id: (chain, row_hash)
        for row_id, chain, row_hash in AuditEvent.objects.filter(id__in=anchored).values_list(
            "id", "chain", "hash"
        )
    }
    for row_id, (chain, row_hash) in sorted(anchored.items()):
        if row_id not in found:
            return Break(row_id, f"row {row_id}, the anchored end of chain {chain}, is gone", chain)
        if found[row_id] != (chain, row_hash):
            return Break(
                row_id,
                f"row {row_id}, the anchored end of chain {chain}, is not the row anchored",
                chain,
            )
    return None
