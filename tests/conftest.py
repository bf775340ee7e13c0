"""Named personas and citizens for every test (STYLE.md: one fixture module)."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from django.test import Client

from navet.core.models import Employee, Office
from navet.people.models import AddressProtection, Person
from tests.factories import make_employee, make_office, make_person

# Playwright's sync API runs an event loop in the test thread; the ORM calls around it are
# still synchronous test code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_passwords(settings: pytest.FixtureRequest) -> None:
    # MD5 makes new hashes fast; Argon2 still checks the ones made when the test database
    # was migrated (Test-ID-porten's demo client secret, registered by post_migrate).
    settings.PASSWORD_HASHERS = [  # type: ignore[attr-defined]
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]
    settings.ALLOW_SYNTHETIC_IDS = True  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _media_in_tmp(
    settings: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Attachments and letters go to a fresh folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")  # type: ignore[attr-defined]


@dataclass
class World:
    oslo: Office
    bergen: Office
    tromso: Office
    caseworker_oslo: Employee
    caseworker_bergen: Employee
    leader_oslo: Employee
    caseworker_confidential: Employee
    admin: Employee
    citizen_oslo: Person
    citizen_bergen: Person
    fortrolig_oslo: Person
    strengt_fortrolig_oslo: Person
    strengt_fortrolig_utland_oslo: Person
    skjermet_oslo: Person

    def personas(self) -> dict[str, Employee]:
        return {
            "veileder.oslo": self.caseworker_oslo,
            "veileder.bergen": self.caseworker_bergen,
            "leder.oslo": self.leader_oslo,
            "veileder.fortrolig": self.caseworker_confidential,
            "admin": self.admin,
        }

    def persons(self) -> dict[str, Person]:
        return {
            "citizen_oslo": self.citizen_oslo,
            "citizen_bergen": self.citizen_bergen,
            "fortrolig_oslo": self.fortrolig_oslo,
            "strengt_fortrolig_oslo": self.strengt_fortrolig_oslo,
            "strengt_fortrolig_utland_oslo": self.strengt_fortrolig_utland_oslo,
            "skjermet_oslo": self.skjermet_oslo,
        }


@pytest.fixture
def world(db: None) -> World:
    oslo = make_office("0315", "Nav Grünerløkka", "0301", "Grünerløkka")
    bergen = make_office("1203", "Nav Bergenhus", "4601", "Bergenhus")
    tromso = make_office("1902", "Nav Tromsø", "5501")
    return World(
        oslo=oslo,
        bergen=bergen,
        tromso=tromso,
        caseworker_oslo=make_employee("veileder.oslo", offices=[oslo], is_caseworker=True),
        caseworker_bergen=make_employee("veileder.bergen", offices=[bergen], is_caseworker=True),
        # Leaders approve decisions and payment runs (as the migrations and the demo give
        # them); of the caseworkers, only the one authorised for strengt fortrolig is a
        # designated approver of decisions.
        leader_oslo=make_employee(
            "leder.oslo",
            offices=[oslo],
            is_leader=True,
            may_approve_decisions=True,
            may_approve_payments=True,
        ),
        caseworker_confidential=make_employee(
            "veileder.fortrolig",
            offices=[oslo],
            is_caseworker=True,
            may_see_strictly_confidential=True,
            may_see_confidential=True,
            may_approve_decisions=True,
        ),
        admin=make_employee("admin", is_administrator=True),
        citizen_oslo=make_person(office=oslo, given_name="Kari", family_name="Hansen"),
        citizen_bergen=make_person(office=bergen, given_name="Ola", family_name="Berg"),
        fortrolig_oslo=make_person(
            office=oslo,
            given_name="Frida",
            family_name="Fortrolig",
            address_protection=AddressProtection.CONFIDENTIAL,
        ),
        strengt_fortrolig_oslo=make_person(
            office=oslo,
            given_name="Sigrid",
            family_name="Skjult",
            address_protection=AddressProtection.STRICTLY_CONFIDENTIAL,
        ),
        strengt_fortrolig_utland_oslo=make_person(
            office=oslo,
            given_name="Ulrik",
            family_name="Utland",
            address_protection=AddressProtection.STRICTLY_CONFIDENTIAL_ABROAD,
        ),
        skjermet_oslo=make_person(
            office=oslo, given_name="Sverre", family_name="Skjermet", shielded=True
        ),
    )


def client_for(employee: Employee) -> Client:
    client = Client()
    client.force_login(employee.user)
    return client


def citizen_client(person: Person, *, sid: str = "test-sid") -> Client:
    """A browser session logged in to the portal as `person`, as the ID-porten callback
    leaves it (navet.citizen.actions.log_in), without the round trip to the provider."""
    import time

    from navet.citizen.models import CitizenSession
    from navet.citizen.session import (
        CITIZEN_ISSUER,
        CITIZEN_LOGIN_AT,
        CITIZEN_PERSON,
        CITIZEN_SEEN_AT,
        CITIZEN_SID,
    )

    client = Client()
    session = client.session
    now = time.time()
    session[CITIZEN_PERSON] = str(person.pk)
    session[CITIZEN_SID] = sid
    session[CITIZEN_ISSUER] = "http://testserver/test-idporten"
    session[CITIZEN_LOGIN_AT] = now
    session[CITIZEN_SEEN_AT] = now
    session.save()
    CitizenSession.objects.create(
        session_key=session.session_key,
        issuer="http://testserver/test-idporten",
        sid=sid,
        person=person,
    )
    return client


@pytest.fixture
def as_persona(world: World):  # type: ignore[no-untyped-def]
    return lambda name: client_for(world.personas()[name])
