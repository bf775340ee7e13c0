"""The vedtak tab: made decisions with their letters, change by a new decision, appeals."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from navet.applications.models import DocumentKind
from navet.audit.models import AuditEvent
from navet.decisions.models import (
    Appeal,
    AppealState,
    AuthorityOutcome,
    Decision,
    DecisionState,
)
from tests.conftest import World, client_for
from tests.factories import make_appeal, make_decision, make_document


def tab(application: Any) -> str:
    return reverse("applications:application-decisions", args=[application.pk])


def made(world: World, application: Any, **overrides: Any) -> Decision:
    letter = make_document(
        application=application, kind=DocumentKind.DECISION, title="Vedtak: Livsopphold"
    )
    decision: Decision = make_decision(
        case=application.cases.get(),
        drafted_by=world.caseworker_oslo,
        state=DecisionState.MADE,
        letter=letter,
        responsible_name="Lise Leder",
        **overrides,
    )
    return decision


def post(client: Client, name: str, obj: Any, data: dict[str, Any] | None = None) -> Any:
    return client.post(reverse(f"decisions:{name}", args=[obj.pk]), data or {})


def test_it_lists_made_decisions_with_their_letter(world: World, application: Any) -> None:
    decision = made(world, application)
    content = client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    assert f"Vedtak {decision.reference}: Innvilget" in content
    assert "5\xa0000\xa0kr" in content
    assert reverse("applications:document-download", args=[decision.letter_id]) in content
    assert "Endre vedtak" in content and "Registrer klage" in content


def test_change_starts_a_replacing_draft(world: World, application: Any) -> None:
    decision = made(world, application)
    response = post(client_for(world.caseworker_oslo), "decision-change", decision)
    assert response.status_code == 302
    assert "/vurdering/" in response["Location"]
    new = Decision.objects.exclude(pk=decision.pk).get()
    assert new.replaces == decision and new.state == DecisionState.DRAFT
    assert new.amount == decision.amount
    content = client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    assert "Saken har et vedtaksutkast" in content
    assert "Endre vedtak" not in content


def test_register_an_appeal(world: World, application: Any) -> None:
    decision = made(world, application)
    prefix = f"klage-{decision.reference}"
    response = post(
        client_for(world.caseworker_oslo),
        "appeal-register",
        decision,
        {
            f"{prefix}-received_on": timezone.localdate().isoformat(),
            f"{prefix}-summary": "Jeg mener husleien skulle vært dekket fullt.",
        },
    )
    assert response.status_code == 302
    appeal = Appeal.objects.get(decision=decision)
    assert appeal.within_deadline
    assert AuditEvent.objects.filter(action="appeal.registered").exists()
    content = client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    assert "husleien skulle vært dekket fullt" in content
    assert "Kontoret opprettholder vedtaket" in content


def test_an_appeal_cannot_come_before_the_decision(world: World, application: Any) -> None:
    decision = made(world, application)
    prefix = f"klage-{decision.reference}"
    client = client_for(world.caseworker_oslo)
    early = post(
        client,
        "appeal-register",
        decision,
        {
            f"{prefix}-received_on": (timezone.localdate() - timedelta(days=30)).isoformat(),
            f"{prefix}-summary": "For tidlig.",
        },
    )
    assert early.status_code == 400
    assert "Klagen kan ikke være mottatt før vedtaket ble fattet." in early.content.decode()
    future = post(
        client,
        "appeal-register",
        decision,
        {
            f"{prefix}-received_on": (timezone.localdate() + timedelta(days=1)).isoformat(),
            f"{prefix}-summary": "Frem i tid.",
        },
    )
    assert future.status_code == 400
    assert not Appeal.objects.exists()


def test_forward_an_appeal_and_record_the_outcome(world: World, application: Any) -> None:
    decision = made(world, application)
    appeal = make_appeal(decision=decision, registered_by=world.caseworker_oslo)
    prefix = f"klage-{str(appeal.pk)[:8]}"
    client = client_for(world.caseworker_oslo)
    assert post(client, "appeal-forward", appeal, {}).status_code == 400
    response = post(
        client,
        "appeal-forward",
        appeal,
        {f"{prefix}-oversend-assessment": "Beløpet følger statens veiledende satser."},
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.state == AppealState.FORWARDED
    assert appeal.forwarding_letter is not None
    assert appeal.forwarding_letter.kind == DocumentKind.APPEAL_FORWARDING
    assert AuditEvent.objects.filter(action="appeal.forwarded").exists()

    response = post(
        client,
        "appeal-outcome",
        appeal,
        {
            f"{prefix}-utfall-outcome": AuthorityOutcome.UPHELD,
            f"{prefix}-utfall-decided_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert (appeal.state, appeal.authority_outcome) == (AppealState.CLOSED, AuthorityOutcome.UPHELD)
    assert "Stadfestet" in client.get(tab(application)).content.decode()


def test_the_office_changes_its_decision_after_an_appeal(world: World, application: Any) -> None:
    decision = made(world, application)
    appeal = make_appeal(decision=decision, registered_by=world.caseworker_oslo)
    response = post(client_for(world.caseworker_oslo), "appeal-change", appeal)
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.state == AppealState.CHANGED
    assert appeal.new_decision is not None and appeal.new_decision.replaces == decision
    assert post(client_for(world.caseworker_oslo), "appeal-change", appeal).status_code == 409


def test_leader_reads_but_cannot_act(world: World, application: Any) -> None:
    decision = made(world, application)
    appeal = make_appeal(decision=decision, registered_by=world.caseworker_oslo)
    leader = client_for(world.leader_oslo)
    content = leader.get(tab(application)).content.decode()
    assert "Endre vedtak" not in content and "Registrer klage" not in content
    assert post(leader, "appeal-register", decision).status_code == 403
    assert post(leader, "appeal-change", appeal).status_code == 403
    assert post(leader, "appeal-forward", appeal).status_code == 403
    assert post(leader, "appeal-outcome", appeal).status_code == 403
