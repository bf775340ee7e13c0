#!/usr/bin/env python
"""Time the leader's microsimulation page's path against the engine's bare batch run on
the same households.

    .venv/bin/python bench/simulation.py [--recipients 20000] [--national 1000000] [--repeat 5]

Creates a fresh SQLite database (--database, default /tmp/navet_simulation_bench.sqlite3;
a postgres:// address works too; deleted first and after), migrates it, and gives one
office --recipients persons, each with a made § 18 decision whose frozen calculation
snapshot holds one of `synthetic_households` (the rules' request as a decision stores
it). Then, for a +5 % reform, it times:

* page, office: `run_simulation` for the office: the one query for the snapshots, the
  arrays built from its rows, the audit insert for the persons read, and `simulate`;
* bare, office: `simulate` on the same households as NumPy arrays;
* page, national: `run_simulation` on the synthetic national population (--national);
* bare, national: `simulate` on the same synthetic households, already generated.

It prints each median in milliseconds and the ratio page / bare, and a last line
{"bench": "simulation", ...} in JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "sqlite:////tmp/navet_simulation_bench.sqlite3"
BATCH = 5000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--recipients", type=int, default=20_000)
    parser.add_argument("--national", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    options = parser.parse_args()
    if options.recipients < 1 or options.national < 1 or options.repeat < 1:
        parser.error("--recipients, --national and --repeat must be at least 1")
    sqlite = options.database.startswith("sqlite:///")
    path = Path(options.database.removeprefix("sqlite:///")) if sqlite else None
    if path is not None:
        path.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = options.database
    os.environ["NAVET_DEMO_MODE"] = "true"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "navet.settings")
    sys.path.insert(0, str(ROOT))
    try:
        figures = run(options.recipients, options.national, options.repeat)
    finally:
        from django.db import connections

        connections.close_all()
        if path is not None:
            path.unlink(missing_ok=True)
    print(json.dumps({"bench": "simulation", **figures}))


def _request(households: Any, row: int, month: Any) -> dict[str, Any]:
    """One household as the rules' request a decision's snapshot stores."""
    from navet.rules.ratesets import ADULT_CATEGORIES

    births = [int(b) for b in households.child_birth[row] if b]
    return {
        "calculation": "living_costs",
        "period": {"from": month.isoformat(), "to": month.isoformat()},
        "household": {
            "adults": ADULT_CATEGORIES[int(households.adults[row])],
            "children": [
                {"birth_date": f"{b // 10000:04d}-{b // 100 % 100:02d}-{b % 100:02d}"}
                for b in births
            ],
        },
        "expenses": [{"type": "rent", "amount": int(households.expenses[row])}],
        "incomes": [
            {"type": t, "amount": int(v[row])} for t, v in households.incomes.items() if v[row]
        ],
    }


def _seed(count: int, month: Any) -> tuple[Any, Any]:
    """An office with `count` recipients; returns its leader and the households."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from navet.applications.models import Application, Case, CaseKind
    from navet.core.models import Employee, Office
    from navet.decisions.models import Decision, DecisionState, Outcome
    from navet.people.models import Person
    from navet.rules.batch import synthetic_households

    households = synthetic_households(count, month=month, seed=3)
    office = Office.objects.create(number="0399", name="Nav Bench", municipality_number="0301")
    user = get_user_model().objects.create_user(username="leder.bench")
    leader = Employee.objects.create(user=user, nav_ident="B000001", name="Leder", is_leader=True)
    leader.offices.set([office])
    now = timezone.now()
    year = timezone.localdate().year
    started = time.perf_counter()
    for first in range(0, count, BATCH):
        rows = range(first, min(first + BATCH, count))
        persons = Person.objects.bulk_create(
            Person(
                national_id=f"9{n:010d}",
                given_name="Bench",
                family_name=f"Person{n}",
                birth_date=month.replace(year=1980),
                office=office,
            )
            for n in rows
        )
        applications = Application.objects.bulk_create(
            Application(
                reference=f"0399-{year}-{n + 1:06d}",
                person=p,
                office=office,
                addressed_to=office.number,
                received_at=now,
                applied_for="Livsopphold",
                due_on=month,
            )
            for n, p in zip(rows, persons, strict=True)
        )
        cases = Case.objects.bulk_create(
            Case(application=a, reference="S1", title="Livsopphold", kind=CaseKind.LIVING)
            for a in applications
        )
        Decision.objects.bulk_create(
            Decision(
                reference=f"0399-{year}-V{n + 1:05d}",
                case=c,
                state=DecisionState.MADE,
                outcome=Outcome.GRANTED,
                form="grant",
                amount=1,
                made_at=now,
                made_by=leader,
                drafted_by=leader,
                period_from=month,
                period_to=month,
                calculation={"version": 1, "request": _request(households, n, month)},
            )
            for n, c in zip(rows, cases, strict=True)
        )
    print(f"seeded {count} recipients in {time.perf_counter() - started:.1f} s")
    return leader, households


def _median_ms(work: Callable[[], object], repeat: int) -> float:
    work()  # warm-up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run(recipients: int, national: int, repeat: int) -> dict[str, object]:
    import django

    django.setup()
    from decimal import Decimal

    from django.core.management import call_command
    from django.utils import timezone

    from navet.control.simulation import Population, Reform, ReformKind, run_simulation
    from navet.rules.batch import scale_rates, simulate, synthetic_households
    from navet.rules.ratesets import state_living_cost_rates

    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    month = today.replace(day=1)
    leader, households = _seed(recipients, month)
    reform = Reform(ReformKind.SCALE, percent=Decimal(5))
    state = state_living_cost_rates()
    plus5 = scale_rates(state, Decimal("1.05"))

    def page(population: Population) -> Callable[[], object]:
        return lambda: run_simulation(
            actor=leader, population=population, reform=reform, today=today, national_size=national
        )

    page_office = page(Population.OFFICE)
    checked = page_office().simulation  # type: ignore[attr-defined]
    bare = simulate(month, households, baseline=state, reform=plus5)
    assert checked.households == recipients, checked.households
    assert (checked.total_baseline, checked.total_reform) == (
        bare.total_baseline,
        bare.total_reform,
    ), "the page's totals differ from the engine's"
    population = synthetic_households(national, month=month, seed=1)
    figures: dict[str, float] = {
        "office_page_ms": _median_ms(page_office, repeat),
        "office_bare_ms": _median_ms(
            lambda: simulate(month, households, baseline=state, reform=plus5), repeat
        ),
        "national_page_ms": _median_ms(page(Population.NATIONAL), repeat),
        "national_bare_ms": _median_ms(
            lambda: simulate(month, population, baseline=state, reform=plus5), repeat
        ),
    }
    for where, size in (("office", recipients), ("national", national)):
        page_ms, bare_ms = figures[f"{where}_page_ms"], figures[f"{where}_bare_ms"]
        figures[f"{where}_ratio"] = round(page_ms / bare_ms, 1)
        print(
            f"  {where:9} {size:>9} households: page {page_ms:8.1f} ms, "
            f"bare batch {bare_ms:8.1f} ms, ratio {page_ms / bare_ms:5.1f}"
        )
    return {
        "recipients": recipients,
        "national": national,
        **{k: round(v, 1) for k, v in figures.items()},
    }


if __name__ == "__main__":
    main()
