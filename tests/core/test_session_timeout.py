"""Staff sessions: 30 idle minutes, 12 hours at most, renewed on activity, and a status
the page's warning asks without keeping the session alive."""

from __future__ import annotations

import time

from django.test import Client

from navet.core.middleware import SESSION_LOGIN_AT, SESSION_SEEN_AT
from tests.conftest import World


def logged_in(username: str = "veileder.oslo") -> Client:
    client = Client()
    assert client.post("/logg-inn/", {"username": username, "password": "demo"}).status_code == 302
    return client


def shift(client: Client, key: str, seconds_ago: float) -> None:
    session = client.session
    session[key] = time.time() - seconds_ago
    session.save()


def test_defaults_are_30_minutes_idle_and_12_hours(settings) -> None:  # type: ignore[no-untyped-def]
    assert settings.SESSION_IDLE_SECONDS == 30 * 60
    assert settings.SESSION_MAX_SECONDS == 12 * 60 * 60
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_SECONDS


def test_an_idle_session_ends_and_the_login_page_says_why(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    client = logged_in()
    shift(client, SESSION_SEEN_AT, settings.SESSION_IDLE_SECONDS + 1)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/logg-inn/")
    login_page = client.get(response["Location"]).content.decode()
    assert "ikke hadde gjort noe på en stund" in login_page
    assert "_auth_user_id" not in client.session


def test_activity_renews_the_idle_clock(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    client = logged_in()
    shift(client, SESSION_SEEN_AT, settings.SESSION_IDLE_SECONDS - 60)
    assert client.get("/").status_code == 200
    assert time.time() - client.session[SESSION_SEEN_AT] < 5


def test_the_absolute_limit_ends_an_active_session(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    client = logged_in()
    shift(client, SESSION_LOGIN_AT, settings.SESSION_MAX_SECONDS + 1)
    response = client.get("/")
    assert response.status_code == 302
    assert "vært innlogget lenge" in client.get(response["Location"]).content.decode()


def test_asking_for_the_status_does_not_renew_the_session(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    client = logged_in()
    shift(client, SESSION_SEEN_AT, settings.SESSION_IDLE_SECONDS - 100)
    status = client.get("/okt/").json()
    assert status["logged_in"] is True
    assert 90 <= status["idle_seconds_left"] <= 100
    assert status["absolute_seconds_left"] > settings.SESSION_MAX_SECONDS - 60
    # Still the same idle time left: the question was not activity.
    assert client.get("/okt/").json()["idle_seconds_left"] <= 100


def test_extending_renews_the_session(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    client = logged_in()
    shift(client, SESSION_SEEN_AT, settings.SESSION_IDLE_SECONDS - 100)
    extended = client.post("/okt/forleng/").json()
    assert extended["idle_seconds_left"] >= settings.SESSION_IDLE_SECONDS - 5


def test_status_for_an_ended_session(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    client = logged_in()
    shift(client, SESSION_SEEN_AT, settings.SESSION_IDLE_SECONDS + 1)
    assert client.get("/okt/").json() == {"logged_in": False}
    assert Client().get("/okt/").json() == {"logged_in": False}


def test_pages_carry_the_warning_for_staff_only(world: World) -> None:
    page = logged_in().get("/").content.decode()
    assert 'id="navet-session-warning"' in page
    assert "navet/session" in page
    assert 'id="navet-session-warning"' not in Client().get("/logg-inn/").content.decode()
