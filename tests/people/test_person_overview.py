"""The person page as the hub: applications, decisions, appeals, letters and deadlines,
only as far as the employee may see, in a fixed number of queries (issue 10, points 1, 10)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from navet.applications.models import ApplicationStatus, DocumentationRequest, RequestedDocument
from navet.decisions.models import AppealState, Condition, ConditionKind, DecisionState, Outcome
from navet.people.models import Person
from tests.conftest import World, client_for
from tests.factories import (
    make_appeal,
    make_application,
    make_case,
    make_decision,
    make_document,
    make_employee,
)
from tests.queries import assert_queries_flat


def casework(person: Person, n: int = 0):  # type: ignore[no-untyped-def]
    """An open application and a decided one with a made decision, a condition, an
    appeal, a letter and an open documentation request."""
    today = timezone.localdate()
    drafter = make_employee(f"saksbehandler{person.pk.hex[:6]}{n}", offices=[person.office])
    open_application = make_application(
        person=person, applied_for=f"Hjelp til strøm nr {n}", emergency=True
    )
    decided = make_application(
        person=person,
        status=ApplicationStatus.DONE,
        applied_for=f"Husleie for mars nr {n}",
        received_at=timezone.now() - timedelta(days=40),
    )
    case = make_case(application=decided, title="Husleie")
    decision = make_decision(
        case=case,
        drafted_by=drafter,
        state=DecisionState.MADE,
        outcome=Outcome.PARTLY_GRANTED,
        amount=7300 + n,
    )
    Condition.objects.create(
        decision=decision,
        kind=ConditionKind.ACTIVITY,
        text=f"Møte hos veileder nr {n}",
        consequence="Stønaden kan bli redusert.",
        deadline=today + timedelta(days=30),
        reference=f"vilkar-{decision.pk.hex}",
    )
    appeal = make_appeal(decision=decision, registered_by=drafter, state=AppealState.FORWARDED)
    letter = make_document(application=decided, title=f"Vedtak om husleie nr {n}")
    request = DocumentationRequest.objects.create(
        application=open_application, deadline=today + timedelta(days=5)
    )
    RequestedDocument.objects.create(
        request=request, reference=f"dok-{request.pk}-{n}", document_type="Husleiekontrakt"
    )
    return open_application, decided, decision, appeal, letter


def test_it_lists_open_and_decided_applications_by_reference(world: World) -> None:
    open_application, decided, _decision, _appeal, _letter = casework(world.citizen_oslo)
    page = client_for(world.caseworker_oslo).get(world.citizen_oslo.get_absolute_url())
    text = page.content.decode()
    for application in (open_application, decided):
        assert (
            f'href="{application.get_absolute_url()}" class="aksel-link">{application.reference}<'
            in text
        )
    assert "Hjelp til strøm nr 0" in text and "Husleie for mars nr 0" in text
    assert "Ferdigbehandlet" in text and "Under behandling" in text and "Nødhjelp" in text
    received = timezone.localdate(decided.received_at).strftime("%d.%m.%Y")
    assert received in text
    # The open one comes first.
    assert text.index(open_application.reference) < text.index(decided.reference)


def test_it_shows_decisions_with_outcome_amount_period_and_conditions(world: World) -> None:
    _open, decided, decision, _appeal, _letter = casework(world.citizen_oslo)
    text = (
        client_for(world.caseworker_oslo)
        .get(world.citizen_oslo.get_absolute_url())
        .content.decode()
    )
    section = text[text.index('id="vedtak-heading"') :]
    assert f'href="/soknader/{decided.pk}/vedtak/#sak-S1"' in section
    assert decision.reference in section
    assert "Delvis innvilget" in section
    assert "7\xa0300\xa0kr" in section
    assert decision.period_from.strftime("%d.%m.%Y") in section
    assert "Møte hos veileder nr 0" in section


def test_it_shows_appeals_letters_and_deadlines(world: World) -> None:
    _open, decided, decision, _appeal, letter = casework(world.citizen_oslo)
    text = (
        client_for(world.caseworker_oslo)
        .get(world.citizen_oslo.get_absolute_url())
        .content.decode()
    )
    appeals = text[text.index('id="klager-heading"') : text.index('id="brev-heading"')]
    assert decision.reference in appeals and "Sendt til Statsforvalteren" in appeals
    letters = text[text.index('id="brev-heading"') :]
    assert f'href="/soknader/dokumenter/{letter.pk}/"' in letters
    assert "Vedtak om husleie nr 0" in letters and decided.reference in letters
    deadlines = text[text.index('id="frister-heading"') : text.index('id="soknader-heading"')]
    assert "Svarfrist for søknaden" in deadlines
    assert "Frist for dokumentasjon (1 av de etterspurte dokumentene mangler)" in deadlines
    assert "Frist for vilkår" in deadlines
    # Appealed: its appeal deadline no longer runs.
    assert "Klagefrist" not in deadlines


def test_a_letter_link_opens_the_stored_pdf(world: World) -> None:
    *_rest, letter = casework(world.citizen_oslo)
    response = client_for(world.caseworker_oslo).get(f"/soknader/dokumenter/{letter.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_empty_sections_are_left_out(world: World) -> None:
    text = (
        client_for(world.caseworker_oslo)
        .get(world.citizen_oslo.get_absolute_url())
        .content.decode()
    )
    assert "Ingen søknader er registrert." in text
    for heading in ("frister-heading", "vedtak-heading", "klager-heading", "brev-heading"):
        assert heading not in text


def test_nothing_of_another_office_or_a_protected_person_leaks(world: World) -> None:
    bergen = casework(world.citizen_bergen, 1)
    protected = casework(world.strengt_fortrolig_oslo, 2)
    mine = casework(world.citizen_oslo, 3)
    client = client_for(world.caseworker_oslo)
    text = client.get(world.citizen_oslo.get_absolute_url()).content.decode()
    assert mine[1].reference in text
    for application, decided, decision, _appeal, letter in (bergen, protected):
        for secret in (
            application.reference,
            decided.reference,
            decision.reference,
            str(letter.pk),
        ):
            assert secret not in text
    for person in (world.citizen_bergen, world.strengt_fortrolig_oslo):
        assert client.get(person.get_absolute_url()).status_code == 404


def test_the_authorised_see_a_protected_persons_casework(world: World) -> None:
    _open, decided, decision, _appeal, _letter = casework(world.strengt_fortrolig_oslo)
    text = (
        client_for(world.caseworker_confidential)
        .get(world.strengt_fortrolig_oslo.get_absolute_url())
        .content.decode()
    )
    assert decided.reference in text and decision.reference in text


@pytest.mark.parametrize(
    ("person_name", "badge"),
    [
        ("fortrolig_oslo", "Fortrolig adresse"),
        ("strengt_fortrolig_oslo", "Strengt fortrolig adresse"),
        ("strengt_fortrolig_utland_oslo", "Strengt fortrolig adresse i utlandet"),
        ("skjermet_oslo", "Skjermet"),
    ],
)
def test_protection_badges_on_the_person_page(world: World, person_name: str, badge: str) -> None:
    authorised = make_employee(
        "veileder.alt",
        offices=[world.oslo],
        is_caseworker=True,
        may_see_strictly_confidential=True,
        may_see_confidential=True,
        may_see_shielded=True,
    )
    text = (
        client_for(authorised).get(world.persons()[person_name].get_absolute_url()).content.decode()
    )
    badges = re.search(
        r'<ul class="navet-inline-list" aria-label="Merknader">(.*?)</ul>', text, re.S
    )
    assert badges is not None and badge in badges.group(1)


def test_person_page_queries_do_not_grow_with_casework(world: World) -> None:
    client = client_for(world.caseworker_oslo)
    few, many = assert_queries_flat(
        client,
        world.citizen_oslo.get_absolute_url(),
        lambda n: casework(world.citizen_oslo, n),
        # measured: the page as before, five for the casework, one for the conditions'
        # follow-ups, one for the payments, and 12 for the follow-up panel (its period,
        # goal, activities, latest mapping, next meeting, the last situation recorded, the
        # six kinds of tasks)
        bound=35,
    )
    assert few == many
