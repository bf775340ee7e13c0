"""A decision's reference: the application's office, the year the decision is started and
a running number after a V, given when the draft is created, unique in the database, and
what the letters and the decisions page show."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from navet.applications import actions as app_actions
from navet.applications.models import Application
from navet.core.models import Employee, Office
from navet.decisions import actions
from navet.decisions.models import Decision, Outcome
from navet.people.models import Person
from tests.conftest import World, client_for
from tests.factories import make_application, make_case, make_decision
from tests.letters.pdfs import normalise, reader


def case_of(person: Person, office: Office, actor: Employee) -> Application:
    application = app_actions.register_application(
        person=person,
        office=office,
        channel="paper",
        received_at=datetime(2026, 3, 2, 10, tzinfo=UTC),
        applied_for="Mat",
        actor=actor,
    )
    app_actions.start_processing(application=application, actor=actor)
    return application


def started(person: Person, office: Office, actor: Employee) -> Decision:
    application = case_of(person, office, actor)
    return actions.start_decision(case=application.cases.get(), actor=actor)


def made(decision: Decision, actor: Employee) -> Decision:
    actions.update_assessment(
        decision=decision,
        actor=actor,
        changes={
            "outcome": Outcome.GRANTED,
            "form": "grant",
            "amount": 4321,
            "amount_reason": "Du har søkt om 4 321 kr.",
            "facts_that_mattered": "Du har ingen inntekt.",
            "considerations": "Vi har lagt vekt på at du ikke har andre midler.",
            "no_activity_conditions_reason": "Du er syk.",
        },
    )
    return actions.propose_decision(decision=decision, actor=actor)


def letter_text(decision: Decision) -> str:
    assert decision.letter is not None
    pdf = decision.letter.file.read()
    return normalise(" ".join(page.extract_text() for page in reader(pdf).pages))


def test_it_numbers_decisions_per_office_with_a_v(world: World) -> None:
    year = timezone.localdate().year
    first = started(world.citizen_oslo, world.oslo, world.caseworker_oslo)
    second = started(world.citizen_oslo, world.oslo, world.caseworker_oslo)
    bergen = started(world.citizen_bergen, world.bergen, world.caseworker_bergen)
    assert first.reference == f"0315-{year}-V00001"
    assert second.reference == f"0315-{year}-V00002"
    assert bergen.reference == f"1203-{year}-V00001"
    first.refresh_from_db()
    assert first.reference == f"0315-{year}-V00001"
    assert str(first) == f"Vedtak 0315-{year}-V00001"


def test_a_change_is_a_new_decision_with_its_own_reference(world: World) -> None:
    me = world.caseworker_oslo
    old = made(started(world.citizen_oslo, world.oslo, me), me)
    reference = old.reference
    new = actions.change_decision(decision=old, actor=me)
    assert new.reference != reference and new.reference.startswith("0315-")
    old.refresh_from_db()
    assert old.reference == reference
    new = made(new, me)
    assert f"erstatter det tidligere vedtaket med referanse {reference}" in letter_text(new)


def test_the_decision_letter_shows_the_reference(world: World) -> None:
    me = world.caseworker_oslo
    decision = made(started(world.citizen_oslo, world.oslo, me), me)
    assert f"Vår referanse: {decision.reference}" in letter_text(decision)


def test_the_decisions_page_shows_the_reference(world: World) -> None:
    me = world.caseworker_oslo
    decision = made(started(world.citizen_oslo, world.oslo, me), me)
    application = decision.case.application
    url = reverse("applications:application-decisions", args=[application.pk])
    content = client_for(me).get(url).content.decode()
    assert f"Vedtak {decision.reference}: Innvilget" in content
    assert decision.reference.startswith("0315-")


def test_the_database_refuses_a_duplicate_reference(world: World) -> None:
    me = world.caseworker_oslo
    taken = started(world.citizen_oslo, world.oslo, me)
    case = make_case(application=make_application(person=world.citizen_oslo))
    with pytest.raises(IntegrityError), transaction.atomic():
        make_decision(case=case, drafted_by=me, reference=taken.reference)


def test_the_database_refuses_a_decision_without_a_reference(world: World) -> None:
    case = make_case(application=make_application(person=world.citizen_oslo))
    decision = Decision(case=case, drafted_by=world.caseworker_oslo)
    with pytest.raises(IntegrityError), transaction.atomic():
        decision.save()
