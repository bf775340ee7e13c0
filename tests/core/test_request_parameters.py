"""Crafted query parameters and ids get a 400 (or 404) with a message, never a 500."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client

from navet.staff.person_views import MAX_PAGES
from tests.conftest import World, client_for
from tests.factories import make_person

BAD_NUMBERS = ["²", "١", "-1", "0", "1.5", "abc", " 1", "9" * 5000, "9" * 19]


@pytest.fixture
def leader(world: World) -> Client:
    return client_for(world.leader_oslo)


@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_access_log_before_refuses_what_it_cannot_read(
    world: World, leader: Client, value: str
) -> None:
    url = f"/personer/{world.citizen_oslo.pk}/innsynslogg/"
    response = leader.get(url, {"before": value})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Parameteren «before» må være et helt tall fra 1 til" in body


def test_access_log_before_reads_a_plain_number(world: World, leader: Client) -> None:
    url = f"/personer/{world.citizen_oslo.pk}/innsynslogg/"
    assert leader.get(url, {"before": "12345"}).status_code == 200


@pytest.mark.parametrize("value", [*BAD_NUMBERS, str(MAX_PAGES + 1)])
def test_person_search_page_refuses_what_it_cannot_read(world: World, value: str) -> None:
    make_person(office=world.oslo, given_name="Per", family_name="Hansen")  # two hits: a list
    client = client_for(world.caseworker_oslo)
    found = client.post("/personer/sok/", {"q": "Hansen"})
    search_url = found["Location"]
    response = client.get(f"{search_url}&side={quote(value)}")
    assert response.status_code == 400
    assert "«side»" in response.content.decode()


@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_worklist_page_refuses_what_it_cannot_read(world: World, value: str) -> None:
    client = client_for(world.caseworker_oslo)
    response = client.get("/soknader/", {"liste": "mine", "side": value})
    assert response.status_code == 400
    assert "«side»" in response.content.decode()


def test_worklist_page_past_the_end_shows_the_last_page(world: World) -> None:
    client = client_for(world.caseworker_oslo)
    assert client.get("/soknader/", {"liste": "mine", "side": "99"}).status_code == 200


@pytest.mark.parametrize("number", ["9" * 30, "9" * 5000])
def test_huge_ids_in_paths_are_not_found(world: World, number: str) -> None:
    admin = client_for(world.admin)
    for url in (
        f"/administrasjon/kontor/{number}/",
        f"/administrasjon/ansatt/{number}/",
        f"/administrasjon/innlogging/{number}/",
        f"/administrasjon/ansatt/{number}/api-nokler/",
    ):
        assert admin.get(url).status_code == 404, url
