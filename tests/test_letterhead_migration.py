"""decisions/0005 moves each office's letterhead (postal address and phone) from its
decision settings to the office, and back when reversed; an office without settings keeps
the national phone number."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.apps.registry import Apps

from tests.migrations import migrate, state_at

BEFORE = [("core", "0005_office_letterhead"), ("decisions", "0004_decision_reference")]
AFTER = [("core", "0005_office_letterhead"), ("decisions", "0005_letterhead_moved_to_office")]


@pytest.fixture
def before() -> Iterator[Apps]:
    with state_at(BEFORE) as apps:
        yield apps


@pytest.mark.django_db(transaction=True)
def test_the_letterhead_moves_to_the_office_and_back(before: Apps) -> None:
    Office = before.get_model("core", "Office")
    DecisionSettings = before.get_model("decisions", "DecisionSettings")
    oslo = Office.objects.create(number="0315", name="Nav Grünerløkka", municipality_number="0301")
    bergen = Office.objects.create(number="1203", name="Nav Bergenhus", municipality_number="4601")
    DecisionSettings.objects.create(
        office=oslo,
        responsible_name="Lise Leder",
        phone="21 07 00 00",
        address="Nav Grünerløkka, Postboks 1, 0501 Oslo",
    )

    after = migrate(AFTER)
    Office = after.get_model("core", "Office")
    moved = Office.objects.get(number="0315")
    assert (moved.postal_address, moved.phone) == (
        "Nav Grünerløkka, Postboks 1, 0501 Oslo",
        "21 07 00 00",
    )
    untouched = Office.objects.get(pk=bergen.pk)
    assert (untouched.postal_address, untouched.phone) == ("", "55 55 33 33")

    back = migrate(BEFORE)
    settings = back.get_model("decisions", "DecisionSettings").objects.get(office_id=oslo.pk)
    assert (settings.address, settings.phone) == (
        "Nav Grünerløkka, Postboks 1, 0501 Oslo",
        "21 07 00 00",
    )
