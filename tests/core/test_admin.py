"""The administrator manages offices and employees, audited, and cannot raise their own access."""

from __future__ import annotations

import pytest

from navet.applications.letters import office_info
from navet.audit.models import AuditEvent
from navet.core import actions
from navet.core.models import Employee, Office
from tests.conftest import World, client_for
from tests.queries import count_queries


def test_admin_creates_an_office_and_an_employee(world: World) -> None:
    client = client_for(world.admin)
    response = client.post(
        "/administrasjon/kontor/ny/",
        {
            "number": "5701",
            "name": "Nav Bodø",
            "municipality_number": "1804",
            "district": "",
            "postal_address": "Nav Bodø, Postboks 1, 8001 Bodø",
            "phone": "55 55 33 33",
        },
    )
    assert response.status_code == 302
    office = Office.objects.get(number="5701")
    assert AuditEvent.objects.filter(action="office.created", target_id=str(office.pk)).exists()
    # The letterhead of every letter the office sends is the office's own record.
    letterhead = office_info(office)
    # The letterhead prints the name above the address, so the address leaves it out.
    assert letterhead.address_lines == ("Postboks 1", "8001 Bodø")
    assert letterhead.phone == "55 55 33 33"

    response = client.post(
        "/administrasjon/ansatt/ny/",
        {
            "username": "veileder.bodo",
            "nav_ident": "B123456",
            "name": "Bodil Bodø",
            "is_caseworker": "on",
            "offices": [office.pk],
        },
    )
    assert response.status_code == 302
    employee = Employee.objects.get(nav_ident="B123456")
    assert not employee.user.has_usable_password()
    event = AuditEvent.objects.get(action="employee.created")
    assert event.data["offices"] == ["5701"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("number", "57", "Skriv fire sifre."),
        ("municipality_number", "18a4", "Skriv fire sifre."),
        ("phone", "", "Feltet er påkrevet."),
    ],
)
def test_bad_office_input_changes_nothing(
    world: World, field: str, value: str, message: str
) -> None:
    data = {"number": "5701", "name": "Nav Bodø", "municipality_number": "1804", "phone": "1"}
    data[field] = value
    response = client_for(world.admin).post("/administrasjon/kontor/ny/", data)
    assert response.status_code == 200
    assert message.encode() in response.content
    assert not Office.objects.filter(name="Nav Bodø").exists()


def test_employee_needs_a_role_and_a_valid_nav_ident(world: World) -> None:
    response = client_for(world.admin).post(
        "/administrasjon/ansatt/ny/",
        {"username": "x.y", "nav_ident": "123", "name": "X"},
    )
    assert response.status_code == 200
    assert "Velg minst én rolle.".encode() in response.content
    assert b"Nav-ident er en bokstav og seks sifre." in response.content
    assert not Employee.objects.filter(name="X").exists()


def test_admin_cannot_grant_themselves_access(world: World) -> None:
    client = client_for(world.admin)
    response = client.post(
        f"/administrasjon/ansatt/{world.admin.pk}/",
        {
            "nav_ident": world.admin.nav_ident,
            "name": "Admin Selv",
            "is_caseworker": "on",
            "is_administrator": "on",
            "offices": [world.oslo.pk],
            "may_see_strictly_confidential": "on",
        },
    )
    assert response.status_code == 302
    admin = Employee.objects.get(pk=world.admin.pk)
    assert admin.name == "Admin Selv"
    assert not admin.is_caseworker and not admin.may_see_strictly_confidential
    assert admin.office_ids() == []
    admin.is_caseworker = True
    with pytest.raises(PermissionError):
        actions.update_employee(actor=admin, employee=admin, office_ids=[])


def test_admin_home_query_count_is_bounded(world: World) -> None:
    client = client_for(world.admin)
    few = count_queries(client, "/administrasjon/")
    for n in range(10):
        Office.objects.create(number=f"90{n:02d}", name=f"Kontor {n}", municipality_number="0301")
    assert count_queries(client, "/administrasjon/") == few


def test_non_admin_gets_403(world: World) -> None:
    assert client_for(world.caseworker_oslo).get("/administrasjon/").status_code == 403
