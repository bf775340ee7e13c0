"""The § 18 calculation of a decision, from the application's facts and household.

The result is a `CalculationSnapshot` (navet/decisions/snapshot.py, stored as versioned
JSON): the request given to `navet.rules` (the inputs), the rate set used, the rules'
result with its explanation lines in the letter's language, and the caseworker's
deviations with the amount they lead to. It is what the caseworker sees on the
calculation tab, and, frozen on the made decision, what the decision rests on.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from navet.applications.letters import letter_language
from navet.applications.models import Application, Fact, FactArea
from navet.decisions.models import Decision, MunicipalRateSet
from navet.decisions.snapshot import VERSION, CalculationSnapshot, DeviationRef
from navet.rules.errors import RulesInputError
from navet.rules.living_costs import EXPENSE_TYPES
from navet.rules.ratesets import income_rules
from navet.rules.requests import run_living_costs

INCOME_AREAS = (FactArea.INCOME, FactArea.PAYOUT)
EXPENSE_AREAS = (FactArea.EXPENSE, FactArea.EXPENSE_DETAIL)


def current_facts(application: Application) -> list[Fact]:
    return list(application.facts.filter(superseded_by__isnull=True).order_by("area", "id"))


def calculation_request(
    application: Application, first: date, last: date, facts: list[Fact] | None = None
) -> dict[str, Any]:
    """The rules' input (the `python -m navet.rules` living_costs shape)."""
    facts = current_facts(application) if facts is None else facts
    incomes = [
        {"type": f.rules_type, "amount": f.amount}
        for f in facts
        if f.area in INCOME_AREAS and f.rules_type in income_rules().types and f.amount
    ]
    expenses = [
        {"type": f.rules_type, "amount": f.amount}
        for f in facts
        if f.area in EXPENSE_AREAS and f.rules_type in EXPENSE_TYPES and f.amount
    ]
    request: dict[str, Any] = {
        "calculation": "living_costs",
        "period": {"from": first.isoformat(), "to": last.isoformat()},
        "household": {
            "adults": application.adults,
            "children": [{"birth_date": c["birth_date"]} for c in application.children],
        },
        "expenses": expenses,
        "incomes": incomes,
    }
    rate_set = municipal_rate_set(application.office.municipality_number, first)
    if rate_set is not None:
        request["rate_set"] = rate_set
    return request


def municipal_rate_set(municipality: str, first: date) -> dict[str, Any] | None:
    """The municipality's own rates when it has a set in force on `first`."""
    rows = list(MunicipalRateSet.objects.filter(municipality_number=municipality))
    if not any(row.valid_from <= first for row in rows):
        return None
    return {
        "rate_set": {
            "id": f"municipality-{municipality}",
            "name": rows[-1].name,
            "owner": "municipality",
            "expected_change": "01-01",
        },
        "rates": [
            {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.as_rates().items()}
            for row in rows
        ],
    }


def calculate(decision: Decision) -> CalculationSnapshot:
    """The calculation for the decision's period, with its deviations applied."""
    application = decision.case.application
    if decision.period_from is None or decision.period_to is None:
        return CalculationSnapshot(VERSION, error_field="period", error_message="Periode mangler.")
    request = calculation_request(application, decision.period_from, decision.period_to)
    language = letter_language(application.person)
    try:
        result = run_living_costs(request, language)
    except RulesInputError as error:
        return CalculationSnapshot(
            VERSION, request=request, error_field=error.field, error_message=error.message
        )
    deviations = tuple(
        DeviationRef(
            line=d.line_key,
            text=d.line_text,
            calculated=d.calculated,
            amount=d.amount,
            reason=d.reason,
        )
        for d in decision.deviations.all()
    )
    snapshot = CalculationSnapshot.from_json(
        {"language": language, "request": request, "result": result}
    )
    return replace(
        snapshot, deviations=deviations, assistance=assistance_after(snapshot, deviations)
    )


def assistance_after(snapshot: CalculationSnapshot, deviations: tuple[DeviationRef, ...]) -> int:
    """The assistance once the caseworker's deviations replace their lines' amounts:
    a need line moves the need, an income line the counted income; never below 0."""
    need = snapshot.need
    income = snapshot.counted_income
    for deviation in deviations:
        line = snapshot.line(deviation.line)
        if line is None:
            continue
        if line.kind == "need":
            need += deviation.change
        elif line.kind == "income":
            income += deviation.change
    return max(0, need - income)
