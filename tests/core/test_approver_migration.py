"""core/0006 gives the authorisation to approve decisions to every existing leader, and to
nobody else: caseworkers approved before it, and now need it from the administrator."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.apps.registry import Apps

from tests.migrations import migrate, state_at

BEFORE = [("core", "0005_office_letterhead")]
AFTER = [("core", "0006_employee_may_approve_decisions")]


@pytest.fixture
def before() -> Iterator[Apps]:
    with state_at(BEFORE) as apps:
        yield apps


@pytest.mark.django_db(transaction=True)
def test_existing_leaders_get_the_authorisation_to_approve(before: Apps) -> None:
    User = before.get_model("auth", "User")
    Employee = before.get_model("core", "Employee")
    made = {}
    for n, (username, flags) in enumerate(
        [
            ("leder", {"is_leader": True}),
            ("leder.og.veileder", {"is_leader": True, "is_caseworker": True}),
            ("veileder", {"is_caseworker": True}),
            ("admin", {"is_administrator": True}),
        ]
    ):
        user = User.objects.create(username=username)
        made[username] = Employee.objects.create(
            user=user, nav_ident=f"M{n:06d}", name=username, **flags
        ).pk

    Employee = migrate(AFTER).get_model("core", "Employee")
    approvers = set(
        Employee.objects.filter(may_approve_decisions=True).values_list("pk", flat=True)
    )
    assert approvers == {made["leder"], made["leder.og.veileder"]}
