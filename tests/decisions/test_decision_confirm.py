"""Before the irreversible step: "Lagre og fatt vedtak" saves and shows what will be made
(outcome, amount against the calculation, period, recipient) and the letter; only the
button on that page makes the decision, and only if the draft is what the page showed."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.urls import reverse

from navet.audit.models import AuditEvent
from navet.decisions import actions
from navet.decisions.models import Decision, DecisionState
from tests.conftest import World, client_for
from tests.decisions.test_assessment_view import assessment_data, draft


def confirm_url(decision: Decision) -> str:
    return reverse("decisions:decision-confirm", args=[decision.pk])


def save_and_ask(client: Client, decision: Decision) -> str:
    url = reverse("decisions:decision-assessment", args=[decision.pk])
    response = client.post(url, {**assessment_data(decision), "then": "propose"})
    assert response.status_code == 302 and response["Location"] == confirm_url(decision)
    return str(client.get(confirm_url(decision)).content.decode())


def fingerprint(page: str) -> str:
    found = re.search(r'name="fingerprint" value="([0-9a-f]{64})"', page)
    assert found is not None
    return found.group(1)


def test_the_page_shows_what_will_be_made_and_the_letter_and_makes_nothing(
    world: World, application: Any
) -> None:
    decision = draft(world, application)
    page = save_and_ask(client_for(world.caseworker_oslo), decision)
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT and decision.letter is None
    assert not AuditEvent.objects.filter(action="decision.made").exists()
    assert "Se over før vedtak" in page and decision.reference in page
    assert "Innvilget" in page and "4\xa0000\xa0kr" in page  # outcome and amount
    assert "Stønad etter beregningen" in page  # the amount beside the calculation
    assert "Du har søkt om 4 000 kr." in page  # the reason for the lower amount
    assert 'class="navet-letter-preview"' in page and "Dette har vi bestemt" in page
    assert "Fatt vedtaket" in page


def test_the_button_makes_the_decision(world: World, application: Any) -> None:
    decision = draft(world, application)
    client = client_for(world.caseworker_oslo)
    page = save_and_ask(client, decision)
    response = client.post(confirm_url(decision), {"fingerprint": fingerprint(page)})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.state == DecisionState.MADE and decision.letter is not None


def test_a_draft_changed_after_the_page_was_shown_is_not_made(
    world: World, application: Any
) -> None:
    decision = draft(world, application)
    client = client_for(world.caseworker_oslo)
    page = save_and_ask(client, decision)
    # Someone (another tab, a colleague) changes the amount in between.
    actions.update_assessment(
        decision=decision, actor=world.caseworker_oslo, changes={"amount": 3000}
    )
    response = client.post(confirm_url(decision), {"fingerprint": fingerprint(page)})
    assert response.status_code == 409
    assert "Utkastet er endret etter at du åpnet denne siden" in response.content.decode()
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT and decision.letter is None
    # The page shown with the error has the new amount and a new fingerprint.
    assert "3\xa0000\xa0kr" in response.content.decode()
    assert fingerprint(response.content.decode()) != fingerprint(page)


def test_facts_changed_after_the_page_was_shown_stop_it_too(world: World, application: Any) -> None:
    from tests.factories import make_fact

    decision = draft(world, application)
    client = client_for(world.caseworker_oslo)
    page = save_and_ask(client, decision)
    make_fact(application=application, title="Ny utgift", amount=1500)
    response = client.post(confirm_url(decision), {"fingerprint": fingerprint(page)})
    assert response.status_code == 409
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT


def test_missing_parts_are_said_on_the_form_and_nothing_is_asked(
    world: World, application: Any
) -> None:
    decision = draft(world, application)
    url = reverse("decisions:decision-assessment", args=[decision.pk])
    client = client_for(world.caseworker_oslo)
    response = client.post(url, {**assessment_data(decision, outcome=""), "then": "propose"})
    assert response.status_code == 409
    assert "Velg utfall." in response.content.decode()
    page = client.get(confirm_url(decision)).content.decode()
    assert "Dette mangler før vedtaket kan fattes" in page
    assert 'name="fingerprint"' not in page  # no button to make it


def test_only_who_may_decide_at_the_office_sees_the_page(world: World, application: Any) -> None:
    decision = draft(world, application)
    assert client_for(world.caseworker_bergen).get(confirm_url(decision)).status_code in (403, 404)
    assert client_for(world.caseworker_oslo).get(confirm_url(decision)).status_code == 200


def test_a_made_decision_sends_the_caseworker_back(world: World, application: Any) -> None:
    decision = draft(world, application)
    client = client_for(world.caseworker_oslo)
    page = save_and_ask(client, decision)
    client.post(confirm_url(decision), {"fingerprint": fingerprint(page)})
    response = client.get(confirm_url(decision))
    assert response.status_code == 302
    again = client.post(confirm_url(decision), {"fingerprint": fingerprint(page)})
    assert again.status_code == 302
    assert AuditEvent.objects.filter(action="decision.made").count() == 1


def test_a_draft_can_be_discarded_and_the_event_keeps_its_reference(
    world: World, application: Any
) -> None:
    decision = draft(world, application)
    reference = decision.reference
    client = client_for(world.caseworker_oslo)
    page = client.get(reverse("applications:application-assessment", args=[application.pk]))
    assert f"Forkast utkastet {reference}" in page.content.decode()
    response = client.post(reverse("decisions:decision-discard", args=[decision.pk]))
    assert response.status_code == 302
    assert not Decision.objects.filter(pk=decision.pk).exists()
    event = AuditEvent.objects.get(action="decision.draft_discarded")
    assert event.data["reference"] == reference
    # A new draft gets a new reference; the discarded one is not used again.
    again = actions.start_decision(case=application.cases.get(), actor=world.caseworker_oslo)
    assert again.reference != reference


def test_a_made_decision_or_someone_elses_office_cannot_discard(
    world: World, application: Any
) -> None:
    from tests.factories import make_decision

    made = make_decision(
        case=application.cases.get(), drafted_by=world.caseworker_oslo, state=DecisionState.MADE
    )
    url = reverse("decisions:decision-discard", args=[made.pk])
    assert client_for(world.caseworker_oslo).post(url).status_code == 409
    assert client_for(world.caseworker_bergen).post(url).status_code in (403, 404)
    assert Decision.objects.filter(pk=made.pk).exists()
    assert not AuditEvent.objects.filter(action="decision.draft_discarded").exists()


def test_the_approver_reaches_the_calculation_and_the_letter(
    world: World, application: Any
) -> None:
    from tests.factories import make_decision

    proposed = make_decision(
        case=application.cases.get(),
        drafted_by=world.caseworker_oslo,
        state=DecisionState.PROPOSED,
        proposed_by=world.caseworker_oslo,
        outcome="INNVILGET",
        form="grant",
        amount=3000,
        amount_reason="Du har søkt om 3 000 kr.",
        considerations="Du står uten penger.",
    )
    client = client_for(world.leader_oslo)
    page = client.get(reverse("applications:application-assessment", args=[application.pk]))
    content = page.content.decode()
    assert "Se beregningen" in content and "Se vedtaksbrevet slik det blir" in content
    assert "Stønad etter beregningen" in content  # the calculation's amount beside the amount
    letters = client.get(reverse("applications:application-letters", args=[application.pk]))
    assert proposed.case.reference in letters.content.decode()
    assert "navet-letter-preview" in letters.content.decode()
