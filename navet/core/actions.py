"""State changes for employees and login."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UsernameField
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee, FailedLogin, LoginThrottle, Office, ThrottleKind

logger = logging.getLogger(__name__)


def throttle_key(username: str) -> str:
    """The user name as authentication sees it (trimmed, NFKC-normalised), lower-cased,
    so that " Veileder.oslo" and a full-width variant count against the same lock."""
    return str(UsernameField().to_python(username) or "").lower()[:150]


@dataclass(frozen=True)
class LoginAttempt:
    """The outcome of reserving a login attempt: allowed to check the password, or not."""

    allowed: bool
    username_key: str
    address: str | None


def account_backoff(failures: int) -> timedelta:
    """How long an account stays locked after its `failures`-th failure in a row: nothing
    below the limit, then the base period doubling with every further failure, capped."""
    over = failures - settings.LOGIN_MAX_FAILURES
    if over < 0:
        return timedelta(0)
    seconds = settings.LOGIN_BACKOFF_BASE_SECONDS * 2 ** min(over, 30)
    return timedelta(seconds=min(seconds, settings.LOGIN_BACKOFF_MAX_SECONDS))


def _throttle_rows(username_key: str, address: str | None) -> list[LoginThrottle]:
    """The account's and the address's rows, created if missing, locked for this transaction.
    Always in the same order (account before address), so two attempts never deadlock."""
    wanted = [(ThrottleKind.ACCOUNT, username_key)]
    if address:
        wanted.append((ThrottleKind.ADDRESS, address))
    LoginThrottle.objects.bulk_create(
        [LoginThrottle(kind=kind, key=key) for kind, key in wanted], ignore_conflicts=True
    )
    match = Q()
    for kind, key in wanted:
        match |= Q(kind=kind, key=key)
    return list(LoginThrottle.objects.select_for_update().filter(match).order_by("kind"))


def _forget_old_failures(row: LoginThrottle, now: datetime) -> None:
    if row.kind == ThrottleKind.ACCOUNT:
        memory = timedelta(seconds=settings.LOGIN_FAILURE_MEMORY_SECONDS)
        if row.last_attempt_at < now - memory and not row.is_locked(now):
            row.failures, row.locked_until, row.window_started_at = 0, None, now
    else:
        window = timedelta(seconds=settings.LOGIN_ADDRESS_WINDOW_SECONDS)
        if row.window_started_at + window <= now and not row.is_locked(now):
            row.failures, row.locked_until, row.window_started_at = 0, None, now


def address_is_locked(address: str | None) -> bool:
    """The client address is locked by too many failed logins (staff or citizen)."""
    if not address:
        return False
    row = LoginThrottle.objects.filter(kind=ThrottleKind.ADDRESS, key=address).first()
    return row is not None and row.is_locked(timezone.now())


def count_address_failure(address: str | None) -> None:
    """A failed login without a user name (the citizen's: a refused ID-porten callback)
    counts against its address, as a staff login's does."""
    if not address:
        return
    now = timezone.now()
    with transaction.atomic():
        (row,) = _throttle_rows_for_address(address)
        _forget_old_failures(row, now)
        row.failures += 1
        row.last_attempt_at = now
        if row.failures >= settings.LOGIN_ADDRESS_MAX_FAILURES:
            row.locked_until = row.window_started_at + timedelta(
                seconds=settings.LOGIN_ADDRESS_WINDOW_SECONDS
            )
        row.save(update_fields=["failures", "last_attempt_at", "locked_until", "window_started_at"])


def _throttle_rows_for_address(address: str) -> list[LoginThrottle]:
    LoginThrottle.objects.bulk_create(
        [LoginThrottle(kind=ThrottleKind.ADDRESS, key=address)], ignore_conflicts=True
    )
    return list(
        LoginThrottle.objects.select_for_update().filter(kind=ThrottleKind.ADDRESS, key=address)
    )


def begin_login(*, username: str, address: str | None) -> LoginAttempt:
    """Reserve one login attempt before any password is checked.

    Under a row lock (PostgreSQL) or the write lock of an immediate transaction (SQLite),
    the attempt is counted as a failure in advance and the lock is set the moment the
    count reaches the limit; a successful login takes the count back (`finish_login`).
    So a burst of parallel attempts is evaluated one by one, and at most the limit of
    them ever reach the password check. A locked account or address is refused without
    looking at the password."""
    username_key = throttle_key(username)
    now = timezone.now()
    with transaction.atomic():
        rows = _throttle_rows(username_key, address)
        for row in rows:
            _forget_old_failures(row, now)
        if any(row.is_locked(now) for row in rows):
            return LoginAttempt(allowed=False, username_key=username_key, address=address)
        for row in rows:
            row.failures += 1
            row.last_attempt_at = now
            if row.kind == ThrottleKind.ACCOUNT:
                pause = account_backoff(row.failures)
                if pause:
                    row.locked_until = now + pause
            elif row.failures >= settings.LOGIN_ADDRESS_MAX_FAILURES:
                window = timedelta(seconds=settings.LOGIN_ADDRESS_WINDOW_SECONDS)
                row.locked_until = row.window_started_at + window
            row.save(
                update_fields=["failures", "last_attempt_at", "locked_until", "window_started_at"]
            )
    return LoginAttempt(allowed=True, username_key=username_key, address=address)


# How long failed logins are kept for the administrator to read.
LOGIN_HISTORY = timedelta(days=30)


def _forget_old_history(now: datetime) -> None:
    """Failures past the history, and counters nobody has touched for longer than any of
    them remembers, go; so guessing at random user names cannot fill the tables."""
    FailedLogin.objects.filter(at__lt=now - LOGIN_HISTORY).delete()
    quiet = max(settings.LOGIN_FAILURE_MEMORY_SECONDS, settings.LOGIN_ADDRESS_WINDOW_SECONDS)
    LoginThrottle.objects.filter(last_attempt_at__lt=now - timedelta(seconds=quiet)).exclude(
        locked_until__gt=now
    ).delete()


@transaction.atomic
def fail_login(*, attempt: LoginAttempt) -> None:
    """The password was wrong (or the account has no employee): the reservation stands.
    Kept as history for the administrator; a lock that this failure set is audited."""
    now = timezone.now()
    FailedLogin.objects.create(username=attempt.username_key, address=attempt.address)
    _forget_old_history(now)
    match = Q(kind=ThrottleKind.ACCOUNT, key=attempt.username_key)
    if attempt.address:
        match |= Q(kind=ThrottleKind.ADDRESS, key=attempt.address)
    for row in LoginThrottle.objects.locked().filter(match):
        limit = (
            settings.LOGIN_MAX_FAILURES
            if row.kind == ThrottleKind.ACCOUNT
            else settings.LOGIN_ADDRESS_MAX_FAILURES
        )
        if row.kind == ThrottleKind.ACCOUNT or row.failures == limit:
            logger.warning("Login locked (%s) after %s failures.", row.kind, row.failures)
            trail.record(
                actor=None,
                action=AuditAction.LOGIN_LOCKED,
                target=row,
                data={
                    "kind": row.kind,
                    "failures": row.failures,
                    "locked_until": row.locked_until.isoformat() if row.locked_until else None,
                },
            )


@transaction.atomic
def finish_login(*, attempt: LoginAttempt, employee: Employee) -> None:
    """A successful login: the account starts afresh, and the address gets its attempt back."""
    LoginThrottle.objects.filter(kind=ThrottleKind.ACCOUNT, key=attempt.username_key).update(
        failures=0, locked_until=None
    )
    if attempt.address:
        LoginThrottle.objects.filter(
            kind=ThrottleKind.ADDRESS, key=attempt.address, failures__gt=0
        ).update(failures=F("failures") - 1)
    trail.record(actor=employee, action=AuditAction.EMPLOYEE_LOGGED_IN)


@transaction.atomic
def lift_login_lock(*, throttle: LoginThrottle, actor: Employee) -> None:
    """The administrator lifts a lock: the counter starts afresh. Audited."""
    row = LoginThrottle.objects.select_for_update().get(pk=throttle.pk)
    was_locked_until = row.locked_until
    row.failures, row.locked_until = 0, None
    row.window_started_at = timezone.now()
    row.save(update_fields=["failures", "locked_until", "window_started_at"])
    trail.record(
        actor=actor,
        action=AuditAction.LOGIN_LOCK_LIFTED,
        target=row,
        data={
            "kind": row.kind,
            "key": row.key,
            "locked_until": was_locked_until.isoformat() if was_locked_until else None,
        },
    )


@transaction.atomic
def set_language(*, employee: Employee, language: str) -> None:
    employee.language = language
    employee.save(update_fields=["language"])


@transaction.atomic
def save_office(*, office: Office, actor: Employee) -> Office:
    created = office.pk is None
    office.full_clean()
    if created:
        office.save(force_insert=True)
    else:
        office.save(update_fields=["number", "name", "municipality_number", "district"])
    trail.record(
        actor=actor,
        action=AuditAction.OFFICE_CREATED if created else AuditAction.OFFICE_UPDATED,
        target=office,
        data={"number": office.number, "name": office.name},
    )
    return office


@transaction.atomic
def create_employee(
    *, actor: Employee, username: str, employee: Employee, office_ids: list[int]
) -> Employee:
    """Create the login and the profile. Staff log in through the organisation's OIDC in
    production, so the user gets no usable local password."""
    user = get_user_model().objects.create_user(username=username)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    employee.user = user
    if employee.is_leader:
        # Leaders approve four-eyes decisions unless the administrator takes it away later.
        employee.may_approve_decisions = True
        employee.may_approve_payments = True
    employee.save()
    employee.offices.set(office_ids)
    trail.record(
        actor=actor, action=AuditAction.EMPLOYEE_CREATED, target=employee, data=_profile(employee)
    )
    return employee


# Roles and authorisations: what an administrator may never change on their own profile.
ACCESS_FIELDS = (
    "is_caseworker",
    "is_leader",
    "is_administrator",
    "may_see_strictly_confidential",
    "may_see_confidential",
    "may_see_shielded",
    "may_approve_decisions",
    "may_approve_payments",
)


@transaction.atomic
def update_employee(
    *, actor: Employee, employee: Employee, office_ids: list[int], active: bool = True
) -> Employee:
    """Save the profile. Deactivating ends the employee's sessions at their next request
    (Django refuses an inactive user) and revokes their API tokens at once."""
    user = employee.user
    if actor.pk == employee.pk:
        stored = Employee.objects.get(pk=employee.pk)
        if (
            any(getattr(stored, name) != getattr(employee, name) for name in ACCESS_FIELDS)
            or set(stored.office_ids()) != set(office_ids)
            or not active
        ):
            raise PermissionError("An administrator cannot change their own roles or access.")
    employee.save(update_fields=["nav_ident", "name", *ACCESS_FIELDS])
    employee.offices.set(office_ids)
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        if not active:
            # The tokens' model lives in the API app above this one; the relation does not.
            employee.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    trail.record(
        actor=actor,
        action=AuditAction.EMPLOYEE_UPDATED,
        target=employee,
        data={**_profile(employee), "active": active},
    )
    return employee


def _profile(employee: Employee) -> dict[str, object]:
    return {
        "nav_ident": employee.nav_ident,
        "roles": [
            role
            for role, held in (
                ("caseworker", employee.is_caseworker),
                ("leader", employee.is_leader),
                ("administrator", employee.is_administrator),
            )
            if held
        ],
        "offices": sorted(employee.offices.values_list("number", flat=True)),
        "authorisations": [
            name
            for name, held in (
                ("strengt_fortrolig", employee.may_see_strictly_confidential),
                ("fortrolig", employee.may_see_confidential),
                ("skjermet", employee.may_see_shielded),
                ("godkjenne_vedtak", employee.may_approve_decisions),
                ("godkjenne_utbetalinger", employee.may_approve_payments),
            )
            if held
        ],
    }
