"""Walk EVERY URL pattern that takes an object id and check that each persona gets 404 for
objects of persons it may not see (never 403, which would confirm they exist).

A new view with a new kind of id fails `test_every_url_kwarg_is_in_the_matrix` until its
object is described here, so new views are covered automatically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from uuid import uuid4

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from navet.access.models import AccessOverride
from navet.access.policy import check_person_access
from navet.core.models import LoginThrottle, ThrottleKind
from navet.people.models import Person
from tests.conftest import World, client_for
from tests.factories import (
    make_appeal,
    make_application,
    make_case,
    make_decision,
    make_document,
)


def iter_patterns(
    patterns: list[Any] | None = None, namespace: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from iter_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


# The machine API authenticates with a bearer token, never with the session: its 404s
# for other offices and protected persons are in tests/casework/test_api.py.
TOKEN_NAMESPACES = ("api:",)
# The citizen's portal has its own login (ID-porten) and its own matrix, below; Test-ID-porten
# (demo mode only) is a provider of its own, public by nature.
CITIZEN_NAMESPACE = "citizen:"
PROVIDER_NAMESPACES = ("oauth2_provider:", "testidp:")


def session_patterns() -> Iterator[tuple[str, URLPattern]]:
    for name, pattern in iter_patterns():
        if not name.startswith((*TOKEN_NAMESPACES, CITIZEN_NAMESPACE, *PROVIDER_NAMESPACES)):
            yield name, pattern


def citizen_patterns() -> list[tuple[str, URLPattern]]:
    return [(n, p) for n, p in iter_patterns() if n.startswith(CITIZEN_NAMESPACE)]


def object_urls() -> list[tuple[str, tuple[str, ...]]]:
    found = []
    for name, pattern in session_patterns():
        kwargs = tuple(sorted(pattern.pattern.converters))
        if kwargs:
            found.append((name, kwargs))
    return found


@dataclass(frozen=True)
class PersonScoped:
    """An id whose object belongs to a person: hidden exactly when the person is hidden."""

    make: Callable[[World, Person], Any]
    # Which persons' objects to try; defaults to every person in the world.
    persons: Callable[[World], list[Person]] = lambda world: list(world.persons().values())
    # Extra personas who are refused even when they can see the person (capability, not
    # visibility): they get 404 as well, or 403 where the object is visible to them.
    hidden: Callable[[World, Any, Person], bool] = lambda world, employee, person: (
        not check_person_access(employee, person).allowed
    )


@dataclass(frozen=True)
class AdminOnly:
    make: Callable[[World], Any]


@dataclass(frozen=True)
class OfficeScoped:
    """An id of an office's own object (a payment run, a change for review): only the office's employees who
    work with persons reach it; staff of other offices get 404, the administrator 403."""

    make: Callable[[World], Any]


def _run(world: World) -> Any:
    from uuid import uuid4

    from navet.payments.models import PaymentRun

    return PaymentRun.objects.create(
        reference=f"0315-2026-U{uuid4().hex[:8]}",
        office=world.oslo,
        due_by=timezone.localdate(),
        prepared_by=world.caseworker_oslo,
    ).pk


def _override(world: World, person: Person) -> Any:
    return AccessOverride.objects.create(
        employee=world.caseworker_bergen,
        person=person,
        reason="matrix",
        expires_at=timezone.now() + timedelta(hours=1),
    ).pk


def _application(world: World, person: Person) -> Any:
    return make_application(person=person)


def _case(world: World, person: Person) -> Any:
    return make_case(application=_application(world, person))


def _made_decision(world: World, person: Person) -> Any:
    return make_decision(case=_case(world, person), drafted_by=world.caseworker_oslo, state="made")


def _condition(world: World, person: Person) -> Any:
    from navet.decisions.models import Condition

    decision = _made_decision(world, person)
    return Condition.objects.create(
        decision=decision,
        kind="activity",
        text="Møte til samtale",
        consequence="Stønaden kan bli satt ned.",
        reference=f"{decision.reference}-V1",
    )


def _payment(world: World, person: Person) -> Any:
    from navet.payments.models import Payment

    decision = _made_decision(world, person)
    today = timezone.localdate()
    return Payment.objects.create(
        reference=f"{decision.reference}-1",
        decision=decision,
        person=person,
        office=person.office,
        amount=1000,
        form="grant",
        period_from=today,
        period_to=today,
        due_on=today,
        recipient_name=person.full_name,
    ).pk


def _payment_change(world: World) -> Any:
    from navet.payments.models import Payment, PaymentChange

    payment = Payment.objects.get(pk=_payment(world, world.citizen_oslo))
    return PaymentChange.objects.create(
        payment=payment, changed_by=world.caseworker_oslo, before={}, after={}, reason="matrix"
    ).pk


def _thread(world: World, person: Person) -> Any:
    from navet.dialog import actions

    return actions.person_starts_thread(
        person=person, subject="Hei", body="Et spørsmål", application=None
    ).pk


def _meeting(world: World, person: Person) -> Any:
    from navet.followup import actions

    return actions.plan_meeting(
        person=person,
        employee=world.caseworker_oslo,
        starts_at=timezone.now() + timedelta(days=2),
        minutes_long=60,
        channel="phone",
        place="",
        participants="",
        agenda="Samtale",
    ).pk


def _journal_note(world: World, person: Person) -> Any:
    from navet.followup import actions

    return actions.write_note(
        person=person,
        employee=world.caseworker_oslo,
        kind="note",
        happened_on=timezone.localdate(),
        title="Notat",
        text="Tekst",
    ).pk


def _activity(world: World, person: Person) -> Any:
    from navet.followup import plan_actions

    return plan_actions.add_activity(
        person=person, kind="own", title="Gå tur", employee=world.caseworker_oslo
    ).pk


def _task(world: World, person: Person) -> Any:
    from navet.followup import actions

    return actions.add_task(
        person=person,
        employee=world.caseworker_oslo,
        text="Ring",
        due_on=timezone.localdate(),
        assignee=world.caseworker_oslo,
    ).pk


def _saved_filter(world: World) -> Any:
    from navet.followup import actions

    return actions.save_filter(
        employee=world.caseworker_oslo, name="Mine unge", query="filter=under-25"
    ).pk


@dataclass(frozen=True)
class EmployeeOwned:
    """An employee's own object (a saved filter): every other employee gets 404."""

    make: Callable[[World], Any]


@dataclass(frozen=True)
class LeaderOnly:
    """Not an object but a name (a figure of the internal control): leaders only, 403 for
    everyone else."""

    make: Callable[[World], Any]


@dataclass(frozen=True)
class AnyEmployee:
    """Not an object but a name of shared content without person data (a legal
    reference's explanation, a learning module): every employee 200, an unknown name 404."""

    make: Callable[[World], Any]


KWARGS: dict[
    str, PersonScoped | AdminOnly | OfficeScoped | EmployeeOwned | LeaderOnly | AnyEmployee
] = {
    "person_id": PersonScoped(make=lambda world, person: person.pk),
    # Casework: every object belongs to an application, which is as visible as its person.
    "application_id": PersonScoped(make=lambda world, person: _application(world, person).pk),
    "case_id": PersonScoped(make=lambda world, person: _case(world, person).pk),
    "decision_id": PersonScoped(make=lambda world, person: _made_decision(world, person).pk),
    "condition_id": PersonScoped(make=lambda world, person: _condition(world, person).pk),
    "appeal_id": PersonScoped(
        make=lambda world, person: (
            make_appeal(
                decision=_made_decision(world, person), registered_by=world.caseworker_oslo
            ).pk
        )
    ),
    "document_id": PersonScoped(
        make=lambda world, person: make_document(application=_application(world, person)).pk
    ),
    # A Bergen caseworker's override on a Bergen person: no Oslo persona and no
    # non-leader may open it.
    "override_id": PersonScoped(
        make=_override,
        persons=lambda world: [world.citizen_bergen],
        hidden=lambda world, employee, person: True,
    ),
    "payment_id": PersonScoped(make=_payment),
    "thread_id": PersonScoped(make=_thread),
    "note_id": PersonScoped(make=_journal_note),
    "meeting_id": PersonScoped(make=_meeting),
    "activity_id": PersonScoped(make=_activity),
    "task_id": PersonScoped(make=_task),
    "filter_id": EmployeeOwned(make=_saved_filter),
    "key": LeaderOnly(make=lambda world: "apne"),
    "month": LeaderOnly(make=lambda world: timezone.localdate().strftime("%Y-%m")),
    "ref": AnyEmployee(make=lambda world: "stl-20a"),
    "module": AnyEmployee(make=lambda world: "etikk"),
    "run_id": OfficeScoped(make=_run),
    "change_id": OfficeScoped(make=_payment_change),
    "office_id": AdminOnly(make=lambda world: world.oslo.pk),
    "employee_id": AdminOnly(make=lambda world: world.caseworker_oslo.pk),
    "lock_id": AdminOnly(
        make=lambda world: (
            LoginThrottle.objects.create(
                kind=ThrottleKind.ACCOUNT,
                key="veileder.bergen",
                failures=5,
                locked_until=timezone.now() + timedelta(minutes=5),
            ).pk
        )
    ),
}


def test_every_url_kwarg_is_in_the_matrix() -> None:
    unknown = {kwarg for _name, kwargs in object_urls() for kwarg in kwargs} - set(KWARGS)
    assert not unknown, f"Describe these URL kwargs in the authorization matrix: {unknown}"
    assert object_urls(), "no URL with an object id found: the walk is broken"


@pytest.mark.parametrize(("url_name", "kwargs"), object_urls())
def test_it_hides_objects_of_persons_the_persona_may_not_see(
    world: World, url_name: str, kwargs: tuple[str, ...]
) -> None:
    specs = [KWARGS[k] for k in kwargs]
    checked = 0
    if isinstance(specs[0], OfficeScoped):
        url = reverse(url_name, kwargs={kwargs[0]: specs[0].make(world)})
        for persona, employee in world.personas().items():
            if employee.works_with_persons and world.oslo.pk in employee.office_ids():
                continue
            client = client_for(employee)
            for method in (client.get, client.post):
                status = method(url).status_code
                expected = 404 if employee.works_with_persons else 403
                assert status in (expected, 405), (persona, url_name, status)
            checked += 1
        assert checked
        return
    if isinstance(specs[0], LeaderOnly):
        url = reverse(url_name, kwargs={kwargs[0]: specs[0].make(world)})
        for persona, employee in world.personas().items():
            status = client_for(employee).get(url).status_code
            assert status == (200 if employee.is_leader else 403), (persona, url_name, status)
            checked += 1
        assert checked
        return
    if isinstance(specs[0], AnyEmployee):
        url = reverse(url_name, kwargs={kwargs[0]: specs[0].make(world)})
        unknown = reverse(url_name, kwargs={kwargs[0]: "finnes-ikke"})
        for persona, employee in world.personas().items():
            client = client_for(employee)
            assert client.get(url).status_code == 200, (persona, url_name)
            assert client.get(unknown).status_code == 404, (persona, url_name)
            checked += 1
        assert checked
        return
    if isinstance(specs[0], EmployeeOwned):
        url = reverse(url_name, kwargs={kwargs[0]: specs[0].make(world)})
        for persona, employee in world.personas().items():
            if employee == world.caseworker_oslo:
                continue
            client = client_for(employee)
            for method in (client.get, client.post):
                status = method(url).status_code
                assert status in (404, 405), (persona, url_name, status)
            checked += 1
        assert checked
        return
    if all(isinstance(s, AdminOnly) for s in specs):
        values = {k: s.make(world) for k, s in zip(kwargs, specs, strict=True)}  # type: ignore[union-attr]
        url = reverse(url_name, kwargs=values)
        for persona, employee in world.personas().items():
            client = client_for(employee)
            for method in (client.get, client.post):
                status = method(url).status_code
                if employee.is_administrator:
                    assert status != 403, (persona, url)
                else:
                    assert status == 403, (persona, url, status)
                checked += 1
        assert checked
        return
    (spec,) = [s for s in specs if isinstance(s, PersonScoped)]
    for person in spec.persons(world):
        values = {
            k: (s.make(world, person) if isinstance(s, PersonScoped) else s.make(world))
            for k, s in zip(kwargs, specs, strict=True)
        }
        url = reverse(url_name, kwargs=values)
        for persona, employee in world.personas().items():
            if not spec.hidden(world, employee, person):
                continue
            client = client_for(employee)
            statuses = []
            for method in (client.get, client.post):
                response = method(url)
                # 405 is decided by the method alone, before any object is looked up.
                assert response.status_code in (404, 405), (persona, url_name, person.given_name)
                assert person.full_name.encode() not in response.content
                statuses.append(response.status_code)
            assert 404 in statuses, (persona, url_name)
            checked += 1
    assert checked, f"{url_name}: no hidden combination was exercised"


# Pages without an id that only some roles may open (LeaderOnly above are names in the
# address): every other persona gets 403.
ROLE_PAGES: dict[str, Callable[[Any], bool]] = {
    "control:simulation": lambda employee: employee.is_leader or employee.is_administrator,
    # KOSTRA to SSB: the leader of the office (the file itself: tests/control/test_kostra.py).
    "control:kostra": lambda employee: employee.is_leader,
    # The office's learning progress and its required modules (navet.competence).
    "learning:office": lambda employee: employee.is_leader,
}


@pytest.mark.parametrize("url_name", sorted(ROLE_PAGES))
def test_role_pages_refuse_every_other_persona(world: World, url_name: str) -> None:
    url = reverse(url_name)
    allowed = ROLE_PAGES[url_name]
    checked = 0
    for persona, employee in world.personas().items():
        status = client_for(employee).get(url).status_code
        assert status == (200 if allowed(employee) else 403), (persona, url_name, status)
        checked += 1
    assert checked


# The views marked @login_not_required (besides the token API).
PUBLIC = {"core:login", "healthz", "core:set-language", "core:session-status"}


def test_only_the_public_views_skip_the_login() -> None:
    public = {n for n, p in iter_patterns() if not getattr(p.callback, "login_required", True)}
    own_login = (*TOKEN_NAMESPACES, CITIZEN_NAMESPACE, *PROVIDER_NAMESPACES)
    assert public - PUBLIC == {n for n, _p in iter_patterns() if n.startswith(own_login)}
    assert public >= PUBLIC


# ---------------------------------------------------------------------------------------
# The citizen's portal: every object URL is the logged-in person's own, or 404
# ---------------------------------------------------------------------------------------

# The portal pages anyone may open (the login's own steps); every other portal page needs
# a citizen's login and sends anyone else to the portal's start page.
CITIZEN_PUBLIC = {
    "citizen:start",
    "citizen:login",
    "citizen:callback",
    "citizen:logout",
    "citizen:front-channel-logout",
    "citizen:logged-out",
}


def _letter(world: World, person: Person) -> Any:
    return make_document(application=_application(world, person)).pk


def _sent(world: World, person: Person) -> Any:
    from navet.applications.actions import receive_document

    return receive_document(
        application=_application(world, person),
        answers=None,
        filename="kvittering.pdf",
        content=b"%PDF-1.7\n% sent\n",
        actor=None,
    ).pk


CITIZEN_KWARGS: dict[str, Callable[[World, Person], Any]] = {
    "thread_id": _thread,
    "activity_id": _activity,
    "application_id": lambda world, person: _application(world, person).pk,
    "document_id": _letter,
    "attachment_id": _sent,
}


def _citizen_url(world: World, name: str, pattern: URLPattern, person: Person) -> str:
    kwargs = {k: CITIZEN_KWARGS[k](world, person) for k in pattern.pattern.converters}
    return reverse(name, kwargs=kwargs)


def test_every_citizen_url_kwarg_is_in_the_matrix() -> None:
    used = {k for _n, p in citizen_patterns() for k in p.pattern.converters}
    assert used, "no portal URL with an object id found: the walk is broken"
    assert used <= set(CITIZEN_KWARGS), used - set(CITIZEN_KWARGS)


@pytest.mark.parametrize(
    ("url_name", "pattern"), [(n, p) for n, p in citizen_patterns() if p.pattern.converters]
)
def test_a_citizen_gets_404_for_every_object_of_another_person(
    world: World, url_name: str, pattern: URLPattern
) -> None:
    from tests.conftest import citizen_client

    own = _citizen_url(world, url_name, pattern, world.citizen_oslo)
    other = _citizen_url(world, url_name, pattern, world.citizen_bergen)
    client = citizen_client(world.citizen_oslo)
    assert client.get(own).status_code in (200, 405), url_name  # 405: a POST-only view
    statuses = []
    for method in (client.get, client.post):
        response = method(other)
        assert response.status_code in (404, 405), (url_name, response.status_code)
        assert world.citizen_bergen.full_name.encode() not in response.content
        statuses.append(response.status_code)
    assert 404 in statuses, url_name


def test_a_citizen_reaches_no_staff_page_and_staff_no_portal_page(world: World) -> None:
    from tests.conftest import citizen_client

    citizen = citizen_client(world.citizen_oslo)
    for name, pattern in session_patterns():
        if name in PUBLIC:
            continue
        kwargs = {}
        for kwarg in pattern.pattern.converters:
            spec = KWARGS[kwarg]
            kwargs[kwarg] = (
                spec.make(world, world.citizen_oslo)
                if isinstance(spec, PersonScoped)
                else spec.make(world)
            )
        response = citizen.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 302, name
        assert response["Location"].startswith("/logg-inn/"), name
    for name, pattern in citizen_patterns():
        if name in CITIZEN_PUBLIC:
            continue
        url = _citizen_url(world, name, pattern, world.citizen_oslo)
        for persona, employee in world.personas().items():
            response = client_for(employee).get(url)
            assert response.status_code == 302, (persona, name)
            assert response["Location"] == "/min-side/", (persona, name)
        response = Client().get(url)
        assert (response.status_code, response["Location"]) == (302, "/min-side/"), name


def test_the_token_api_answers_401_not_a_redirect(db: None) -> None:
    from django.test import Client

    response = Client().get(f"/api/v1/applications/{uuid4()}/innsyn")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")


def test_a_user_without_employee_profile_is_sent_to_login(world: World) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.create_user(username="bare.bruker"))
    response = client.get("/personer/sok/?q=1")
    assert response.status_code == 302
    assert response["Location"] == "/logg-inn/?next=/personer/sok/%3Fq%3D1"
    assert client.get("/healthz").status_code == 200


def test_anonymous_visitors_are_sent_to_login(world: World) -> None:
    from django.test import Client

    public = PUBLIC
    for name, pattern in session_patterns():
        if name in public:
            continue
        kwargs = {}
        for kwarg in pattern.pattern.converters:
            spec = KWARGS[kwarg]
            kwargs[kwarg] = (
                spec.make(world, world.citizen_oslo)
                if isinstance(spec, PersonScoped)
                else spec.make(world)
            )
        response = Client().get(reverse(name, kwargs=kwargs))
        assert response.status_code == 302, name
        assert response["Location"].startswith("/logg-inn/"), name
