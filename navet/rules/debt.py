"""Subsistence for debt settlement and wage deduction, the surplus, and its distribution.

Livsoppholdssatser ved utleggstrekk og gjeldsordning (FOR-2014-06-13-724), on the date
given (they change every 1 July):

1. The debtor's rate: single, living with a partner (per person), or supporting a partner.
2. One rate per child living with the debtor, by age on the date. Child rates are cut by
   20 % from person number four in the household (adults + children), youngest first.
3. Samværstillegg per child the debtor has contact with, by age and samværsklasse 1–4; cut
   by 20 % from the third such child, youngest first. (Only the 1.7.2025 rates are verified.)
4. Plus the actual necessary housing costs (rent, housing debt, insurance, municipal
   charges, ground rent, maintenance, joint costs). Electricity, heating and contents
   insurance are covered by the rates and are refused as housing costs.
5. Surplus per month = max(0, net income − subsistence). Over ``months`` (5 years by
   default) the creditors share ``surplus × months`` pro rata to their claims, no one
   beyond their claim; øre are shared by the largest remainder so the parts add up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from navet.rules.dates import age_on
from navet.rules.errors import RulesInputError
from navet.rules.explain import Line, Notice, Notices, RateUsed
from navet.rules.money import round_ore
from navet.rules.ratesets import (
    DEBTOR_CATEGORIES,
    DebtRateSet,
    band_for,
    pick,
    read_amount,
    read_date,
    read_int,
    read_list,
    read_str,
    read_typed_amounts,
    state_debt_rates,
)
from navet.rules.serialise import explanation, number
from navet.rules.texts import Language

LAW = "FOR-2014-06-13-724"
HOUSING_TYPES = (
    "rent",
    "mortgage_interest",
    "mortgage_instalment",
    "insurance",
    "municipal_fees",
    "ground_rent",
    "maintenance",
    "joint_costs",
    "other",
)
NOT_HOUSING = ("electricity",)
DEFAULT_MONTHS = 60
MAX_MONTHS = 120


@dataclass(frozen=True)
class ContactChild:
    birth_date: date
    contact_class: int


@dataclass(frozen=True)
class HousingCost:
    type: str
    amount: Decimal


@dataclass(frozen=True)
class Creditor:
    name: str
    claim: Decimal


@dataclass(frozen=True)
class CreditorShare:
    name: str
    claim: Decimal
    amount: Decimal
    dividend_percent: Decimal


@dataclass(frozen=True)
class DebtResult:
    subsistence: Decimal
    housing: Decimal
    total: Decimal
    net_income: Decimal
    surplus: Decimal
    months: int
    to_creditors: Decimal
    creditors: tuple[CreditorShare, ...]
    lines: tuple[Line, ...]
    warnings: tuple[Notice, ...]


def distribute(total: Decimal, creditors: Sequence[Creditor]) -> tuple[CreditorShare, ...]:
    """Share ``total`` pro rata to the claims, capped at each claim, to the øre."""
    claims = sum((c.claim for c in creditors), Decimal(0))
    if not creditors or claims == 0:
        return ()
    paid = min(total, claims)
    exact = [Fraction(paid) * Fraction(c.claim) / Fraction(claims) for c in creditors]
    ore = [int(e * 100) for e in exact]  # floor, in øre
    left = int(paid * 100) - sum(ore)
    # the largest remainders get the øre left over; ties go to the earlier creditor
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] * 100 - ore[i]), i))
    for i in order[:left]:
        ore[i] += 1
    shares = []
    for creditor, cents in zip(creditors, ore, strict=True):
        amount = Decimal(cents) / 100
        percent = (amount / creditor.claim * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        shares.append(CreditorShare(creditor.name, creditor.claim, amount, percent))
    return tuple(shares)


def debt_subsistence(
    *,
    day: date,
    debtor: str,
    children: Sequence[date] = (),
    contact_children: Sequence[ContactChild] = (),
    housing: Sequence[HousingCost] = (),
    net_income: Decimal = Decimal(0),
    months: int = DEFAULT_MONTHS,
    creditors: Sequence[Creditor] = (),
    rate_set: DebtRateSet | None = None,
) -> DebtResult:
    rate_set = rate_set or state_debt_rates()
    _check(day, debtor, children, contact_children, housing, months)
    notices = Notices()
    rates = pick(
        rate_set.rates,
        day,
        what="debt_subsistence",
        rate_set=rate_set.id,
        field="date",
        notices=notices,
        expected_change=rate_set.expected_change,
    )
    cuts = pick(
        rate_set.reductions,
        day,
        what="debt_reductions",
        rate_set=rate_set.id,
        field="date",
        notices=notices,
    )
    lines: list[Line] = []

    def rate(name: str, value: Decimal) -> RateUsed:
        return RateUsed(name, value, rate_set.id, rates.source)

    amount = rates.debtor[debtor]
    lines.append(
        Line(
            "debt.debtor",
            "need",
            amount,
            LAW,
            rate=rate(f"debt.{debtor}", amount),
            facts={"category": debtor},
        )
    )
    subsistence = amount

    adults = 1 if debtor == "single" else 2
    youngest_first = sorted(range(len(children)), key=lambda i: (children[i], i), reverse=True)
    reduced = max(0, adults + len(children) - (cuts.child_from_person - 1))
    cut_children = set(youngest_first[: min(reduced, len(children))])
    for i, birth in enumerate(children):
        age = age_on(birth, day)
        band = band_for(rates.children, max(age, 0))
        assert band is not None  # bands cover every age from 0 (checked on load)
        facts: dict[str, Any] = {"child": i + 1, "age": age, "band": band.label()}
        lines.append(
            Line(
                "debt.child",
                "need",
                band.amount,
                LAW,
                rate=rate(f"debt.children.{band.label()}", band.amount),
                facts=facts,
            )
        )
        subsistence += band.amount
        if i in cut_children:
            cut = round_ore(Fraction(band.amount) * cuts.child_percent / 100)
            person = adults + 1 + youngest_first[::-1].index(i)
            lines.append(
                Line(
                    "debt.child_reduction",
                    "deduction",
                    -cut,
                    LAW,
                    source=cuts.source,
                    facts={"child": i + 1, "percent": str(cuts.child_percent), "person": person},
                )
            )
            subsistence -= cut

    if contact_children and not rates.contact:
        notices.add("no_contact_rates", day=day.isoformat())
    elif contact_children:
        order = sorted(
            range(len(contact_children)),
            key=lambda i: (contact_children[i].birth_date, i),
            reverse=True,
        )
        n_cut = max(0, len(contact_children) - (cuts.contact_from_child - 1))
        cut_contact = set(order[:n_cut])
        for i, child in enumerate(contact_children):
            age = max(0, age_on(child.birth_date, day))
            contact_band = next(b for b in rates.contact if b.age_from <= age <= b.age_to)
            value = contact_band.by_class[child.contact_class]
            facts = {"child": i + 1, "age": age, "contact_class": child.contact_class}
            lines.append(
                Line(
                    "debt.contact",
                    "need",
                    value,
                    LAW,
                    rate=rate(
                        f"debt.contact.{contact_band.age_from}.class_{child.contact_class}", value
                    ),
                    facts=facts,
                )
            )
            subsistence += value
            if i in cut_contact:
                cut = round_ore(Fraction(value) * cuts.contact_percent / 100)
                lines.append(
                    Line(
                        "debt.contact_reduction",
                        "deduction",
                        -cut,
                        LAW,
                        source=cuts.source,
                        facts={"child": i + 1, "percent": str(cuts.contact_percent)},
                    )
                )
                subsistence -= cut

    housing_total = Decimal(0)
    for cost in housing:
        lines.append(
            Line(
                "debt.housing",
                "need",
                cost.amount,
                f"{LAW}; gjeldsordningsloven § 4-3",
                facts={"type": cost.type},
            )
        )
        housing_total += cost.amount
    total = subsistence + housing_total
    lines.append(Line("debt.subsistence", "total", total, LAW))
    surplus = max(Decimal(0), net_income - total)
    lines.append(Line("debt.income", "income", net_income, LAW))
    lines.append(Line("debt.surplus", "total", surplus, "gjeldsordningsloven § 4-3"))
    to_creditors = surplus * months
    shares = distribute(to_creditors, creditors)
    if creditors:
        lines.append(
            Line(
                "debt.distribution",
                "total",
                to_creditors,
                "gjeldsordningsloven",
                facts={"months": months},
            )
        )
        for share in shares:
            lines.append(
                Line(
                    "debt.creditor",
                    "info",
                    share.amount,
                    "gjeldsordningsloven",
                    facts={
                        "name": share.name,
                        "claim": share.claim,
                        "dividend": str(share.dividend_percent),
                    },
                )
            )
    return DebtResult(
        subsistence=subsistence,
        housing=housing_total,
        total=total,
        net_income=net_income,
        surplus=surplus,
        months=months,
        to_creditors=to_creditors,
        creditors=shares,
        lines=tuple(lines),
        warnings=notices.as_tuple(),
    )


def _check(
    day: date,
    debtor: str,
    children: Sequence[date],
    contact: Sequence[ContactChild],
    housing: Sequence[HousingCost],
    months: int,
) -> None:
    if debtor not in DEBTOR_CATEGORIES:
        raise RulesInputError("debtor", f"must be one of {', '.join(DEBTOR_CATEGORIES)}")
    for i, birth in enumerate(children):
        if birth > day:
            raise RulesInputError(f"children[{i}].birth_date", "is after the date")
    for i, child in enumerate(contact):
        if child.birth_date > day:
            raise RulesInputError(f"contact_children[{i}].birth_date", "is after the date")
        if child.contact_class not in (1, 2, 3, 4):
            raise RulesInputError(
                f"contact_children[{i}].contact_class",
                "must be 1 to 4 (no samværstillegg is given below samværsklasse 1)",
            )
    for i, cost in enumerate(housing):
        if cost.type in NOT_HOUSING:
            raise RulesInputError(
                f"housing[{i}].type",
                "electricity and heating are covered by the rates, not a housing cost",
            )
        if cost.type not in HOUSING_TYPES:
            raise RulesInputError(
                f"housing[{i}].type", f"must be one of {', '.join(HOUSING_TYPES)}"
            )
    if not 1 <= months <= MAX_MONTHS:
        raise RulesInputError("months", f"must be between 1 and {MAX_MONTHS}")


def debt_json(data: Mapping[str, Any], language: Language) -> dict[str, Any]:
    children = []
    for i, item in enumerate(read_list(data.get("children", []), "children")):
        if not isinstance(item, Mapping):
            raise RulesInputError(f"children[{i}]", "must be an object with birth_date")
        children.append(read_date(item.get("birth_date"), f"children[{i}].birth_date"))
    contact = []
    for i, item in enumerate(read_list(data.get("contact_children", []), "contact_children")):
        if not isinstance(item, Mapping):
            raise RulesInputError(f"contact_children[{i}]", "must be an object")
        contact.append(
            ContactChild(
                read_date(item.get("birth_date"), f"contact_children[{i}].birth_date"),
                read_int(
                    item.get("contact_class"), f"contact_children[{i}].contact_class", low=0, high=4
                ),
            )
        )
    housing = [HousingCost(t, a) for t, a in read_typed_amounts(data.get("housing", []), "housing")]
    creditors = []
    for i, item in enumerate(read_list(data.get("creditors", []), "creditors")):
        if not isinstance(item, Mapping):
            raise RulesInputError(f"creditors[{i}]", "must be an object with name and claim")
        claim = read_amount(item.get("claim"), f"creditors[{i}].claim")
        if claim == 0:
            raise RulesInputError(f"creditors[{i}].claim", "must be more than zero")
        creditors.append(Creditor(read_str(item.get("name"), f"creditors[{i}].name"), claim))
    rate_set = DebtRateSet.from_dict(data["rate_set"], "rate_set") if "rate_set" in data else None
    result = debt_subsistence(
        day=read_date(data.get("date"), "date"),
        debtor=str(data.get("debtor")),
        children=children,
        contact_children=contact,
        housing=housing,
        net_income=read_amount(data.get("net_income", 0), "net_income"),
        months=read_int(data.get("months", DEFAULT_MONTHS), "months", low=1, high=MAX_MONTHS),
        creditors=creditors,
        rate_set=rate_set,
    )
    return {
        "calculation": "debt_subsistence",
        "subsistence": number(result.subsistence),
        "housing": number(result.housing),
        "total": number(result.total),
        "net_income": number(result.net_income),
        "surplus": number(result.surplus),
        "months": result.months,
        "to_creditors": number(result.to_creditors),
        "creditors": [
            {
                "name": s.name,
                "claim": number(s.claim),
                "amount": number(s.amount),
                "dividend_percent": number(s.dividend_percent),
            }
            for s in result.creditors
        ],
        **explanation(result.lines, result.warnings, language),
    }
