"""The payment plan on the Vedtak tab and the person page."""

from __future__ import annotations

from django.urls import reverse

from navet.payments.models import Payment, PaymentState
from navet.rules.dates import month_end
from tests.conftest import World, client_for
from tests.payments.test_plans import made_grant, months_ahead


def test_the_plan_shows_on_the_decision_and_the_person(world: World) -> None:
    decision = made_grant(world, months_ahead(1), month_end(months_ahead(2)))
    application = decision.case.application
    first = decision.payments.order_by("period_from").first()
    assert first is not None
    Payment.objects.filter(pk=first.pk).update(account="")
    client = client_for(world.caseworker_oslo)
    tab = client.get(
        reverse("applications:application-decisions", args=[application.pk])
    ).content.decode()
    assert f"Utbetalinger etter vedtak {decision.reference}" in tab
    assert f"{decision.reference}-1" in tab and f"{decision.reference}-2" in tab
    assert "8601 11 17947" in tab and "Planlagt" in tab
    assert "Mangler kontonummer" in tab
    person = client.get(application.person.get_absolute_url()).content.decode()
    assert "Utbetalinger" in person and f"{decision.reference}-2" in person
    Payment.objects.filter(pk=first.pk).update(state=PaymentState.STOPPED)
    person = client.get(application.person.get_absolute_url()).content.decode()
    assert "Stoppet" in person


def test_others_see_no_payments(world: World) -> None:
    decision = made_grant(world, months_ahead(1), month_end(months_ahead(1)))
    application = decision.case.application
    response = client_for(world.caseworker_bergen).get(
        reverse("applications:application-decisions", args=[application.pk])
    )
    assert response.status_code == 404
