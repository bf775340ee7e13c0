"""The plan the person co-owns: who may change what (the person and staff, "avtalt med
Nav"), every change a version, stale versions refused, and the conditions of decisions
flowing into the plan and their follow-up into innsyn events valid against Nav's schema."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction
from navet.decisions import actions as decision_actions
from navet.decisions import condition_actions
from navet.decisions.condition_actions import follow_up_condition
from navet.decisions.models import ConditionKind, Decision, FollowUpResult, Outcome
from navet.digisos.validation import INNSYN, schema_problems
from navet.followup import plan_actions
from navet.followup.actions import StaleVersion
from navet.followup.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    ActivityVersion,
    NoteDeletionRefused,
)
from tests.conftest import World, citizen_client, client_for
from tests.decisions.test_amount_agrees import assess, draft


def _staff_adds(world: World, **changes: str) -> Any:
    data = {
        "ny-kind": "job_search",
        "ny-title": "Søke på ti jobber",
        "ny-description": "Butikk og lager",
        "ny-from_date": "",
        "ny-to_date": (timezone.localdate() + timedelta(days=30)).strftime("%d.%m.%Y"),
        "ny-agreed": "on",
        **changes,
    }
    return client_for(world.caseworker_oslo).post(
        reverse("people:person-plan", args=[world.citizen_oslo.pk]), data
    )


def _status(client: Any, activity: Activity, status: str, reason: str = "", portal: bool = False):  # type: ignore[no-untyped-def]
    name = "citizen:activity-status" if portal else "plan:activity-status"
    return client.post(
        reverse(name, args=[activity.pk]),
        {"status-status": status, "status-reason": reason, "status-version": activity.version},
    )


def test_staff_add_an_agreed_activity_that_the_person_sees_with_nav_as_author(
    world: World,
) -> None:
    response = _staff_adds(world)
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.status == ActivityStatus.PLANNED and activity.is_agreed
    assert activity.versions.count() == 1
    portal = citizen_client(world.citizen_oslo)
    page = portal.get(reverse("citizen:plan")).content.decode()
    assert "Søke på ti jobber" in page and "Avtalt med Nav" in page
    detail = portal.get(reverse("citizen:activity", args=[activity.pk])).content.decode()
    assert "Opprettet – Nav," in detail
    assert world.caseworker_oslo.name not in detail
    staff_page = client_for(world.caseworker_oslo).get(reverse("plan:activity", args=[activity.pk]))
    assert f"Opprettet – {world.caseworker_oslo.name}" in staff_page.content.decode()
    assert AuditEvent.objects.of_action(AuditAction.ACTIVITY_ADDED).count() == 1


def test_the_person_proposes_their_own_kinds_only(world: World) -> None:
    portal = citizen_client(world.citizen_oslo)
    data = {"kind": "own", "title": "Gå tur hver dag", "description": "", "to_date": ""}
    assert portal.post(reverse("citizen:activity-new"), data).status_code == 302
    activity = Activity.objects.get()
    assert activity.status == ActivityStatus.PROPOSED and not activity.is_agreed
    assert activity.created_by == "person"
    refused = portal.post(reverse("citizen:activity-new"), {**data, "kind": "meeting"})
    assert refused.status_code == 400 and Activity.objects.count() == 1
    with pytest.raises(plan_actions.PlanRefused):
        plan_actions.add_activity(person=world.citizen_oslo, kind="meeting", title="Møte")
    event = AuditEvent.objects.of_action(AuditAction.ACTIVITY_ADDED).get()
    assert event.actor is None and event.actor_label == "citizen"
    # The office sees the proposal, and agreeing makes it planned.
    staff = client_for(world.caseworker_oslo)
    plan_page = staff.get(reverse("people:person-plan", args=[world.citizen_oslo.pk]))
    assert (
        "Gå tur hver dag" in plan_page.content.decode() and "Forslag" in plan_page.content.decode()
    )
    staff.post(reverse("plan:activity-agree", args=[activity.pk]), {"avtal-version": 1})
    activity.refresh_from_db()
    assert activity.is_agreed and activity.status == ActivityStatus.PLANNED


def test_an_agreed_activity_can_be_moved_but_not_changed_by_the_person(world: World) -> None:
    _staff_adds(world)
    activity = Activity.objects.get()
    portal = citizen_client(world.citizen_oslo)
    page = portal.get(reverse("citizen:activity", args=[activity.pk])).content.decode()
    assert "Endre status" in page and "Lagre endringene" not in page
    edit = portal.post(
        reverse("citizen:activity-edit", args=[activity.pk]),
        {"endre-title": "Søke på én jobb", "endre-version": activity.version},
    )
    assert edit.status_code == 403
    activity.refresh_from_db()
    assert activity.title == "Søke på ti jobber"
    assert _status(portal, activity, "done", portal=True).status_code == 302
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.DONE and activity.version == 2
    # Done locks it, for everyone.
    staff = client_for(world.caseworker_oslo)
    locked = _status(staff, activity, "ongoing")
    assert locked.status_code == 400 and "kan ikke endres" in locked.content.decode()
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.DONE
    history = portal.get(reverse("citizen:activity", args=[activity.pk])).content.decode()
    assert "Flyttet fra «Planlagt» til «Fullført» – Du," in history


def test_a_stale_version_is_refused_on_both_sides(world: World) -> None:
    _staff_adds(world, **{"ny-agreed": ""})
    activity = Activity.objects.get()
    stale_copy = Activity.objects.get(pk=activity.pk)
    staff = client_for(world.caseworker_oslo)
    staff.post(
        reverse("plan:activity-edit", args=[activity.pk]),
        {"endre-title": "Søke på fem jobber", "endre-version": 1},
    )
    portal = citizen_client(world.citizen_oslo)
    refused = portal.post(
        reverse("citizen:activity-edit", args=[stale_copy.pk]),
        {"endre-title": "Min tittel", "endre-version": 1},
    )
    assert refused.status_code == 409
    assert "endret av noen andre" in refused.content.decode()
    assert _status(staff, stale_copy, "ongoing").status_code == 409
    activity.refresh_from_db()
    assert activity.title == "Søke på fem jobber" and activity.status == ActivityStatus.PLANNED
    assert [v.number for v in activity.versions.all()] == [1, 2]


def test_cancelling_needs_a_reason_and_versions_are_never_deleted(world: World) -> None:
    _staff_adds(world)
    activity = Activity.objects.get()
    staff = client_for(world.caseworker_oslo)
    response = _status(staff, activity, "cancelled")
    assert response.status_code == 400 and "Skriv hvorfor" in response.content.decode()
    assert _status(staff, activity, "cancelled", "Fikk jobb").status_code == 302
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.CANCELLED and activity.end_reason == "Fikk jobb"
    with pytest.raises(NoteDeletionRefused):
        ActivityVersion.objects.first().delete()  # type: ignore[union-attr]


def test_the_goal_in_the_persons_words_has_history_and_refuses_stale_writes(
    world: World,
) -> None:
    portal = citizen_client(world.citizen_oslo)
    url = reverse("citizen:goal")
    assert portal.post(url, {"mal-text": "Jobbe i butikk", "mal-read_number": 0}).status_code == 302
    stale = portal.post(url, {"mal-text": "Noe annet", "mal-read_number": 0})
    assert stale.status_code == 409
    staff = client_for(world.caseworker_oslo)
    staff.post(
        reverse("people:person-goal", args=[world.citizen_oslo.pk]),
        {"mal-text": "Jobbe i butikk innen sommeren", "mal-read_number": 1},
    )
    page = staff.get(reverse("people:person-plan", args=[world.citizen_oslo.pk])).content.decode()
    assert "Jobbe i butikk innen sommeren" in page and "Tidligere mål" in page
    portal_page = portal.get(reverse("citizen:plan")).content.decode()
    assert "Jobbe i butikk innen sommeren" in portal_page and "Skrevet av Nav" in portal_page


def test_another_persons_activity_is_not_found(world: World) -> None:
    _staff_adds(world)
    activity = Activity.objects.get()
    other = citizen_client(world.citizen_bergen)
    for name in ("citizen:activity", "citizen:activity-status", "citizen:activity-edit"):
        url = reverse(name, args=[activity.pk])
        response = other.get(url) if name == "citizen:activity" else other.post(url, {})
        assert response.status_code == 404, name
    assert client_for(world.caseworker_bergen).get(
        reverse("plan:activity", args=[activity.pk])
    ).status_code in (403, 404)


# --- conditions ---------------------------------------------------------------------------


def _decision_with_conditions(world: World) -> Decision:
    me = world.caseworker_oslo
    decision = draft(world)
    assess(decision, me, outcome=Outcome.GRANTED)
    assess(decision, me, amount=decision.snapshot.assistance)
    condition_actions.add_condition(
        decision=decision,
        kind=ConditionKind.ACTIVITY,
        kostra_category="15",
        text="Møt til samtale om arbeid hver uke.",
        consequence="Stønaden kan bli satt ned.",
        deadline=timezone.localdate() + timedelta(days=14),
        actor=me,
    )
    condition_actions.add_condition(
        decision=decision,
        kind=ConditionKind.DOCUMENTATION,
        text="Send husleiekontrakten.",
        consequence="Vi kan kreve stønaden tilbake.",
        deadline=timezone.localdate() + timedelta(days=7),
        actor=me,
    )
    return decision_actions.propose_decision(decision=decision, actor=me)


def _exported(decision: Decision, tmp_path: Path) -> dict[str, Any]:
    application = decision.case.application
    call_command("export_digisos_events", "--out", str(tmp_path), str(application.pk))
    document = json.loads((tmp_path / f"{application.digisos_id}.json").read_text())
    assert schema_problems(document, INNSYN) == []
    return document  # type: ignore[no-any-return]


def test_conditions_come_into_the_plan_and_their_follow_up_reaches_innsyn(
    world: World, tmp_path: Path
) -> None:
    decision = _decision_with_conditions(world)
    assert decision.is_made
    activities = list(Activity.objects.of_person(world.citizen_oslo).order_by("to_date"))
    assert [a.kind for a in activities] == [ActivityKind.CONDITION] * 2
    documentation, activity_condition = activities
    assert activity_condition.is_agreed and activity_condition.status == ActivityStatus.ONGOING
    assert activity_condition.to_date == activity_condition.condition.deadline  # type: ignore[union-attr]
    portal = citizen_client(world.citizen_oslo)
    page = portal.get(reverse("citizen:plan")).content.decode()
    assert "Møt til samtale om arbeid hver uke." in page and "Stønaden kan bli satt ned." in page
    detail = portal.get(reverse("citizen:activity", args=[activity_condition.pk])).content.decode()
    assert "Endre status" not in detail
    assert _status(portal, activity_condition, "done", portal=True).status_code == 403
    staff = client_for(world.caseworker_oslo)
    assert _status(staff, activity_condition, "done").status_code == 400

    me = world.caseworker_oslo
    follow_up_condition(
        condition=activity_condition.condition,  # type: ignore[arg-type]
        result=FollowUpResult.MET,
        assessed_on=timezone.localdate(),
        note="Møtte hver uke.",
        actor=me,
    )
    follow_up_condition(
        condition=documentation.condition,  # type: ignore[arg-type]
        result=FollowUpResult.NOT_MET,
        assessed_on=timezone.localdate(),
        note="Kontrakten er ikke sendt.",
        actor=me,
    )
    activity_condition.refresh_from_db()
    documentation.refresh_from_db()
    assert activity_condition.status == ActivityStatus.DONE
    assert documentation.status == ActivityStatus.ONGOING  # not met: a new decision decides
    events = _exported(decision, tmp_path)["hendelser"]
    statuses = [
        (e["type"], e["status"]) for e in events if e["type"] in ("vilkar", "dokumentasjonkrav")
    ]
    assert statuses == [
        ("vilkar", "RELEVANT"),
        ("dokumentasjonkrav", "RELEVANT"),
        ("vilkar", "OPPFYLT"),
        ("dokumentasjonkrav", "IKKE_OPPFYLT"),
    ]


def test_a_new_decision_stops_the_old_conditions_in_the_plan(world: World) -> None:
    decision = _decision_with_conditions(world)
    me = world.caseworker_oslo
    replacement = decision_actions.change_decision(decision=decision, actor=me)
    assess(replacement, me, outcome=Outcome.GRANTED)
    assess(replacement, me, amount=replacement.snapshot.assistance)
    decision_actions.propose_decision(decision=replacement, actor=me)
    old = list(Activity.objects.filter(condition__decision=decision))
    assert {a.status for a in old} == {ActivityStatus.CANCELLED}
    assert all(a.end_reason == "Erstattet av et nytt vedtak." for a in old)
    # The new decision's conditions (carried over from the old) are in the plan afresh.
    new = Activity.objects.filter(condition__decision=replacement)
    assert new.count() == replacement.conditions.count() == 2
    assert {a.status for a in new} == {ActivityStatus.ONGOING}


def test_a_stale_write_raises_in_the_action(world: World) -> None:
    activity = plan_actions.add_activity(
        person=world.citizen_oslo, kind="own", title="Gå tur", employee=world.caseworker_oslo
    )
    plan_actions.move_activity(
        activity=activity, read_version=1, status="ongoing", employee=world.caseworker_oslo
    )
    with pytest.raises(StaleVersion):
        plan_actions.move_activity(activity=activity, read_version=1, status="done")


def test_after_a_stale_refusal_the_form_keeps_the_text_and_the_newest_version(
    world: World,
) -> None:
    _staff_adds(world, **{"ny-agreed": ""})
    activity = Activity.objects.get()
    staff = client_for(world.caseworker_oslo)
    url = reverse("plan:activity-edit", args=[activity.pk])
    staff.post(url, {"endre-title": "Første", "endre-version": 1})
    refused = staff.post(url, {"endre-title": "Min endring", "endre-version": 1})
    assert refused.status_code == 409
    page = refused.content.decode()
    assert 'value="Min endring"' in page and 'name="endre-version" value="2"' in page
    again = staff.post(url, {"endre-title": "Min endring", "endre-version": 2})
    assert again.status_code == 302


def test_the_persons_goal_and_proposals_do_not_reopen_an_ended_follow_up(world: World) -> None:
    from navet.followup import actions
    from navet.followup.models import FollowUp

    actions.start_follow_up(person=world.citizen_oslo, employee=world.caseworker_oslo)
    actions.end_follow_up(
        person=world.citizen_oslo, employee=world.caseworker_oslo, reason="Fikk jobb"
    )
    plan_actions.set_goal(person=world.citizen_oslo, text="Beholde jobben", read_number=0)
    plan_actions.add_activity(person=world.citizen_oslo, kind="own", title="Trene")
    assert FollowUp.objects.get(person=world.citizen_oslo).ended_at is not None


def test_an_agreed_activity_is_no_longer_a_proposal(world: World) -> None:
    _staff_adds(world)
    activity = Activity.objects.get()
    response = _status(client_for(world.caseworker_oslo), activity, "proposed")
    assert response.status_code == 400 and "ikke lenger et forslag" in response.content.decode()
