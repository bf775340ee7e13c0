"""The administrator's municipal rate sets and each office's decision settings."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from navet.audit.models import AuditEvent
from navet.decisions.models import DecisionSettings, FourEyes, MunicipalRateSet, StateRateSet
from tests.conftest import World, client_for

RATES = reverse("decisions:rate-sets")
NEW = reverse("decisions:rate-set-new")


def rate_data(**overrides: Any) -> dict[str, Any]:
    values = {
        "municipality_number": "0301",
        "name": "Oslo kommunes satser 2026",
        "valid_from": "2026-01-01",
        "source": "https://www.oslo.kommune.no/satser",
        "source_title": "Bystyrets vedtak om satser 2026",
        "single": "8000",
        "couple": "13000",
        "shared_housing": "6500",
        "child_0_5": "3000",
        "child_6_10": "3800",
        "child_11_17": "4600",
    }
    values.update(overrides)
    return values


@pytest.mark.parametrize("persona", ["caseworker_oslo", "leader_oslo"])
def test_only_administrators(world: World, persona: str) -> None:
    client = client_for(getattr(world, persona))
    assert client.get(RATES).status_code == 403
    assert client.post(NEW, rate_data()).status_code == 403
    settings = reverse("decisions:office-settings", args=[world.oslo.pk])
    assert client.post(settings, {}).status_code == 403
    assert not MunicipalRateSet.objects.exists()


def test_rate_sets_warn_that_they_are_entered_by_hand(world: World) -> None:
    client = client_for(world.admin)
    assert "legges inn for hånd" in client.get(RATES).content.decode()
    assert "Kontroller hvert beløp mot kommunens eget vedtak" in client.get(NEW).content.decode()


def test_add_a_rate_set(world: World) -> None:
    response = client_for(world.admin).post(NEW, rate_data())
    assert response.status_code == 302
    rate_set = MunicipalRateSet.objects.get()
    assert (rate_set.single, rate_set.created_by) == (8000, world.admin)
    event = AuditEvent.objects.get(action="rates.municipal_added")
    assert event.data["municipality"] == "0301"
    assert "Oslo kommunes satser 2026" in client_for(world.admin).get(RATES).content.decode()


@pytest.mark.parametrize("bad", [{"municipality_number": "301"}, {"source": ""}, {"single": "-1"}])
def test_a_rate_set_needs_a_municipality_a_source_and_amounts(
    world: World, bad: dict[str, str]
) -> None:
    response = client_for(world.admin).post(NEW, rate_data(**bad))
    assert response.status_code == 400
    assert not MunicipalRateSet.objects.exists()


def test_the_same_date_twice_is_refused(world: World) -> None:
    client = client_for(world.admin)
    client.post(NEW, rate_data())
    assert client.post(NEW, rate_data()).status_code == 400
    assert MunicipalRateSet.objects.count() == 1


def test_office_settings(world: World) -> None:
    url = reverse("decisions:office-settings", args=[world.oslo.pk])
    client = client_for(world.admin)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "four_eyes": FourEyes.ABOVE,
            "four_eyes_above": "10000",
            "responsible_name": "Lise Leder",
        },
    )
    assert response.status_code == 302
    settings = DecisionSettings.objects.get(office=world.oslo)
    assert settings.requires_second_approval(12000) and not settings.requires_second_approval(9000)
    assert AuditEvent.objects.filter(action="decisions.settings_changed").exists()
    assert "Lise Leder" in client.get(RATES).content.decode()


def test_office_settings_need_a_responsible_leader(world: World) -> None:
    url = reverse("decisions:office-settings", args=[world.oslo.pk])
    response = client_for(world.admin).post(
        url, {"four_eyes": FourEyes.NEVER, "four_eyes_above": "0"}
    )
    assert response.status_code == 400
    assert not DecisionSettings.objects.exists()


def test_unknown_office_is_not_found(world: World) -> None:
    url = reverse("decisions:office-settings", args=[99999])
    assert client_for(world.admin).get(url).status_code == 404


def test_rate_sets_query_count_does_not_grow(world: World) -> None:
    from django.utils import timezone

    from tests.factories import make_office
    from tests.queries import assert_queries_flat

    def add(n: int) -> None:
        MunicipalRateSet.objects.create(
            municipality_number=f"{4600 + n}",
            name=f"Satser {n}",
            valid_from=timezone.localdate(),
            source="https://www.example.kommune.no/satser",
            source_title="Kommunestyrets vedtak",
            single=8000,
            couple=13000,
            shared_housing=6500,
            child_0_5=3000,
            child_6_10=3800,
            child_11_17=4600,
            created_by=world.admin,
        )
        office = make_office(f"80{n:02d}", f"Nav Test {n}", f"{4600 + n}")
        DecisionSettings.objects.create(office=office, responsible_name=f"Leder {n}")
        make_office(f"81{n:02d}", f"Nav Uten innstillinger {n}", f"{4600 + n}")
        StateRateSet.objects.create(
            valid_from=date(2030 + n, 1, 1),
            source="https://www.regjeringen.no/rundskriv",
            source_title=f"Rundskriv A-1/{2030 + n}",
            single=8000,
            couple=13000,
            shared_housing=6500,
            child_0_5=3000,
            child_6_10=3800,
            child_11_17=4600,
            created_by=world.admin,
        )

    # 9: the state rates registered by administrators are one query with who registered.
    assert_queries_flat(client_for(world.admin), RATES, add, 9)
