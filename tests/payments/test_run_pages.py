"""The office's payment pages: prepare a run (with the mistakes people type), see its lines,
approve it as another person; other offices see nothing."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from navet.payments.models import PaymentRun, RunState
from navet.payments.runs import prepare_run
from tests.conftest import World, client_for
from tests.payments.test_runs import FAR, grant  # noqa: F401 (fixture)

URL = "/utbetalinger/"


def test_prepare_a_run_from_the_page(world: World, grant: Any) -> None:  # noqa: F811
    client = client_for(world.caseworker_oslo)
    page = client.get(URL).content.decode()
    assert "Lag en utbetalingskjøring" in page and "Ingen utbetalingskjøringer ennå." in page
    for typed in ("", "31.02.2026", "i morgen"):
        response = client.post(URL, {"due_by": typed})
        assert response.status_code == 400, typed
        assert 'class="aksel-error-summary' in response.content.decode()
    assert not PaymentRun.objects.exists()
    response = client.post(URL, {"due_by": FAR.strftime("%d.%m.%Y")})
    assert response.status_code == 400  # more than two months ahead
    near = (grant.payments.order_by("due_on").last().due_on).strftime("%d.%m.%Y")
    response = client.post(URL, {"due_by": near})
    run = PaymentRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "payments:run-detail", args=[run.pk]
    )
    detail = client.get(response["Location"]).content.decode()
    assert "8601 11 17947" in detail and "Venter på banken" in detail
    assert "venter på godkjenning fra en annen" in detail
    assert "Godkjenn utbetalingene" not in detail
    # Nothing more is due: the form says so and nothing is created.
    response = client.post(URL, {"due_by": near})
    assert response.status_code == 400 and "Ingen utbetalinger" in response.content.decode()
    assert PaymentRun.objects.count() == 1


def test_the_leader_approves_and_the_run_lists_it(world: World, grant: Any) -> None:  # noqa: F811
    run = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    leader = client_for(world.leader_oslo)
    detail = leader.get(reverse("payments:run-detail", args=[run.pk])).content.decode()
    assert "Godkjenn utbetalingene" in detail
    response = leader.post(reverse("payments:run-approve", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.state == RunState.APPROVED and run.approved_by == world.leader_oslo
    listing = leader.get(URL).content.decode()
    assert run.reference in listing and "Godkjent" in listing


def test_the_preparers_own_approval_is_refused_with_a_message(
    world: World,
    grant: Any,  # noqa: F811
) -> None:
    run = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    client = client_for(world.caseworker_oslo)
    response = client.post(reverse("payments:run-approve", args=[run.pk]), follow=True)
    assert "kan ikke godkjenne den selv" in response.content.decode()
    run.refresh_from_db()
    assert run.state == RunState.DRAFT


def test_other_offices_see_no_run(world: World, grant: Any) -> None:  # noqa: F811
    run = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    client = client_for(world.caseworker_bergen)
    assert client.get(reverse("payments:run-detail", args=[run.pk])).status_code == 404
    assert run.reference not in client.get(URL).content.decode()
    assert client_for(world.admin).get(URL).status_code == 403
