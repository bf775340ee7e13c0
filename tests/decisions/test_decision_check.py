"""The live "Dette mangler" box: what would block the draft if the form were saved as it
is now. It saves nothing, says the form's own errors by field, and follows the same access
rules as the assessment."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from navet.audit.models import AuditEvent
from navet.decisions.models import Decision, Outcome
from tests.conftest import World, client_for
from tests.decisions.test_assessment_view import assessment_data, draft
from tests.factories import make_application, make_case, make_decision


def check(world: World, decision: Decision, employee: Any = None, **values: Any) -> Any:
    client = client_for(employee or world.caseworker_oslo)
    return client.post(
        reverse("decisions:decision-check", args=[decision.pk]),
        assessment_data(decision, **values),
    )


def test_the_box_follows_the_form_and_saves_nothing(world: World, application: Any) -> None:
    decision = draft(world, application)
    before = Decision.objects.get(pk=decision.pk)
    response = check(world, decision, outcome="", amount="")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Velg utfall." in content
    assert 'data-status="1 punkt mangler' in content or "punkter mangler" in content
    content = check(world, decision).content.decode()
    assert "Velg utfall." not in content
    assert "Ingenting mangler lenger." in content
    after = Decision.objects.get(pk=decision.pk)
    assert (after.outcome, after.amount, after.calculation) == (
        before.outcome,
        before.amount,
        before.calculation,
    )
    assert not AuditEvent.objects.filter(action="decision.assessment_changed").exists()
    # the read itself is audited, as every read of the person's case is
    assert AuditEvent.objects.filter(
        action="person.read", data__view="decisions:decision-check"
    ).exists()


def test_a_mistyped_amount_is_named_with_its_field(world: World, application: Any) -> None:
    decision = draft(world, application)
    content = check(world, decision, amount="12 000,50").content.decode()
    assert "Beløp (kr): Skriv beløpet i hele kroner" in content
    assert Decision.objects.get(pk=decision.pk).amount == decision.amount


def test_a_refusal_without_its_reasons_is_said_before_saving(
    world: World, application: Any
) -> None:
    decision = draft(world, application)
    content = check(
        world, decision, outcome=Outcome.REFUSED, amount="", considerations=""
    ).content.decode()
    assert "Skriv hovedhensynene i vurderingen (begrunnelsen)." in content


def test_others_and_made_decisions_get_nothing(world: World, application: Any) -> None:
    decision = draft(world, application)
    assert check(world, decision, employee=world.caseworker_bergen).status_code == 404
    other = make_application(person=world.citizen_oslo)
    made = make_decision(
        case=make_case(application=other), drafted_by=world.caseworker_oslo, state="made"
    )
    assert check(world, made).status_code == 404
