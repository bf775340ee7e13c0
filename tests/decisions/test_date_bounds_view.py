"""Every date a caseworker or administrator types on the decision pages has a sensible
range: 0001-01-01 and 9999-12-31 are form errors that say the range, never a server
error, and change nothing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from navet.applications.models import DocumentKind
from navet.decisions.models import (
    Appeal,
    AppealState,
    AuthorityOutcome,
    Condition,
    ConditionKind,
    Decision,
    DecisionState,
    MunicipalRateSet,
    Outcome,
)
from navet.rules.dates import add_months
from tests.conftest import World, client_for
from tests.factories import make_appeal, make_decision, make_document

NONSENSE = ["0001-01-01", "9999-12-31"]


def long_date(day: date) -> str:
    return str(formats.date_format(day))


def post(client: Client, name: str, obj: Any, data: dict[str, Any]) -> Any:
    return client.post(reverse(f"decisions:{name}", args=[obj.pk]), data)


def draft(world: World, application: Any) -> Decision:
    decision: Decision = make_decision(
        case=application.cases.get(), drafted_by=world.caseworker_oslo
    )
    return decision


def made(world: World, application: Any) -> Decision:
    letter = make_document(application=application, kind=DocumentKind.DECISION, title="Vedtak")
    decision: Decision = make_decision(
        case=application.cases.get(),
        drafted_by=world.caseworker_oslo,
        state=DecisionState.MADE,
        letter=letter,
        responsible_name="Lise Leder",
    )
    return decision


# --- the assessment: the decision's period ----------------------------------------------


def assessment(decision: Decision, **overrides: str) -> dict[str, str]:
    values = {
        "legal_basis": "18",
        "period_from": str(decision.period_from),
        "period_to": str(decision.period_to),
        "considerations": "Vi har lagt vekt på at du står uten penger.",
        "outcome": Outcome.REFUSED,
        "recipient": "applicant",
    }
    values.update(overrides)
    return {f"S1-vurdering-{key}": value for key, value in values.items()}


@pytest.mark.parametrize("field", ["period_from", "period_to"])
@pytest.mark.parametrize("day", NONSENSE)
def test_a_period_out_of_range_is_a_form_error(
    world: World, application: Any, field: str, day: str
) -> None:
    decision = draft(world, application)
    before = (decision.period_from, decision.period_to, decision.outcome)
    response = post(
        client_for(world.caseworker_oslo),
        "decision-assessment",
        decision,
        assessment(decision, **{field: day}),
    )
    assert response.status_code == 400
    first = date(timezone.localdate().year - 5, 1, 1)
    assert f"Velg en dato fra og med {long_date(first)} til og med" in response.content.decode()
    decision.refresh_from_db()
    assert (decision.period_from, decision.period_to, decision.outcome) == before


def test_a_period_may_start_up_to_a_year_ahead(world: World, application: Any) -> None:
    decision = draft(world, application)
    start = add_months(timezone.localdate(), 12)
    response = post(
        client_for(world.caseworker_oslo),
        "decision-assessment",
        decision,
        assessment(decision, period_from=str(start), period_to=str(start + timedelta(days=30))),
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.period_from == start


def test_the_period_pickers_carry_the_range(world: World, application: Any) -> None:
    draft(world, application)
    content = (
        client_for(world.caseworker_oslo)
        .get(reverse("applications:application-assessment", args=[application.pk]))
        .content.decode()
    )
    first = date(timezone.localdate().year - 5, 1, 1)
    for months in (12, 24):
        last = add_months(timezone.localdate(), months)
        assert f'min="{first.isoformat()}" max="{last.isoformat()}"' in content


# --- conditions ------------------------------------------------------------------------


@pytest.mark.parametrize("day", NONSENSE)
def test_a_condition_deadline_out_of_range_is_a_form_error(
    world: World, application: Any, day: str
) -> None:
    decision = draft(world, application)
    response = post(
        client_for(world.caseworker_oslo),
        "decision-condition-add",
        decision,
        {
            "S1-vilkar-kind": ConditionKind.DOCUMENTATION,
            "S1-vilkar-text": "Send husleiekontrakten.",
            "S1-vilkar-consequence": "Vi kan kreve stønaden tilbake.",
            "S1-vilkar-deadline": day,
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    last = add_months(timezone.localdate(), 12)
    assert (
        f"til og med {long_date(last)}" in content
        if day.startswith("9999")
        else "Datoen må være etter i dag." in content
    )
    # The range error is the only one: not also "needs a deadline".
    assert "Et dokumentasjonskrav må ha en frist." not in content
    assert not Condition.objects.exists()


# --- appeals ---------------------------------------------------------------------------


@pytest.mark.parametrize("day", NONSENSE)
def test_an_appeal_date_out_of_range_is_a_form_error(
    world: World, application: Any, day: str
) -> None:
    decision = made(world, application)
    prefix = f"klage-{decision.reference}"
    response = post(
        client_for(world.caseworker_oslo),
        "appeal-register",
        decision,
        {f"{prefix}-received_on": day, f"{prefix}-summary": "Beløpet er for lavt."},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert (
        "Datoen kan ikke være frem i tid." in content
        if day.startswith("9999")
        else "Velg en dato fra og med" in content
    )
    assert not Appeal.objects.exists()


@pytest.mark.parametrize("day", NONSENSE)
def test_the_authority_date_out_of_range_is_a_form_error(
    world: World, application: Any, day: str
) -> None:
    decision = made(world, application)
    appeal = make_appeal(
        decision=decision,
        registered_by=world.caseworker_oslo,
        state=AppealState.FORWARDED,
        forwarded_on=timezone.localdate(),
    )
    prefix = f"klage-{str(appeal.pk)[:8]}-utfall"
    response = post(
        client_for(world.caseworker_oslo),
        "appeal-outcome",
        appeal,
        {f"{prefix}-outcome": AuthorityOutcome.UPHELD, f"{prefix}-decided_on": day},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert (
        "Datoen kan ikke være frem i tid." in content
        if day.startswith("9999")
        else "Velg en dato fra og med" in content
    )
    appeal.refresh_from_db()
    assert appeal.state == AppealState.FORWARDED
    assert appeal.authority_decided_on is None


# --- the administrator's rate sets -----------------------------------------------------


def rate_data(valid_from: str) -> dict[str, str]:
    return {
        "municipality_number": "0301",
        "name": "Oslo kommunes satser",
        "valid_from": valid_from,
        "source": "https://www.oslo.kommune.no/satser",
        "source_title": "Bystyrets vedtak om satser",
        "single": "8000",
        "couple": "13000",
        "shared_housing": "6500",
        "child_0_5": "3000",
        "child_6_10": "3800",
        "child_11_17": "4600",
    }


@pytest.mark.parametrize("day", NONSENSE)
def test_a_rate_set_date_out_of_range_is_a_form_error(world: World, day: str) -> None:
    response = client_for(world.admin).post(reverse("decisions:rate-set-new"), rate_data(day))
    assert response.status_code == 400
    first = date(timezone.localdate().year - 10, 1, 1)
    last = add_months(timezone.localdate(), 12)
    assert (
        f"Velg en dato fra og med {long_date(first)} til og med {long_date(last)}."
        in response.content.decode()
    )
    assert not MunicipalRateSet.objects.exists()


def test_next_years_rates_can_be_entered(world: World) -> None:
    next_year = date(timezone.localdate().year + 1, 1, 1)
    response = client_for(world.admin).post(
        reverse("decisions:rate-set-new"), rate_data(next_year.isoformat())
    )
    assert response.status_code == 302
    assert MunicipalRateSet.objects.get().valid_from == next_year
