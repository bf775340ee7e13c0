"""What would a change of the § 18 rates cost? The leader's microsimulation.

The rules, in order:

1. **Who is simulated.** The office's recipients (the employee's offices), the
   municipality's (every office of the municipalities of those offices), or a synthetic
   national population of one million households (`NATIONAL_SIZE`, no real people).
   A recipient is a person with a made § 18 decision that granted (wholly or partly)
   assistance in the last 12 months; each person counts once, with the household of
   their latest such decision.
2. **What a household is.** Read from the decision's frozen calculation snapshot
   (`navet/decisions/snapshot.py`): the rules' request as given, i.e. the adults, the
   children's birth dates, the approved expenses and the incomes per type per month.
   Snapshots without a readable household (a calculation that failed) are skipped and
   counted. The caseworker's deviations are not simulated: both sides of the comparison
   are the rules' own results for the current month, so the difference is the reform.
3. **The baseline.** The rates the office's municipality uses this month: its own set
   when it has one in force (as `navet.decisions.calculation` picks them for a
   decision), otherwise the state's guideline rates. The national population always
   starts from the state's rates. The reform "the municipality's own rates" compares the
   state's rates (baseline) with the municipality's own (reform).
4. **The engine.** `navet.rules.batch.simulate`, vectorised over NumPy arrays; the arrays
   are built from one query's rows in one pass (no per-household calculation).
5. **Privacy.** Only sums and counts leave this module. Reading the snapshots is a read
   of those persons' data: `run_simulation` records one `person.listed` event per
   person, in one insert, marked as a simulation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

import numpy as np
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee, Office
from navet.decisions.calculation import municipal_rate_set, state_rate_set
from navet.decisions.models import Decision, LegalBasis, Outcome
from navet.people.models import Person
from navet.rules.batch import (
    HouseholdArrays,
    Simulation,
    change_child_band,
    scale_rates,
    simulate,
    split_child_band,
    synthetic_households,
    ymd,
)
from navet.rules.dates import month_end
from navet.rules.explain import Notices
from navet.rules.ratesets import (
    ADULT_CATEGORIES,
    AgeBand,
    LivingCostRateSet,
    income_rules,
    state_living_cost_rates,
)

NATIONAL_SIZE = 1_000_000
PERIOD_DAYS = 365  # "the last 12 months"
MONTHS_A_YEAR = 12
MAX_BINS = 16  # bars in the distribution's chart


class Population(models.TextChoices):
    OFFICE = "kontor", _("Kontorets mottakere de siste 12 månedene")
    MUNICIPALITY = "kommune", _("Kommunens mottakere de siste 12 månedene")
    NATIONAL = "landet", _("En syntetisk landsbefolkning på 1 000 000 husholdninger")


class ReformKind(models.TextChoices):
    SCALE = "prosent", _("Alle satser opp eller ned med en prosent")
    BAND = "aldersgruppe", _("Endre eller dele én aldersgruppe for barn")
    MUNICIPAL = "kommunesatser", _("Kommunens egne satser mot statens")


@dataclass(frozen=True)
class Reform:
    kind: ReformKind
    percent: Decimal | None = None  # SCALE: +5 is 5 % up
    band_from: int | None = None  # BAND: the first age of the band
    amount: int | None = None  # BAND: the band's new rate (the older part's when split)
    split_at: int | None = None  # BAND: split the band at this age


class SimulationRefused(ValueError):
    """The reform cannot be simulated for this employee (e.g. no own municipal rates)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Recipients:
    households: HouseholdArrays
    person_ids: tuple[UUID, ...]
    skipped: int  # decisions whose snapshot had no readable household


@dataclass(frozen=True)
class SimulationReport:
    population: Population
    reform: Reform
    month: date
    baseline_owner: str  # "state" or "municipality"
    simulation: Simulation
    skipped: int
    distribution: tuple[tuple[int, int, int], ...]

    @property
    def change_per_month(self) -> int:
        return self.simulation.total_change

    @property
    def change_per_year(self) -> int:
        return self.simulation.total_change * MONTHS_A_YEAR


# --- who -------------------------------------------------------------------------------


def population_offices(employee: Employee, population: Population) -> list[int]:
    """The offices whose recipients are simulated (none for the national population)."""
    if population == Population.NATIONAL:
        return []
    own = employee.office_ids()
    if population == Population.OFFICE or not own:
        return own
    municipalities = Office.objects.filter(pk__in=own).values("municipality_number")
    return list(
        Office.objects.filter(municipality_number__in=municipalities).values_list("pk", flat=True)
    )


def home_municipality(employee: Employee) -> str | None:
    """The municipality whose rates are the baseline: that of the employee's first office."""
    return (
        Office.objects.filter(pk__in=employee.office_ids())
        .order_by("pk")
        .values_list("municipality_number", flat=True)
        .first()
    )


def recipients(offices: Sequence[int], *, since: datetime, month: date) -> Recipients:
    """The households of the persons granted § 18 assistance at `offices` since `since`,
    from their latest such decision's frozen calculation (one query, one pass)."""
    rows = (
        Decision.objects.made()
        .filter(
            legal_basis=LegalBasis.LIVING_COSTS,
            outcome__in=(Outcome.GRANTED, Outcome.PARTLY_GRANTED),
            made_at__gte=since,
            case__application__office_id__in=list(offices),
        )
        .order_by("-made_at", "-pk")
        .values_list(
            "case__application__person_id",
            "calculation__request__household",
            "calculation__request__expenses",
            "calculation__request__incomes",
        )
    )
    adult_index = {category: i for i, category in enumerate(ADULT_CATEGORIES)}
    income_types = income_rules().types
    seen: set[UUID] = set()
    persons: list[UUID] = []
    adults: list[int] = []
    births: list[list[int]] = []
    expenses: list[int] = []
    incomes: dict[str, list[int]] = {t: [] for t in income_types}
    skipped = 0
    for person_id, household, expense_items, income_items in rows:
        if person_id in seen:
            continue
        seen.add(person_id)
        try:
            category = adult_index[household["adults"]]
            children = [_ymd(c["birth_date"]) for c in household.get("children") or ()]
            spent = sum(int(e["amount"]) for e in expense_items or ())
            earned = dict.fromkeys(income_types, 0)
            for item in income_items or ():
                earned[item["type"]] += int(item["amount"])
        except (KeyError, TypeError, ValueError):
            skipped += 1
            continue
        persons.append(person_id)
        adults.append(category)
        births.append(children)
        expenses.append(spent)
        for type_, amount in earned.items():
            incomes[type_].append(amount)
    width = max((len(b) for b in births), default=0)
    child_birth = np.zeros((len(births), width), dtype=np.int32)
    for row, children in enumerate(births):
        child_birth[row, : len(children)] = children
    # A child not yet born by the end of the month is not in the household that month.
    child_birth[child_birth > ymd(month_end(month))] = 0
    households = HouseholdArrays(
        adults=np.array(adults, dtype=np.int8),
        child_birth=child_birth,
        expenses=np.array(expenses, dtype=np.int64),
        incomes={t: np.array(v, dtype=np.int64) for t, v in incomes.items()},
    )
    return Recipients(households, tuple(persons), skipped)


def _ymd(value: Any) -> int:
    day = date.fromisoformat(value)
    return day.year * 10_000 + day.month * 100 + day.day


# --- which rates -----------------------------------------------------------------------


def state_rates() -> LivingCostRateSet:
    """The state's guideline rates as decisions use them (with those an administrator
    registered after the shipped ones)."""
    registered = state_rate_set()
    return LivingCostRateSet.from_dict(registered) if registered else state_living_cost_rates()


def municipal_rates(municipality: str | None, month: date) -> LivingCostRateSet | None:
    """The municipality's own rates when it has a set in force in `month`."""
    if municipality is None:
        return None
    own = municipal_rate_set(municipality, month)
    return LivingCostRateSet.from_dict(own) if own else None


@dataclass(frozen=True)
class RatesInForce:
    """The rates an employee's simulation starts from, read once per request."""

    municipality: str | None
    state: LivingCostRateSet
    own: LivingCostRateSet | None  # the municipality's own, when in force this month

    @property
    def baseline(self) -> LivingCostRateSet:
        return self.own or self.state

    def bands(self, month: date) -> tuple[AgeBand, ...]:
        """The child bands of the baseline in `month` (what the form offers to change)."""
        return self.baseline.at(month, Notices(), field="month").children


def rates_in_force(employee: Employee, month: date) -> RatesInForce:
    municipality = home_municipality(employee)
    return RatesInForce(municipality, state_rates(), municipal_rates(municipality, month))


def rates_for(
    reform: Reform, rates: RatesInForce, *, national: bool
) -> tuple[str, LivingCostRateSet, LivingCostRateSet]:
    """(whose rates the baseline is, the baseline, the reform)."""
    if reform.kind == ReformKind.MUNICIPAL:
        if rates.own is None:
            raise SimulationRefused(
                "endring", str(_("Kommunen har ingen egne satser. Velg en annen endring."))
            )
        return "state", rates.state, rates.own
    owner, baseline = (
        ("municipality", rates.own) if rates.own and not national else ("state", rates.state)
    )
    if reform.kind == ReformKind.SCALE:
        assert reform.percent is not None
        return owner, baseline, scale_rates(baseline, 1 + reform.percent / 100)
    assert reform.band_from is not None and reform.amount is not None
    if reform.split_at is not None:
        return owner, baseline, split_child_band(baseline, reform.split_at, Decimal(reform.amount))
    return owner, baseline, change_child_band(baseline, reform.band_from, Decimal(reform.amount))


# --- the run ---------------------------------------------------------------------------


def run_simulation(
    *,
    actor: Employee,
    population: Population,
    reform: Reform,
    today: date,
    rates: RatesInForce | None = None,
    national_size: int | None = None,
) -> SimulationReport:
    """Simulate `reform` for this month on the population; audit the persons read."""
    month = today.replace(day=1)
    national = population == Population.NATIONAL
    rates = rates or rates_in_force(actor, month)
    owner, baseline, reformed = rates_for(reform, rates, national=national)
    skipped = 0
    if national:
        size = NATIONAL_SIZE if national_size is None else national_size
        households = synthetic_households(size, month=month, seed=1)
    else:
        offices = population_offices(actor, population)
        if not offices:
            raise SimulationRefused(
                "utvalg",
                str(_("Du er ikke knyttet til et kontor. Velg landsbefolkningen.")),
            )
        since = datetime.combine(today - timedelta(days=PERIOD_DAYS), datetime.min.time())
        found = recipients(offices, since=_aware(since), month=month)
        households, skipped = found.households, found.skipped
        trail.record_many(
            actor=actor,
            action=AuditAction.PERSON_LISTED,
            persons=[Person(pk=pk) for pk in found.person_ids],
            data={"purpose": "simulation", "population": str(population)},
        )
    result = simulate(month, households, baseline=baseline, reform=reformed)
    return SimulationReport(
        population=population,
        reform=reform,
        month=month,
        baseline_owner=owner,
        simulation=result,
        skipped=skipped,
        distribution=coarsen(result.distribution),
    )


def _aware(moment: datetime) -> datetime:
    return timezone.make_aware(moment)


def coarsen(
    bins: tuple[tuple[int, int, int], ...], max_bins: int = MAX_BINS
) -> tuple[tuple[int, int, int], ...]:
    """The histogram with neighbouring bins merged until it has at most `max_bins` bars
    between its lowest and highest non-empty bin (empty bins inside the range count)."""
    if not bins:
        return ()
    width = bins[0][1] - bins[0][0]
    low, high = bins[0][0], bins[-1][1]
    factor = 1
    while (high - low) / (width * factor) > max_bins:
        factor *= 2
    step = width * factor
    merged: dict[int, int] = {}
    for start, _end, count in bins:
        key = low + (start - low) // step * step
        merged[key] = merged.get(key, 0) + count
    return tuple((start, start + step, count) for start, count in sorted(merged.items()))
