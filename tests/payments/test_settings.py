"""The administrator sets an office's payment day and the account it pays from."""

from __future__ import annotations

from django.urls import reverse

from navet.audit.models import AuditEvent
from navet.payments.models import PaymentSettings
from tests.conftest import World, client_for


def data(**values: str) -> dict[str, str]:
    return {
        "payment_day": "20",
        "debtor_name": "Oslo kommune",
        "debtor_account": "8601 11 17947",
        "organisation_number": "912 345 602",
        "file_version": "03",
        **values,
    }


def test_the_administrator_sets_the_paying_account(world: World) -> None:
    url = reverse("payments:settings", args=[world.oslo.pk])
    client = client_for(world.admin)
    assert client.get(url).status_code == 200
    for wrong in (
        {"debtor_account": "8601 11 17948"},  # check digit
        {"debtor_account": "8601 11 1794"},  # ten digits
        {"organisation_number": "912 345 603"},
        {"payment_day": "32"},
        {"payment_day": "0"},
        {"debtor_name": ""},
    ):
        response = client.post(url, data(**wrong))
        assert response.status_code == 400, wrong
        assert 'class="aksel-error-summary' in response.content.decode()
        assert not PaymentSettings.objects.exists()
    response = client.post(url, data())
    assert response.status_code == 302
    saved = PaymentSettings.objects.get(office=world.oslo)
    assert (saved.debtor_account, saved.organisation_number, saved.payment_day) == (
        "86011117947",
        "912345602",
        20,
    )
    client.post(url, data(debtor_account="12345678903"))
    event = AuditEvent.objects.filter(action="payment_settings.changed").latest("id")
    assert event.data["previous_debtor_account"] == "86011117947"
    assert event.data["debtor_account"] == "12345678903"


def test_nobody_else_sets_it(world: World) -> None:
    url = reverse("payments:settings", args=[world.oslo.pk])
    for employee in (world.leader_oslo, world.caseworker_oslo):
        assert client_for(employee).get(url).status_code == 403
        assert client_for(employee).post(url, data()).status_code == 403
    assert not PaymentSettings.objects.exists()
