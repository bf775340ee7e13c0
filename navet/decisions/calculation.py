"""The § 18 calculation of a decision, from the application's facts and household.

The result is plain JSON: the request given to `navet.rules` (the inputs), the rate set
used, the rules' result with its explanation lines in the letter's language, and the
caseworker's deviations with the amount they lead to. It is what the caseworker sees on the
calculation tab, and, frozen on the made decision, what the decision rests on.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from navet.applications.letters import letter_language
from navet.applications.models import Application, Fact, FactArea
from navet.decisions.models import Decision, MunicipalRateSet
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


def calculate(decision: Decision) -> dict[str, Any]:
    """The calculation for the decision's period, with its deviations applied."""
    application = decision.case.application
    if decision.period_from is None or decision.period_to is None:
        return {"error": {"field": "period", "message": "Periode mangler."}}
    request = calculation_request(application, decision.period_from, decision.period_to)
    language = letter_language(application.person)
    try:
        result = run_living_costs(request, language)
    except RulesInputError as error:
        return {"request": request, "error": {"field": error.field, "message": error.message}}
    deviations = [
        {
            "line": d.line_key,
            "text": d.line_text,
            "calculated": d.calculated,
            "amount": d.amount,
            "reason": d.reason,
        }
        for d in decision.deviations.all()
    ]
    return {
        "language": language,
        "request": request,
        "result": result,
        "deviations": deviations,
        "assistance": assistance_after(result, deviations),
    }


def line_keys(result: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Each explanation line with a key unique in the calculation (index:key)."""
    lines = cast(list[dict[str, Any]], result.get("lines", []))
    return [(f"{i}:{line['key']}", line) for i, line in enumerate(lines)]


def assistance_after(result: dict[str, Any], deviations: list[dict[str, Any]]) -> int:
    """The assistance once the caseworker's deviations replace their lines' amounts:
    a need line moves the need, an income line the counted income; never below 0."""
    need = int(result["need"])
    income = int(result["counted_income"])
    lines = dict(line_keys(result))
    for deviation in deviations:
        line = lines.get(deviation["line"])
        if line is None:
            continue
        change = int(deviation["amount"]) - int(deviation["calculated"])
        if line["kind"] == "need":
            need += change
        elif line["kind"] == "income":
            income += change
    return max(0, need - income)
