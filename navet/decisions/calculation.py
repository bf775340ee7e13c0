"""The § 18 calculation of a decision, from the application's facts and household.

The result is a `CalculationSnapshot` (navet/decisions/snapshot.py, stored as versioned
JSON): the request given to `navet.rules` (the inputs), the rate set used, the rules'
result with its explanation lines in the letter's language, and the caseworker's
deviations with the amount they lead to. It is what the caseworker sees on the
calculation tab, and, frozen on the made decision, what the decision rests on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from navet.applications.letters import letter_language
from navet.applications.models import Application, Fact, FactArea
from navet.decisions.models import (
    Decision,
    LegalBasis,
    MunicipalRateSet,
    Outcome,
    RefusalGround,
    StateRateSet,
)
from navet.decisions.snapshot import VERSION, CalculationSnapshot, DeviationRef, Line
from navet.formats import format_amount
from navet.rules.errors import RulesInputError
from navet.rules.living_costs import EXPENSE_TYPES
from navet.rules.money import round_kroner
from navet.rules.ratesets import income_rules, load_toml
from navet.rules.requests import run_living_costs

INCOME_AREAS = (FactArea.INCOME, FactArea.PAYOUT)
EXPENSE_AREAS = (FactArea.EXPENSE, FactArea.EXPENSE_DETAIL)


def current_facts(application: Application) -> list[Fact]:
    return list(application.facts.filter(superseded_by__isnull=True).order_by("area", "id"))


def counted(fact: Fact) -> bool:
    """Whether the calculation counts the fact: an income or expense of a type the rules
    know, with an amount."""
    if not fact.amount:
        return False
    if fact.area in INCOME_AREAS:
        return fact.rules_type in income_rules().types
    return fact.area in EXPENSE_AREAS and fact.rules_type in EXPENSE_TYPES


def calculation_request(
    application: Application, first: date, last: date, facts: list[Fact] | None = None
) -> dict[str, Any]:
    """The rules' input (the `python -m navet.rules` living_costs shape)."""
    facts = [f for f in (current_facts(application) if facts is None else facts) if counted(f)]
    incomes = [{"type": f.rules_type, "amount": f.amount} for f in facts if f.area in INCOME_AREAS]
    expenses = [
        {"type": f.rules_type, "amount": f.amount} for f in facts if f.area in EXPENSE_AREAS
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
    if rate_set is None:
        rate_set = state_rate_set()
    if rate_set is not None:
        request["rate_set"] = rate_set
    return request


def state_rate_set() -> dict[str, Any] | None:
    """The state's guideline rates as shipped, with the dates an administrator registered
    after them (StateRateSet); None when there are none, so the rules use their own."""
    registered = list(StateRateSet.objects.all())
    if not registered:
        return None
    shipped = load_toml("living_costs_state.toml")
    return {
        "rate_set": shipped["rate_set"],
        "rates": [
            *(_json_dates(entry) for entry in shipped["rates"]),
            *(_json_dates(row.as_rates()) for row in registered),
        ],
    }


def _json_dates(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in entry.items()}


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
        "rates": [_json_dates(row.as_rates()) for row in rows],
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
    """The assistance once the caseworker's deviations replace their lines' amounts, month
    by month as the rules compute it: a need line moves its month's need, an income line
    its month's counted income; a month of the period that is not whole is prorated by its
    days as the rules did (navet.rules.living_costs); no month below 0; the months added.
    Without deviations this is the rules' own result."""
    months: dict[Any, _Month] = {}
    for line in snapshot.lines:
        month = months.setdefault(_period(line), _Month())
        if line.key == "month.need":
            month.need += line.amount
        elif line.key == "month.counted_income":
            month.income += line.amount
        elif line.key == "month.prorated":
            facts = line.raw.get("facts", {})
            month.share = Fraction(int(facts["days"]), int(facts["days_in_month"]))
    if not any(m.need or m.income for m in months.values()):
        months = {None: _Month(need=snapshot.need, income=snapshot.counted_income)}
    for deviation in deviations:
        changed = snapshot.line(deviation.line)
        if changed is None:
            continue
        month = months.get(_period(changed)) or months.get(None) or _Month()
        if changed.kind == "need":
            month.need += deviation.change
        elif changed.kind == "income":
            month.income += deviation.change
    return sum(
        max(0, int(round_kroner(m.need * m.share)) - int(round_kroner(m.income * m.share)))
        for m in months.values()
    )


@dataclass
class _Month:
    need: int = 0
    income: int = 0
    share: Fraction = Fraction(1)


def _period(line: Line) -> Any:
    period = line.raw.get("period") or {}
    return (period.get("from"), period.get("to"))


def amount_problems(decision: Decision) -> list[str]:
    """Where the outcome or the amount disagrees with the § 18 calculation, as sentences for
    the caseworker. The granted amount is the calculation with its deviations: more needs a
    deviation on the line that gives more (with its reason), less needs its own reason; a
    refusal because the income is above the need needs a calculation that gives nothing.
    § 19 assistance is not measured against the § 18 calculation."""
    snapshot = decision.snapshot
    if decision.legal_basis != LegalBasis.LIVING_COSTS or snapshot.failed:
        return []
    calculated = snapshot.assistance or 0
    language = get_language() or "nb"
    found: list[str] = []
    if decision.outcome in (Outcome.GRANTED, Outcome.PARTLY_GRANTED) and decision.amount:
        values = {
            "amount": format_amount(decision.amount, language),
            "calculated": format_amount(calculated, language),
        }
        if decision.amount > calculated:
            found.append(
                _(
                    "Beløpet (%(amount)s) er høyere enn beregningen (%(calculated)s). Et høyere "
                    "beløp må komme fra et avvik på en linje i beregningen, med begrunnelse."
                )
                % values
            )
        elif decision.amount < calculated and not decision.amount_reason.strip():
            found.append(
                _(
                    "Beløpet (%(amount)s) er lavere enn beregningen (%(calculated)s): skriv "
                    "hvorfor. Begrunnelsen står i vedtaksbrevet."
                )
                % values
            )
    if (
        decision.outcome == Outcome.REFUSED
        and decision.refusal_ground == RefusalGround.INCOME_ABOVE_NEED
        and calculated > 0
    ):
        found.append(
            _(
                "Beregningen gir %(calculated)s i stønad, så inntekten er ikke høyere enn "
                "behovet. Velg en annen grunn til avslaget og skriv den i hovedhensynene."
            )
            % {"calculated": format_amount(calculated, language)}
        )
    return found
