"""The override flow from a fødselsnummer search, and the leader's review."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from navet.access.models import AccessOverride, ReviewStatus
from navet.audit.models import AuditEvent
from tests.conftest import World, client_for


def _search(client, query: str):  # type: ignore[no-untyped-def]
    response = client.post("/personer/sok/", {"q": query})
    assert response.status_code == 302
    location = response["Location"]
    assert query not in location
    return client.get(location), location


def test_caseworker_gets_override_for_person_in_other_office(world: World) -> None:
    client = client_for(world.caseworker_oslo)
    person = world.citizen_bergen
    page, location = _search(client, person.national_id)
    assert page.status_code == 200
    assert b"midlertidig tilgang" in page.content
    key = urlparse(location).query.split("s=")[1]
    form_url = f"/tilgang/enkelttilgang/ny/?s={key}"
    assert client.get(form_url).status_code == 200

    too_short = client.post(form_url, {"reason": "trenger", "hours": 2})
    assert too_short.status_code == 200
    assert not AccessOverride.objects.exists()

    done = client.post(
        form_url, {"reason": "Personen møtte opp i Oslo og trenger nødhjelp", "hours": 2}
    )
    assert done.status_code == 302
    assert done["Location"] == person.get_absolute_url()
    override = AccessOverride.objects.get()
    assert override.employee == world.caseworker_oslo
    assert AuditEvent.objects.filter(action="access.override_created", person=person).exists()
    assert client.get(person.get_absolute_url()).status_code == 200
    read = AuditEvent.objects.filter(action="person.read", person=person).latest("id")
    assert read.reason == override.reason


def test_protected_person_is_never_offered_an_override(world: World) -> None:
    client = client_for(world.caseworker_bergen)
    for person in (world.strengt_fortrolig_oslo, world.fortrolig_oslo, world.skjermet_oslo):
        page, location = _search(client, person.national_id)
        assert b"midlertidig tilgang" not in page.content
        key = urlparse(location).query.split("s=")[1]
        assert client.get(f"/tilgang/enkelttilgang/ny/?s={key}").status_code == 404


def test_leader_accepts_and_flags_overrides(world: World) -> None:
    from navet.access.actions import create_override

    override = create_override(
        employee=world.caseworker_oslo,
        person=world.citizen_bergen,
        reason="Personen møtte opp i Oslo og trenger nødhjelp",
        hours=1,
    )
    leader = client_for(world.leader_oslo)
    listing = leader.get("/tilgang/enkelttilganger/")
    assert listing.status_code == 200
    # The leader may not see the Bergen person: the list names the office instead, and
    # the free-text reason (which may name the person) is hidden.
    assert world.citizen_bergen.full_name.encode() not in listing.content
    assert override.reason.encode() not in listing.content
    assert b"Skjult fordi du ikke har tilgang til personen" in listing.content

    url = f"/tilgang/enkelttilganger/{override.pk}/"
    missing_comment = leader.post(url, {"status": "flagged", "comment": ""})
    assert missing_comment.status_code == 200
    override.refresh_from_db()
    assert override.review_status == ReviewStatus.PENDING

    assert leader.post(url, {"status": "flagged", "comment": "Sjekk med Bergen"}).status_code == 302
    override.refresh_from_db()
    assert override.review_status == ReviewStatus.FLAGGED
    assert override.reviewed_by == world.leader_oslo
    assert AuditEvent.objects.filter(action="access.override_flagged").exists()
    # Flagging ends the access at once, and the verdict is final.
    assert override.revoked_at is not None
    assert (
        client_for(world.caseworker_oslo).get(world.citizen_bergen.get_absolute_url()).status_code
        == 404
    )
    leader.post(url, {"status": "accepted", "comment": ""})
    override.refresh_from_db()
    assert override.review_status == ReviewStatus.FLAGGED


def test_reason_is_shown_where_the_leader_may_see_the_person(world: World) -> None:
    from navet.access.actions import create_override

    override = create_override(
        employee=world.caseworker_bergen,
        person=world.citizen_oslo,
        reason="Personen ringte Bergen om husleie i Oslo",
        hours=1,
    )
    listing = client_for(world.leader_oslo).get("/tilgang/enkelttilganger/")
    assert override.reason.encode() in listing.content
    assert world.citizen_oslo.full_name.encode() in listing.content


def test_a_leader_never_reviews_their_own_override(world: World) -> None:
    from navet.access.actions import ReviewNotAllowed, create_override, review_override

    world.leader_oslo.is_caseworker = True
    world.leader_oslo.save(update_fields=["is_caseworker"])
    own = create_override(
        employee=world.leader_oslo, person=world.citizen_bergen, reason="x" * 30, hours=1
    )
    leader = client_for(world.leader_oslo)
    assert own.reason.encode() not in leader.get("/tilgang/enkelttilganger/").content
    assert leader.get(f"/tilgang/enkelttilganger/{own.pk}/").status_code == 404
    with pytest.raises(ReviewNotAllowed):
        review_override(override=own, reviewer=world.leader_oslo, status="accepted", comment="")
    own.refresh_from_db()
    assert own.review_status == ReviewStatus.PENDING


def test_pending_overrides_are_listed_first(world: World) -> None:
    from navet.access.actions import create_override, review_override

    older = create_override(
        employee=world.caseworker_oslo, person=world.citizen_bergen, reason="x" * 30, hours=1
    )
    newer = create_override(
        employee=world.caseworker_confidential,
        person=world.citizen_bergen,
        reason="y" * 30,
        hours=1,
    )
    review_override(override=newer, reviewer=world.leader_oslo, status="accepted", comment="")
    from navet.access.models import AccessOverride

    listed = list(AccessOverride.objects.for_review_by(world.leader_oslo).pending_first())
    assert listed == [older, newer]


def test_caseworkers_cannot_review(world: World) -> None:
    from navet.access.actions import create_override

    override = create_override(
        employee=world.caseworker_oslo, person=world.citizen_bergen, reason="x" * 30, hours=1
    )
    client = client_for(world.caseworker_oslo)
    assert client.get("/tilgang/enkelttilganger/").status_code == 403
    assert client.get(f"/tilgang/enkelttilganger/{override.pk}/").status_code == 404


def test_review_list_query_count_does_not_grow(world: World) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import make_employee, make_person
    from tests.queries import assert_queries_flat

    def add(n: int) -> None:
        # One on a person the leader may not see (Bergen), one on a person the leader may
        # (Oslo), by different employees; every other pair already reviewed.
        asker = make_employee(f"veileder.oslo{n}", offices=[world.oslo], is_caseworker=True)
        reviewed = n % 2 == 1
        for office, employee in ((world.bergen, asker), (world.oslo, world.caseworker_bergen)):
            AccessOverride.objects.create(
                employee=employee,
                person=make_person(office=office),
                reason="Personen møtte opp og trenger nødhjelp i dag",
                created_at=timezone.now(),
                expires_at=timezone.now() + timedelta(hours=2),
                review_status=ReviewStatus.ACCEPTED if reviewed else ReviewStatus.PENDING,
                reviewed_by=world.leader_oslo if reviewed else None,
                reviewed_at=timezone.now() if reviewed else None,
            )

    # 10: the employees' offices are one prefetch.
    assert_queries_flat(client_for(world.leader_oslo), "/tilgang/enkelttilganger/", add, 10)
