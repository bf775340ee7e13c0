"""The actions whose audit event no test asserted: each writes its event, with the actor,
the person and the data a leader or an auditor reads."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from navet.audit.models import AuditEvent
from navet.core import actions as core_actions
from navet.decisions import appeal_actions
from navet.decisions.models import AppealState, AuthorityOutcome
from navet.people import actions as people_actions
from tests.conftest import World
from tests.factories import make_appeal, make_application, make_case, make_decision


def only_event(action: str) -> AuditEvent:
    events = list(AuditEvent.objects.filter(action=action))
    assert len(events) == 1, f"{action}: {len(events)} events"
    return events[0]


def test_showing_the_national_id_is_audited(world: World) -> None:
    people_actions.show_national_id(person=world.citizen_oslo, actor=world.caseworker_oslo)
    event = only_event("person.national_id_shown")
    assert (event.actor, event.person) == (world.caseworker_oslo, world.citizen_oslo)
    assert world.citizen_oslo.national_id not in str(event.data)


def test_changing_contact_details_is_audited_with_field_names_only(world: World) -> None:
    people_actions.update_contact(
        person=world.citizen_oslo, actor=world.caseworker_oslo, changes={"phone": "40000000"}
    )
    event = only_event("person.contact_updated")
    assert event.person == world.citizen_oslo
    assert event.data == {"fields": ["phone"]}


def test_an_unchanged_contact_writes_no_event(world: World) -> None:
    phone = world.citizen_oslo.phone
    people_actions.update_contact(
        person=world.citizen_oslo, actor=world.caseworker_oslo, changes={"phone": phone}
    )
    assert not AuditEvent.objects.filter(action="person.contact_updated").exists()


def _made_decision(world: World):  # type: ignore[no-untyped-def]
    case = make_case(application=make_application(person=world.citizen_oslo))
    return make_decision(case=case, drafted_by=world.caseworker_oslo, state="made")


def test_the_office_changing_its_decision_after_an_appeal_is_audited(world: World) -> None:
    appeal = make_appeal(decision=_made_decision(world), registered_by=world.caseworker_oslo)
    draft = appeal_actions.change_after_appeal(appeal=appeal, actor=world.caseworker_oslo)
    event = only_event("appeal.changed_by_office")
    assert (event.actor, event.person) == (world.caseworker_oslo, world.citizen_oslo)
    assert event.data == {"new_decision": str(draft.pk)}


def test_the_authoritys_outcome_is_audited(world: World) -> None:
    today = timezone.localdate()
    appeal = make_appeal(
        decision=_made_decision(world),
        registered_by=world.caseworker_oslo,
        state=AppealState.FORWARDED,
        forwarded_on=today,
    )
    appeal_actions.record_authority_outcome(
        appeal=appeal,
        outcome=AuthorityOutcome.values[0],
        decided_on=today,
        actor=world.caseworker_oslo,
    )
    event = only_event("appeal.authority_outcome")
    assert event.person == world.citizen_oslo
    assert event.data == {"outcome": AuthorityOutcome.values[0]}


def test_updating_an_employee_is_audited(world: World) -> None:
    employee = world.caseworker_bergen
    employee.name = "Nytt Navn"
    core_actions.update_employee(actor=world.admin, employee=employee, office_ids=[world.bergen.pk])
    event = only_event("employee.updated")
    assert event.actor == world.admin and event.person is None
    assert event.data["roles"] == ["caseworker"] and event.data["active"] is True


def test_creating_an_api_token_is_audited_without_the_secret(world: World) -> None:
    out = StringIO()
    call_command("create_api_token", "--username", "veileder.oslo", "--name", "Arkiv", stdout=out)
    event = only_event("api.token_created")
    assert event.actor == world.caseworker_oslo
    assert event.data == {"name": "Arkiv", "days": 90}
    assert out.getvalue().strip() not in str(event.data)
