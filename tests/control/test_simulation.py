"""The leader's microsimulation: the page's totals are the engine's batch run on the same
households, only leaders and administrators reach it, bad input changes nothing, the
persons read are audited, and the queries do not grow with the office."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from django.urls import reverse
from django.utils import timezone

from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction
from navet.control import simulation as sim
from navet.control.simulation import Population, Reform, ReformKind, run_simulation
from navet.decisions.models import MunicipalRateSet
from navet.rules.batch import (
    HouseholdArrays,
    change_child_band,
    scale_rates,
    simulate,
    split_child_band,
    synthetic_households,
)
from navet.rules.ratesets import state_living_cost_rates
from tests.conftest import World, client_for
from tests.factories import make_application, make_case, make_decision, make_fact, make_person
from tests.queries import assert_queries_flat

URL = reverse("control:simulation")
PLUS_5 = f"{URL}?utvalg=kontor&endring=prosent&prosent=5"

# (adults, children's birth dates, rent, salary): the households the tests decide on.
HOUSEHOLDS: list[tuple[str, list[str], int, int]] = [
    ("single", [], 9000, 0),
    ("couple", ["2015-03-01", "2010-08-15"], 12000, 4000),
    ("single", ["2021-01-20"], 8000, 25000),  # earns more than the need
    ("shared_housing", [], 5000, 1000),
]


def _recipient(
    world: World, n: int, adults: str, children: list[str], rent: int, salary: int, **made: Any
) -> Any:
    person = make_person(office=world.oslo, given_name="Simulert", family_name=f"Hemmeligsen{n}")
    application = make_application(
        person=person, adults=adults, children=[{"birth_date": c} for c in children]
    )
    make_fact(application=application, amount=rent)
    if salary:
        make_fact(
            application=application,
            area="income",
            type="lonn",
            title="Lønn",
            amount=salary,
            rules_type="salary",
        )
    return make_decision(
        case=make_case(application=application),
        drafted_by=world.caseworker_oslo,
        state="made",
        **{"outcome": "INNVILGET", **made},
    )


def _arrays(households: list[tuple[str, list[str], int, int]]) -> HouseholdArrays:
    """The same households, built by hand for the engine."""
    index = {"single": 0, "couple": 1, "shared_housing": 2}
    births = np.zeros((len(households), 2), dtype=np.int32)
    for row, (_a, children, _r, _s) in enumerate(households):
        for column, birth in enumerate(children):
            births[row, column] = int(birth.replace("-", ""))
    return HouseholdArrays(
        adults=np.array([index[h[0]] for h in households], dtype=np.int8),
        child_birth=births,
        expenses=np.array([h[2] for h in households], dtype=np.int64),
        incomes={"salary": np.array([h[3] for h in households], dtype=np.int64)},
    )


def _office(world: World) -> list[Any]:
    return [_recipient(world, n, *h) for n, h in enumerate(HOUSEHOLDS)]


def test_the_pages_totals_equal_the_engines_batch_run(world: World) -> None:
    decisions = _office(world)
    response = client_for(world.leader_oslo).get(PLUS_5)
    assert response.status_code == 200
    report = response.context["report"]
    month = timezone.localdate().replace(day=1)
    state = state_living_cost_rates()
    engine = simulate(
        month,
        _arrays(HOUSEHOLDS),
        baseline=state,
        reform=scale_rates(state, Decimal("1.05")),
    )
    result = report.simulation
    assert result.households == len(HOUSEHOLDS)
    assert result.total_baseline == engine.total_baseline
    assert result.total_reform == engine.total_reform
    assert (result.winners, result.losers, result.unchanged) == (
        engine.winners,
        engine.losers,
        engine.unchanged,
    )
    assert result.by_adults == engine.by_adults and result.by_children == engine.by_children
    assert report.change_per_year == 12 * engine.total_change > 0
    # The baseline is what the decisions' own calculations gave this month.
    assert engine.total_baseline == sum(d.snapshot.assistance for d in decisions)
    page = response.content.decode()
    assert f"{engine.total_change:,}".replace(",", "\xa0") in page
    assert "Hemmeligsen" not in page and "Simulert" not in page  # no names, only sums


def test_each_person_counts_once_and_only_recent_grants_count(world: World) -> None:
    first = _recipient(world, 0, "single", [], 9000, 0)
    # A later decision for the same person replaces the household.
    make_decision(
        case=make_case(application=first.case.application),
        drafted_by=world.caseworker_oslo,
        state="made",
        outcome="INNVILGET",
    )
    # A made decision is final (PostgreSQL refuses an update): made so from the start.
    _recipient(world, 1, "single", [], 9000, 0, made_at=timezone.now() - timedelta(days=400))
    _recipient(world, 2, "single", [], 9000, 0, outcome="AVSLATT")
    bergen = make_person(office=world.bergen)
    make_decision(
        case=make_case(application=make_application(person=bergen)),
        drafted_by=world.caseworker_bergen,
        state="made",
        outcome="INNVILGET",
    )
    found = sim.recipients(
        [world.oslo.pk],
        since=timezone.now() - timedelta(days=365),
        month=timezone.localdate().replace(day=1),
    )
    assert found.person_ids == (first.case.application.person_id,)
    assert len(found.households) == 1


def test_only_leaders_and_administrators_reach_it(world: World) -> None:
    for employee in (world.caseworker_oslo, world.caseworker_bergen, world.caseworker_confidential):
        assert client_for(employee).get(URL).status_code == 403
        assert client_for(employee).get(PLUS_5).status_code == 403
    assert client_for(world.leader_oslo).get(URL).status_code == 200
    admin = client_for(world.admin)
    assert admin.get(URL).status_code == 200
    # The administrator has no office of their own: only the national population.
    refused = admin.get(PLUS_5)
    assert refused.status_code == 400
    assert "Velg landsbefolkningen" in refused.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("utvalg=&endring=&prosent=", "Velg hvilken endring du vil beregne."),
        ("utvalg=kontor&endring=prosent&prosent=", "Skriv hvor mange prosent"),
        (
            "utvalg=kontor&endring=prosent&prosent=-150",
            "Endring i prosent: Endringen må være mellom",
        ),
        ("utvalg=kontor&endring=prosent&prosent=10000", "Endring i prosent: "),
        ("utvalg=kontor&endring=prosent&prosent=fem", "Skriv prosenten som et tall"),
        ("utvalg=kontor&endring=aldersgruppe&aldersgruppe=&sats=", "Velg aldersgruppen"),
        (
            "utvalg=kontor&endring=aldersgruppe&aldersgruppe=11&sats=5000&del_ved=3",
            "Del gruppen ved alder",
        ),
        ("utvalg=kontor&endring=aldersgruppe&aldersgruppe=0&sats=-1", "Satsen må være mellom"),
        ("utvalg=kontor&endring=kommunesatser", "Kommunen har ingen egne satser"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(world: World, query: str, message: str) -> None:
    _recipient(world, 0, "single", [], 9000, 0)
    response = client_for(world.leader_oslo).get(f"{URL}?{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert "aksel-error-summary" in page and message in page
    assert "report" not in response.context or response.context["report"] is None
    assert not AuditEvent.objects.of_action(AuditAction.PERSON_LISTED).exists()


def test_a_norwegian_decimal_comma_is_accepted(world: World) -> None:
    _office(world)
    response = client_for(world.leader_oslo).get(f"{URL}?utvalg=kontor&endring=prosent&prosent=5,5")
    assert response.status_code == 200
    assert response.context["report"].reform.percent == Decimal("5.5")
    assert "Alle satser +5,5 %" in response.content.decode()  # the result says what was asked


def test_it_audits_the_persons_read(world: World) -> None:
    decisions = _office(world)
    client_for(world.leader_oslo).get(PLUS_5)
    events = AuditEvent.objects.of_action(AuditAction.PERSON_LISTED)
    assert {e.person_id for e in events} == {d.case.application.person_id for d in decisions}
    assert all(e.data["purpose"] == "simulation" for e in events)
    assert all(e.actor_id == world.leader_oslo.pk for e in events)


def test_queries_do_not_grow_with_the_office(world: World) -> None:
    client = client_for(world.leader_oslo)
    assert_queries_flat(
        client, PLUS_5, lambda n: _recipient(world, n, *HOUSEHOLDS[n % len(HOUSEHOLDS)]), bound=16
    )


def test_a_child_band_changed_or_split(world: World) -> None:
    _office(world)
    client = client_for(world.leader_oslo)
    month = timezone.localdate().replace(day=1)
    state = state_living_cost_rates()
    changed = client.get(f"{URL}?utvalg=kontor&endring=aldersgruppe&aldersgruppe=6&sats=6000")
    assert changed.status_code == 200
    engine = simulate(
        month,
        _arrays(HOUSEHOLDS),
        baseline=state,
        reform=change_child_band(state, 6, Decimal(6000)),
    )
    assert changed.context["report"].simulation.total_reform == engine.total_reform
    split = client.get(
        f"{URL}?utvalg=kontor&endring=aldersgruppe&aldersgruppe=11&sats=7000&del_ved=15"
    )
    assert split.status_code == 200
    engine = simulate(
        month,
        _arrays(HOUSEHOLDS),
        baseline=state,
        reform=split_child_band(state, 15, Decimal(7000)),
    )
    assert split.context["report"].simulation.total_reform == engine.total_reform


def test_the_municipalitys_own_rates_against_the_states(world: World) -> None:
    _office(world)
    MunicipalRateSet.objects.create(
        municipality_number="0301",
        name="Oslo kommunes satser",
        valid_from=date(2020, 1, 1),
        source="https://www.oslo.kommune.no/satser",
        source_title="Bystyrets vedtak",
        single=8000,
        couple=13000,
        shared_housing=6500,
        child_0_5=3000,
        child_6_10=3800,
        child_11_17=4600,
        created_by=world.admin,
    )
    response = client_for(world.leader_oslo).get(f"{URL}?utvalg=kommune&endring=kommunesatser")
    assert response.status_code == 200
    report = response.context["report"]
    assert report.baseline_owner == "state"
    month = timezone.localdate().replace(day=1)
    engine = simulate(
        month,
        _arrays(HOUSEHOLDS),
        baseline=state_living_cost_rates(),
        reform=sim.municipal_rates("0301", month),  # type: ignore[arg-type]
    )
    assert report.simulation.total_reform == engine.total_reform
    assert report.simulation.total_baseline == engine.total_baseline


def test_the_synthetic_national_run_is_the_engines(world: World, monkeypatch: Any) -> None:
    today = timezone.localdate()
    report = run_simulation(
        actor=world.admin,
        population=Population.NATIONAL,
        reform=Reform(ReformKind.SCALE, percent=Decimal(-3)),
        today=today,
        national_size=20_000,
    )
    month = today.replace(day=1)
    state = state_living_cost_rates()
    engine = simulate(
        month,
        synthetic_households(20_000, month=month, seed=1),
        baseline=state,
        reform=scale_rates(state, Decimal("0.97")),
    )
    assert report.simulation.households == 20_000
    assert report.simulation.total_change == engine.total_change < 0
    assert sum(c for _l, _h, c in report.distribution) == engine.winners + engine.losers
    # The page runs the national population at its full size (here made small).
    monkeypatch.setattr(sim, "NATIONAL_SIZE", 5_000)
    response = client_for(world.admin).get(f"{URL}?utvalg=landet&endring=prosent&prosent=2")
    assert response.status_code == 200
    assert response.context["report"].simulation.households == 5_000
    assert sim.NATIONAL_SIZE == 5_000 and run_simulation.__kwdefaults__["national_size"] is None


def test_the_page_uses_a_million_households() -> None:
    assert sim.NATIONAL_SIZE == 1_000_000


def test_coarsen_keeps_every_household() -> None:
    bins = tuple((low, low + 250, 1) for low in range(-5000, 5000, 250))
    merged = sim.coarsen(bins, max_bins=8)
    assert len(merged) <= 8
    assert sum(c for _l, _h, c in merged) == len(bins)
    assert merged[0][0] == -5000


def test_the_percentage_is_a_text_field_so_the_browser_keeps_a_decimal_comma(
    world: World,
) -> None:
    from navet.control.forms import SimulationForm

    rendered = str(SimulationForm(bands=())["prosent"])
    assert 'type="text"' in rendered and 'inputmode="decimal"' in rendered
