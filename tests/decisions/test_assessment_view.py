"""The vurdering tab: the draft, the assessment, conditions, blockers, making the decision
and four eyes. A made decision cannot be changed."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from navet.applications.models import ApplicationStatus, Document, DocumentKind
from navet.audit.models import AuditEvent
from navet.decisions import actions
from navet.decisions.models import (
    Condition,
    ConditionKind,
    Decision,
    DecisionState,
    FourEyes,
    Outcome,
)
from tests.conftest import World, client_for
from tests.factories import (
    make_application,
    make_case,
    make_decision,
    make_decision_settings,
    make_employee,
    make_person,
)
from tests.queries import count_queries


def tab(application: Any) -> str:
    return reverse("applications:application-assessment", args=[application.pk])


def draft(world: World, application: Any, **overrides: Any) -> Decision:
    decision: Decision = make_decision(
        case=application.cases.get(), drafted_by=world.caseworker_oslo, **overrides
    )
    return decision


def assessment_data(decision: Decision, **overrides: Any) -> dict[str, Any]:
    values = {
        "legal_basis": "18",
        "period_from": decision.period_from.isoformat() if decision.period_from else "",
        "period_to": decision.period_to.isoformat() if decision.period_to else "",
        "facts_that_mattered": "Du bor alene.\nDu har ingen annen inntekt.",
        "considerations": "Vi har lagt vekt på at du står uten penger.",
        "outcome": Outcome.GRANTED,
        "form": "grant",
        "amount": "4000",
        # Less than the calculation: what was applied for, with the reason the letter gives.
        "amount_reason": "Du har søkt om 4 000 kr.",
        "recipient": "applicant",
    }
    values.update(overrides)
    return {f"S1-vurdering-{key}": value for key, value in values.items()}


def post(client: Client, name: str, decision: Decision, data: dict[str, Any] | None = None) -> Any:
    return client.post(reverse(f"decisions:{name}", args=[decision.pk]), data or {})


def audited(action: str) -> bool:
    return AuditEvent.objects.filter(action=action).exists()


def test_start_a_draft(world: World, application: Any) -> None:
    case = application.cases.get()
    client = client_for(world.caseworker_oslo)
    assert "Start vedtaksutkast" in client.get(tab(application)).content.decode()
    response = client.post(reverse("decisions:decision-start", args=[case.pk]))
    assert response.status_code == 302
    assert response["Location"] == tab(application) + "#sak-S1"
    assert case.decisions.get().state == DecisionState.DRAFT
    assert audited("decision.drafted")


def test_the_draft_shows_blockers_and_the_form(world: World, application: Any) -> None:
    draft(world, application)
    content = client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    assert "Dette mangler før vedtaket kan fattes" in content
    assert "Velg utfall." in content
    assert "Barnas situasjon (valgfritt)" in content
    assert "Søkeren er under 30 år" not in content  # the applicant is 36
    assert "Lagre og fatt vedtak" in content


def test_children_and_under_30_are_asked_for(world: World) -> None:
    young = make_person(office=world.oslo, given_name="Unn", birth_date=date(2004, 2, 2))
    application = make_application(
        person=young, children=[{"name": "Mia", "birth_date": "2021-05-05"}]
    )
    make_case(application=application)
    draft(world, application)
    content = client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    assert "Barnas situasjon (må fylles ut)" in content
    # The reference is a link to its explanation (navet.competence).
    assert "Søkeren er under 30 år (" in content
    assert 'href="/lov/stl-20a/"' in content
    assert "Husstanden har barn: vurder og skriv ned barnas situasjon." in content


def test_save_the_assessment(world: World, application: Any) -> None:
    decision = draft(world, application)
    response = post(
        client_for(world.caseworker_oslo),
        "decision-assessment",
        decision,
        assessment_data(decision),
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.outcome, decision.amount) == (Outcome.GRANTED, 4000)
    assert decision.considerations.startswith("Vi har lagt vekt på")
    event = AuditEvent.objects.get(action="decision.assessment_changed")
    assert "outcome" in event.data["fields"]


def test_the_amount_is_prefilled_from_the_calculation(world: World, application: Any) -> None:
    decision = draft(world, application)
    content = client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    assert f'value="{decision.calculation["assistance"]}"' in content


def test_a_period_must_be_in_order(world: World, application: Any) -> None:
    decision = draft(world, application)
    data = assessment_data(decision, period_from="2026-02-10", period_to="2026-02-01")
    response = post(client_for(world.caseworker_oslo), "decision-assessment", decision, data)
    assert response.status_code == 400
    assert "Perioden kan ikke slutte før den begynner." in response.content.decode()


def test_a_made_decision_cannot_be_changed_through_the_assessment(
    world: World, application: Any
) -> None:
    decision = draft(world, application, state=DecisionState.MADE)
    data = assessment_data(decision, amount="99999", considerations="Endret i ettertid")
    response = post(client_for(world.caseworker_oslo), "decision-assessment", decision, data)
    assert response.status_code == 409
    assert "ikke et utkast" in response.content.decode()
    decision.refresh_from_db()
    assert decision.amount == 5000 and decision.considerations == ""
    assert not audited("decision.assessment_changed")
    with pytest.raises(actions.DecisionError):
        actions.update_assessment(
            decision=decision, actor=world.caseworker_oslo, changes={"amount": 99999}
        )


def test_add_and_remove_conditions(world: World, application: Any) -> None:
    decision = draft(world, application)
    client = client_for(world.caseworker_oslo)
    fields = {
        "S1-vilkar-kind": ConditionKind.ACTIVITY,
        "S1-vilkar-text": "Møt til samtale hver uke.",
        "S1-vilkar-consequence": "Stønaden kan bli redusert.",
    }
    response = post(client, "decision-condition-add", decision, fields)
    assert response.status_code == 400
    assert "kategorien i KOSTRA" in response.content.decode()
    assert not Condition.objects.exists()
    response = post(
        client, "decision-condition-add", decision, {**fields, "S1-vilkar-kostra_category": "08"}
    )
    assert response.status_code == 302
    condition = Condition.objects.get(decision=decision)
    assert condition.kostra_category == "08"
    assert audited("decision.condition_added")
    assert "Møt til samtale hver uke." in client.get(tab(application)).content.decode()
    response = post(client, "decision-condition-remove", decision, {"condition": condition.pk})
    assert response.status_code == 302
    assert not Condition.objects.exists()
    assert audited("decision.condition_removed")


def test_a_documentation_requirement_needs_a_deadline(world: World, application: Any) -> None:
    decision = draft(world, application)
    response = post(
        client_for(world.caseworker_oslo),
        "decision-condition-add",
        decision,
        {
            "S1-vilkar-kind": ConditionKind.DOCUMENTATION,
            "S1-vilkar-text": "Send husleiekontrakten.",
            "S1-vilkar-consequence": "Vi kan kreve stønaden tilbake.",
        },
    )
    assert response.status_code == 400
    assert "Et dokumentasjonskrav må ha en frist." in response.content.decode()


def make(client: Client, decision: Decision, **overrides: Any) -> Any:
    """Save the assessment and make (or propose) the decision, as the primary button does,
    and then the confirmation page's button."""
    data = assessment_data(decision, **overrides)
    response = post(client, "decision-assessment", decision, {**data, "then": "propose"})
    if response.status_code != 302:
        return response
    assert response["Location"] == reverse("decisions:decision-confirm", args=[decision.pk])
    page = client.get(response["Location"]).content.decode()
    fingerprint = re.search(r'name="fingerprint" value="([0-9a-f]{64})"', page)
    assert fingerprint is not None, "the confirmation page has its button"
    return post(client, "decision-confirm", decision, {"fingerprint": fingerprint.group(1)})


def test_blockers_stop_the_decision_but_the_assessment_is_saved(
    world: World, application: Any
) -> None:
    decision = draft(world, application)
    response = make(client_for(world.caseworker_oslo), decision, outcome="", amount="")
    assert response.status_code == 409
    content = response.content.decode()
    assert "Vurderingen er lagret, men vedtaket kan ikke fattes ennå" in content
    assert "Velg utfall." in content
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT
    assert decision.considerations.startswith("Vi har lagt vekt på")


def test_enter_in_a_field_saves_and_does_not_decide(world: World, application: Any) -> None:
    draft(world, application)
    content = client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    assert content.index('value="save"') < content.index('value="propose"')


def test_make_the_decision(world: World, application: Any) -> None:
    decision = draft(world, application)
    response = make(client_for(world.caseworker_oslo), decision)
    assert response.status_code == 302
    assert response["Location"].endswith("/vedtak/#sak-S1")
    decision.refresh_from_db()
    assert decision.state == DecisionState.MADE
    assert decision.amount == 4000
    assert decision.letter is not None and decision.letter.kind == DocumentKind.DECISION
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DONE
    assert audited("decision.made")
    content = client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    assert "Vedtaket er fattet og kan ikke endres." in content


def test_four_eyes(world: World, application: Any) -> None:
    make_decision_settings(office=world.oslo, four_eyes=FourEyes.ALWAYS)
    decision = draft(world, application)
    me, colleague = client_for(world.caseworker_oslo), client_for(world.caseworker_confidential)
    assert "Lagre og send til godkjenning" in me.get(tab(application)).content.decode()

    refused = {"outcome": Outcome.REFUSED, "amount": "", "form": ""}
    assert make(me, decision, **refused).status_code == 302
    decision.refresh_from_db()
    assert decision.state == DecisionState.PROPOSED
    assert audited("decision.proposed")
    assert "venter på godkjenning" in me.get(tab(application)).content.decode()
    assert post(me, "decision-approve", decision).status_code == 403
    # A caseworker of the office without the authorisation to approve: refused.
    unauthorised = make_employee("veileder.oslo2", offices=[world.oslo], is_caseworker=True)
    assert post(client_for(unauthorised), "decision-approve", decision).status_code == 403

    page = colleague.get(tab(application)).content.decode()
    assert "Godkjenn og fatt vedtaket" in page
    assert post(colleague, "decision-approve", decision).status_code == 302
    decision.refresh_from_db()
    assert decision.state == DecisionState.MADE
    assert decision.approved_by == world.caseworker_confidential
    assert Document.objects.filter(kind=DocumentKind.DECISION).count() == 1


def test_a_proposal_can_be_sent_back(world: World, application: Any) -> None:
    decision = draft(
        world, application, state=DecisionState.PROPOSED, proposed_by=world.caseworker_oslo
    )
    colleague = client_for(world.caseworker_confidential)
    assert post(colleague, "decision-return", decision, {}).status_code == 400
    response = post(
        colleague,
        "decision-return",
        decision,
        {f"tilbake-{decision.reference}-note": "Sjekk beløpet."},
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT
    assert audited("decision.returned")


def test_leader_reads_but_cannot_decide(world: World, application: Any) -> None:
    decision = draft(world, application)
    leader = client_for(world.leader_oslo)
    content = leader.get(tab(application)).content.decode()
    assert "Lagre vurderingen" not in content
    assert "Status" in content  # the read-only summary
    for name in (
        "decision-assessment",
        "decision-condition-add",
        "decision-change",
    ):
        assert post(leader, name, decision).status_code == 403, name
    case = application.cases.get()
    assert leader.post(reverse("decisions:decision-start", args=[case.pk])).status_code == 403


def test_a_draft_period_starts_when_the_application_came(world: World, application: Any) -> None:
    application.received_at = timezone.now() - timedelta(days=3)
    application.save(update_fields=["received_at"])
    client_for(world.caseworker_oslo).post(
        reverse("decisions:decision-start", args=[application.cases.get().pk])
    )
    decision = Decision.objects.get()
    assert decision.period_from == timezone.localdate(application.received_at)


def test_query_count_does_not_grow_with_conditions_and_facts(
    world: World, application: Any
) -> None:
    from tests.factories import make_fact

    decision = draft(world, application)
    client = client_for(world.caseworker_oslo)
    client.get(tab(application))

    def add(n: int) -> None:
        Condition.objects.create(
            decision=decision,
            kind=ConditionKind.OTHER,
            text=f"Vilkår {n}",
            consequence="Stønaden kan bli redusert.",
            reference=f"V-test-{n}",
        )
        make_fact(application=application, title=f"Utgift {n}")

    # From the first condition on, its follow-ups are one prefetch more, whatever the number.
    add(99)
    few = count_queries(client, tab(application))
    for n in range(8):
        add(n)
    many = count_queries(client, tab(application))
    assert many == few
    assert many <= 25
