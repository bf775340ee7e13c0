"""Every audit action Navet writes has words for the reader: a code written anywhere in
navet/ that AuditAction lacks fails here, and the access log never shows a raw code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from navet.access.models import ReviewStatus
from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from tests.conftest import World, client_for

NAVET = Path(__file__).resolve().parents[2] / "navet"
LITERAL = re.compile(r'action=(?:"([a-z_]+\.[a-z_]+)"(?: if [^\n]* else "([a-z_]+\.[a-z_]+)")?)')
MEMBER = re.compile(r"AuditAction\.([A-Z_]+)")
OVERRIDE_TEMPLATE = re.compile(r'f"access\.override_\{status\}"')


def written_codes() -> set[str]:
    codes: set[str] = set()
    for path in NAVET.rglob("*.py"):
        if "migrations" in path.parts or path.name == "vocabulary.py":
            continue
        text = path.read_text(encoding="utf-8")
        for match in LITERAL.finditer(text):
            codes.update(code for code in match.groups() if code)
        # A member that does not exist fails on import already; the scan counts it too.
        codes.update(AuditAction[name].value for name in MEMBER.findall(text))
        if OVERRIDE_TEMPLATE.search(text):
            codes.update(
                f"access.override_{status}" for status in ReviewStatus.values if status != "pending"
            )
    return codes


def test_the_scan_finds_the_codes() -> None:
    codes = written_codes()
    assert {"decision.made", "person.read", "office.updated", "access.override_flagged"} <= codes
    assert len(codes) > 40


def test_every_code_written_has_a_label() -> None:
    missing = written_codes() - set(AuditAction.values)
    assert not missing, f"add these to AuditAction: {sorted(missing)}"


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_every_label_is_words_in_every_language(language: str) -> None:
    with translation.override(language):
        for action in AuditAction:
            label = str(action.label)
            assert label and "." not in label and "_" not in label, (language, action.value)


def test_the_access_log_shows_words_not_codes(world: World) -> None:
    person = world.citizen_oslo
    for code in ("decision.made", "application.imported", "person.registered", "retired.code"):
        trail.record(actor=world.caseworker_oslo, action=code, person=person, target=person)
    leader = client_for(world.leader_oslo)
    for language in ("nb", "nn", "en"):
        leader.post("/sprak/", {"language": language})
        page = leader.get(f"/personer/{person.pk}/innsynslogg/").content.decode()
        for code in ("decision.made", "application.imported", "person.registered", "retired.code"):
            assert code not in page, (language, code)
    trail.record(actor=None, action=AuditAction.PERSON_REGISTERED, person=person, target=person)
    nb = _page_in(leader, person, "nb")
    assert "Fattet vedtak" in nb and "Navet (automatisk)" in nb and ">system<" not in nb
    assert "Made a decision" in _page_in(leader, person, "en")


def _page_in(client: Client, person, language: str) -> str:  # type: ignore[no-untyped-def]
    client.post("/sprak/", {"language": language})
    return client.get(f"/personer/{person.pk}/innsynslogg/").content.decode()
