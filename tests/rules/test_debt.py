"""Livsoppholdssatser ved utleggstrekk og gjeldsordning, the surplus and its distribution.

Every expected figure is written out here from shared/reference/regelverk.md § 5.1 (not read
from the TOML file), so a typo in the data fails a test. Arithmetic is done with Fraction
and rounded half up to øre by the test's own helper.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navet.rules import RulesInputError, debt_subsistence
from navet.rules.debt import ContactChild, Creditor, DebtResult, HousingCost
from navet.rules.requests import run

JULY_2022 = date(2022, 7, 1)
JULY_2023 = date(2023, 7, 1)
JULY_2025 = date(2025, 7, 1)

# regelverk.md § 5.1, kr per month. Child bands: 0–5, 6–10, 11–14, 15+ (in 2022 one band
# "11 og over" covered both 11–14 and 15+).
DEBTOR = {
    JULY_2022: {"single": 9_758, "cohabiting": 8_263, "supporting_spouse": 16_526},
    JULY_2023: {"single": 10_412, "cohabiting": 8_817, "supporting_spouse": 17_634},
    JULY_2025: {"single": 11_046, "cohabiting": 9_354, "supporting_spouse": 18_708},
}
CHILD = {
    JULY_2022: {"0–5": 3_123, "6–10": 4_142, "11–14": 5_230, "15+": 5_230},
    JULY_2023: {"0–5": 3_332, "6–10": 4_420, "11–14": 5_580, "15+": 6_418},
    JULY_2025: {"0–5": 3_535, "6–10": 4_690, "11–14": 5_919, "15+": 6_809},
}
# samværstillegg from 1.7.2025, by samværsklasse and age band
CONTACT = {
    1: {"0–5": 332, "6–10": 469, "11–14": 578, "15+": 656},
    2: {"0–5": 1_099, "6–10": 1_553, "11–14": 1_915, "15+": 2_172},
    3: {"0–5": 1_533, "6–10": 2_166, "11–14": 2_672, "15+": 3_030},
    4: {"0–5": 1_925, "6–10": 2_719, "11–14": 3_354, "15+": 3_804},
}
# ages at the edges of each band
BAND_AGES = {"0–5": (0, 5), "6–10": (6, 10), "11–14": (11, 14), "15+": (15, 17)}


def ore(value: Fraction | int) -> Decimal:
    """Round a non-negative amount half up to øre (independent of navet.rules.money)."""
    cents = math.floor(Fraction(value) * 100 + Fraction(1, 2))
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def cut20(amount: int) -> Decimal:
    return ore(Fraction(amount) * Fraction(20, 100))


def born(day: date, age: int) -> date:
    """A birth date that makes the child exactly ``age`` on ``day`` (a birthday on ``day``)."""
    return day.replace(year=day.year - age)


def lines(result: DebtResult, key: str) -> list[Any]:
    return [line for line in result.lines if line.key == key]


def warnings(result: DebtResult, code: str) -> list[dict[str, Any]]:
    return [n.params for n in result.warnings if n.code == code]


def field_of(call: Any) -> str:
    with pytest.raises(RulesInputError) as error:
        call()
    return error.value.field


# --- rates by date ----------------------------------------------------------------------


@pytest.mark.parametrize("valid_from", sorted(DEBTOR))
@pytest.mark.parametrize("debtor", ["single", "cohabiting", "supporting_spouse"])
def test_debtor_rate(valid_from: date, debtor: str) -> None:
    for day in (valid_from, valid_from.replace(month=12, day=31)):
        result = debt_subsistence(day=day, debtor=debtor)
        assert result.subsistence == DEBTOR[valid_from][debtor]
        assert result.total == DEBTOR[valid_from][debtor]
        (line,) = lines(result, "debt.debtor")
        assert line.rate.source.valid_from == valid_from
        assert not warnings(result, "missing_rates")


@pytest.mark.parametrize("valid_from", sorted(CHILD))
@pytest.mark.parametrize("band", sorted(BAND_AGES))
def test_child_rate_by_age_band(valid_from: date, band: str) -> None:
    day = valid_from.replace(month=9, day=15)
    for age in BAND_AGES[band]:
        result = debt_subsistence(day=day, debtor="single", children=[born(day, age)])
        (line,) = lines(result, "debt.child")
        assert line.amount == CHILD[valid_from][band]
        assert line.facts["age"] == age
        assert result.subsistence == DEBTOR[valid_from]["single"] + CHILD[valid_from][band]
        assert not lines(result, "debt.child_reduction")


@pytest.mark.parametrize("valid_from", sorted(CHILD))
def test_a_child_changes_band_on_the_birthday_not_the_day_before(valid_from: date) -> None:
    day = valid_from.replace(month=10, day=10)
    for younger, older, age in (("0–5", "6–10", 6), ("6–10", "11–14", 11), ("11–14", "15+", 15)):
        birth = born(day, age)
        on_birthday = debt_subsistence(day=day, debtor="single", children=[birth])
        day_before = debt_subsistence(day=day.replace(day=9), debtor="single", children=[birth])
        assert lines(on_birthday, "debt.child")[0].amount == CHILD[valid_from][older]
        assert lines(day_before, "debt.child")[0].amount == CHILD[valid_from][younger]


def test_2022_had_one_band_from_11_and_the_ungdomssats_started_1_july_2023() -> None:
    birth = [date(2006, 1, 1)]  # 17 on both dates
    before = debt_subsistence(day=date(2023, 6, 30), debtor="single", children=birth)
    after = debt_subsistence(day=JULY_2023, debtor="single", children=birth)
    assert lines(before, "debt.child")[0].amount == 5_230
    assert lines(after, "debt.child")[0].amount == 6_418


@pytest.mark.parametrize("day", [date(2024, 7, 1), date(2024, 12, 15), date(2025, 6, 30)])
def test_the_missing_2024_rates_use_2023_and_warn(day: date) -> None:
    result = debt_subsistence(day=day, debtor="cohabiting", children=[date(2015, 1, 1)])
    assert result.subsistence == 8_817 + 4_420  # the child is 9 or 10
    assert lines(result, "debt.debtor")[0].amount == 8_817
    missing = warnings(result, "missing_rates")
    assert len(missing) == 1
    assert missing[0]["missing_from"] == "2024-07-01"
    assert missing[0]["missing_to"] == "2025-06-30"
    assert missing[0]["used_from"] == "2023-07-01"


def test_the_missing_2026_rates_use_2025_and_warn_without_an_end() -> None:
    result = debt_subsistence(day=date(2026, 7, 1), debtor="single")
    assert result.subsistence == 11_046
    (missing,) = warnings(result, "missing_rates")
    assert missing["missing_from"] == "2026-07-01"
    assert "missing_to" not in missing
    assert not warnings(debt_subsistence(day=date(2026, 6, 30), debtor="single"), "missing_rates")


def test_a_date_before_the_first_rates_names_date() -> None:
    assert field_of(lambda: debt_subsistence(day=date(2022, 6, 30), debtor="single")) == "date"


# --- 20 % reduction for large households ------------------------------------------------


def test_single_with_three_children_cuts_only_the_youngest() -> None:
    day = date(2025, 9, 1)
    # listed out of age order: 7, 2 (youngest), 12
    children = [born(day, 7), born(day, 2), born(day, 12)]
    result = debt_subsistence(day=day, debtor="single", children=children)
    (cut,) = lines(result, "debt.child_reduction")
    assert cut.facts["child"] == 2
    assert cut.facts["person"] == 4
    assert cut.amount == -cut20(3_535) == Decimal("-707.00")
    assert result.subsistence == 11_046 + 4_690 + 3_535 + 5_919 - cut20(3_535)


def test_single_with_two_children_has_no_cut() -> None:
    day = date(2025, 9, 1)
    result = debt_subsistence(day=day, debtor="single", children=[born(day, 1), born(day, 3)])
    assert not lines(result, "debt.child_reduction")
    assert result.subsistence == 11_046 + 3_535 + 3_535


def test_cohabiting_with_two_children_cuts_the_youngest() -> None:
    day = date(2025, 9, 1)
    result = debt_subsistence(day=day, debtor="cohabiting", children=[born(day, 1), born(day, 8)])
    assert [line.facts["child"] for line in lines(result, "debt.child_reduction")] == [1]
    assert result.subsistence == 9_354 + 3_535 + 4_690 - cut20(3_535)


def test_supporting_spouse_counts_two_adults() -> None:
    day = date(2025, 9, 1)
    result = debt_subsistence(
        day=day, debtor="supporting_spouse", children=[born(day, 16), born(day, 12)]
    )
    assert [line.facts["child"] for line in lines(result, "debt.child_reduction")] == [2]
    assert result.subsistence == 18_708 + 6_809 + 5_919 - cut20(5_919)


def test_cohabiting_with_three_children_cuts_the_two_youngest() -> None:
    day = date(2025, 9, 1)
    children = [born(day, 3), born(day, 16), born(day, 9)]
    result = debt_subsistence(day=day, debtor="cohabiting", children=children)
    cuts = lines(result, "debt.child_reduction")
    assert sorted(line.facts["child"] for line in cuts) == [1, 3]
    assert sorted(line.facts["person"] for line in cuts) == [4, 5]
    assert result.subsistence == (9_354 + 3_535 + 6_809 + 4_690 - cut20(3_535) - cut20(4_690))


def test_the_reduction_also_applies_to_the_2022_rates() -> None:
    day = date(2022, 9, 1)
    result = debt_subsistence(
        day=day, debtor="single", children=[born(day, 4), born(day, 12), born(day, 16)]
    )
    assert result.subsistence == 9_758 + 3_123 + 5_230 + 5_230 - ore(Fraction(3_123, 5))


def test_twins_are_cut_deterministically() -> None:
    day = date(2025, 9, 1)
    twin = born(day, 4)
    children = [born(day, 10), twin, twin]
    first = debt_subsistence(day=day, debtor="single", children=children)
    again = debt_subsistence(day=day, debtor="single", children=children)
    assert first.lines == again.lines
    assert len(lines(first, "debt.child_reduction")) == 1
    assert first.subsistence == 11_046 + 4_690 + 2 * 3_535 - cut20(3_535)
    # both twins cut when two children are to be cut
    both = debt_subsistence(day=day, debtor="cohabiting", children=children)
    assert sorted(line.facts["child"] for line in lines(both, "debt.child_reduction")) == [2, 3]


# --- samværstillegg ---------------------------------------------------------------------


@pytest.mark.parametrize("contact_class", sorted(CONTACT))
@pytest.mark.parametrize("band", sorted(BAND_AGES))
def test_contact_supplement_by_class_and_age(contact_class: int, band: str) -> None:
    day = date(2025, 8, 20)
    for age in BAND_AGES[band]:
        child = ContactChild(born(day, age), contact_class)
        result = debt_subsistence(day=day, debtor="single", contact_children=[child])
        (line,) = lines(result, "debt.contact")
        assert line.amount == CONTACT[contact_class][band]
        assert result.subsistence == 11_046 + CONTACT[contact_class][band]
        assert not warnings(result, "no_contact_rates")


def test_contact_supplement_is_cut_from_the_third_child_youngest_first() -> None:
    day = date(2025, 8, 20)
    two = [ContactChild(born(day, 12), 2), ContactChild(born(day, 7), 3)]
    result = debt_subsistence(day=day, debtor="single", contact_children=two)
    assert not lines(result, "debt.contact_reduction")
    assert result.subsistence == 11_046 + 1_915 + 2_166

    four = [*two, ContactChild(born(day, 3), 1), ContactChild(born(day, 16), 4)]
    result = debt_subsistence(day=day, debtor="single", contact_children=four)
    cuts = lines(result, "debt.contact_reduction")
    # the two youngest: 3 (class 1) and 7 (class 3)
    assert sorted(line.facts["child"] for line in cuts) == [2, 3]
    assert result.subsistence == (11_046 + 1_915 + 2_166 + 332 + 3_804 - cut20(2_166) - cut20(332))


def test_contact_children_are_not_members_of_the_household() -> None:
    day = date(2025, 8, 20)
    result = debt_subsistence(
        day=day,
        debtor="single",
        children=[born(day, 2), born(day, 5)],
        contact_children=[ContactChild(born(day, 8), 1), ContactChild(born(day, 9), 1)],
    )
    assert not lines(result, "debt.child_reduction")
    assert not lines(result, "debt.contact_reduction")
    assert result.subsistence == 11_046 + 3_535 + 3_535 + 469 + 469


@pytest.mark.parametrize("contact_class", [0, 5])
def test_contact_class_outside_1_to_4_names_the_child(contact_class: int) -> None:
    day = date(2025, 8, 20)
    contact = [ContactChild(born(day, 5), 2), ContactChild(born(day, 7), contact_class)]
    field = "contact_children[1].contact_class"
    assert (
        field_of(lambda: debt_subsistence(day=day, debtor="single", contact_children=contact))
        == field
    )
    request = {
        "calculation": "debt_subsistence",
        "date": "2025-08-20",
        "debtor": "single",
        "contact_children": [
            {"birth_date": "2020-01-01", "contact_class": 2},
            {"birth_date": "2018-01-01", "contact_class": contact_class},
        ],
    }
    assert field_of(lambda: run(request)) == field


@pytest.mark.parametrize("day", [date(2025, 6, 30), date(2024, 8, 1), date(2022, 7, 1)])
def test_contact_children_before_1_july_2025_warn_and_add_nothing(day: date) -> None:
    contact = [ContactChild(born(day, 6), 4)]
    result = debt_subsistence(day=day, debtor="single", contact_children=contact)
    assert result.subsistence == debt_subsistence(day=day, debtor="single").subsistence
    assert not lines(result, "debt.contact")
    assert warnings(result, "no_contact_rates") == [{"day": day.isoformat()}]


# --- housing ----------------------------------------------------------------------------


def test_housing_costs_are_added_at_their_amount() -> None:
    housing = [
        HousingCost("rent", Decimal(9_500)),
        HousingCost("municipal_fees", Decimal("812.40")),
    ]
    result = debt_subsistence(day=JULY_2025, debtor="single", housing=housing)
    assert result.housing == Decimal("10312.40")
    assert result.total == 11_046 + Decimal("10312.40")


def test_electricity_is_not_a_housing_cost() -> None:
    housing = [HousingCost("rent", Decimal(9_500)), HousingCost("electricity", Decimal(900))]
    assert (
        field_of(lambda: debt_subsistence(day=JULY_2025, debtor="single", housing=housing))
        == "housing[1].type"
    )


def test_an_unknown_debtor_category_names_debtor() -> None:
    assert field_of(lambda: debt_subsistence(day=JULY_2025, debtor="couple")) == "debtor"


# --- surplus and distribution -----------------------------------------------------------


def test_surplus_is_net_income_less_the_total_and_never_negative() -> None:
    housing = [HousingCost("rent", Decimal(8_000))]
    result = debt_subsistence(
        day=JULY_2025, debtor="single", housing=housing, net_income=Decimal("20046.50")
    )
    assert result.total == 19_046
    assert result.surplus == Decimal("1000.50")
    assert result.months == 60
    assert result.to_creditors == Decimal("60030.00")
    short = debt_subsistence(
        day=JULY_2025,
        debtor="single",
        housing=housing,
        net_income=Decimal(15_000),
        creditors=[Creditor("Bank", Decimal(50_000))],
    )
    assert short.surplus == 0
    assert short.to_creditors == 0
    assert [(c.amount, c.dividend_percent) for c in short.creditors] == [
        (Decimal(0), Decimal("0.00"))
    ]


def test_the_creditors_share_pro_rata_and_the_ore_add_up() -> None:
    creditors = [
        Creditor("Bank", Decimal(100_000)),
        Creditor("Kortselskap", Decimal(50_000)),
        Creditor("Skatteetaten", Decimal(30_000)),
    ]
    result = debt_subsistence(
        day=JULY_2025,
        debtor="single",
        housing=[HousingCost("rent", Decimal(8_000))],
        net_income=Decimal(20_046),
        creditors=creditors,
    )
    assert result.to_creditors == 60_000
    # exact shares 33 333.33…, 16 666.66…, 10 000: the øre left goes to the largest remainder
    assert [c.amount for c in result.creditors] == [
        Decimal("33333.33"),
        Decimal("16666.67"),
        Decimal("10000.00"),
    ]
    assert [c.dividend_percent for c in result.creditors] == [
        Decimal("33.33"),
        Decimal("33.33"),
        Decimal("33.33"),
    ]


def test_no_creditor_gets_more_than_the_claim() -> None:
    creditors = [Creditor("A", Decimal(1_000)), Creditor("B", Decimal("250.55"))]
    result = debt_subsistence(
        day=JULY_2025, debtor="single", net_income=Decimal(20_000), months=12, creditors=creditors
    )
    assert result.to_creditors == (20_000 - 11_046) * 12
    assert [c.amount for c in result.creditors] == [Decimal(1_000), Decimal("250.55")]
    assert [c.dividend_percent for c in result.creditors] == [Decimal("100.00")] * 2


@pytest.mark.parametrize("months", [0, 121, -1])
def test_months_outside_1_to_120_names_months(months: int) -> None:
    assert (
        field_of(lambda: debt_subsistence(day=JULY_2025, debtor="single", months=months))
        == "months"
    )
    request = {"calculation": "debt_subsistence", "date": "2025-07-01", "debtor": "single"}
    assert field_of(lambda: run({**request, "months": months})) == "months"


@pytest.mark.parametrize("months", [1, 120])
def test_months_1_and_120_are_allowed(months: int) -> None:
    result = debt_subsistence(
        day=JULY_2025, debtor="single", net_income=Decimal(12_046), months=months
    )
    assert result.to_creditors == 1_000 * months


cents = st.one_of(
    st.integers(min_value=1, max_value=100),  # tiny: 0.01–1.00
    st.integers(min_value=100, max_value=100_000_000),
    st.integers(min_value=10**11, max_value=10**14),  # huge: 1 to 1 000 billion kroner
)


@settings(max_examples=150, deadline=None)
@given(
    claims=st.lists(cents, min_size=1, max_size=8),
    surplus=st.integers(min_value=0, max_value=5_000_000),
    months=st.integers(min_value=1, max_value=120),
)
def test_distribution_is_pro_rata_capped_and_exact_to_the_ore(
    claims: list[int], surplus: int, months: int
) -> None:
    creditors = [Creditor(f"C{i}", Decimal(c) / 100) for i, c in enumerate(claims)]
    surplus_kr = Decimal(surplus) / 100
    result = debt_subsistence(
        day=JULY_2025,
        debtor="single",
        net_income=11_046 + surplus_kr,
        months=months,
        creditors=creditors,
    )
    assert result.surplus == surplus_kr
    paid = min(Fraction(surplus_kr) * months, Fraction(sum(claims), 100))
    shares = result.creditors
    assert [s.name for s in shares] == [c.name for c in creditors]
    assert sum(Fraction(s.amount) for s in shares) == paid
    total_claims = sum(claims)
    for share, claim in zip(shares, claims, strict=True):
        amount = Fraction(share.amount)
        assert amount * 100 == int(amount * 100)  # whole øre
        assert 0 <= amount <= Fraction(claim, 100)
        exact = paid * claim / total_claims
        assert abs(amount - exact) < Fraction(1, 100)
        assert share.dividend_percent == ore(amount / Fraction(claim, 100) * 100)
    # a larger claim never gets less than a smaller one
    for a, ca in zip(shares, claims, strict=True):
        for b, cb in zip(shares, claims, strict=True):
            if ca > cb:
                assert a.amount >= b.amount


# --- JSON -------------------------------------------------------------------------------

DEBT_KEYS = {
    "calculation",
    "subsistence",
    "housing",
    "total",
    "net_income",
    "surplus",
    "months",
    "to_creditors",
    "creditors",
    "lines",
    "warnings",
}


def debt_request(language: str) -> dict[str, Any]:
    return {
        "calculation": "debt_subsistence",
        "language": language,
        "date": "2025-09-01",
        "debtor": "single",
        "children": [
            {"birth_date": "2018-05-05"},
            {"birth_date": "2022-01-10"},
            {"birth_date": "2012-03-03"},
        ],
        "contact_children": [{"birth_date": "2016-02-02", "contact_class": 2}],
        "housing": [{"type": "rent", "amount": 9500}, {"type": "insurance", "amount": "312.50"}],
        "net_income": 42000,
        "creditors": [{"name": "Bank", "claim": 250000}, {"name": "Inkasso", "claim": "12345.67"}],
    }


def test_json_debt_in_three_languages() -> None:
    results = {language: run(debt_request(language)) for language in ("nb", "nn", "en")}
    for result in results.values():
        assert set(result) == DEBT_KEYS
        assert all(isinstance(line["text"], str) and line["text"] for line in result["lines"])
        assert {k: result[k] for k in DEBT_KEYS - {"lines", "warnings"}} == {
            k: results["nb"][k] for k in DEBT_KEYS - {"lines", "warnings"}
        }
    nb = results["nb"]
    # 11 046 + 4 690 (7 years) + 3 535 (3 years, cut 20 %) + 5 919 (13 years) + 1 553 (9 years,
    # class 2) = 26 036.00; with housing 9 812.50 the total is 35 848.50
    subsistence = 11_046 + 4_690 + 3_535 + 5_919 + 1_553 - cut20(3_535)
    assert nb["subsistence"] == subsistence
    assert nb["total"] == subsistence + Decimal("9812.50")
    assert nb["surplus"] == 42_000 - nb["total"]
    assert nb["months"] == 60
    assert [c["name"] for c in nb["creditors"]] == ["Bank", "Inkasso"]
    texts = {language: [line["text"] for line in r["lines"]] for language, r in results.items()}
    assert texts["nb"][0].startswith("Livsoppholdssats")
    assert texts["nn"][0].startswith("Livsopphaldssats")
    assert texts["en"][0].startswith("Subsistence rate")
    assert texts["nb"] != texts["nn"] != texts["en"]


def test_json_debt_bad_input_names_the_field() -> None:
    request = debt_request("nb")
    request["housing"][1]["type"] = "electricity"
    assert field_of(lambda: run(request)) == "housing[1].type"
    request = debt_request("en")
    request["date"] = "2022-06-30"
    assert field_of(lambda: run(request)) == "date"
