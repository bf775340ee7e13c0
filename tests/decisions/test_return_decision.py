"""Four eyes: the approver sends a proposed decision back with a note on what must change.
Each note is kept with who wrote it and when (a decision can be sent back more than
once), and the caseworker reads them on the vurdering tab. The audit trail records the
note's length and row, not its text."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from navet.audit.models import AuditEvent
from navet.decisions import actions
from navet.decisions.models import Decision, DecisionReturn, DecisionState, FourEyes, Outcome
from tests.conftest import World, client_for
from tests.factories import make_decision, make_decision_settings


def tab(application: Any) -> str:
    return reverse("applications:application-assessment", args=[application.pk])


def proposed(world: World, application: Any) -> Decision:
    decision: Decision = make_decision(
        case=application.cases.get(),
        drafted_by=world.caseworker_oslo,
        state=DecisionState.PROPOSED,
        proposed_by=world.caseworker_oslo,
        proposed_at=timezone.now(),
        outcome=Outcome.REFUSED,
        considerations="Inntekten er høyere enn satsen.",
    )
    return decision


def send_back(client: Client, decision: Decision, note: str) -> Any:
    return client.post(
        reverse("decisions:decision-return", args=[decision.pk]),
        {f"tilbake-{decision.reference}-note": note},
    )


def test_it_stores_the_note_with_who_and_when(world: World, application: Any) -> None:
    decision = proposed(world, application)
    response = send_back(
        client_for(world.caseworker_confidential), decision, "Sjekk beløpet til husleie."
    )
    assert response.status_code == 302
    sent_back = DecisionReturn.objects.get(decision=decision)
    assert sent_back.note == "Sjekk beløpet til husleie."
    assert sent_back.returned_by == world.caseworker_confidential
    assert sent_back.returned_at is not None
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT


def test_it_records_audit_event_without_the_text(world: World, application: Any) -> None:
    decision = proposed(world, application)
    note = "Søkeren har barn: skriv barnas situasjon."
    send_back(client_for(world.caseworker_confidential), decision, note)
    event = AuditEvent.objects.get(action="decision.returned")
    sent_back = DecisionReturn.objects.get()
    assert event.data == {"note_length": len(note), "note": sent_back.pk}
    assert event.actor == world.caseworker_confidential
    assert event.person == application.person
    assert note not in str(event.data) and note not in event.reason


def test_the_caseworker_reads_the_note_on_the_draft(world: World, application: Any) -> None:
    decision = proposed(world, application)
    send_back(client_for(world.caseworker_confidential), decision, "Sjekk beløpet til husleie.")
    content = client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    assert "Sendt tilbake fra godkjenning" in content
    assert "Sjekk beløpet til husleie." in content
    assert world.caseworker_confidential.name in content
    assert "Lagre vurderingen" in content  # the draft is editable again


def test_every_send_back_is_kept_newest_first(world: World, application: Any) -> None:
    make_decision_settings(office=world.oslo, four_eyes=FourEyes.ALWAYS)
    decision = proposed(world, application)
    approver = client_for(world.caseworker_confidential)
    send_back(approver, decision, "Første merknad.")
    decision.refresh_from_db()
    actions.propose_decision(decision=decision, actor=world.caseworker_oslo)
    send_back(approver, decision, "Andre merknad.")
    notes = list(DecisionReturn.objects.filter(decision=decision).values_list("note", flat=True))
    assert notes == ["Første merknad.", "Andre merknad."]
    content = client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    assert content.index("Andre merknad.") < content.index("Første merknad.")
    assert AuditEvent.objects.filter(action="decision.returned").count() == 2


def test_the_note_is_escaped(world: World, application: Any) -> None:
    decision = proposed(world, application)
    send_back(client_for(world.caseworker_confidential), decision, "<script>alert(1)</script>")
    content = client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_an_empty_note_stores_nothing(world: World, application: Any) -> None:
    decision = proposed(world, application)
    response = send_back(client_for(world.caseworker_confidential), decision, "   ")
    assert response.status_code == 400
    assert not DecisionReturn.objects.exists()
    decision.refresh_from_db()
    assert decision.state == DecisionState.PROPOSED
    with pytest.raises(actions.DecisionError):
        actions.return_decision(decision=decision, actor=world.caseworker_confidential, note=" ")
    assert not DecisionReturn.objects.exists()


def test_the_database_refuses_an_empty_note(world: World, application: Any) -> None:
    decision = proposed(world, application)
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionReturn.objects.create(
            decision=decision,
            note="",
            returned_by=world.caseworker_confidential,
            returned_at=timezone.now(),
        )


def test_only_a_proposed_decision_can_be_sent_back(world: World, application: Any) -> None:
    decision: Decision = make_decision(
        case=application.cases.get(), drafted_by=world.caseworker_oslo
    )
    with pytest.raises(actions.DecisionError):
        actions.return_decision(
            decision=decision, actor=world.caseworker_confidential, note="Sjekk."
        )
    assert not DecisionReturn.objects.exists()
