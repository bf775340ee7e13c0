"""Following up a condition of a made decision: met or not met, on a day, with a note. Each
record is kept and audited; the latest shows on the Vedtak tab and on the person page."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from navet.audit.models import AuditEvent
from navet.decisions.models import Condition, ConditionFollowUp, ConditionKind, Decision
from tests.conftest import World, client_for
from tests.decisions.test_decisions_view import made, tab


def condition(decision: Decision) -> Condition:
    return Condition.objects.create(
        decision=decision,
        kind=ConditionKind.ACTIVITY,
        text="Møte til samtale om arbeid",
        consequence="Stønaden kan bli satt ned.",
        deadline=timezone.localdate() + timedelta(days=14),
        reference=f"{decision.reference}-V1",
    )


def follow_up(world: World, item: Condition, employee: Any = None, **values: str) -> Any:
    data = {
        "result": "met",
        "assessed_on": timezone.localdate().strftime("%d.%m.%Y"),
        "note": "",
        **values,
    }
    return client_for(employee or world.caseworker_oslo).post(
        reverse("decisions:condition-follow-up", args=[item.pk]),
        {f"vilkar-{item.pk}-{k}": v for k, v in data.items()},
    )


def test_a_condition_is_followed_up_and_shown(world: World, application: Any) -> None:
    item = condition(made(world, application))
    client = client_for(world.caseworker_oslo)
    assert "Ikke fulgt opp ennå" in client.get(tab(application)).content.decode()
    assert follow_up(world, item).status_code == 302
    content = client.get(tab(application)).content.decode()
    assert "Oppfylt (vurdert" in content
    assert AuditEvent.objects.filter(action="condition.followed_up").count() == 1
    person = client.get(application.person.get_absolute_url()).content.decode()
    assert "Møte til samtale om arbeid" in person and "Oppfylt (vurdert" in person


def test_not_met_needs_a_note_and_a_later_record_follows_the_earlier(
    world: World, application: Any
) -> None:
    item = condition(made(world, application))
    response = follow_up(world, item, result="not_met")
    assert response.status_code == 400
    assert "Skriv hva som ikke er oppfylt." in response.content.decode()
    assert not ConditionFollowUp.objects.exists()
    follow_up(world, item)
    response = follow_up(world, item, result="not_met", note="Møtte ikke til samtalen.")
    assert response.status_code == 400  # what follows must be chosen (KOSTRA's sanction)
    assert "Velg hva som blir følgen." in response.content.decode()
    follow_up(world, item, result="not_met", note="Møtte ikke til samtalen.", sanction="01")
    assert list(item.follow_ups.values_list("result", "sanction")) == [
        ("met", ""),
        ("not_met", "01"),
    ]
    content = client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    assert "Ikke oppfylt (vurdert" in content


def test_bad_dates_change_nothing(world: World, application: Any) -> None:
    item = condition(made(world, application))
    for typed in ("31.02.2026", "i morgen", ""):
        response = follow_up(world, item, assessed_on=typed)
        assert response.status_code == 400, typed
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d.%m.%Y")
    assert follow_up(world, item, assessed_on=tomorrow).status_code == 400
    assert not ConditionFollowUp.objects.exists()


def test_others_cannot_follow_up(world: World, application: Any) -> None:
    item = condition(made(world, application))
    assert follow_up(world, item, employee=world.caseworker_bergen).status_code == 404
    response = client_for(world.caseworker_oslo).post(
        reverse("decisions:condition-follow-up", args=[999999]), {}
    )
    assert response.status_code == 404
    assert not ConditionFollowUp.objects.exists()
