"""Login throttling: a locked login is no password oracle, a burst never passes the limit,
back-off grows, one address cannot lock an office, and the administrator sees and lifts locks."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from navet.audit.models import AuditEvent
from navet.core.actions import account_backoff
from navet.core.models import FailedLogin, LoginThrottle, ThrottleKind
from tests.conftest import World, client_for
from tests.core import counting_backend

COUNTING = ["tests.core.counting_backend.CountingBackend"]
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def post_login(client: Client, username: str, password: str, **extra: str):  # type: ignore[no-untyped-def]
    return client.post("/logg-inn/", {"username": username, "password": password}, **extra)


def lock_account(username: str = "veileder.oslo", failures: int = 5) -> None:
    for _ in range(failures):
        post_login(Client(), username, "feil")


def test_locked_login_answers_the_same_bytes_whatever_the_password(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.AUTHENTICATION_BACKENDS = COUNTING
    lock_account()
    counting_backend.reset()
    right = post_login(Client(), "veileder.oslo", "demo")
    wrong = post_login(Client(), "veileder.oslo", "feil")
    assert right.status_code == wrong.status_code == 429
    assert CSRF.sub(b"", right.content) == CSRF.sub(b"", wrong.content)
    assert len(right.content) == len(wrong.content)
    # While locked, the password is never checked (no oracle, no hashing cost).
    assert counting_backend.calls == 0


def test_locked_login_does_not_log_in_with_the_right_password(world: World) -> None:
    lock_account()
    client = Client()
    assert post_login(client, "veileder.oslo", "demo").status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_is_reached_at_the_limit_and_says_so(world: World) -> None:
    for _ in range(4):
        assert post_login(Client(), "veileder.oslo", "feil").status_code == 200
    fifth = post_login(Client(), "veileder.oslo", "feil")
    assert fifth.status_code == 200  # the fifth is still checked, and sets the lock
    locked = post_login(Client(), "veileder.oslo", "feil")
    assert locked.status_code == 429
    assert "ventetiden øker" in locked.content.decode()
    assert AuditEvent.objects.filter(action="login.locked").count() == 1


def test_an_empty_form_is_not_counted(world: World) -> None:
    for _ in range(10):
        assert post_login(Client(), "veileder.oslo", "").status_code == 200
    assert post_login(Client(), "veileder.oslo", "demo").status_code == 302


def test_a_successful_login_resets_the_count(world: World) -> None:
    lock_account(failures=4)
    assert post_login(Client(), "veileder.oslo", "demo").status_code == 302
    lock_account(failures=4)
    assert post_login(Client(), "veileder.oslo", "demo").status_code == 302


def test_back_off_doubles_with_each_failure_after_the_limit(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    assert account_backoff(4) == timedelta(0)
    assert account_backoff(5) == timedelta(seconds=60)
    assert account_backoff(6) == timedelta(seconds=120)
    assert account_backoff(8) == timedelta(seconds=480)
    assert account_backoff(100) == timedelta(seconds=settings.LOGIN_BACKOFF_MAX_SECONDS)
    lock_account()
    row = LoginThrottle.objects.get(kind=ThrottleKind.ACCOUNT, key="veileder.oslo")
    first = row.locked_until - row.last_attempt_at
    # The lock runs out; the next failure locks for twice as long.
    LoginThrottle.objects.filter(pk=row.pk).update(
        locked_until=timezone.now() - timedelta(seconds=1)
    )
    assert post_login(Client(), "veileder.oslo", "feil").status_code == 200
    row.refresh_from_db()
    assert row.locked_until - row.last_attempt_at == 2 * first
    assert post_login(Client(), "veileder.oslo", "demo").status_code == 429


def test_one_address_cannot_lock_an_office(world: World) -> None:
    """An office behind one NAT: one person failing on several accounts locks neither the
    address nor the other employees."""
    office = {"REMOTE_ADDR": "198.51.100.10"}
    for name in ("ukjent.en", "ukjent.to", "ukjent.tre", "ukjent.fire", "ukjent.fem"):
        for _ in range(5):
            post_login(Client(), name, "feil", **office)
    assert post_login(Client(), "veileder.oslo", "demo", **office).status_code == 302


def test_a_locked_account_stays_locked_from_another_address(world: World) -> None:
    lock_account()
    other = {"REMOTE_ADDR": "203.0.113.99"}
    assert post_login(Client(), "veileder.oslo", "demo", **other).status_code == 429


def test_the_address_locks_at_its_own_much_higher_limit(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LOGIN_ADDRESS_MAX_FAILURES = 12
    attacker = {"REMOTE_ADDR": "203.0.113.50"}
    for index in range(12):
        post_login(Client(), f"gjett.{index}", "feil", **attacker)
    assert post_login(Client(), "veileder.oslo", "demo", **attacker).status_code == 429
    assert post_login(Client(), "veileder.oslo", "demo").status_code == 302


def test_administrator_sees_the_lock_and_lifts_it(world: World) -> None:
    lock_account()
    admin = client_for(world.admin)
    home = admin.get("/administrasjon/").content.decode()
    lock = LoginThrottle.objects.get(kind=ThrottleKind.ACCOUNT, key="veileder.oslo")
    assert f"/administrasjon/innlogging/{lock.pk}/" in home
    assert f"veileder.oslo ({world.caseworker_oslo.name})" in home
    detail = admin.get(f"/administrasjon/innlogging/{lock.pk}/")
    assert detail.status_code == 200
    assert "127.0.0.1" in detail.content.decode()  # where the failures came from
    employee_page = admin.get(f"/administrasjon/ansatt/{world.caseworker_oslo.pk}/")
    assert f"/administrasjon/innlogging/{lock.pk}/" in employee_page.content.decode()
    assert admin.post(f"/administrasjon/innlogging/{lock.pk}/").status_code == 302
    assert post_login(Client(), "veileder.oslo", "demo").status_code == 302
    lifted = AuditEvent.objects.get(action="login.lock_lifted")
    assert lifted.actor == world.admin
    assert lifted.data["key"] == "veileder.oslo"


@pytest.mark.parametrize("persona", ["caseworker_oslo", "leader_oslo"])
def test_only_the_administrator_lifts_locks(world: World, persona: str) -> None:
    lock_account("veileder.bergen")
    lock = LoginThrottle.objects.get(kind=ThrottleKind.ACCOUNT, key="veileder.bergen")
    client = client_for(getattr(world, persona))
    assert client.post(f"/administrasjon/innlogging/{lock.pk}/").status_code == 403
    assert LoginThrottle.objects.locked().filter(pk=lock.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_parallel_wrong_logins_is_evaluated_at_most_the_limit(settings) -> None:  # type: ignore[no-untyped-def]
    """20 parallel wrong passwords for one account: each attempt reserves its place under
    a row lock before the password is checked, so at most LOGIN_MAX_FAILURES are checked."""
    if connection.vendor != "postgresql":
        pytest.skip("parallel connections to one database: PostgreSQL (CI runs both)")
    from tests.factories import make_employee, make_office

    make_employee("veileder.oslo", offices=[make_office("0315", "Nav Grünerløkka", "0301")])
    settings.AUTHENTICATION_BACKENDS = COUNTING
    counting_backend.reset()
    start = threading.Barrier(20)
    statuses: list[int] = []

    def attempt() -> None:
        try:
            start.wait()
            statuses.append(post_login(Client(), "veileder.oslo", "feil").status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == 20
    assert counting_backend.calls <= settings.LOGIN_MAX_FAILURES
    assert statuses.count(200) == counting_backend.calls
    assert statuses.count(429) == 20 - counting_backend.calls


def test_old_history_and_idle_counters_are_forgotten(world: World) -> None:
    """Guessing at random user names cannot fill the tables for ever."""
    long_ago = timezone.now() - timedelta(days=40)
    old = FailedLogin.objects.create(username="gammel", address="192.0.2.1")
    FailedLogin.objects.filter(pk=old.pk).update(at=long_ago)
    LoginThrottle.objects.create(
        kind=ThrottleKind.ACCOUNT, key="gammel", failures=3, last_attempt_at=long_ago
    )
    still_locked = LoginThrottle.objects.create(
        kind=ThrottleKind.ACCOUNT,
        key="sperret",
        failures=9,
        last_attempt_at=long_ago,
        locked_until=timezone.now() + timedelta(minutes=30),
    )
    post_login(Client(), "veileder.oslo", "feil")
    assert not FailedLogin.objects.filter(pk=old.pk).exists()
    assert not LoginThrottle.objects.filter(key="gammel").exists()
    assert LoginThrottle.objects.filter(pk=still_locked.pk).exists()
