"""The state's guideline rates Navet does not ship (issue 10, point 4): the administrator
sees every state rate set in force with its date, source and status, registers a newer
one from the rundskriv (audited, "registrert av administrator"), and calculations use it
and say so."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.urls import reverse

from navet.applications import actions as app_actions
from navet.audit.models import AuditEvent
from navet.decisions import actions
from navet.decisions.models import Decision, MunicipalRateSet, StateRateSet
from navet.decisions.presenters import warnings
from navet.rules.ratesets import state_living_cost_rates
from tests.conftest import World, client_for

RATES = reverse("decisions:rate-sets")
NEW = reverse("decisions:state-rate-set-new")


def state_data(**overrides: Any) -> dict[str, Any]:
    values = {
        "valid_from": "2026-01-01",
        "source": "https://www.regjeringen.no/rundskriv-a-1-2026",
        "source_title": "Rundskriv A-1/2026",
        "single": "8 350",  # typed as people type them
        "couple": "13 900 kr",
        "shared_housing": "6950",
        "child_0_5": "3 650",
        "child_6_10": "4 200",
        "child_11_17": "5 450",
    }
    values.update(overrides)
    return values


def march_draft(world: World) -> Decision:
    """A draft for March 2026 in Oslo."""
    me = world.caseworker_oslo
    application = app_actions.register_application(
        person=world.citizen_oslo,
        office=world.oslo,
        channel="paper",
        received_at=datetime(2026, 3, 1, 9, tzinfo=UTC),
        applied_for="Livsopphold",
        actor=me,
    )
    app_actions.start_processing(application=application, actor=me)
    decision = actions.start_decision(case=application.cases.get(), actor=me)
    return decision


def shipped_newest() -> date:
    return state_living_cost_rates().rates[-1].source.valid_from


def test_the_administrator_sees_the_state_rates_in_force_and_what_is_missing(
    world: World,
) -> None:
    page = client_for(world.admin).get(RATES).content.decode()
    assert "Statens veiledende satser for livsopphold" in page
    assert "Rundskriv A-3/2023" in page  # the shipped 2024 rates and their source
    assert "Levert med Navet, kontrollert mot kilden" in page
    assert f"Navet har ingen statlige satser fra 1.1.{shipped_newest().year + 1}" in page


def test_register_state_rates_typed_the_norwegian_way(world: World) -> None:
    response = client_for(world.admin).post(NEW, state_data())
    assert response.status_code == 302
    registered = StateRateSet.objects.get()
    assert (registered.single, registered.couple, registered.child_0_5) == (8350, 13900, 3650)
    assert registered.created_by == world.admin
    event = AuditEvent.objects.get(action="rates.state_added")
    assert event.data == {"valid_from": "2026-01-01", "source": registered.source}
    page = client_for(world.admin).get(RATES).content.decode()
    assert "Rundskriv A-1/2026" in page
    assert "Registrert av administrator (" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("valid_from", "2024-01-01", "Registrer bare satser som gjelder fra en senere dato"),
        ("single", "8.350", "Skriv beløpet i hele kroner"),
        ("source", "", "Feltet er påkrevet"),
    ],
)
def test_a_wrong_entry_says_what_and_saves_nothing(
    world: World, field: str, value: str, message: str
) -> None:
    response = client_for(world.admin).post(NEW, state_data(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not StateRateSet.objects.exists()
    assert not AuditEvent.objects.filter(action="rates.state_added").exists()


def test_only_administrators_register_state_rates(world: World) -> None:
    for employee in (world.caseworker_oslo, world.leader_oslo):
        assert client_for(employee).post(NEW, state_data()).status_code == 403
    assert not StateRateSet.objects.exists()


def test_calculations_use_the_registered_rates_and_say_so(world: World) -> None:
    client_for(world.admin).post(NEW, state_data(valid_from="2025-01-01"))
    client_for(world.admin).post(NEW, state_data())
    decision = march_draft(world)
    snapshot = decision.snapshot
    adult = next(line for line in snapshot.lines if line.key.startswith("adults."))
    assert adult.amount == 8350
    assert adult.rate is not None and adult.rate.source_title == "Rundskriv A-1/2026"
    texts = warnings(snapshot)
    assert any("registrert av en administrator i Navet fra Rundskriv A-1/2026" in t for t in texts)
    assert not any("Navet mangler satser" in t for t in texts)


def test_a_municipalitys_own_rates_still_come_first(world: World) -> None:
    client_for(world.admin).post(NEW, state_data())
    MunicipalRateSet.objects.create(
        municipality_number=world.oslo.municipality_number,
        name="Oslo kommunes satser",
        valid_from=date(2026, 1, 1),
        source="https://www.oslo.kommune.no/satser",
        source_title="Bystyrets vedtak",
        single=9000,
        couple=14000,
        shared_housing=7000,
        child_0_5=3000,
        child_6_10=3800,
        child_11_17=4600,
        created_by=world.admin,
    )
    decision = march_draft(world)
    adult = next(line for line in decision.snapshot.lines if line.key.startswith("adults."))
    assert adult.amount == 9000


def test_the_error_summary_names_each_field(world: World) -> None:
    empty = dict.fromkeys(state_data(), "")  # what a browser sends for an empty form
    page = client_for(world.admin).post(NEW, empty).content.decode()
    assert 'href="#id_valid_from"' in page
    assert "Gjelder fra: Feltet er påkrevet." in page
    assert "Kilde (tittel): Feltet er påkrevet." in page
