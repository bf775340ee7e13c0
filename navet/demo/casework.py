"""Demo applications in every state, so a newcomer sees a living office.

For the demo persons of the caseworker personas' offices: digital applications (imported
from generated soknad.json files, the same path as real ones), applications on paper and
at the desk, waiting for documentation, with an interim reply, overdue, decided with every
outcome (some in nynorsk, some with children, some under 30 with activity conditions),
proposed for four eyes, appealed, forwarded to the Statsforvalteren, and not processed.
Everything goes through the actions, so letters, audit and innsyn events are real.
"""

from __future__ import annotations

import json
import random
import tempfile
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from navet.applications import actions as app_actions
from navet.applications.digisos_import import import_folders
from navet.applications.letters import letter_language
from navet.applications.models import Application, Channel
from navet.core.models import Employee, Office
from navet.decisions import actions, appeal_actions, condition_actions
from navet.decisions.calculation import INCOME_AREAS, counted, current_facts
from navet.decisions.models import (
    ActivityExemption,
    ConditionKind,
    Decision,
    DecisionSettings,
    FourEyes,
    KostraCondition,
    Outcome,
    RefusalGround,
)
from navet.demo.clock import clock, real_now
from navet.demo.data import REQUESTS
from navet.demo.dialog import seed_threads
from navet.demo.journal import seed_follow_up, seed_notes
from navet.demo.kostra import seed_situations
from navet.demo.payments import (
    demo_account,
    seed_payment_runs,
    set_up_payments,
)
from navet.demo.words import TEXTS
from navet.digisos.validation import format_timestamp
from navet.formats import format_amount
from navet.people.models import AddressProtection, HouseholdMember, HouseholdRole, Person

RESPONSIBLE = {"0315": "Kristin Bakke", "1203": "Solveig Nygård"}
POSTAL = {"0315": "0051 Oslo", "1203": "5804 Bergen"}

SCENARIOS = (
    "received",
    "waiting_for_documents",
    "granted_children",
    "interim_reply",
    "partly_granted_under_30",
    "refused",
    "overdue",
    "dismissed",
    "appealed",
    "emergency",
    "forwarded",
    "proposed",
    "granted_loan",
    "not_processed",
)


@dataclass(frozen=True)
class _Applicant:
    person: Person
    adults: str
    children: list[dict[str, str]]


def _applicants(office: Office, limit: int) -> list[_Applicant]:
    persons = list(
        Person.objects.filter(
            office=office,
            address_protection=AddressProtection.NONE,
            shielded=False,
            employee__isnull=True,
        )
        .filter(memberships__role=HouseholdRole.APPLICANT, memberships__valid_to__isnull=True)
        .order_by("national_id")[: limit * 3]
    )
    today = timezone.localdate()
    chosen: list[_Applicant] = []
    for person in persons:
        if person.age_on(today) < 19:
            continue
        membership = HouseholdMember.objects.current().filter(person=person).first()
        members = (
            list(HouseholdMember.objects.current().filter(household=membership.household))
            if membership
            else []
        )
        adults = (
            "couple"
            if any(m.role in (HouseholdRole.SPOUSE, HouseholdRole.PARTNER) for m in members)
            else "single"
        )
        children = [
            {"name": m.person.full_name, "birth_date": m.person.birth_date.isoformat()}
            for m in members
            if m.role == HouseholdRole.CHILD and m.person.age_on(today) < 18
        ]
        chosen.append(_Applicant(person=person, adults=adults, children=children))
    return chosen


# The expense types Digisos lists under oversikt (the others go under opplysninger).
OVERVIEW_EXPENSES = {"husleie", "boliglanAvdrag", "boliglanRenter", "barnehage", "sfo"}


def _soknad(
    applicant: _Applicant,
    office: Office,
    received: datetime,
    rng: random.Random,
    income: int | None = None,
) -> dict[str, Any]:
    person = applicant.person
    # Above the demo's rent limit (RENT_CAP), so that a partly granted case has rent to cap.
    rent = rng.randrange(7200, 13500, 100)
    drawn = rng.choice([0, 0, 0, 2800, 3200, 5400, 6400])
    income = drawn if income is None else income
    request = rng.choice([r for r in REQUESTS if applicant.children or not r.with_children])
    # Most applicants give an account; some have none, and the caseworker must see that.
    account = demo_account(rng) if rng.random() < 0.85 else ""
    expenses = [
        {
            "kilde": "bruker",
            "type": kind,
            "tittel": title,
            "belop": rng.randrange(least, most + 1, 50),
            "overstyrtAvBruker": False,
        }
        for kind, title, least, most in request.expenses
    ]
    children = [
        {
            "barn": {
                "kilde": "system",
                "navn": {
                    "fornavn": c["name"].split(" ")[0],
                    "mellomnavn": "",
                    "etternavn": c["name"].split(" ")[-1],
                },
                "fodselsdato": c["birth_date"],
            },
            "borSammenMed": {"kilde": "bruker", "verdi": True},
        }
        for c in applicant.children
    ]
    return {
        "version": "1.0.11",
        "data": {
            "personalia": {
                "personIdentifikator": {"kilde": "system", "verdi": person.national_id},
                "navn": {
                    "kilde": "system",
                    "fornavn": person.given_name,
                    "mellomnavn": "",
                    "etternavn": person.family_name,
                },
                "kontonummer": {"kilde": "bruker", "verdi": account}
                if account
                else {"kilde": "bruker", "harIkkeKonto": True},
            },
            "begrunnelse": {
                "kilde": "bruker",
                "hvaSokesOm": request.what,
                "hvorforSoke": request.why,
            },
            "familie": {
                "sivilstatus": {
                    "kilde": "bruker",
                    "status": "samboer" if applicant.adults == "couple" else "ugift",
                },
                "forsorgerplikt": {
                    "harForsorgerplikt": {"kilde": "system", "verdi": bool(children)},
                    "ansvar": children,
                },
            },
            "bosituasjon": {
                "kilde": "bruker",
                "botype": "leier",
                "antallPersoner": 1 + len(children),
            },
            "okonomi": {
                "opplysninger": {
                    "utbetaling": [],
                    "utgift": [e for e in expenses if e["type"] not in OVERVIEW_EXPENSES],
                },
                "oversikt": {
                    "inntekt": (
                        [
                            {
                                "kilde": "bruker",
                                "type": "jobb",
                                "tittel": "Lønn",
                                "netto": income,
                                "overstyrtAvBruker": False,
                            }
                        ]
                        if income
                        else []
                    ),
                    "utgift": [
                        {
                            "kilde": "bruker",
                            "type": "husleie",
                            "tittel": "Husleie",
                            "belop": rent,
                            "overstyrtAvBruker": False,
                        },
                        *(e for e in expenses if e["type"] in OVERVIEW_EXPENSES),
                    ],
                    "formue": [],
                },
            },
        },
        "mottaker": {
            "kommunenummer": office.municipality_number,
            "enhetsnummer": office.number,
            "navEnhetsnavn": office.name,
        },
        "driftsinformasjon": {"inntektFraSkatteetatenFeilet": False},
        "kompatibilitet": [],
        "innsendingstidspunkt": format_timestamp(received),
    }


def _import(
    applicant: _Applicant,
    office: Office,
    received: datetime,
    rng: random.Random,
    income: int | None = None,
) -> Application:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "soknad"
        path.mkdir()
        (path / "soknad.json").write_text(
            json.dumps(_soknad(applicant, office, received, rng, income), ensure_ascii=False),
            encoding="utf-8",
        )
        report = import_folders([path])
    if report.problems:
        raise ValueError("; ".join(str(p) for p in report.problems))
    (application,) = report.imported
    return application


def applicant_words(applicant: _Applicant) -> str:
    """What a paper application asks for, as the person wrote it on the form."""
    choices = [r.what for r in REQUESTS if applicant.children or not r.with_children]
    return choices[applicant.person.pk.int % len(choices)]


def _paper(
    applicant: _Applicant,
    office: Office,
    received: datetime,
    me: Employee,
    *,
    emergency: bool = False,
) -> Application:
    application = app_actions.register_application(
        person=applicant.person,
        office=office,
        channel=Channel.DESK if emergency else Channel.PAPER,
        received_at=received,
        applied_for="Mat og bussbillett i dag." if emergency else applicant_words(applicant),
        reason="Lommeboken ble stjålet." if emergency else "",
        emergency=emergency,
        actor=me,
        caseworker=me,
    )
    app_actions.set_household(
        application=application, adults=applicant.adults, children=applicant.children, actor=me
    )
    return application


RENT_CAP = 7000
EMERGENCY_AMOUNT = 1500


def _facts_that_mattered(application: Application, words: dict[str, str], language: str) -> str:
    """What the calculation rests on, from the application's own facts."""
    facts = [f for f in current_facts(application) if counted(f)]
    lines = [
        words["per_month"] % {"title": f.title, "amount": format_amount(f.amount or 0, language)}
        for f in facts
    ]
    if not any(f.area in INCOME_AREAS for f in facts):
        lines.append(words["no_income"])
    return "\n".join(lines)


def _cap_rent(decision: Decision, me: Employee, words: dict[str, str], language: str) -> None:
    """The partly granted case: the rent line down to the municipality's limit."""
    rent = next(
        (
            line
            for line in decision.snapshot.lines
            if line.key == "expense" and line.raw.get("facts", {}).get("type") == "rent"
        ),
        None,
    )
    if rent is not None and rent.amount > RENT_CAP:
        actions.set_deviation(
            decision=decision,
            line=rent.line_key,
            amount=RENT_CAP,
            reason=words["rent_cap"] % {"cap": format_amount(RENT_CAP, language)},
            actor=me,
        )


def _decide(
    application: Application,
    me: Employee,
    outcome: str,
    *,
    form: str = "grant",
    activity: bool = False,
    propose_only: bool = False,
    emergency: bool = False,
) -> None:
    """Decide as a caseworker would: the amount is the calculation with its deviations,
    a lower amount has its reason, a refusal its ground."""
    app_actions.start_processing(application=application, actor=me)
    case = application.cases.first()
    assert case is not None
    decision = actions.start_decision(case=case, actor=me)
    language = letter_language(application.person)
    words = TEXTS.get(language, TEXTS["nb"])
    granting = outcome in (Outcome.GRANTED, Outcome.PARTLY_GRANTED)
    if outcome == Outcome.PARTLY_GRANTED:
        _cap_rent(decision, me, words, language)
        decision.refresh_from_db()
    calculated = decision.snapshot.assistance or 0
    facts = _facts_that_mattered(application, words, language)
    changes: dict[str, Any] = {
        "outcome": outcome,
        "form": form,
        "amount": None,
        "children_assessment": words["children"] if application.children else "",
    }
    if granting and emergency:
        changes["amount"] = min(EMERGENCY_AMOUNT, calculated)
        changes["amount_reason"] = words["emergency"]
        changes["considerations"] = words["granted"]
    elif granting:
        changes["amount"] = calculated
        changes["considerations"] = words["granted" if outcome == Outcome.GRANTED else "partly"]
    elif outcome == Outcome.REFUSED and calculated == 0:
        changes["refusal_ground"] = RefusalGround.INCOME_ABOVE_NEED
        changes["considerations"] = words["income_above"]
    elif outcome == Outcome.REFUSED:
        changes["refusal_ground"] = RefusalGround.OTHER
        changes["considerations"] = words["savings"]
        facts = "\n".join([facts, words["savings_fact"]])
    else:
        changes["considerations"] = words["dismissed"]
    changes["facts_that_mattered"] = facts
    actions.update_assessment(decision=decision, actor=me, changes=changes)
    # The age the decision's own check uses (on the period's first day), not today's: an
    # applicant who turned 30 in between would otherwise block the proposal.
    if granting and actions.applicant_age(decision) < 30:
        if activity:
            condition_actions.add_condition(
                decision=decision,
                kind=ConditionKind.ACTIVITY,
                kostra_category=KostraCondition.COURSE,
                text="Du skal delta på jobbklubb hver tirsdag kl. 10.",
                consequence="Hvis du ikke møter uten gyldig grunn, kan stønaden bli redusert.",
                actor=me,
            )
        else:
            actions.update_assessment(
                decision=decision,
                actor=me,
                changes={
                    "no_activity_conditions_reason": "Du er sykmeldt og kan ikke delta nå.",
                    "activity_exemption": ActivityExemption.HEALTH_OR_SOCIAL,
                },
            )
    if granting:
        condition_actions.add_condition(
            decision=decision,
            kind=ConditionKind.OTHER,
            kostra_category=KostraCondition.OTHER_RIGHTS,
            text="Du må søke bostøtte fra Husbanken.",
            consequence="Hvis du ikke søker, kan stønaden neste måned bli redusert.",
            actor=me,
        )
    if propose_only:
        DecisionSettings.objects.filter(office=application.office).update(four_eyes=FourEyes.ALWAYS)
        actions.propose_decision(decision=decision, actor=me)
        DecisionSettings.objects.filter(office=application.office).update(four_eyes=FourEyes.ABOVE)
        return
    actions.propose_decision(decision=decision, actor=me)


def seed_applications(
    *, seed: int, per_office: int = len(SCENARIOS), progress: Callable[[int], None] | None = None
) -> int:
    """Create the demo applications once; returns how many were created (0 if any exist)."""
    if Application.objects.exists():
        return 0
    rng = random.Random(seed)
    created = 0
    now = timezone.now()
    for number, caseworker_username in (("0315", "veileder.oslo"), ("1203", "veileder.bergen")):
        office = Office.objects.filter(number=number).first()
        me = Employee.objects.filter(user__username=caseworker_username).first()
        if office is None or me is None:
            continue
        DecisionSettings.objects.update_or_create(
            office=office,
            defaults={
                "responsible_name": RESPONSIBLE[number],
                "four_eyes": FourEyes.ABOVE,
                "four_eyes_above": 30000,
            },
        )
        set_up_payments(office)
        office.postal_address = f"{office.name}, Postboks 1, {POSTAL[number]}"
        office.save(update_fields=["postal_address"])
        applicants = _applicants(office, per_office)
        young = [a for a in applicants if a.person.age_on(now.date()) < 30]
        with_children = [a for a in applicants if a.children]
        nynorsk = [a for a in applicants if a.person.written_language == "nn"]
        used: set[Any] = set()

        for index, scenario in enumerate(SCENARIOS[:per_office]):
            preferred = {
                "granted_children": with_children,
                "partly_granted_under_30": young,
                "refused": nynorsk,
                "granted_loan": nynorsk[1:] or nynorsk,
                "appealed": with_children[1:],
            }.get(scenario, [])
            applicant = _pick([*preferred, *applicants], used)
            if applicant is None:
                break
            received = now - timedelta(days=DAYS_AGO.get(scenario, 2 + index * 2))
            # A decided application was done then, not at seed time: its events, letters
            # and audit rows are dated from the day it came in.
            dated = clock(received + timedelta(hours=1)) if scenario in DAYS_AGO else nullcontext()
            with transaction.atomic(), dated:
                _scenario(scenario, applicant, office, me, received, rng)
            created += 1
            if progress:
                progress(created)
        approver = (
            Employee.objects.filter(offices=office, may_approve_payments=True)
            .exclude(pk=me.pk)
            .first()
        )
        if approver is not None:
            with transaction.atomic():
                seed_payment_runs(office, me, approver)
        seed_threads(number, caseworker_username)
        seed_notes(number, caseworker_username)
        seed_follow_up(number, caseworker_username)
        seed_situations(number, caseworker_username)
    return created


def _pick(candidates: list[_Applicant], used: set[Any]) -> _Applicant | None:
    for candidate in candidates:
        if candidate.person.pk not in used:
            used.add(candidate.person.pk)
            return candidate
    return None


def _scenario(
    scenario: str,
    applicant: _Applicant,
    office: Office,
    me: Employee,
    received: datetime,
    rng: random.Random,
) -> None:
    today = timezone.localdate()
    if scenario == "received":
        _import(applicant, office, received, rng)
    elif scenario == "waiting_for_documents":
        application = _import(applicant, office, received, rng)
        app_actions.assign_application(application=application, caseworker=me, actor=me)
        app_actions.start_processing(application=application, actor=me)
        app_actions.request_documentation(
            application=application,
            documents=[
                app_actions.DocumentWanted("Husleiekontrakt"),
                app_actions.DocumentWanted("Kontoutskrift", "for de siste tre månedene"),
            ],
            deadline=today + timedelta(days=10),
            actor=me,
        )
    elif scenario == "interim_reply":
        application = _import(applicant, office, received - timedelta(days=25), rng)
        app_actions.assign_application(application=application, caseworker=me, actor=me)
        app_actions.start_processing(application=application, actor=me)
        app_actions.send_interim_reply(
            application=application,
            expected_by=today + timedelta(days=5),
            reason="Vi venter på opplysninger fra Husbanken.",
            actor=me,
        )
    elif scenario == "overdue":
        application = _import(applicant, office, received - timedelta(days=40), rng)
        app_actions.assign_application(application=application, caseworker=me, actor=me)
        app_actions.start_processing(application=application, actor=me)
    elif scenario == "emergency":
        application = _paper(applicant, office, timezone.now(), me, emergency=True)
        _decide(application, me, Outcome.GRANTED, emergency=True)
    elif scenario == "not_processed":
        application = _paper(applicant, office, received, me)
        app_actions.start_processing(application=application, actor=me)
        app_actions.reject_application(
            application=application, reason="Søknaden ble trukket.", actor=me
        )
    else:
        # The refused applicant earns more than the need: the calculation gives nothing.
        income = 40000 if scenario == "refused" else None
        application = _import(applicant, office, received, rng, income)
        app_actions.assign_application(application=application, caseworker=me, actor=me)
        # Decided some working days after it came in (never later than now).
        decided = min(received + timedelta(days=3 + len(scenario) % 5), real_now())
        with clock(decided):
            _decide_scenario(scenario, application, me)


def _decide_scenario(scenario: str, application: Application, me: Employee) -> None:
    outcome, form, propose_only = {
        "granted_children": (Outcome.GRANTED, "grant", False),
        "partly_granted_under_30": (Outcome.PARTLY_GRANTED, "grant", False),
        "refused": (Outcome.REFUSED, "grant", False),
        "dismissed": (Outcome.DISMISSED, "grant", False),
        "granted_loan": (Outcome.GRANTED, "loan", False),
        "proposed": (Outcome.GRANTED, "grant", True),
        "appealed": (Outcome.REFUSED, "grant", False),
        "forwarded": (Outcome.REFUSED, "grant", False),
    }[scenario]
    activity = scenario == "partly_granted_under_30"
    _decide(application, me, outcome, form=form, activity=activity, propose_only=propose_only)
    if scenario not in ("appealed", "forwarded"):
        return
    decision = application.cases.get().decisions.made().get()
    # The appeal came by post a week later, well within the three weeks.
    appealed = min(timezone.now() + timedelta(days=7), real_now())
    with clock(appealed):
        appeal = appeal_actions.register_appeal(
            decision=decision,
            received_on=timezone.localdate(),
            summary="Jeg mener jeg har rett på stønad fordi husleien har gått opp.",
            actor=me,
        )
        if scenario == "forwarded":
            appeal_actions.forward_appeal(
                appeal=appeal,
                assessment="Klagen gir ingen nye opplysninger. Vi opprettholder vedtaket.",
                actor=me,
            )


# How many days ago the decided applications came in: the office's last three months.
DAYS_AGO = {
    "appealed": 80,
    "granted_children": 74,
    "partly_granted_under_30": 61,
    "forwarded": 54,
    "refused": 47,
    "dismissed": 33,
    "granted_loan": 20,
    "proposed": 12,
}
