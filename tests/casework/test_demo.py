"""The demo office: applications in every state, and every one's innsyn file is valid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from navet.applications.models import Application, ApplicationStatus, Document
from navet.decisions.calculation import assistance_after
from navet.decisions.models import (
    Appeal,
    AppealState,
    ConditionKind,
    Decision,
    Outcome,
    RefusalGround,
)
from navet.digisos.validation import INNSYN, innsyn_problems, schema_problems
from navet.formats import format_amount
from tests.letters.pdfs import normalise, reader

# make test runs pytest with --dist loadfile: one worker runs this file and seeds once.


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker, tmp_path_factory):  # type: ignore[no-untyped-def]
    """Seeded once for the module; its letters live in the module's own media folder."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        call_command("seed_demo", persons=300, seed=1)
    yield media
    with django_db_blocker.unblock():
        from django.core.management import call_command as run

        run("flush", interactive=False, verbosity=0)


@pytest.mark.django_db
def test_demo_has_applications_in_every_state(demo: None) -> None:
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses == set(ApplicationStatus.values)
    made = Decision.objects.made()
    assert set(made.values_list("outcome", flat=True)) == set(Outcome.values)
    assert Decision.objects.filter(state="proposed").exists()
    assert made.filter(case__application__person__written_language="nn").exists()
    assert made.exclude(case__application__children=[]).exists()
    assert made.filter(conditions__kind=ConditionKind.ACTIVITY).exists()
    assert {AppealState.RECEIVED, AppealState.FORWARDED} <= set(
        Appeal.objects.values_list("state", flat=True)
    )
    assert Document.objects.filter(language="nn").exists()
    assert Application.objects.filter(documentation_requests__isnull=False).exists()


@pytest.mark.django_db
def test_every_demo_applications_innsyn_file_is_valid(demo: None, tmp_path: Path) -> None:
    call_command("export_digisos_events", "--out", str(tmp_path), "--all")
    files = sorted(tmp_path.glob("*.json"))
    assert len(files) == Application.objects.count() > 20
    for file in files:
        document = json.loads(file.read_text())
        assert schema_problems(document, INNSYN) == [], file.name
        assert innsyn_problems(document) == [], file.name


@pytest.mark.django_db
def test_export_documents_writes_every_letter_with_a_manifest(
    demo: Path, tmp_path: Path, settings: pytest.FixtureRequest
) -> None:
    settings.MEDIA_ROOT = demo  # type: ignore[attr-defined]
    call_command("export_documents", "--out", str(tmp_path))
    manifest = json.loads((tmp_path / "manifest.json").read_text())["documents"]
    assert len(manifest) == Document.objects.count()
    for entry in manifest:
        assert (tmp_path / entry["file"]).read_bytes()[:5] == b"%PDF-"


@pytest.mark.django_db
def test_every_demo_decision_agrees_with_its_calculation(
    demo: Path, settings: pytest.FixtureRequest
) -> None:
    """The letter's amount is the calculation with its deviation lines, or lower with the
    reason printed; a refusal for income above need rests on a calculation of 0."""
    settings.MEDIA_ROOT = demo  # type: ignore[attr-defined]
    made = list(Decision.objects.made().select_related("letter"))
    assert len(made) >= 10
    seen = {"deviation": 0, "lower": 0, "income_above_need": 0, "other_refusal": 0}
    for decision in made:
        snapshot = decision.snapshot
        assert not snapshot.failed, decision.reference
        assert snapshot.assistance == assistance_after(snapshot, snapshot.deviations)
        assert decision.letter is not None
        pdf = decision.letter.file.read()
        text = normalise(" ".join(page.extract_text() for page in reader(pdf).pages))
        language = decision.letter.language
        if decision.outcome in (Outcome.GRANTED, Outcome.PARTLY_GRANTED):
            assert decision.amount is not None
            assert decision.amount <= (snapshot.assistance or 0), decision.reference
            assert normalise(format_amount(decision.amount, language)) in text
            if decision.amount < (snapshot.assistance or 0):
                assert decision.amount_reason and normalise(decision.amount_reason) in text
                seen["lower"] += 1
            for deviation in snapshot.deviations:
                assert normalise(deviation.reason) in text
                seen["deviation"] += 1
        elif decision.refusal_ground == RefusalGround.INCOME_ABOVE_NEED:
            assert snapshot.assistance == 0, decision.reference
            seen["income_above_need"] += 1
        elif decision.outcome == Outcome.REFUSED:
            seen["other_refusal"] += 1
    assert all(seen.values()), seen  # the demo shows every kind


@pytest.mark.django_db
def test_the_demo_looks_like_the_offices_last_three_months(demo: Path) -> None:
    """Decisions are made some days after their application came in, across about three
    months, not all at seed time; the audit trail still verifies."""
    from django.utils import timezone

    made = list(Decision.objects.made().select_related("case__application"))
    now = timezone.now()
    for decision in made:
        assert decision.made_at is not None
        received = decision.case.application.received_at
        assert received < decision.made_at <= now, decision.reference
    days_ago = sorted((now - d.made_at).days for d in made if d.made_at)
    assert days_ago[-1] >= 60 and days_ago[0] <= 1  # from two months back until today
    assert len({d.made_at.date() for d in made if d.made_at}) >= 6  # on different days
    for appeal in Appeal.objects.select_related("decision"):
        assert appeal.decision.made_at is not None
        assert appeal.received_on > timezone.localdate(appeal.decision.made_at)
        assert appeal.within_deadline
    call_command("audit_verify")  # exits non-zero (SystemExit) when a chain is broken


@pytest.mark.django_db
def test_demo_applications_differ_as_real_ones_do(demo: Path) -> None:
    """Not one text and one rent: the applicants' words and their rents vary, and the facts
    a decision says it rests on are the calculation's own."""
    from navet.applications.models import Fact
    from navet.decisions.calculation import counted

    applications = list(Application.objects.all())
    assert len({a.applied_for for a in applications}) >= 6
    assert len({a.reason for a in applications if a.reason}) >= 6
    rents = set(Fact.objects.filter(type="husleie").values_list("amount", flat=True))
    assert len(rents) >= 6
    uncounted = {f.title for f in Fact.objects.all() if f.amount and not counted(f)}
    assert uncounted, "some applicant lists an expense the calculation does not count"
    for decision in Decision.objects.made().exclude(facts_that_mattered=""):
        for line in decision.facts_that_mattered.splitlines():
            assert line.split(":")[0] not in uncounted, (decision.reference, line)


@pytest.mark.django_db
def test_demo_grants_have_payment_plans_that_add_up(demo: Path) -> None:
    from navet.payments.models import Payment

    grants = Decision.objects.made().filter(
        outcome__in=[Outcome.GRANTED, Outcome.PARTLY_GRANTED], replaced_by__isnull=True
    )
    assert grants.exists()
    for decision in grants:
        amounts = list(decision.payments.values_list("amount", flat=True))
        assert sum(amounts) == decision.amount, decision.reference
    accounts = [p.account for p in Payment.objects.filter(other_recipient=False)]
    assert any(accounts)
    for account in filter(None, accounts):
        weights = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
        rest = sum(w * int(d) for w, d in zip(weights, account[:10], strict=True)) % 11
        assert int(account[10]) == (0 if rest == 0 else 11 - rest), account


@pytest.mark.django_db
def test_demo_payment_runs_and_their_files(demo: Path) -> None:
    """A settled run, one with a line the bank rejected (the payment waiting for the
    caseworker), one waiting for approval, a changed recipient waiting for the leader; every
    generated file is valid against the official XSD and the checks beyond it."""
    from django.utils import timezone

    from navet.iso20022.pain001 import semantic_problems, xsd_problems
    from navet.payments.models import (
        AttemptState,
        Payment,
        PaymentChange,
        PaymentRun,
        PaymentState,
        RunState,
    )

    runs = list(PaymentRun.objects.all())
    states = {run.state for run in runs}
    assert {RunState.SETTLED, RunState.DRAFT} <= states
    assert any(
        run.attempts.filter(state=AttemptState.REJECTED, reason_code="AC04").exists()
        for run in runs
    )
    assert Payment.objects.filter(state=PaymentState.REJECTED).exists()
    change = PaymentChange.objects.get(reviewed_at__isnull=True)
    assert change.payment.other_recipient and change.consent
    files = [run for run in runs if run.file_sha256]
    assert len(files) >= 2
    for run in files:
        xml = run.stored_file()
        assert xsd_problems(xml) == [], run.reference
        assert semantic_problems(xml, today=timezone.localdate(run.approved_at)) == []


@pytest.mark.django_db
def test_demo_follow_up_is_there_and_every_counter_equals_its_list(demo: None) -> None:
    from navet.caseload import queries
    from navet.caseload.filters import Moment
    from navet.core.models import Employee
    from navet.decisions.models import Condition
    from navet.followup.models import (
        Activity,
        FollowUp,
        Goal,
        JournalNote,
        Mapping,
        Meeting,
        PersonAnswer,
        Task,
    )

    for model in (FollowUp, Goal, Activity, Mapping, PersonAnswer, JournalNote, Meeting, Task):
        assert model.objects.exists(), model.__name__
    # Everyone in follow-up is an applicant, and the plans hold exactly the conditions of
    # the decisions in force (a replaced decision's conditions are stopped).
    assert not FollowUp.objects.exclude(person__applications__isnull=False).exists()
    in_force = Condition.objects.filter(decision__in=Decision.objects.in_force())
    open_conditions = Activity.objects.filter(condition__isnull=False).exclude(status="cancelled")
    assert set(open_conditions.values_list("condition_id", flat=True)) == set(
        in_force.values_list("pk", flat=True)
    )
    seen_nonzero = set()
    for username in ("veileder.oslo", "veileder.bergen", "leder.oslo"):
        me = Employee.objects.get(user__username=username)
        moment = Moment.of(me)
        for scope in queries.SCOPES:
            totals = queries.counts(me, queries.Selection(scope=scope), moment)
            for key, count in totals.items():
                selection = queries.Selection(scope=scope, counter="" if key == "alle" else key)
                assert queries.listed(me, selection, moment).count() == count, (username, key)
                if count:
                    seen_nonzero.add(key)
    assert {"ufordelte", "nye", "venter-nav", "moter-i-dag", "utlopte", "referat"} <= seen_nonzero


@pytest.mark.django_db
def test_every_internal_control_figure_is_the_length_of_its_list(demo: None) -> None:
    from navet.control.figures import FIGURES, Scope, counts
    from navet.core.models import Employee
    from navet.staff.control_views import _listed

    leader = Employee.objects.get(user__username="leder.oslo")
    scope = Scope.of(leader)
    totals = counts(scope)
    for figure in FIGURES:
        assert len(list(_listed(figure, scope))) == totals[figure.key], figure.key
    from navet.control import times

    for first, count in times.backlog_by_month(scope):
        moment = min(times.month_end(first), scope.now)
        assert times.open_at(scope, moment).count() == count, first
    assert sum(m.count for m in times.by_month(scope)) > 0
    # The rules the decisions enforce hold in the demo: these are zero.
    assert totals["uten-barnas-situasjon"] == 0
    assert totals["under-30-uten-vilkar"] == 0
    assert totals["apne"] > 0 and totals["meldinger"] > 0


@pytest.mark.django_db
def test_every_demo_municipalitys_kostra_file_passes_ssbs_rules(demo: None) -> None:
    from navet.control.kostra import Unit, build, journal_number, units_of
    from navet.core.models import Office
    from navet.payments.models import Payment, PaymentState

    year = timezone.localdate().year
    units = units_of(Office.objects.all())
    assert {u.region for u in units} >= {"030102", "460100"}
    for unit in units:
        export = build(year, unit)
        assert export.errors == [], (unit, export.errors)
        offices = Office.objects.filter(municipality_number=unit.municipality)
        if unit.district:
            offices = offices.filter(district_number=unit.district)
        paid = set(
            Payment.objects.filter(
                office__in=offices,
                state=PaymentState.PAID,
                paid_on__year=year,
            ).values_list("person_id", flat=True)
        )
        assert {r.journal_number for r in export.recipients} == {journal_number(p) for p in paid}
        assert export.summary.recipients == len(paid)
    assert build(year, Unit("0301", "02")).recipients, "the demo pays someone in Oslo"
