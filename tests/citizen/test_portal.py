"""The portal's rules without a browser: its login's refusals, its session limits, its
separation from staff, front-channel logout, what the pages show and hide, the audit trail
and the query counts."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from navet.applications.models import CaseStatus, DocumentKind
from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction
from navet.citizen.models import CitizenSession
from navet.citizen.session import CITIZEN_LOGIN_AT, CITIZEN_PERSON, CITIZEN_SEEN_AT, OIDC_STATES
from navet.decisions.models import Condition, ConditionFollowUp
from tests.conftest import World, citizen_client, client_for
from tests.factories import make_application, make_case, make_decision, make_document
from tests.queries import assert_queries_flat

ISSUER = "http://testserver/test-idporten"


def test_a_forged_state_logs_nobody_in(world: World) -> None:
    client = Client()
    session = client.session
    session[OIDC_STATES] = {
        "the-real-state": {"nonce": "n", "code_verifier": "v", "issuer": ISSUER, "added_on": 0}
    }
    session.save()
    response = client.get("/min-side/innlogget/?code=stolen-code&state=a-forged-state")
    assert response.status_code == 400
    assert "Innloggingen gikk ikke" in response.content.decode()
    assert CITIZEN_PERSON not in client.session
    assert client.get("/min-side/soknader/")["Location"] == "/min-side/"
    # A state can be used once: the real one is still there, the forged one never was.
    assert list(client.session[OIDC_STATES]) == ["the-real-state"]


def test_a_callback_without_any_login_under_way_is_refused(world: World) -> None:
    response = Client().get("/min-side/innlogget/?code=c&state=s")
    assert response.status_code == 400


def test_a_cancelled_login_says_so_and_uses_up_its_state(world: World) -> None:
    client = Client()
    session = client.session
    session[OIDC_STATES] = {"s1": {"nonce": "n", "code_verifier": "v", "issuer": ISSUER}}
    session.save()
    response = client.get("/min-side/innlogget/?error=access_denied&state=s1")
    assert response.status_code == 400
    assert "avbrutt" in response.content.decode()
    assert client.session[OIDC_STATES] == {}


def test_the_login_asks_for_the_level_pkce_and_the_page_language(
    world: World, live_server: Any
) -> None:
    import requests

    response = requests.get(
        f"{live_server.url}/min-side/logg-inn/", allow_redirects=False, timeout=10
    )
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith(f"{live_server.url}/test-idporten/authorize/?")
    for part in (
        "response_type=code",
        "scope=openid",
        "acr_values=idporten-loa-high",
        "ui_locales=nb",
        "code_challenge_method=S256",
        "nonce=",
        "state=",
    ):
        assert part in location


def _age(client: Client, *, login_ago: float, seen_ago: float) -> None:
    session = client.session
    now = time.time()
    session[CITIZEN_LOGIN_AT] = now - login_ago
    session[CITIZEN_SEEN_AT] = now - seen_ago
    session.save()


@pytest.mark.parametrize(
    ("login_ago", "seen_ago", "ended"),
    [
        (29 * 60, 29 * 60, None),
        (31 * 60, 30 * 60 + 1, "idle"),
        (119 * 60, 60, None),
        (120 * 60 + 1, 60, "absolute"),
    ],
)
def test_a_portal_session_ends_after_30_idle_or_120_minutes(
    world: World, login_ago: float, seen_ago: float, ended: str | None
) -> None:
    client = citizen_client(world.citizen_oslo)
    _age(client, login_ago=login_ago, seen_ago=seen_ago)
    response = client.get("/min-side/soknader/")
    if ended is None:
        assert response.status_code == 200
        return
    assert response["Location"] == "/min-side/"
    assert not CitizenSession.objects.exists()
    page = client.get("/min-side/").content.decode()
    assert ("30 minutter" if ended == "idle" else "to timer") in page
    event = AuditEvent.objects.of_action(AuditAction.CITIZEN_SESSION_ENDED).get()
    assert event.data == {"why": ended}


def test_a_staff_login_in_the_same_browser_ends_the_citizen_login(world: World) -> None:
    client = citizen_client(world.citizen_oslo)
    client.force_login(world.caseworker_oslo.user)
    assert client.get("/min-side/soknader/")["Location"] == "/min-side/"
    assert CITIZEN_PERSON not in client.session
    assert not CitizenSession.objects.exists()
    assert client.get("/").status_code == 200  # the employee is logged in, as employee


def test_front_channel_logout_ends_exactly_the_sessions_of_its_sid(world: World) -> None:
    mine = citizen_client(world.citizen_oslo, sid="sid-a")
    also_mine = citizen_client(world.citizen_oslo, sid="sid-a")
    other_login = citizen_client(world.citizen_oslo, sid="sid-b")
    anyone = Client()
    assert anyone.get("/min-side/logg-ut/frontkanal?iss=http://evil/&sid=sid-a").status_code == 200
    assert CitizenSession.objects.count() == 3  # a foreign issuer ends nothing
    response = anyone.get(f"/min-side/logg-ut/frontkanal?iss={ISSUER}&sid=sid-a")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "frame-ancestors http://testserver" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    for client in (mine, also_mine):
        assert client.get("/min-side/soknader/")["Location"] == "/min-side/"
    assert other_login.get("/min-side/soknader/").status_code == 200
    assert list(CitizenSession.objects.values_list("sid", flat=True)) == ["sid-b"]


def test_logout_goes_to_the_providers_end_session_with_the_id_token(
    world: World, live_server: Any
) -> None:
    client = citizen_client(world.citizen_oslo)
    session = client.session
    session["citizen_issuer"] = f"{live_server.url}/test-idporten"
    session["citizen_id_token"] = "the.id.token"
    session.save()
    response = client.post("/min-side/logg-ut/")
    assert response.status_code == 302
    assert response["Location"].startswith(f"{live_server.url}/test-idporten/logout/?")
    assert "id_token_hint=the.id.token" in response["Location"]
    assert (
        "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2Fmin-side%2Futlogget%2F"
        in (response["Location"])
    )
    assert not CitizenSession.objects.exists()
    assert client.get("/min-side/soknader/")["Location"] == "/min-side/"
    assert AuditEvent.objects.of_action(AuditAction.CITIZEN_LOGGED_OUT).count() == 1


def _decided(world: World, **case_overrides: Any) -> Any:
    application = make_application(person=world.citizen_oslo)
    case = make_case(application=application, **case_overrides)
    letter = make_document(application=application, kind=DocumentKind.DECISION)
    decision = make_decision(
        case=case, drafted_by=world.caseworker_oslo, state="made", letter=letter
    )
    return application, decision


def test_the_application_page_shows_the_decision_and_where_each_condition_stands(
    world: World,
) -> None:
    application, decision = _decided(world)
    met, open_one = (
        Condition.objects.create(
            decision=decision,
            kind="activity",
            text=text,
            consequence="Stønaden kan bli satt ned.",
            reference=f"{decision.reference}-V{n}",
        )
        for n, text in ((1, "Møt til samtale."), (2, "Send jobbsøknader."))
    )
    ConditionFollowUp.objects.create(
        condition=met,
        result="met",
        assessed_on=timezone.localdate(),
        recorded_by=world.caseworker_oslo,
    )
    page = citizen_client(world.citizen_oslo).get(f"/min-side/soknader/{application.pk}/")
    text = page.content.decode()
    assert "Vedtak: Innvilget" in text
    assert "Oppfylt" in text and "Ikke vurdert ennå" in text
    assert "Send jobbsøknader." in text
    # The office is the sender: no employee's name or ident on the page.
    for employee in world.personas().values():
        assert employee.name not in text
        if employee.nav_ident:
            assert employee.nav_ident not in text
    assert world.citizen_oslo.national_id not in text
    assert open_one.text in text


def test_a_case_without_insight_is_not_shown(world: World) -> None:
    application, _decision = _decided(world, status=CaseStatus.NO_INSIGHT, title="Skjult sak")
    text = citizen_client(world.citizen_oslo).get(f"/min-side/soknader/{application.pk}/")
    assert "Vedtak:" not in text.content.decode()


def test_every_portal_read_is_audited_as_the_person_themself(world: World) -> None:
    application, decision = _decided(world)
    client = citizen_client(world.citizen_oslo)
    client.get("/min-side/soknader/")
    client.get(f"/min-side/soknader/{application.pk}/")
    response = client.get(f"/min-side/dokumenter/{decision.letter_id}/")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    events = list(AuditEvent.objects.about(world.citizen_oslo).order_by("id"))
    assert [e.action for e in events] == [
        AuditAction.CITIZEN_VIEWED_APPLICATIONS,
        AuditAction.CITIZEN_VIEWED_APPLICATION,
        AuditAction.CITIZEN_DOWNLOADED_DOCUMENT,
    ]
    assert {(e.actor_id, e.actor_label) for e in events} == {(None, "citizen")}


def test_the_portal_pages_take_the_same_queries_for_one_application_or_ten(
    world: World,
) -> None:
    client = citizen_client(world.citizen_oslo)
    _decided(world)
    assert_queries_flat(client, "/min-side/soknader/", lambda n: n and _decided(world), 12)


def test_the_application_page_takes_the_same_queries_for_one_decision_or_ten(
    world: World,
) -> None:
    application, decision = _decided(world)
    case = decision.case
    client = citizen_client(world.citizen_oslo)

    def add(n: int) -> None:
        made = decision
        if n:
            letter = make_document(application=application, kind=DocumentKind.DECISION)
            made = make_decision(
                case=case, drafted_by=world.caseworker_oslo, state="made", letter=letter
            )
        Condition.objects.create(
            decision=made,
            kind="other",
            text="Vilkår",
            consequence="Følge",
            reference=f"{made.reference}-V1",
            deadline=timezone.localdate() + timedelta(days=n),
        )

    assert_queries_flat(client, f"/min-side/soknader/{application.pk}/", add, 19)


def test_an_employee_sees_the_citizens_own_reads_named_as_the_person(world: World) -> None:
    citizen_client(world.citizen_oslo).get("/min-side/soknader/")
    page = client_for(world.leader_oslo).get(f"/personer/{world.citizen_oslo.pk}/innsynslogg/")
    assert page.status_code == 200
    assert "Personen selv (Min side)" in page.content.decode()


def _payment(world: World, decision: Any, *, state: str, other: str = "", n: int = 1) -> Any:
    from navet.payments.models import Payment

    today = timezone.localdate()
    return Payment.objects.create(
        reference=f"{decision.reference}-{n}",
        decision=decision,
        person=decision.case.application.person,
        office=decision.case.application.office,
        amount=4200 + n,
        form="grant",
        period_from=today.replace(day=1) + timedelta(days=n),
        period_to=today.replace(day=1) + timedelta(days=n),
        due_on=today + timedelta(days=3),
        other_recipient=bool(other),
        recipient_name=other or decision.case.application.person.full_name,
        state=state,
        paid_on=today if state == "paid" else None,
    )


def test_the_payments_page_says_how_much_to_whom_and_when(world: World) -> None:
    _application, decision = _decided(world)
    _payment(world, decision, state="planned", other="Boligbyggelaget Usbl", n=1)
    _payment(world, decision, state="paid", n=2)
    _payment(world, decision, state="rejected", n=3)
    _other_application = make_application(person=world.citizen_bergen)
    other_case = make_case(application=_other_application)
    other_decision = make_decision(
        case=other_case, drafted_by=world.caseworker_bergen, state="made"
    )
    _payment(world, other_decision, state="planned", n=9)
    page = citizen_client(world.citizen_oslo).get("/min-side/utbetalinger/").content.decode()
    assert "Boligbyggelaget Usbl" in page and "Til deg" in page
    assert "4\u00a0201" in page or "4 201" in page
    assert "Utbetalt" in page and "Kommer" in page
    assert "Banken kunne ikke betale ut" in page
    assert "4 209" not in page and "4\u00a0209" not in page
    assert "AC04" not in page


def test_a_login_that_took_too_long_to_come_back_is_refused(world: World) -> None:
    client = Client()
    session = client.session
    session[OIDC_STATES] = {
        "old": {
            "nonce": "n",
            "code_verifier": "v",
            "issuer": ISSUER,
            "added_on": time.time() - 3600,
        }
    }
    session.save()
    response = client.get("/min-side/innlogget/?code=c&state=old")
    assert response.status_code == 400
    assert CITIZEN_PERSON not in client.session


@override_settings(LOGIN_ADDRESS_MAX_FAILURES=3)
def test_refused_callbacks_lock_the_address_as_failed_staff_logins_do(world: World) -> None:
    client = Client()
    for _n in range(3):
        assert client.get("/min-side/innlogget/?code=c&state=forged").status_code == 400
    response = client.get("/min-side/innlogget/?code=c&state=forged")
    assert response.status_code == 429
    assert "Vent et kvarter" in response.content.decode()
