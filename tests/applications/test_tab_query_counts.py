"""Every tab of the application page loads in a number of queries that does not grow
with what it lists (issue 9; tests/queries.py). The søknad and vurdering tabs have count
tests for facts, cases and conditions in their own modules too; here every tab grows by
the rows it lists: cases with decisions, letters, appeals, attachments, events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from navet.applications.innsyn import append_event
from navet.applications.models import Attachment, DocumentationRequest, RequestedDocument
from navet.decisions.models import (
    Condition,
    ConditionKind,
    DecisionReturn,
    DecisionState,
    Outcome,
)
from navet.people.models import Person
from navet.staff.application_frame import TAB_URLS, TABS
from tests.conftest import World, client_for
from tests.factories import make_appeal, make_case, make_decision, make_document
from tests.queries import assert_queries_flat

# --- the tabs of the application page ---------------------------------------------------
# Each grows the application (fixture in tests/applications/conftest.py: one case) by one
# row of what the tab lists; n == 0 uses the fixture's case.


def _case(application: Any, n: int) -> Any:
    return application.cases.get() if n == 0 else make_case(application=application)


def _grow_detail(world: World, application: Any, n: int) -> None:
    case = _case(application, n)
    made = make_decision(case=case, drafted_by=world.caseworker_oslo, state=DecisionState.MADE)
    make_document(application=application, case=case, title=f"Vedtak {n}")
    make_decision(case=case, drafted_by=world.caseworker_oslo, replaces=made)


def _grow_attachments(world: World, application: Any, n: int) -> None:
    request = DocumentationRequest.objects.create(
        application=application,
        deadline=timezone.localdate() + timedelta(days=n - 3),
        created_by=world.caseworker_oslo,
    )
    wanted = RequestedDocument.objects.create(
        request=request, reference=f"D-{n:04d}", document_type="Husleiekontrakt"
    )
    answered = RequestedDocument.objects.create(
        request=request, reference=f"D-{n:04d}b", document_type="Kontoutskrift"
    )
    Attachment.objects.create(
        application=application, type="husleiekontrakt", received_at=timezone.now()
    )
    Attachment.objects.create(
        application=application,
        type="kontoutskrift",
        filename=f"konto-{n}.pdf",
        answers=answered,
        received_at=timezone.now(),
    )
    assert wanted.fulfilled_at is None


def _grow_calculation(world: World, application: Any, n: int) -> None:
    case = _case(application, n)
    made = make_decision(case=case, drafted_by=world.caseworker_oslo, state=DecisionState.MADE)
    make_decision(case=case, drafted_by=world.caseworker_oslo, replaces=made)


def _grow_assessment(world: World, application: Any, n: int) -> None:
    if n == 0:  # under 30: a granted draft looks for activity conditions
        Person.objects.filter(pk=application.person_id).update(birth_date=date(2004, 5, 17))
    case = _case(application, n)
    # Drafts without an outcome, granted and refused: each reads its conditions and the
    # office's responsible leader for what still blocks it.
    outcome = ("", Outcome.GRANTED, Outcome.REFUSED)[n % 3]
    draft = make_decision(case=case, drafted_by=world.caseworker_oslo, outcome=outcome)
    for k in range(2):
        Condition.objects.create(
            decision=draft,
            kind=ConditionKind.OTHER,
            text=f"Vilkår {n}-{k}",
            consequence="Stønaden kan bli redusert.",
            reference=f"V-{n}-{k}",
        )
    DecisionReturn.objects.create(
        decision=draft,
        note="Beløpet for husleie må dokumenteres.",
        returned_by=world.leader_oslo,
        returned_at=timezone.now(),
    )


def _grow_decisions(world: World, application: Any, n: int) -> None:
    case = _case(application, n)
    first = make_decision(
        case=case,
        drafted_by=world.caseworker_oslo,
        state=DecisionState.MADE,
        letter=make_document(application=application, case=case),
        approved_by=world.caseworker_confidential,
    )
    make_appeal(decision=first, registered_by=world.caseworker_oslo)
    second = make_decision(
        case=case, drafted_by=world.caseworker_oslo, state=DecisionState.MADE, replaces=first
    )
    make_appeal(decision=second, registered_by=world.caseworker_oslo, new_decision=first)


def _grow_letters(world: World, application: Any, n: int) -> None:
    case = _case(application, n)
    make_document(application=application, case=case, title=f"Foreløpig svar {n}")
    make_document(application=application, title=f"Dokumentasjon {n}")
    # Every case's draft is previewed: a whole letter, or what it still lacks.
    if n % 2 == 0:
        make_decision(
            case=case,
            drafted_by=world.caseworker_oslo,
            outcome=Outcome.REFUSED,
            considerations="Du har nok penger på konto.",
        )
    else:
        make_decision(case=case, drafted_by=world.caseworker_oslo)


def _grow_events(world: World, application: Any, n: int) -> None:
    append_event(application, "soknadsStatus", status="UNDER_BEHANDLING")
    append_event(
        application, "saksStatus", referanse=f"S{n}", tittel="Livsopphold", status="IKKE_INNSYN"
    )


GROW: dict[str, Callable[[World, Any, int], None]] = {
    "detail": _grow_detail,
    "attachments": _grow_attachments,
    "calculation": _grow_calculation,
    "assessment": _grow_assessment,
    "decisions": _grow_decisions,
    "letters": _grow_letters,
    "events": _grow_events,
}
# The counts measured on SQLite when the tests were written. The vurdering tab's grew by a
# query a draft (the office's settings for the responsible leader) and one more a granted
# draft of an applicant under 30 (activity conditions) before blockers() was given both;
# the brev tab's by two a previewed draft (the settings, and the conditions' kinds). The
# søknad tab's by one for its next step (the documentation requests' deadlines); the
# vedtak tab's by one for the payments (the conditions' follow-ups come only with them).
# The søknad tab's by one more for the person's messages about the application (dialog).
BOUND = {
    "detail": 19,
    "attachments": 15,
    "calculation": 19,
    "assessment": 21,
    "decisions": 20,
    "letters": 21,
    "events": 14,
}


@pytest.mark.parametrize("tab", [key for key, _label, _name in TABS])
def test_tab_query_count_does_not_grow(world: World, application: Any, tab: str) -> None:
    url = reverse(TAB_URLS[tab], args=[application.pk])
    assert_queries_flat(
        client_for(world.caseworker_oslo),
        url,
        lambda n: GROW[tab](world, application, n),
        BOUND[tab],
    )
