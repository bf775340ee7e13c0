"""The beregning tab: the lines with rates and sources, warnings, and deviations."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from navet.audit.models import AuditEvent
from navet.decisions.models import Decision, DecisionState, Deviation
from tests.conftest import World, client_for
from tests.factories import make_decision


def tab(application: Any) -> str:
    return reverse("applications:application-calculation", args=[application.pk])


def draft(world: World, application: Any) -> Decision:
    decision: Decision = make_decision(
        case=application.cases.get(), drafted_by=world.caseworker_oslo
    )
    return decision


def line_key(decision: Decision, text: str) -> tuple[int, str]:
    lines = decision.calculation["result"]["lines"]
    index = next(i for i, line in enumerate(lines) if line["text"] == text)
    return index, f"{index}:{lines[index]['key']}"


def deviate(client: Client, decision: Decision, key: str, index: int, **data: Any) -> Any:
    return client.post(
        reverse("decisions:decision-deviation", args=[decision.pk]),
        {"line": key, **{f"S1-avvik-{index}-{k}": v for k, v in data.items()}},
    )


def test_it_shows_lines_rates_and_sources(world: World, application: Any) -> None:
    draft(world, application)
    content = client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    for text in (
        "Veiledende sats for enslig",
        "7\xa0850\xa0kr, statens veiledende satser fra",
        "Rundskriv A-3/2023",
        "Faktisk utgift: husleie",
        "Inntekt: trygdeytelser",
        "Stønad etter beregningen og avvikene",
        "Endre et beløp i beregningen",
    ):
        assert text in content, text


def test_without_a_draft_it_offers_to_start_one(world: World, application: Any) -> None:
    start = reverse("decisions:decision-start", args=[application.cases.get().pk])
    assert start in client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    assert start not in client_for(world.leader_oslo).get(tab(application)).content.decode()


def test_set_and_remove_a_deviation(world: World, application: Any) -> None:
    decision = draft(world, application)
    before = decision.calculation["assistance"]
    index, key = line_key(decision, "Faktisk utgift: husleie")
    client = client_for(world.caseworker_oslo)
    response = deviate(client, decision, key, index, amount="9500", reason="Ny husleie fra 1.")
    assert response.status_code == 302
    deviation = Deviation.objects.get(decision=decision)
    assert (deviation.calculated, deviation.amount) == (9000, 9500)
    decision.refresh_from_db()
    assert decision.calculation["assistance"] == before + 500  # the draft is a whole month
    assert decision.calculation["version"] == 1
    assert decision.snapshot.to_json() == decision.calculation
    assert decision.snapshot.deviations[0].reason == "Ny husleie fra 1."
    assert AuditEvent.objects.filter(action="decision.deviation_set").exists()
    content = client.get(tab(application)).content.decode()
    assert "Ny husleie fra 1." in content and "Avvik fra beregningen" in content

    response = client.post(
        reverse("decisions:decision-deviation-remove", args=[decision.pk]), {"line": key}
    )
    assert response.status_code == 302
    assert not Deviation.objects.exists()
    assert AuditEvent.objects.filter(action="decision.deviation_removed").exists()


def test_a_deviation_needs_a_reason(world: World, application: Any) -> None:
    decision = draft(world, application)
    index, key = line_key(decision, "Faktisk utgift: husleie")
    response = deviate(client_for(world.caseworker_oslo), decision, key, index, amount="9500")
    assert response.status_code == 400
    content = response.content.decode()
    assert f"#id_S1-avvik-{index}-reason" in content
    assert "<details" in content and " open>" in content
    assert not Deviation.objects.exists()


def test_totals_cannot_be_deviated(world: World, application: Any) -> None:
    decision = draft(world, application)
    index, key = line_key(decision, "Behov for måneden")
    response = deviate(
        client_for(world.caseworker_oslo), decision, key, index, amount="1", reason="x"
    )
    assert response.status_code == 409
    assert not Deviation.objects.exists()


def test_leader_reads_and_other_office_is_refused(world: World, application: Any) -> None:
    decision = draft(world, application)
    index, key = line_key(decision, "Faktisk utgift: husleie")
    leader = client_for(world.leader_oslo)
    assert "Endre et beløp" not in leader.get(tab(application)).content.decode()
    assert deviate(leader, decision, key, index, amount="1", reason="x").status_code == 403
    bergen = client_for(world.caseworker_bergen)
    assert deviate(bergen, decision, key, index, amount="1", reason="x").status_code == 404


def test_a_made_decision_shows_its_frozen_calculation_without_forms(
    world: World, application: Any
) -> None:
    make_decision(
        case=application.cases.get(), drafted_by=world.caseworker_oslo, state=DecisionState.MADE
    )
    content = client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    assert "Veiledende sats for enslig" in content
    assert "Fattet" in content
    assert "Endre et beløp" not in content
