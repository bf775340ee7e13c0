"""The decision amount is the calculation with its deviations (issue 10, point 2): a higher
amount must come from a deviation, a lower one needs its own reason, and a refusal because
the income is above the need needs a calculation that gives nothing. The letter shows the
same figures as the decision, and the reason."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from navet.applications import actions as app_actions
from navet.core.models import Employee
from navet.decisions import actions
from navet.decisions.calculation import assistance_after
from navet.decisions.forms import AssessmentForm
from navet.decisions.models import Decision, DecisionState, LegalBasis, Outcome, RefusalGround
from navet.formats import format_amount
from tests.conftest import World
from tests.letters.pdfs import normalise, reader


def draft(world: World, received: datetime = datetime(2026, 3, 1, 9, tzinfo=UTC)) -> Decision:
    me = world.caseworker_oslo
    application = app_actions.register_application(
        person=world.citizen_oslo,
        office=world.oslo,
        channel="paper",
        received_at=received,
        applied_for="Livsopphold",
        actor=me,
    )
    app_actions.start_processing(application=application, actor=me)
    return actions.start_decision(case=application.cases.get(), actor=me)


def assess(decision: Decision, actor: Employee, **changes: object) -> Decision:
    actions.update_assessment(
        decision=decision,
        actor=actor,
        changes={
            "form": "grant",
            "facts_that_mattered": "Du bor alene.",
            "considerations": "Du har ingen andre midler.",
            "no_activity_conditions_reason": "Du er sykmeldt.",
            **changes,
        },
    )
    decision.refresh_from_db()
    return decision


def letter_text(decision: Decision) -> str:
    assert decision.letter is not None
    pdf = decision.letter.file.read()
    return normalise(" ".join(page.extract_text() for page in reader(pdf).pages))


def kroner(amount: int) -> str:
    return normalise(format_amount(amount, "nb"))


def need_line(decision: Decision) -> str:
    return next(line.line_key for line in decision.snapshot.lines if line.kind == "need")


def test_a_higher_amount_than_the_calculation_is_not_decided(world: World) -> None:
    me = world.caseworker_oslo
    decision = draft(world)
    calculated = decision.snapshot.assistance
    assert calculated
    assess(decision, me, outcome=Outcome.GRANTED, amount=calculated + 1)
    with pytest.raises(actions.DecisionError, match="høyere enn beregningen"):
        actions.propose_decision(decision=decision, actor=me)
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT and decision.letter is None


def test_a_lower_amount_needs_its_reason_and_the_letter_gives_it(world: World) -> None:
    me = world.caseworker_oslo
    decision = draft(world)
    calculated = decision.snapshot.assistance
    assert calculated and calculated > 1000
    assess(decision, me, outcome=Outcome.PARTLY_GRANTED, amount=calculated - 1000)
    with pytest.raises(actions.DecisionError, match="lavere enn beregningen"):
        actions.propose_decision(decision=decision, actor=me)

    assess(decision, me, amount_reason="Du har søkt om hjelp til mat for to uker.")
    made = actions.propose_decision(decision=decision, actor=me)
    assert made.state == DecisionState.MADE and made.amount == calculated - 1000
    text = letter_text(made)
    assert "Beløpet er lavere enn det beregningen viser. Dette er grunnen:" in text
    assert "Du har søkt om hjelp til mat for to uker." in text
    assert f"Stønad du får {kroner(calculated - 1000)}" in text
    assert made.snapshot.assistance == calculated and made.snapshot.frozen_at is not None


def test_a_deviation_gives_the_amount_and_the_letter_shows_the_total(world: World) -> None:
    me = world.caseworker_oslo
    decision = draft(world)
    calculated = decision.snapshot.assistance or 0
    actions.set_deviation(
        decision=decision,
        line=need_line(decision),
        amount=decision.snapshot.lines[0].amount + 1200,
        reason="Ekstra utgifter til kosthold etter legeerklæring.",
        actor=me,
    )
    decision.refresh_from_db()
    assert decision.snapshot.assistance == calculated + 1200  # a whole month: all of it
    assess(decision, me, outcome=Outcome.GRANTED, amount=calculated + 1200)
    made = actions.propose_decision(decision=decision, actor=me)
    text = letter_text(made)
    assert "Ekstra utgifter til kosthold etter legeerklæring." in text
    assert f"Stønad etter beregningen i alt {kroner(calculated + 1200)}" in text
    assert f"økonomisk stønad på {kroner(calculated + 1200)}" in text
    assert "Stønad du får" not in text  # the amount is the calculation's


def test_income_above_need_is_a_ground_only_when_the_calculation_gives_nothing(
    world: World,
) -> None:
    me = world.caseworker_oslo
    decision = draft(world)
    assert decision.snapshot.assistance
    assess(decision, me, outcome=Outcome.REFUSED, refusal_ground=RefusalGround.INCOME_ABOVE_NEED)
    with pytest.raises(actions.DecisionError, match="inntekten er ikke høyere enn behovet"):
        actions.propose_decision(decision=decision, actor=me)
    assess(decision, me, refusal_ground=RefusalGround.OTHER)
    made = actions.propose_decision(decision=decision, actor=me)
    assert made.is_made
    assert "Inntekten din er høyere enn det du trenger" not in letter_text(made)


@pytest.mark.parametrize(("calculated", "offered"), [(0, True), (3500, False), (None, False)])
def test_the_form_offers_income_above_need_only_for_a_calculation_of_nothing(
    world: World, calculated: int | None, offered: bool
) -> None:
    decision = draft(world)
    form = AssessmentForm(
        decision=decision, has_children=False, under_activity_age=False, calculated=calculated
    )
    assert ("refusal_ground" in form.fields) is offered


def test_section_19_is_not_measured_against_the_section_18_calculation(world: World) -> None:
    me = world.caseworker_oslo
    decision = draft(world)
    amount = (decision.snapshot.assistance or 0) + 5000
    assess(decision, me, legal_basis=LegalBasis.SPECIAL, outcome=Outcome.GRANTED, amount=amount)
    assert actions.propose_decision(decision=decision, actor=me).amount == amount


def test_a_deviation_in_part_of_a_month_counts_for_that_part(world: World) -> None:
    me = world.caseworker_oslo
    decision = draft(world, received=datetime(2026, 3, 16, 9, tzinfo=UTC))
    assert (decision.period_from, decision.period_to) == (date(2026, 3, 16), date(2026, 3, 31))
    before = decision.snapshot
    assert assistance_after(before, ()) == before.result["assistance"]
    actions.set_deviation(
        decision=decision,
        line=need_line(decision),
        amount=before.lines[0].amount + 3100,
        reason="Høyere utgift.",
        actor=me,
    )
    decision.refresh_from_db()
    # 3 100 kr a month for 16 of March's 31 days.
    assert decision.snapshot.assistance == (before.assistance or 0) + 1600


def test_without_deviations_it_is_the_rules_own_result_over_several_months(
    world: World,
) -> None:
    me = world.caseworker_oslo
    decision = draft(world, received=datetime(2026, 1, 20, 9, tzinfo=UTC))
    assess(decision, me, period_to=date(2026, 3, 10))
    snapshot = decision.snapshot
    assert len([line for line in snapshot.lines if line.key == "month.assistance"]) == 3
    assert assistance_after(snapshot, ()) == snapshot.result["assistance"]
