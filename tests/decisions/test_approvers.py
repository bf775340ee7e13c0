"""Four eyes: who may approve a proposed decision. An employee of the application's office
with the authorisation (leaders by default), never the one who proposed; the page says who
may approve, and only they see the button."""

from __future__ import annotations

from typing import Any

import pytest

from navet.audit.models import AuditEvent
from navet.core import actions as core_actions
from navet.core.models import Employee
from navet.decisions import actions
from navet.decisions.models import Decision, DecisionState, FourEyes, Outcome
from tests.conftest import World, client_for
from tests.decisions.test_assessment_view import draft, make, post, tab
from tests.factories import make_decision, make_decision_settings, make_employee

APPROVE = "Godkjenn og fatt vedtaket"
REFUSED = {"outcome": Outcome.REFUSED, "amount": "", "form": ""}


def proposed_by(world: World, application: Any, proposer: Employee) -> Decision:
    make_decision_settings(office=world.oslo, four_eyes=FourEyes.ALWAYS)
    decision: Decision = make_decision(case=application.cases.get(), drafted_by=proposer)
    assert make(client_for(proposer), decision, **REFUSED).status_code == 302
    decision.refresh_from_db()
    assert decision.state == DecisionState.PROPOSED
    return decision


def test_the_leader_approves(world: World, application: Any) -> None:
    decision = proposed_by(world, application, world.caseworker_oslo)
    leader = client_for(world.leader_oslo)
    assert APPROVE in leader.get(tab(application)).content.decode()
    assert post(leader, "decision-approve", decision).status_code == 302
    decision.refresh_from_db()
    assert decision.state == DecisionState.MADE
    assert decision.approved_by == world.leader_oslo
    assert decision.proposed_by == world.caseworker_oslo


def test_a_caseworker_without_the_authorisation_is_refused(world: World, application: Any) -> None:
    decision = proposed_by(world, application, world.caseworker_oslo)
    other = make_employee("veileder.oslo2", offices=[world.oslo], is_caseworker=True)
    client = client_for(other)
    assert APPROVE not in client.get(tab(application)).content.decode()
    assert post(client, "decision-approve", decision).status_code == 403
    assert post(client, "decision-return", decision, {}).status_code == 403
    decision.refresh_from_db()
    assert decision.state == DecisionState.PROPOSED and decision.approved_by is None
    assert not AuditEvent.objects.filter(action="decision.made").exists()
    with pytest.raises(actions.FourEyesError):
        actions.approve_decision(decision=decision, actor=other)


def test_the_proposer_never_approves_even_with_the_authorisation(
    world: World, application: Any
) -> None:
    proposer = world.caseworker_confidential
    assert proposer.may_approve_decisions
    decision = proposed_by(world, application, proposer)
    client = client_for(proposer)
    assert APPROVE not in client.get(tab(application)).content.decode()
    assert post(client, "decision-approve", decision).status_code == 403
    with pytest.raises(actions.FourEyesError):
        actions.approve_decision(decision=decision, actor=proposer)
    decision.refresh_from_db()
    assert decision.state == DecisionState.PROPOSED


def test_an_approver_of_another_office_is_refused(world: World, application: Any) -> None:
    decision = proposed_by(world, application, world.caseworker_oslo)
    elsewhere = make_employee(
        "leder.bergen", offices=[world.bergen], is_leader=True, may_approve_decisions=True
    )
    with pytest.raises(actions.FourEyesError):
        actions.approve_decision(decision=decision, actor=elsewhere)
    decision.refresh_from_db()
    assert decision.state == DecisionState.PROPOSED


def test_the_page_says_who_may_approve(world: World, application: Any) -> None:
    decision = proposed_by(world, application, world.caseworker_oslo)
    # Not someone who has lost their login.
    gone = make_employee(
        "leder.gammel", offices=[world.oslo], is_leader=True, may_approve_decisions=True
    )
    gone.user.is_active = False
    gone.user.save()
    content = client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    assert (
        f"Vedtaket venter på godkjenning fra en av disse: "
        f"{world.leader_oslo.name}, {world.caseworker_confidential.name}."
    ) in content
    assert gone.name not in content
    # The approver reads who else may, the proposer left out.
    approver = client_for(world.caseworker_confidential).get(tab(application)).content.decode()
    assert f"Kan godkjenne: {world.leader_oslo.name}, {world.caseworker_confidential.name}." in (
        approver
    )
    assert decision.proposed_by is not None


def test_the_draft_says_who_will_approve(world: World, application: Any) -> None:
    make_decision_settings(office=world.oslo, four_eyes=FourEyes.ALWAYS)
    draft(world, application)
    content = client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    assert f"Kan godkjenne: {world.leader_oslo.name}, {world.caseworker_confidential.name}." in (
        content
    )


def test_the_page_says_when_nobody_may_approve(world: World, application: Any) -> None:
    Employee.objects.update(may_approve_decisions=False)
    proposed_by(world, application, world.caseworker_oslo)
    content = client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    assert "Ingen ved kontoret kan godkjenne vedtaket." in content


def test_a_new_leader_gets_the_authorisation(world: World) -> None:
    response = client_for(world.admin).post(
        "/administrasjon/ansatt/ny/",
        {
            "username": "leder.ny",
            "nav_ident": "L123456",
            "name": "Lise Ny",
            "is_leader": "on",
            "offices": [world.oslo.pk],
        },
    )
    assert response.status_code == 302
    leader = Employee.objects.get(nav_ident="L123456")
    assert leader.may_approve_decisions and leader.may_approve_payments
    assert AuditEvent.objects.get(action="employee.created").data["authorisations"] == [
        "godkjenne_vedtak",
        "godkjenne_utbetalinger",
    ]


def test_the_administrator_grants_and_removes_the_authorisation(world: World) -> None:
    employee = world.caseworker_oslo
    data = {
        "nav_ident": employee.nav_ident,
        "name": employee.name,
        "is_caseworker": "on",
        "offices": [world.oslo.pk],
        "active": "on",
        "may_approve_decisions": "on",
    }
    client = client_for(world.admin)
    url = f"/administrasjon/ansatt/{employee.pk}/"
    assert "kan godkjenne vedtak" in client.get(url).content.decode().lower()
    assert client.post(url, data).status_code == 302
    employee.refresh_from_db()
    assert employee.may_approve_decisions
    event = AuditEvent.objects.filter(action="employee.updated").latest("id")
    assert "godkjenne_vedtak" in event.data["authorisations"]
    del data["may_approve_decisions"]
    assert client.post(url, data).status_code == 302
    employee.refresh_from_db()
    assert not employee.may_approve_decisions


def test_an_administrator_cannot_make_themselves_an_approver(world: World) -> None:
    admin = world.admin
    admin.may_approve_decisions = True
    with pytest.raises(PermissionError):
        core_actions.update_employee(actor=admin, employee=admin, office_ids=[])
