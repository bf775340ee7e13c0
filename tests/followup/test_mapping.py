"""Kartlegging: the life areas are data (an office adds and hides), the person's part from
the portal reaches the caseworker's next version, each version is kept and the page shows
what changed, the children's situation is required where there are children, and a
version saved from an older one is refused."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction
from navet.followup.life_areas import areas_for_office
from navet.followup.models import (
    LifeArea,
    LifeAreaHidden,
    Mapping,
    NoteDeletionRefused,
    PersonAnswer,
)
from navet.people.models import Household, HouseholdMember
from tests.conftest import World, citizen_client, client_for
from tests.factories import make_person


def _area(key: str) -> str:
    return key


def _save(world: World, read_number: int, **values: str) -> Any:
    data = {
        "made_on": timezone.localdate().strftime("%d.%m.%Y"),
        "read_number": str(read_number),
        "children_situation": "",
        "summary": "",
        **values,
    }
    return client_for(world.caseworker_oslo).post(
        reverse("people:person-mapping", args=[world.citizen_oslo.pk]), data
    )


def test_the_national_areas_are_data_and_an_office_can_adjust_them(world: World) -> None:
    areas = areas_for_office(world.oslo)
    assert len(areas) == 12
    assert areas[0].name("nn") == "Økonomi og gjeld"
    assert areas[1].name("nn") == "Bustad og busituasjon"
    LifeArea.objects.create(
        key="kvp",
        office=world.oslo,
        name_nb="Kvalifiseringsprogrammet",
        name_nn="Kvalifiseringsprogrammet",
        name_en="Qualification programme",
        order=200,
    )
    LifeAreaHidden.objects.create(office=world.oslo, key="juridisk")
    oslo_keys = [a.key for a in areas_for_office(world.oslo)]
    assert oslo_keys[-1] == "kvp" and "juridisk" not in oslo_keys
    assert len(areas_for_office(world.bergen)) == 12
    page = client_for(world.caseworker_oslo).get(
        reverse("people:person-mapping", args=[world.citizen_oslo.pk])
    )
    assert "Kvalifiseringsprogrammet" in page.content.decode()
    assert "Juridiske forhold" not in page.content.decode()


def test_the_persons_answers_reach_the_next_version_and_changes_are_shown(world: World) -> None:
    economy, housing = _area("okonomi"), _area("bolig")
    assert (
        _save(
            world,
            0,
            **{
                f"{economy}-rating": "2",
                f"{economy}-caseworker_note": "Har husleierestanse.",
                f"{housing}-rating": "4",
            },
        ).status_code
        == 302
    )
    portal = citizen_client(world.citizen_oslo)
    page = portal.get(reverse("citizen:mapping"))
    assert page.status_code == 200 and "Bolig og bosituasjon" in page.content.decode()
    response = portal.post(
        reverse("citizen:mapping"),
        {
            f"{economy}-rating": "3",
            f"{economy}-words": "Har betalt ned litt.",
            f"{economy}-wants_help": "yes",
        },
    )
    assert response.status_code == 302
    assert PersonAnswer.objects.get().words == "Har betalt ned litt."
    assert AuditEvent.objects.of_action(AuditAction.CITIZEN_MAPPING_ANSWERED).count() == 1
    staff = client_for(world.caseworker_oslo)
    url = reverse("people:person-mapping", args=[world.citizen_oslo.pk])
    content = staff.get(url).content.decode()
    assert "Personen har svart på Min side for 1 område" in content
    assert "Har betalt ned litt." in content  # filled in for the caseworker
    assert (
        _save(
            world,
            1,
            **{
                f"{economy}-rating": "3",
                f"{economy}-person_words": "Har betalt ned litt.",
                f"{economy}-caseworker_note": "Har husleierestanse.",
                f"{economy}-wants_help": "yes",
                f"{housing}-rating": "4",
            },
        ).status_code
        == 302
    )
    assert list(Mapping.objects.values_list("number", flat=True)) == [1, 2]
    content = staff.get(url).content.decode()
    assert "Endret siden forrige versjon" in content
    assert "Personens vurdering" in content and "Ønsker hjelp med dette" in content
    assert "Personen har svart på Min side" not in content  # taken into version 2


def test_a_stale_version_and_bad_input_change_nothing(world: World) -> None:
    assert _save(world, 0).status_code == 302
    stale = _save(world, 0)
    assert stale.status_code == 409 and "nyere kartlegging" in stale.content.decode()
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d.%m.%Y")
    assert _save(world, 1, made_on=tomorrow).status_code == 400
    assert _save(world, 1, made_on="31.02.2026").status_code == 400
    economy = _area("okonomi")
    assert _save(world, 1, **{f"{economy}-rating": "7"}).status_code == 400
    assert Mapping.objects.count() == 1
    with pytest.raises(NoteDeletionRefused):
        Mapping.objects.get().delete()


def test_the_childrens_situation_is_required_where_there_are_children(world: World) -> None:
    household = Household.objects.create()
    since = date(2020, 1, 1)
    HouseholdMember.objects.create(
        household=household, person=world.citizen_oslo, role="applicant", valid_from=since
    )
    child = make_person(
        office=world.oslo,
        given_name="Lille",
        family_name="Hansen",
        birth_date=timezone.localdate() - timedelta(days=365 * 8),
    )
    HouseholdMember.objects.create(
        household=household, person=child, role="child", child_residence="fast", valid_from=since
    )
    response = _save(world, 0)
    assert response.status_code == 400
    assert "Beskriv barnas situasjon" in response.content.decode()
    assert "Lille Hansen" in response.content.decode()
    assert _save(world, 0, children_situation="Går i tredje klasse, trives.").status_code == 302


def test_another_person_cannot_reach_the_mapping(world: World) -> None:
    response = client_for(world.caseworker_bergen).get(
        reverse("people:person-mapping", args=[world.citizen_oslo.pk])
    )
    assert response.status_code in (403, 404)
