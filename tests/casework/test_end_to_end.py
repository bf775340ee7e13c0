"""Import → assess → decide → export → validate, for every outcome; the rules that block a
decision; four eyes; immutability. Letters are real PDFs, events are checked against Nav's
schema."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from navet.applications import actions as app_actions
from navet.applications.digisos_import import import_folders
from navet.applications.models import Application, ApplicationStatus, Document, InnsynEvent
from navet.audit.models import AuditEvent
from navet.decisions import actions, appeal_actions, condition_actions
from navet.decisions.models import (
    AppealState,
    ConditionKind,
    Decision,
    DecisionSettings,
    DecisionState,
    FourEyes,
    ImmutableDecisionError,
    LegalBasis,
    Outcome,
)
from navet.digisos.validation import INNSYN, schema_problems
from navet.people.models import Person
from tests.conftest import World
from tests.factories import make_employee, make_person

FIXTURES = Path(__file__).resolve().parent.parent / "digisos" / "testdata" / "soknad"
NAV_TEST_ID = "12345678901"


def folder_with(tmp_path: Path, fixture: str, name: str | None = None) -> Path:
    folder = tmp_path / (name or fixture.removesuffix(".json"))
    folder.mkdir()
    shutil.copy(FIXTURES / fixture, folder / "soknad.json")
    return folder


@pytest.fixture
def nav_test_person(world: World) -> Person:
    """NAV's fixtures name the placeholder 12345678901 (its check digits are wrong): the
    population register knows this person, so Navet does."""
    return Person.objects.create(
        national_id=NAV_TEST_ID,
        given_name="Test",
        family_name="Testesen",
        birth_date=date(1985, 3, 1),
        office=world.oslo,
    )


# --- import --------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["minimal.json", "brukerdata.json", "systemdata.json"])
def test_nav_full_application_fixtures_import(
    world: World, nav_test_person: Person, tmp_path: Path, fixture: str
) -> None:
    report = import_folders([folder_with(tmp_path, fixture)], fallback_office=world.oslo)
    assert report.problems == []
    (application,) = report.imported
    assert application.person == nav_test_person
    assert application.status == ApplicationStatus.RECEIVED
    assert application.soknad is not None
    first = application.innsyn_events.order_by("sequence").first()
    assert first is not None and first.payload == {"status": "MOTTATT"}


def test_brukerdata_maps_words_children_and_money(
    world: World, nav_test_person: Person, tmp_path: Path
) -> None:
    (application,) = import_folders(
        [folder_with(tmp_path, "brukerdata.json")], fallback_office=world.oslo
    ).imported
    raw = json.loads((FIXTURES / "brukerdata.json").read_text())
    assert application.applied_for == raw["data"]["begrunnelse"]["hvaSokesOm"]
    assert application.addressed_to == "1161"
    # Forwarded to an office other than the one the application was addressed to.
    assert application.innsyn_events.filter(type="tildeltNavKontor").get().payload == {
        "navKontor": world.oslo.number
    }
    assert application.facts.exists()
    titles = set(application.facts.values_list("title", flat=True))
    housing = application.facts.get(type="bosituasjon")
    assert housing.title.startswith(f"Bosituasjon: {raw['data']['bosituasjon']['botype']}")
    for row in raw["data"]["okonomi"]["oversikt"]["inntekt"]:
        if row["kilde"] != "utdatert":
            assert row["tittel"] in titles


def test_importing_twice_creates_one_application(
    world: World, nav_test_person: Person, tmp_path: Path
) -> None:
    folder = folder_with(tmp_path, "systemdata.json")
    call_command("import_digisos", str(folder), "--office", world.oslo.number)
    call_command("import_digisos", str(folder), "--office", world.oslo.number)
    assert Application.objects.count() == 1


def test_invalid_fixture_is_refused_and_nothing_is_written(
    world: World, nav_test_person: Person, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = folder_with(tmp_path, "minimal.json")
    bad = folder_with(tmp_path, "feil-minimal-mangler-version.json", "bad")
    audit_before = AuditEvent.objects.count()
    with pytest.raises(CommandError) as raised:
        call_command("import_digisos", str(good), str(bad), "--office", world.oslo.number)
    assert raised.value.returncode == 1
    err = capsys.readouterr().err
    assert "bad/soknad.json $: " in err and "version" in err
    assert Application.objects.count() == 0
    assert AuditEvent.objects.count() == audit_before


def test_unknown_person_is_refused(world: World, tmp_path: Path) -> None:
    report = import_folders([folder_with(tmp_path, "minimal.json")], fallback_office=world.oslo)
    assert [p.path for p in report.problems] == ["$.data.personalia.personIdentifikator.verdi"]
    assert NAV_TEST_ID not in str(report.problems[0])
    assert Application.objects.count() == 0


def test_unknown_office_without_fallback_is_refused(
    world: World, nav_test_person: Person, tmp_path: Path
) -> None:
    report = import_folders([folder_with(tmp_path, "brukerdata.json")])
    assert [p.path for p in report.problems] == ["$.mottaker.enhetsnummer"]


def test_new_person_is_registered_from_a_valid_identifier(world: World, tmp_path: Path) -> None:
    raw = json.loads((FIXTURES / "brukerdata.json").read_text())
    from tests.factories import next_national_id

    national_id = next_national_id(date(1999, 2, 3))
    raw["data"]["personalia"]["personIdentifikator"]["verdi"] = national_id
    raw["data"]["personalia"]["navn"].update({"fornavn": "Ola", "etternavn": "Ny"})
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "soknad.json").write_text(json.dumps(raw), encoding="utf-8")
    (application,) = import_folders([folder], fallback_office=world.oslo).imported
    assert application.person.national_id == national_id
    assert application.person.birth_date == date(1999, 2, 3)


# --- casework ------------------------------------------------------------------------


def imported(world: World, tmp_path: Path) -> Application:
    (application,) = import_folders(
        [folder_with(tmp_path, "brukerdata.json")], fallback_office=world.oslo
    ).imported
    return application


def assess(decision: Decision, outcome: str, actor) -> None:  # type: ignore[no-untyped-def]
    granted = outcome in (Outcome.GRANTED, Outcome.PARTLY_GRANTED)
    actions.update_assessment(
        decision=decision,
        actor=actor,
        changes={
            # Nav's fixture has more income than need (the § 18 calculation gives 0 kr), so
            # a grant is help in special circumstances (§ 19), not measured against it.
            "legal_basis": LegalBasis.SPECIAL if granted else LegalBasis.LIVING_COSTS,
            "outcome": outcome,
            "form": "grant",
            "amount": 4321 if granted else None,
            "facts_that_mattered": "Du bor alene med to barn.\nDu har ingen inntekt.",
            "considerations": "Vi har lagt vekt på at du ikke har andre midler.",
            "children_assessment": "Barna går på skolen og har det bra.",
        },
    )


def export_and_validate(application: Application, out: Path) -> dict:  # type: ignore[type-arg]
    call_command("export_digisos_events", "--out", str(out), str(application.pk))
    document = json.loads((out / f"{application.digisos_id}.json").read_text())
    assert schema_problems(document, INNSYN) == []
    return document


@pytest.mark.parametrize("outcome", list(Outcome))
def test_import_assess_decide_export_validate(
    world: World, nav_test_person: Person, tmp_path: Path, outcome: str
) -> None:
    me = world.caseworker_oslo
    application = imported(world, tmp_path)
    app_actions.assign_application(application=application, caseworker=me, actor=me)
    app_actions.start_processing(application=application, actor=me)
    case = application.cases.get()
    decision = actions.start_decision(case=case, actor=me)
    assert decision.calculation["result"]["lines"], "the calculation explains itself"
    assess(decision, outcome, me)
    granting = outcome in (Outcome.GRANTED, Outcome.PARTLY_GRANTED)
    condition_actions.add_condition(
        decision=decision,
        kind=ConditionKind.OTHER,
        kostra_category="15",
        text="Du må søke bostøtte.",
        consequence="Stønaden kan bli redusert.",
        actor=me,
    )
    if not granting:
        with pytest.raises(actions.DecisionError, match="ingen vilkår"):
            actions.propose_decision(decision=decision, actor=me)
        condition_actions.remove_condition(condition=decision.conditions.get(), actor=me)
    made = actions.propose_decision(decision=decision, actor=me)
    assert made.state == DecisionState.MADE
    assert made.letter is not None and made.letter.file.read(5) == b"%PDF-"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DONE
    document = export_and_validate(application, tmp_path / "out")
    types = [event["type"] for event in document["hendelser"]]
    assert types[0] == "soknadsStatus" and document["hendelser"][0]["status"] == "MOTTATT"
    assert "vedtakFattet" in types and ("vilkar" in types) == granting
    vedtak = next(e for e in document["hendelser"] if e["type"] == "vedtakFattet")
    assert vedtak["utfall"] == outcome
    assert vedtak["vedtaksfil"]["referanse"]["id"] == str(made.letter.pk)
    assert document["hendelser"][-1] == {
        "type": "soknadsStatus",
        "hendelsestidspunkt": document["hendelser"][-1]["hendelsestidspunkt"],
        "status": "FERDIGBEHANDLET",
    }
    stamps = [event["hendelsestidspunkt"] for event in document["hendelser"]]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


def test_interim_reply_and_documentation_request_reach_innsyn(
    world: World, nav_test_person: Person, tmp_path: Path
) -> None:
    me = world.caseworker_oslo
    application = imported(world, tmp_path)
    app_actions.start_processing(application=application, actor=me)
    soon = timezone.localdate() + timedelta(days=40)
    app_actions.send_interim_reply(
        application=application, expected_by=soon, reason="Vi har mange søknader.", actor=me
    )
    request = app_actions.request_documentation(
        application=application,
        documents=[
            app_actions.DocumentWanted("Husleiekontrakt"),
            app_actions.DocumentWanted("Kontoutskrift", "for de siste tre månedene"),
        ],
        deadline=timezone.localdate() + timedelta(days=14),
        actor=me,
    )
    first = request.documents.first()
    assert first is not None
    app_actions.receive_document(
        application=application,
        answers=first,
        filename="kontrakt.pdf",
        content=b"%PDF-1.7",
        actor=me,
    )
    document = export_and_validate(application, tmp_path / "out")
    requests = [e for e in document["hendelser"] if e["type"] == "dokumentasjonEtterspurt"]
    assert [len(e["dokumenter"]) for e in requests] == [2, 1]
    assert "forvaltningsbrev" in requests[0]
    assert any(e["type"] == "forelopigSvar" for e in document["hendelser"])
    application.refresh_from_db()
    assert application.due_on == soon
    assert Document.objects.filter(application=application).count() == 2


# --- the rules that block a decision --------------------------------------------------


def test_children_must_be_assessed_before_a_decision(
    world: World, nav_test_person: Person, tmp_path: Path
) -> None:
    me = world.caseworker_oslo
    application = imported(world, tmp_path)
    assert application.children, "brukerdata.json has children living with the applicant"
    app_actions.start_processing(application=application, actor=me)
    decision = actions.start_decision(case=application.cases.get(), actor=me)
    assess(decision, Outcome.GRANTED, me)
    actions.update_assessment(decision=decision, actor=me, changes={"children_assessment": ""})
    with pytest.raises(actions.DecisionError, match="barnas situasjon"):
        actions.propose_decision(decision=decision, actor=me)
    actions.update_assessment(
        decision=decision, actor=me, changes={"children_assessment": "Barna har det bra."}
    )
    assert actions.propose_decision(decision=decision, actor=me).is_made


def test_under_30_needs_activity_conditions_or_reasons(world: World) -> None:
    me = world.caseworker_oslo
    young = make_person(
        office=world.oslo, birth_date=timezone.localdate() - timedelta(days=365 * 22)
    )
    application = app_actions.register_application(
        person=young,
        office=world.oslo,
        channel="desk",
        received_at=timezone.now(),
        applied_for="Mat",
        actor=me,
    )
    app_actions.start_processing(application=application, actor=me)
    decision = actions.start_decision(case=application.cases.get(), actor=me)
    assess(decision, Outcome.GRANTED, me)
    with pytest.raises(actions.DecisionError, match="20 a"):
        actions.propose_decision(decision=decision, actor=me)
    condition_actions.add_condition(
        decision=decision,
        kind=ConditionKind.ACTIVITY,
        kostra_category="15",
        text="Du skal møte på jobbklubb hver tirsdag.",
        consequence="Stønaden kan bli redusert hvis du ikke møter.",
        actor=me,
    )
    assert actions.propose_decision(decision=decision, actor=me).is_made


def test_under_30_weighty_reasons_instead_of_conditions(world: World) -> None:
    me = world.caseworker_oslo
    young = make_person(
        office=world.oslo, birth_date=timezone.localdate() - timedelta(days=365 * 25)
    )
    application = app_actions.register_application(
        person=young,
        office=world.oslo,
        channel="paper",
        received_at=timezone.now(),
        applied_for="Husleie",
        actor=me,
    )
    app_actions.start_processing(application=application, actor=me)
    decision = actions.start_decision(case=application.cases.get(), actor=me)
    assess(decision, Outcome.GRANTED, me)
    actions.update_assessment(
        decision=decision,
        actor=me,
        changes={"no_activity_conditions_reason": "Søkeren er sykmeldt."},
    )
    assert actions.propose_decision(decision=decision, actor=me).is_made


def test_emergency_help_is_decided_the_same_day(world: World) -> None:
    me = world.caseworker_oslo
    application = app_actions.register_application(
        person=world.citizen_oslo,
        office=world.oslo,
        channel="desk",
        received_at=timezone.now(),
        applied_for="Mat i dag",
        emergency=True,
        actor=me,
    )
    case = application.cases.get()
    assert case.kind == "nodhjelp" and application.due_on == timezone.localdate()
    decision = actions.start_decision(case=case, actor=me)
    actions.update_assessment(
        decision=decision,
        actor=me,
        changes={
            "outcome": Outcome.GRANTED,
            "form": "grant",
            "amount": 200,  # below the day's share of the norm (7 850 kr / 31 days or fewer)
            "amount_reason": "Nødhjelp til mat for i dag.",
            "period_from": timezone.localdate(),
            "period_to": timezone.localdate(),
            "no_activity_conditions_reason": "Nødhjelp.",
        },
    )
    made = actions.propose_decision(decision=decision, actor=me)
    assert made.made_at is not None and timezone.localdate(made.made_at) == application.due_on


# --- four eyes ------------------------------------------------------------------------


def _ready_decision(world: World, tmp_path: Path) -> Decision:
    me = world.caseworker_oslo
    application = imported(world, tmp_path)
    app_actions.start_processing(application=application, actor=me)
    decision = actions.start_decision(case=application.cases.get(), actor=me)
    assess(decision, Outcome.GRANTED, me)
    return decision


def test_four_eyes_cannot_be_bypassed(
    world: World, nav_test_person: Person, tmp_path: Path
) -> None:
    DecisionSettings.objects.create(
        office=world.oslo, four_eyes=FourEyes.ABOVE, four_eyes_above=1000, responsible_name="Leder"
    )
    me = world.caseworker_oslo
    decision = _ready_decision(world, tmp_path)
    proposed = actions.propose_decision(decision=decision, actor=me)
    assert proposed.state == DecisionState.PROPOSED and proposed.letter is None
    with pytest.raises(actions.FourEyesError):
        actions.approve_decision(decision=proposed, actor=me)
    with pytest.raises(actions.FourEyesError):
        actions.approve_decision(decision=proposed, actor=world.caseworker_bergen)
    # A caseworker of the office without the authorisation to approve decisions.
    unauthorised = make_employee("veileder.oslo3", offices=[world.oslo], is_caseworker=True)
    with pytest.raises(actions.FourEyesError):
        actions.approve_decision(decision=proposed, actor=unauthorised)
    with pytest.raises(actions.DecisionError):
        actions.update_assessment(decision=proposed, actor=me, changes={"amount": 999})
    # Nor at the database: approved by the one who proposed.
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=proposed.pk).update(approved_by=me)
    colleague = make_employee(
        "veileder.oslo2", offices=[world.oslo], is_caseworker=True, may_approve_decisions=True
    )
    made = actions.approve_decision(decision=proposed, actor=colleague)
    assert made.is_made and made.approved_by == colleague and made.proposed_by == me


def test_small_amounts_skip_four_eyes_only_when_the_office_says_so(
    world: World, nav_test_person: Person, tmp_path: Path
) -> None:
    DecisionSettings.objects.create(
        office=world.oslo, four_eyes=FourEyes.ABOVE, four_eyes_above=5000, responsible_name="L"
    )
    decision = _ready_decision(world, tmp_path)
    assert actions.propose_decision(decision=decision, actor=world.caseworker_oslo).is_made


# --- a made decision is final ---------------------------------------------------------


def test_a_made_decision_cannot_be_edited(
    world: World, nav_test_person: Person, tmp_path: Path
) -> None:
    me = world.caseworker_oslo
    made = actions.propose_decision(decision=_ready_decision(world, tmp_path), actor=me)
    with pytest.raises(actions.DecisionError):
        actions.update_assessment(decision=made, actor=me, changes={"amount": 1})
    made.amount = 1
    with pytest.raises(ImmutableDecisionError):
        made.save()
    with pytest.raises(ImmutableDecisionError):
        made.delete()
    if connection.vendor == "postgresql":
        with pytest.raises(Exception, match="final"), transaction.atomic():
            Decision.objects.filter(pk=made.pk).update(amount=1)
    assert Decision.objects.get(pk=made.pk).amount == 4321


def test_a_change_is_a_new_decision_that_refers_to_the_old(
    world: World, nav_test_person: Person, tmp_path: Path
) -> None:
    me = world.caseworker_oslo
    first = _ready_decision(world, tmp_path)
    condition_actions.add_condition(
        decision=first,
        kind=ConditionKind.OTHER,
        kostra_category="15",
        text="Søk bostøtte.",
        consequence="Stønaden kan bli redusert.",
        actor=me,
    )
    made = actions.propose_decision(decision=first, actor=me)
    draft = actions.change_decision(decision=made, actor=me)
    assert draft.replaces == made and draft.state == DecisionState.DRAFT
    actions.update_assessment(decision=draft, actor=me, changes={"amount": 5000})
    second = actions.propose_decision(decision=draft, actor=me)
    assert second.replaces == made and Decision.objects.get(pk=made.pk).amount == 4321
    document = export_and_validate(made.case.application, tmp_path / "out")
    statuses = [
        (e["vilkarreferanse"], e["status"]) for e in document["hendelser"] if e["type"] == "vilkar"
    ]
    old = made.conditions.get().reference
    assert (old, "RELEVANT") in statuses and (old, "ANNULLERT") in statuses
    assert len([e for e in document["hendelser"] if e["type"] == "vedtakFattet"]) == 2


# --- appeals --------------------------------------------------------------------------


def test_appeal_within_deadline_is_forwarded_with_a_letter(
    world: World, nav_test_person: Person, tmp_path: Path
) -> None:
    me = world.caseworker_oslo
    made = actions.propose_decision(decision=_ready_decision(world, tmp_path), actor=me)
    appeal = appeal_actions.register_appeal(
        decision=made, received_on=timezone.localdate(), summary="Jeg trenger mer.", actor=me
    )
    assert appeal.within_deadline and appeal.deadline == made.appeal_deadline
    appeal_actions.forward_appeal(appeal=appeal, assessment="Vi opprettholder vedtaket.", actor=me)
    appeal.refresh_from_db()
    assert appeal.state == AppealState.FORWARDED
    assert appeal.forwarding_letter is not None
    assert appeal.forwarding_letter.file.read(5) == b"%PDF-"
    appeal_actions.record_authority_outcome(
        appeal=appeal, outcome="upheld", decided_on=timezone.localdate(), actor=me
    )
    appeal.refresh_from_db()
    assert appeal.state == AppealState.CLOSED


def test_appeal_after_the_deadline_is_marked_late(
    world: World, nav_test_person: Person, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    me = world.caseworker_oslo
    today = timezone.localdate()
    decision = _ready_decision(world, tmp_path)
    # The decision was made 40 days ago: its three weeks have run out.
    monkeypatch.setattr(actions.timezone, "localdate", lambda *args: today - timedelta(days=40))
    made = actions.propose_decision(decision=decision, actor=me)
    monkeypatch.undo()
    assert made.appeal_deadline is not None
    assert made.appeal_deadline >= today - timedelta(days=40 - 21)
    assert made.appeal_deadline.weekday() < 5
    late = appeal_actions.register_appeal(
        decision=made, received_on=today, summary="Sent", actor=me
    )
    assert late.deadline == made.appeal_deadline and not late.within_deadline


def test_change_after_appeal_starts_a_replacing_draft(
    world: World, nav_test_person: Person, tmp_path: Path
) -> None:
    me = world.caseworker_oslo
    made = actions.propose_decision(decision=_ready_decision(world, tmp_path), actor=me)
    appeal = appeal_actions.register_appeal(
        decision=made, received_on=timezone.localdate(), summary="Feil beløp", actor=me
    )
    draft = appeal_actions.change_after_appeal(appeal=appeal, actor=me)
    assert draft.replaces == made
    appeal.refresh_from_db()
    assert appeal.state == AppealState.CHANGED and appeal.new_decision == draft


def test_every_step_is_audited(world: World, nav_test_person: Person, tmp_path: Path) -> None:
    me = world.caseworker_oslo
    made = actions.propose_decision(decision=_ready_decision(world, tmp_path), actor=me)
    recorded = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "application.imported",
        "application.started",
        "case.created",
        "decision.drafted",
        "decision.assessment_changed",
        "document.created",
        "decision.made",
        "application.finished",
    } <= recorded
    assert InnsynEvent.objects.filter(application=made.case.application).count() >= 5


def test_english_translation_is_attached_to_the_norwegian_letter(
    world: World, nav_test_person: Person, tmp_path: Path
) -> None:
    from django.urls import reverse
    from pypdf import PdfReader

    from tests.conftest import client_for

    me = world.caseworker_oslo
    made = actions.propose_decision(decision=_ready_decision(world, tmp_path), actor=me)
    client = client_for(me)
    url = reverse("decisions:decision-translation", args=[made.pk])
    assert client_for(world.leader_oslo).post(url).status_code == 403
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # asking twice gives the same one
    (translation,) = Document.objects.filter(kind="translation")
    assert translation.translation_of == made.letter and translation.language == "en"
    text = " ".join(p.extract_text() for p in PdfReader(translation.file.path).pages)
    assert "appeal" in text.lower()
    assert Decision.objects.get(pk=made.pk).letter == made.letter
