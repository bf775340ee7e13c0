"""Every date a caseworker types on the application pages has a sensible range: a day
outside it (0001-01-01, 9999-12-31) is a form error that says the range, never a server
error, and changes nothing. The date pickers carry the same range as min and max."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, timezone

from navet.applications.date_bounds import (
    DateBounds,
    days_from_today,
    months_from_today,
    new_year,
    today,
    years_before_today,
)
from navet.applications.models import Application, Document, RequestedDocument
from navet.audit.models import AuditEvent
from navet.rules.dates import add_months
from tests.conftest import World, client_for

NONSENSE = ["0001-01-01", "9999-12-31"]


def long_date(day: date) -> str:
    return str(formats.date_format(day))


# --- the helper ------------------------------------------------------------------------


def test_bounds_take_both_ends_and_refuse_outside() -> None:
    bounds = DateBounds(earliest=days_from_today(1), latest=months_from_today(6))
    on = date(2025, 8, 31)
    bounds.check(date(2025, 9, 1), on=on)
    bounds.check(date(2026, 2, 28), on=on)
    for outside in (on, date(2026, 3, 1), date(1, 1, 1), date(9999, 12, 31)):
        with pytest.raises(ValidationError) as refused:
            bounds.check(outside, on=on)
        assert refused.value.code == "out_of_range"
        assert "1. september 2025" in refused.value.messages[0]
        assert "28. februar 2026" in refused.value.messages[0]


def test_bounds_can_say_each_side_in_their_own_words() -> None:
    bounds = DateBounds(earliest=years_before_today(25), latest=today, too_late="Frem i tid.")
    on = date(2024, 2, 29)
    assert bounds.limits(on) == (date(1999, 2, 28), on)
    with pytest.raises(ValidationError, match=r"Frem i tid\."):
        bounds.check(date(2024, 3, 1), on=on)
    with pytest.raises(ValidationError, match=r"28\. februar 1999"):
        bounds.check(date(1999, 2, 27), on=on)


def test_new_year_is_the_first_of_january() -> None:
    assert new_year(5)(date(2026, 12, 31)) == date(2021, 1, 1)


# --- registering an application --------------------------------------------------------


def register(world: World, received_at: str) -> Any:
    return client_for(world.caseworker_oslo).post(
        reverse("applications:application-register", args=[world.citizen_oslo.pk]),
        {"channel": "desk", "received_at": received_at, "applied_for": "Mat til helgen"},
    )


@pytest.mark.parametrize("day", NONSENSE)
def test_received_at_out_of_range_is_a_form_error(world: World, day: str) -> None:
    response = register(world, f"{day}T00:00")
    assert response.status_code == 400
    content = response.content.decode()
    first = date(timezone.localdate().year - 5, 1, 1)
    if day.startswith("0001"):
        assert f"Velg en dato fra og med {long_date(first)} til og med" in content
    else:
        assert "Tidspunktet kan ikke være frem i tid." in content
    assert not Application.objects.exists()
    assert not AuditEvent.objects.filter(action="application.registered").exists()


def test_received_at_reaches_back_to_new_year_five_years_ago(world: World) -> None:
    first = date(timezone.localdate().year - 5, 1, 1)
    assert register(world, f"{first - timedelta(days=1)}T12:00").status_code == 400
    assert register(world, f"{first}T00:00").status_code == 302


def test_the_registration_picker_carries_the_range(world: World) -> None:
    response = client_for(world.caseworker_oslo).get(
        reverse("applications:application-register", args=[world.citizen_oslo.pk])
    )
    content = response.content.decode()
    year = timezone.localdate().year
    assert f'min="{year - 5}-01-01T00:00"' in content
    assert f'max="{timezone.localdate().isoformat()}T23:59"' in content


# --- the søknad tab: household, interim reply, documentation request --------------------


def post(world: World, name: str, application: Any, data: dict[str, Any]) -> Any:
    return client_for(world.caseworker_oslo).post(
        reverse(f"applications:{name}", args=[application.pk]), data
    )


@pytest.mark.parametrize("day", [*NONSENSE, "1990-01-01"])
def test_a_childs_birth_date_out_of_range_is_a_form_error(
    world: World, application: Any, day: str
) -> None:
    response = post(
        world,
        "application-household",
        application,
        {
            "husstand-adults": "single",
            "husstand-child_1_name": "Lise",
            "husstand-child_1_birth_date": day,
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert (
        "Fødselsdatoen kan ikke være frem i tid." in content
        if day.startswith("9999")
        else "Velg en dato fra og med" in content
    )
    # The range error is the only one: not also "write the birth date".
    assert "Skriv barnets fødselsdato." not in content
    application.refresh_from_db()
    assert application.children == []
    assert not AuditEvent.objects.filter(action="application.household_changed").exists()


def test_a_child_of_24_still_counts(world: World, application: Any) -> None:
    born = add_months(timezone.localdate(), -12 * 24)
    response = post(
        world,
        "application-household",
        application,
        {
            "husstand-adults": "single",
            "husstand-child_1_name": "Lise",
            "husstand-child_1_birth_date": born.isoformat(),
        },
    )
    assert response.status_code == 302


def test_the_household_pickers_carry_the_range(world: World, application: Any) -> None:
    content = (
        client_for(world.caseworker_oslo)
        .get(reverse("applications:application-detail", args=[application.pk]))
        .content.decode()
    )
    now = timezone.localdate()
    assert f'min="{add_months(now, -12 * 25).isoformat()}" max="{now.isoformat()}"' in content


@pytest.mark.parametrize("day", NONSENSE)
def test_interim_reply_date_out_of_range_is_a_form_error(
    world: World, application: Any, day: str
) -> None:
    due_on = application.due_on
    response = post(
        world,
        "application-interim-reply",
        application,
        {"svar-expected_by": day, "svar-reason": "Vi venter på svar fra NAV Arbeid."},
    )
    assert response.status_code == 400
    content = response.content.decode()
    last = add_months(timezone.localdate(), 6)
    assert (
        f"til og med {long_date(last)}" in content
        if day.startswith("9999")
        else "Datoen må være etter i dag." in content
    )
    application.refresh_from_db()
    assert application.due_on == due_on
    assert not Document.objects.exists()


def test_interim_reply_reaches_six_months_ahead(world: World, application: Any) -> None:
    last = add_months(timezone.localdate(), 6)
    data = {"svar-reason": "Vi venter på svar fra NAV Arbeid."}
    assert (
        post(
            world,
            "application-interim-reply",
            application,
            {**data, "svar-expected_by": (last + timedelta(days=1)).isoformat()},
        ).status_code
        == 400
    )
    assert (
        post(
            world,
            "application-interim-reply",
            application,
            {**data, "svar-expected_by": last.isoformat()},
        ).status_code
        == 302
    )


@pytest.mark.parametrize("day", NONSENSE)
def test_documentation_deadline_out_of_range_is_a_form_error(
    world: World, application: Any, day: str
) -> None:
    response = post(
        world,
        "application-request-documentation",
        application,
        {"dok-document_1_type": "Husleiekontrakt", "dok-deadline": day},
    )
    assert response.status_code == 400
    content = response.content.decode()
    last = add_months(timezone.localdate(), 3)
    assert (
        f"til og med {long_date(last)}" in content
        if day.startswith("9999")
        else "Datoen må være etter i dag." in content
    )
    assert not RequestedDocument.objects.exists()
    assert not Document.objects.exists()


def test_the_deadline_pickers_carry_the_range(world: World, application: Any) -> None:
    content = (
        client_for(world.caseworker_oslo)
        .get(reverse("applications:application-detail", args=[application.pk]))
        .content.decode()
    )
    tomorrow = timezone.localdate() + timedelta(days=1)
    for months in (3, 6):
        last = add_months(timezone.localdate(), months)
        assert f'min="{tomorrow.isoformat()}" max="{last.isoformat()}"' in content
