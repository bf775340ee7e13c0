"""The journal: notes written down, never deleted, corrected as new versions with a reason,
a stale correction refused, and shared with the person only when shared."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction
from navet.followup import actions
from navet.followup.models import JournalNote, JournalNoteVersion, NoteDeletionRefused
from tests.conftest import World, citizen_client, client_for


def _note(world: World, *, share: bool = False) -> JournalNote:
    return actions.write_note(
        person=world.citizen_oslo,
        employee=world.caseworker_oslo,
        kind="phone",
        happened_on=timezone.localdate(),
        title="Telefon om husleia",
        text="Personen ringte og sa at husleia går opp fra januar.",
        share=share,
    )


def test_a_caseworker_writes_a_note_typed_the_norwegian_way(world: World) -> None:
    client = client_for(world.caseworker_oslo)
    url = f"/personer/{world.citizen_oslo.pk}/journal/"
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "kind": "conversation",
            "happened_on": today.strftime("%d.%m.%Y"),
            "title": "Samtale på kontoret",
            "text": "Vi snakket om jobbsøking.\nPersonen vil ha hjelp med CV.",
        },
    )
    assert response.status_code == 302
    note = JournalNote.objects.get()
    assert (note.happened_on, note.shared_at) == (today, None)
    assert "Samtale på kontoret" in client.get(url).content.decode()
    assert AuditEvent.objects.of_action(AuditAction.JOURNAL_NOTE_WRITTEN).count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"happened_on": "31.02.2026"}, "dd.mm.åååå"),
        ({"title": ""}, "Tittel"),
        ({"text": ""}, "Tekst"),
    ],
)
def test_a_bad_note_is_refused_and_nothing_is_saved(
    world: World, changes: dict[str, str], message: str
) -> None:
    data = {"kind": "note", "happened_on": "01.12.2026", "title": "Notat", "text": "Tekst"}
    data.update(changes)
    response = client_for(world.caseworker_oslo).post(
        f"/personer/{world.citizen_oslo.pk}/journal/", data
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not JournalNote.objects.exists()


def test_a_note_dated_in_the_future_is_refused(world: World) -> None:
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d.%m.%Y")
    response = client_for(world.caseworker_oslo).post(
        f"/personer/{world.citizen_oslo.pk}/journal/",
        {"kind": "note", "happened_on": tomorrow, "title": "Notat", "text": "Tekst"},
    )
    assert response.status_code == 400
    assert "fram i tid" in response.content.decode()


def test_a_correction_is_a_new_version_with_its_reason_and_the_old_one_stays(
    world: World,
) -> None:
    note = _note(world)
    client = client_for(world.caseworker_oslo)
    refused = client.post(
        f"/journal/{note.pk}/rett/", {"text": "Ny tekst", "reason": "", "version": "1"}
    )
    assert refused.status_code == 400
    response = client.post(
        f"/journal/{note.pk}/rett/",
        {"text": "Husleia går opp fra februar.", "reason": "Feil måned", "version": "1"},
    )
    assert response.status_code == 302
    versions = list(JournalNoteVersion.objects.filter(note=note))
    assert [(v.number, v.reason) for v in versions] == [(1, ""), (2, "Feil måned")]
    page = client.get(f"/journal/{note.pk}/").content.decode()
    assert "Husleia går opp fra februar." in page and "går opp fra januar" in page


def test_a_stale_correction_is_refused_and_overwrites_nothing(world: World) -> None:
    note = _note(world)
    first = client_for(world.caseworker_oslo)
    second = client_for(world.leader_oslo)
    assert (
        first.post(
            f"/journal/{note.pk}/rett/", {"text": "A", "reason": "Retting A", "version": "1"}
        ).status_code
        == 302
    )
    response = second.post(
        f"/journal/{note.pk}/rett/", {"text": "B", "reason": "Retting B", "version": "1"}
    )
    assert response.status_code == 409
    assert "rettet av noen andre" in response.content.decode()
    assert list(JournalNoteVersion.objects.values_list("text", flat=True)) == [
        "Personen ringte og sa at husleia går opp fra januar.",
        "A",
    ]


def test_a_note_is_never_deleted(world: World) -> None:
    note = _note(world)
    with pytest.raises(NoteDeletionRefused):
        note.delete()
    with pytest.raises(NoteDeletionRefused):
        JournalNote.objects.all().delete()
    with pytest.raises(NoteDeletionRefused):
        note.versions.get().delete()
    assert JournalNote.objects.count() == 1


def test_only_a_shared_note_reaches_the_portal_and_at_once(world: World) -> None:
    note = _note(world)
    citizen = citizen_client(world.citizen_oslo)
    assert "husleia" not in citizen.get("/min-side/notater/").content.decode()
    response = client_for(world.caseworker_oslo).post(f"/journal/{note.pk}/del/")
    assert response.status_code == 302
    page = citizen.get("/min-side/notater/").content.decode()
    assert "Personen ringte og sa at husleia går opp fra januar." in page
    assert world.oslo.name in page and world.caseworker_oslo.name not in page
    other = citizen_client(world.citizen_bergen).get("/min-side/notater/").content.decode()
    assert "husleia" not in other
    assert AuditEvent.objects.of_action(AuditAction.JOURNAL_NOTE_SHARED).count() == 1


def test_the_portal_shows_the_newest_version_of_a_shared_note(world: World) -> None:
    note = _note(world, share=True)
    actions.correct_note(
        note=note,
        employee=world.caseworker_oslo,
        text="Rettet tekst",
        reason="Feil",
        read_version=1,
    )
    page = citizen_client(world.citizen_oslo).get("/min-side/notater/").content.decode()
    assert "Rettet tekst" in page and "går opp fra januar" not in page
