"""An anchor outside the database catches who rewrites rows *and* heads consistently,
which the chains alone cannot: audit_verify --write-anchor, then --anchor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from navet.audit.chain import CHAINS, GENESIS_HASH, ChainRow
from navet.audit.models import AuditEvent, AuditHead
from tests.audit.tools import record_reads, tamper, verify
from tests.conftest import World


def test_the_anchor_holds_every_head_and_later_appends_stillverify(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = record_reads(world, 3)
    anchor = tmp_path / "heads.json"
    assert verify("--write-anchor", str(anchor)) == 0
    heads = json.loads(anchor.read_text())["audit_heads"]
    assert len(heads) == CHAINS
    assert {"chain": events[-1].chain, "last_id": events[-1].id, "last_hash": events[-1].hash} in (
        heads
    )

    record_reads(world, 2)
    assert verify("--anchor", str(anchor)) == 0
    assert "Every row anchored" in capsys.readouterr().out


def test_a_truncation_with_its_head_moved_back_is_caught_only_by_the_anchor(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = record_reads(world, 3)
    anchor = tmp_path / "heads.json"
    assert verify("--write-anchor", str(anchor)) == 0
    last, before = events[-1], events[-2]
    with tamper():
        AuditEvent.objects.filter(pk=last.pk).delete()
    AuditHead.objects.filter(chain=last.chain).update(last_id=before.id, last_hash=before.hash)

    assert verify() == 0, "the chain and its head agree: only the anchor can tell"
    assert verify("--anchor", str(anchor)) == 1
    assert f"row {last.id}, the anchored end of chain {last.chain}, is gone" in (
        capsys.readouterr().err
    )


def test_a_row_rewritten_with_a_new_hash_and_head_is_caught_by_the_anchor(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (only,) = record_reads(world, 1)
    anchor = tmp_path / "heads.json"
    assert verify("--write-anchor", str(anchor)) == 0
    only.data = {"n": "rewritten"}
    new_hash = ChainRow.of(only).expected_hash(GENESIS_HASH)
    with tamper():
        AuditEvent.objects.filter(pk=only.pk).update(data=only.data, hash=new_hash)
    AuditHead.objects.filter(chain=only.chain).update(last_hash=new_hash)

    assert verify() == 0
    assert verify("--anchor", str(anchor)) == 1
    assert "is not the row anchored" in capsys.readouterr().err


def test_a_broken_trail_writes_no_anchor(world: World, tmp_path: Path) -> None:
    events = record_reads(world, 2)
    with tamper():
        AuditEvent.objects.filter(pk=events[0].pk).update(reason="changed")
    anchor = tmp_path / "heads.json"
    assert verify("--write-anchor", str(anchor)) == 1
    assert not anchor.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot be read"),
        (
            "{not json",
            "not valid JSON (Expecting property name enclosed in double quotes at line 1",
        ),
        ('{"heads": []}', "audit_heads must be a list"),
        ('{"audit_heads": [7]}', "audit_heads[0] must be an object"),
        ('{"audit_heads": [{"chain": -1, "last_id": 1, "last_hash": "a"}]}', "[0].chain"),
        ('{"audit_heads": [{"chain": 0, "last_id": "1", "last_hash": "a"}]}', "[0].last_id"),
        ('{"audit_heads": [{"chain": 0, "last_id": 1, "last_hash": "abc"}]}', "[0].last_hash"),
    ],
)
def test_a_bad_anchor_file_is_named_with_the_place(
    world: World, tmp_path: Path, content: str | None, message: str
) -> None:
    record_reads(world, 1)
    anchor = tmp_path / "heads.json"
    if content is not None:
        anchor.write_text(content)
    with pytest.raises(CommandError) as raised:
        call_command("audit_verify", "--anchor", str(anchor))
    assert str(anchor) in str(raised.value)
    assert message in str(raised.value)
