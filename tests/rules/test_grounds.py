"""The explanation renders as the calculation table of a decision's grounds, in three languages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from navet.rules.living_costs import Child, Household, Money, living_costs
from navet.rules.texts import render_grounds


def march_2024():
    return living_costs(
        first=date(2024, 3, 1),
        last=date(2024, 3, 31),
        household=Household("couple", (Child(date(2019, 6, 10)),)),
        expenses=(Money("rent", Decimal(12000)),),
        incomes=(Money("salary", Decimal(5000)), Money("child_benefit", Decimal(1766))),
    )


@pytest.mark.parametrize(
    ("language", "first_row", "rate", "not_counted"),
    [
        (
            "nb",
            "Veiledende sats for ektepar/samboere",
            "13\u00a0100\u00a0kr, gjeldende fra 1.1.2024 (Rundskriv A-3/2023)",
            "Regnes ikke som inntekt: barnetrygd (1\u00a0766\u00a0kr)",
        ),
        (
            "nn",
            "Rettleiande sats for ektepar/sambuarar",
            "13\u00a0100\u00a0kr, gjeldande frå 1.1.2024 (Rundskriv A-3/2023)",
            "Blir ikkje rekna som inntekt: barnetrygd (1\u00a0766\u00a0kr)",
        ),
        (
            "en",
            "Guideline rate for a couple",
            "NOK\u00a013,100, valid from 1 January 2024 (Rundskriv A-3/2023)",
            "Not counted as income: child benefit (NOK\u00a01,766)",
        ),
    ],
)
def test_grounds_rows(language, first_row, rate, not_counted) -> None:
    rows = render_grounds(march_2024().lines, language)
    assert rows[0].text == first_row
    assert rows[0].rate == rate
    assert rows[0].legal_reference.startswith("sosialtjenesteloven § 18")
    info = next(r for r in rows if r.kind == "info")
    assert info.text == not_counted
    assert info.amount == ""
    assert rows[-1].amount in ("23\u00a0950\u00a0kr", "NOK\u00a023,950")


def test_grounds_total_matches_the_result() -> None:
    result = march_2024()
    # 13 100 (couple) + 3 850 (child, 4) + 12 000 (rent) − 5 000 (salary); barnetrygd not counted
    assert result.assistance == Decimal(23950)
    rows = render_grounds(result.lines, "nb")
    assert rows[-1].text.startswith("Økonomisk stønad for perioden 1.3.2024–31.3.2024")
    assert rows[-1].amount == "23\u00a0950\u00a0kr"
