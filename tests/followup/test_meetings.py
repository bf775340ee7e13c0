"""Meetings: planned with the person (who sees the invitation in the portal), minutes as a
journal note that the person sees only once shared, cancelled with a reason."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction
from navet.followup.models import JournalNote, Meeting
from tests.conftest import World, citizen_client, client_for


def _plan(world: World, **changes: str) -> object:
    day = timezone.localdate() + timedelta(days=3)
    data = {
        "day": day.strftime("%d.%m.%Y"),
        "time": "10.30",
        "minutes_long": "45",
        "channel": "in_person",
        "place": "Nav Grünerløkka, 2. etasje",
        "participants": "Personen og veilederen",
        "agenda": "Budsjett og jobbsøking",
    }
    data.update(changes)
    return client_for(world.caseworker_oslo).post(f"/personer/{world.citizen_oslo.pk}/moter/", data)


def test_a_planned_meeting_is_an_invitation_in_the_portal(world: World) -> None:
    response = _plan(world)
    assert response.status_code == 302  # type: ignore[attr-defined]
    meeting = Meeting.objects.get()
    assert timezone.localtime(meeting.starts_at).strftime("%H:%M") == "10:30"
    page = citizen_client(world.citizen_oslo).get("/min-side/moter/").content.decode()
    assert "Budsjett og jobbsøking" in page and "Nav Grünerløkka, 2. etasje" in page
    assert "Kommende" in page and "klokka 10:30" in page
    assert world.caseworker_oslo.name not in page
    assert AuditEvent.objects.of_action(AuditAction.MEETING_PLANNED).count() == 1


def test_mistakes_in_a_meeting_are_refused(world: World) -> None:
    yesterday = (timezone.localdate() - timedelta(days=1)).strftime("%d.%m.%Y")
    for changes, message in [
        ({"day": yesterday}, "tilbake i tid"),
        ({"time": "25:00"}, "tt:mm"),
        ({"place": ""}, "Skriv hvor møtet er."),
        ({"agenda": ""}, "Hva skal møtet handle om?"),
    ]:
        response = _plan(world, **changes)
        assert response.status_code == 400, changes  # type: ignore[attr-defined]
        assert message in response.content.decode(), changes  # type: ignore[attr-defined]
    assert not Meeting.objects.exists()


def test_minutes_reach_the_person_only_when_shared(world: World) -> None:
    _plan(world)
    meeting = Meeting.objects.get()
    staff = client_for(world.caseworker_oslo)
    response = staff.post(
        f"/moter/{meeting.pk}/referat/", {"referat-text": "Vi laget et budsjett sammen."}
    )
    assert response.status_code == 302
    note = JournalNote.objects.get()
    assert note.kind == "minutes" and note.shared_at is None
    citizen = citizen_client(world.citizen_oslo)
    assert "Vi laget et budsjett" not in citizen.get("/min-side/notater/").content.decode()
    assert "Les referatet" not in citizen.get("/min-side/moter/").content.decode()
    again = staff.post(f"/moter/{meeting.pk}/referat/", {"referat-text": "Nytt referat"})
    assert again.status_code == 409
    staff.post(f"/journal/{note.pk}/del/")
    assert "Vi laget et budsjett" in citizen.get("/min-side/notater/").content.decode()
    assert "Les referatet" in citizen.get("/min-side/moter/").content.decode()


def test_a_cancelled_meeting_says_so_and_needs_a_reason(world: World) -> None:
    _plan(world)
    meeting = Meeting.objects.get()
    staff = client_for(world.caseworker_oslo)
    assert staff.post(f"/moter/{meeting.pk}/avlys/", {"avlys-reason": ""}).status_code == 400
    assert staff.post(f"/moter/{meeting.pk}/avlys/", {"avlys-reason": "Syk"}).status_code == 302
    page = citizen_client(world.citizen_oslo).get("/min-side/moter/").content.decode()
    assert "Avlyst" in page
    assert AuditEvent.objects.of_action(AuditAction.MEETING_CANCELLED).get().reason == "Syk"


def test_another_person_sees_none_of_the_meetings(world: World) -> None:
    _plan(world)
    page = citizen_client(world.citizen_bergen).get("/min-side/moter/").content.decode()
    assert "Budsjett og jobbsøking" not in page
