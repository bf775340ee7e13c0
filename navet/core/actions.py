"""State changes for employees and login."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UsernameField
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from navet.audit import trail
from navet.core.models import Employee, FailedLogin, Office


def throttle_key(username: str) -> str:
    """The user name as authentication sees it (trimmed, NFKC-normalised), lower-cased,
    so that " Veileder.oslo" and a full-width variant count against the same lock."""
    return str(UsernameField().to_python(username) or "").lower()[:150]


def login_locked(*, username: str, address: str | None) -> bool:
    """Too many recent failures for this user name or from this address."""
    since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    match = Q(username=throttle_key(username))
    if address:
        match |= Q(address=address)
    return bool(
        FailedLogin.objects.filter(match, at__gte=since).count() >= settings.LOGIN_MAX_FAILURES
    )


@transaction.atomic
def record_failed_login(*, username: str, address: str | None) -> None:
    FailedLogin.objects.create(username=throttle_key(username), address=address)


@transaction.atomic
def record_login(*, employee: Employee, address: str | None) -> None:
    FailedLogin.objects.filter(username=throttle_key(employee.user.get_username())).delete()
    trail.record(actor=employee, action="employee.logged_in")


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
        action="office.created" if created else "office.updated",
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
    employee.save()
    employee.offices.set(office_ids)
    trail.record(actor=actor, action="employee.created", target=employee, data=_profile(employee))
    return employee


# Roles and authorisations: what an administrator may never change on their own profile.
ACCESS_FIELDS = (
    "is_caseworker",
    "is_leader",
    "is_administrator",
    "may_see_strictly_confidential",
    "may_see_confidential",
    "may_see_shielded",
)


@transaction.atomic
def update_employee(*, actor: Employee, employee: Employee, office_ids: list[int]) -> Employee:
    if actor.pk == employee.pk:
        stored = Employee.objects.get(pk=employee.pk)
        if any(getattr(stored, name) != getattr(employee, name) for name in ACCESS_FIELDS) or set(
            stored.office_ids()
        ) != set(office_ids):
            raise PermissionError("An administrator cannot change their own roles or access.")
    employee.save(update_fields=["nav_ident", "name", *ACCESS_FIELDS])
    employee.offices.set(office_ids)
    trail.record(actor=actor, action="employee.updated", target=employee, data=_profile(employee))
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
            )
            if held
        ],
    }
