"""The demo's payments: made-up accounts and the offices' payment settings."""

from __future__ import annotations

import random

from navet.core.models import Office
from navet.payments.models import PaymentSettings

# Made-up organisation numbers with valid check digits (not real organisations).
DEMO_ORGANISATION_NUMBERS = {"0315": "912345602", "1203": "912345610"}

ACCOUNT_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def demo_account(rng: random.Random) -> str:
    """A made-up Norwegian account number with a valid mod-11 check digit."""
    while True:
        digits = [rng.randrange(10) for _ in range(10)]
        digits[0] = rng.choice([1, 3, 6, 9])  # no leading zero
        rest = sum(w * d for w, d in zip(ACCOUNT_WEIGHTS, digits, strict=True)) % 11
        check = 0 if rest == 0 else 11 - rest
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def set_up_payments(office: Office) -> None:
    """The office pays on the 20th from a made-up account."""
    PaymentSettings.objects.update_or_create(
        office=office,
        defaults={
            "payment_day": 20,
            "debtor_name": f"{office.name} – sosialtjenesten",
            "debtor_account": demo_account(random.Random(office.number)),
            "organisation_number": DEMO_ORGANISATION_NUMBERS.get(office.number, "912345629"),
        },
    )
