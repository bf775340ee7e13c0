"""axe-core on every page Navet serves: no serious or critical violation.

`PAGES` must name every HTML page's URL; `test_every_page_is_checked` fails when a new
page is added without an entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from navet.access.models import AccessOverride
from navet.api.actions import create_api_token
from navet.core.models import FailedLogin, LoginThrottle, ThrottleKind
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import World
from tests.test_authorization_matrix import iter_patterns

pytestmark = pytest.mark.browser

# POST-only or JSON; the national-id page is the person overview, checked below.
NOT_PAGES = {
    "core:logout",
    "core:session-status",  # JSON
    "core:session-extend",  # JSON
    "core:set-language",
    "healthz",
    "people:person-show-national-id",
    # Casework: POST endpoints (each answers with a redirect, or with its tab re-rendered
    # when the form has errors), a PDF, and JSON.
    "applications:application-assign",
    "applications:application-start",
    "applications:application-add-case",
    "applications:application-add-fact",
    "applications:application-household",
    "applications:application-interim-reply",
    "applications:application-request-documentation",
    "applications:application-reject",
    "applications:application-receive-document",
    "applications:case-status",
    "applications:document-download",
    "applications:application-events-json",
    "decisions:decision-start",
    "decisions:decision-assessment",
    "decisions:decision-deviation",
    "decisions:decision-deviation-remove",
    "decisions:decision-condition-add",
    "decisions:decision-condition-remove",
    "decisions:decision-approve",
    "decisions:decision-discard",
    "decisions:decision-return",
    "decisions:decision-change",
    "decisions:decision-translation",
    "decisions:appeal-register",
    "decisions:appeal-change",
    "decisions:appeal-forward",
    "decisions:appeal-outcome",
    "decisions:condition-follow-up",
    "decisions:condition-category",
    "payments:run-approve",
    "payments:run-cancel",
    "payments:run-sent",
    "payments:run-file",  # XML
    "payments:bank-import",
    "payments:run-accounting",  # CSV
    "control:kostra-file",  # the text file to SSB
    "payments:payment-end",
    "payments:payment-paid-by-hand",
    "payments:payment-send-again",
    "payments:payment-recipient",
    "payments:change-review",
    "dialog:thread-reply",
    "journal:note-correct",
    "journal:note-share",
    "meetings:meeting-minutes",
    "meetings:meeting-cancel",
    "people:person-goal",
    "plan:activity-edit",
    "plan:activity-status",
    "plan:activity-agree",
    "caseload:assign",
    "caseload:save-filter",
    "caseload:delete-filter",
    "people:person-follow-up-start",
    "people:person-follow-up-end",
    "people:person-programme",
    "people:person-reminder",
    "people:reminder-done",
    "dialog:thread-done",
    # POST, answered with the Vurdering tab's "Dette mangler" box (part of that page).
    "decisions:decision-check",
    # The machine API (bearer token, JSON).
    "api:api-root",
    "api:openapi-json",
    "api:openapi-view",
    "api:application_innsyn",
}


def _override(world: World) -> AccessOverride:
    return AccessOverride.objects.create(
        employee=world.caseworker_oslo,
        person=world.citizen_bergen,
        reason="Personen møtte opp i Oslo og trenger nødhjelp",
        expires_at=timezone.now() + timedelta(hours=1),
    )


def _application(world: World) -> Any:
    """An application with something on every tab: facts (one replaced), a child, a
    request for documents, an attachment, a made decision with its letter and an appeal,
    and a draft that changes it, with a deviation and a condition."""
    from navet.applications.innsyn import append_event
    from navet.applications.models import (
        Attachment,
        DocumentationRequest,
        DocumentKind,
        FactArea,
        FactSource,
        RequestedDocument,
    )
    from navet.decisions.models import (
        Condition,
        ConditionFollowUp,
        ConditionKind,
        Deviation,
        Outcome,
    )
    from tests.factories import (
        make_appeal,
        make_application,
        make_case,
        make_decision,
        make_decision_settings,
        make_document,
        make_fact,
    )

    make_decision_settings(office=world.oslo)
    application = make_application(
        person=world.citizen_oslo,
        notices=["Feltet «bosituasjon» er nytt i denne versjonen."],
        register_failures=["stotteFraHusbankenFeilet"],
        children=[{"name": "Mia", "birth_date": "2019-04-04"}],
        emergency=True,
    )
    rent = make_fact(application=application)
    rent.superseded_by = make_fact(
        application=application, title="Husleie (kontrakt)", source=FactSource.CASEWORKER
    )
    rent.save(update_fields=["superseded_by"])
    make_fact(
        application=application,
        area=FactArea.INCOME,
        title="Arbeidsavklaringspenger",
        amount=5000,
        rules_type="benefits",
        source=FactSource.REGISTER,
    )
    request = DocumentationRequest.objects.create(
        application=application,
        deadline=timezone.localdate() + timedelta(days=7),
        created_by=world.caseworker_oslo,
    )
    RequestedDocument.objects.create(
        request=request, reference="D-a11y", document_type="Kontoutskrift"
    )
    Attachment.objects.create(
        application=application,
        type="husleiekontrakt",
        filename="kontrakt.pdf",
        status="LastetOpp",
        received_at=timezone.now(),
    )
    case = make_case(application=application)
    letter = make_document(
        application=application, kind=DocumentKind.DECISION, title="Vedtak: Livsopphold"
    )
    made = make_decision(
        case=case,
        drafted_by=world.caseworker_oslo,
        state="made",
        letter=letter,
        responsible_name="Lise Leder",
    )
    make_appeal(decision=made, registered_by=world.caseworker_oslo)
    from navet.payments.models import Payment

    for number, account in ((1, "86011117947"), (2, "")):
        Payment.objects.create(
            reference=f"{made.reference}-{number}",
            decision=made,
            person=application.person,
            office=application.office,
            amount=2500,
            form="grant",
            period_from=timezone.localdate().replace(day=number),
            period_to=timezone.localdate().replace(day=number),
            due_on=timezone.localdate(),
            recipient_name=application.person.full_name,
            account=account,
        )
    followed = Condition.objects.create(
        decision=made,
        kind=ConditionKind.ACTIVITY,
        text="Møt til samtale om arbeid.",
        consequence="Stønaden kan bli satt ned.",
        reference="V-a11y-made",
    )
    ConditionFollowUp.objects.create(
        condition=followed,
        result="not_met",
        assessed_on=timezone.localdate(),
        note="Møtte ikke.",
        recorded_by=world.caseworker_oslo,
    )
    draft = make_decision(
        case=case,
        drafted_by=world.caseworker_oslo,
        replaces=made,
        outcome=Outcome.PARTLY_GRANTED,
        form="grant",
        amount=4000,
        amount_reason="Du har søkt om 4 000 kr.",
        considerations="Vi har lagt vekt på at du har oppsparte midler.",
        children_assessment="Mia går i barnehage.",
    )
    line = next(
        (i, item)
        for i, item in enumerate(draft.calculation["result"]["lines"])
        if item["kind"] == "need"
    )
    Deviation.objects.create(
        decision=draft,
        line_key=f"{line[0]}:{line[1]['key']}",
        line_text=line[1]["text"],
        calculated=line[1]["amount"],
        amount=line[1]["amount"] + 100,
        reason="Høyere strømpris i vinter.",
    )
    Condition.objects.create(
        decision=draft,
        kind=ConditionKind.DOCUMENTATION,
        text="Send kontoutskrift.",
        consequence="Vi kan kreve stønaden tilbake.",
        deadline=timezone.localdate() + timedelta(days=14),
        reference="V-a11y",
    )
    append_event(application, "soknadsStatus", status="MOTTATT")
    append_event(
        application, "saksStatus", referanse="S1", tittel="Livsopphold", status="UNDER_BEHANDLING"
    )
    return application


def _run(world: World) -> Any:
    """A payment run of the application's payment with an account, waiting for approval."""
    from navet.payments.models import PaymentRun
    from navet.payments.runs import prepare_run

    existing = PaymentRun.objects.filter(office=world.oslo).first()
    if existing is not None:
        return existing
    _application(world)
    return prepare_run(
        office=world.oslo,
        due_by=timezone.localdate() + timedelta(days=30),
        actor=world.caseworker_oslo,
    )


def _meeting(world: World) -> Any:
    from navet.followup import actions
    from navet.followup.models import Meeting

    found = Meeting.objects.filter(person=world.citizen_oslo).first()
    if found is not None:
        return found
    return actions.plan_meeting(
        person=world.citizen_oslo,
        employee=world.caseworker_oslo,
        starts_at=timezone.now() + timedelta(days=2),
        minutes_long=45,
        channel="in_person",
        place="Nav Grünerløkka, 2. etasje",
        participants="Personen og veilederen",
        agenda="Budsjett og jobbsøking",
    )


def _activity(world: World) -> Any:
    from navet.followup import plan_actions
    from navet.followup.models import Activity

    found = Activity.objects.of_person(world.citizen_oslo).first()
    if found is not None:
        return found
    plan_actions.set_goal(person=world.citizen_oslo, text="Jobbe i butikk", read_number=0)
    return plan_actions.add_activity(
        person=world.citizen_oslo,
        kind="job_search",
        title="Søke på fem jobber",
        to_date=timezone.localdate() - timedelta(days=1),
        employee=world.caseworker_oslo,
        agreed=True,
    )


def _mapped(world: World) -> Any:
    from navet.followup import mapping
    from navet.followup.life_areas import areas_for_office
    from navet.followup.models import Mapping

    if Mapping.objects.filter(person=world.citizen_oslo).exists():
        return True
    areas = areas_for_office(world.oslo)[:2]
    for number in (0, 1):
        mapping.save_mapping(
            person=world.citizen_oslo,
            employee=world.caseworker_oslo,
            read_number=number,
            made_on=timezone.localdate(),
            children_situation="",
            summary="",
            entries={area.key: {"rating": 2 + number, "person_words": ""} for area in areas},
        )
    mapping.answer(
        person=world.citizen_oslo,
        answers={areas[0].key: {"rating": 4, "words": "Bedre", "wants_help": True}},
    )
    return True


def _journal_note(world: World) -> Any:
    from navet.followup import actions
    from navet.followup.models import JournalNote

    found = JournalNote.objects.filter(person=world.citizen_oslo).first()
    if found is not None:
        return found
    note = actions.write_note(
        person=world.citizen_oslo,
        employee=world.caseworker_oslo,
        kind="phone",
        happened_on=timezone.localdate(),
        title="Telefon om husleia",
        text="Personen ringte om husleia.",
    )
    actions.correct_note(
        note=note, employee=world.caseworker_oslo, text="Rettet.", reason="Feil", read_version=1
    )
    return note


def _kostra_error(world: World) -> str:
    """A person paid this year with no situation recorded (an error to fix), and one with
    it: the KOSTRA page with its table of findings and its summary."""
    from tests.control.test_kostra import granted, pay, situation

    world.oslo.district_number = "02"
    world.oslo.save()
    year = timezone.localdate().year
    pay(granted(world, world.citizen_oslo), 1, 4000, year=year)
    recorded = world.fortrolig_oslo
    pay(granted(world, recorded), 2, 3000, year=year)
    situation(world, recorded, recorded_on=timezone.localdate())
    return f"{reverse('control:kostra')}?aar={year}&kommune=0301-02"


def _thread(world: World) -> Any:
    from navet.dialog import actions
    from navet.dialog.models import Thread

    found = Thread.objects.filter(person=world.citizen_oslo).first()
    if found is not None:
        return found
    thread = actions.person_starts_thread(
        person=world.citizen_oslo,
        subject="Strømregningen",
        body="Jeg har fått en stor strømregning.\nKan dere hjelpe?",
        application=_application(world),
    )
    actions.office_replies(thread=thread, employee=world.caseworker_oslo, body="Ja.", done=False)
    actions.person_replies(thread=thread, body="Takk.")
    return thread


def _payment_changed(world: World) -> Any:
    """The application's payment without an account, paid to a landlord instead, with the
    person's consent: a change for the leader to review."""
    from navet.payments.actions import change_recipient
    from navet.payments.models import Payment

    _application(world)
    payment = Payment.objects.filter(office=world.oslo).order_by("reference").last()
    assert payment is not None
    if not payment.changes.exists():
        change_recipient(
            payment=payment,
            actor=world.caseworker_oslo,
            method="bank",
            other_recipient=True,
            recipient_name="Utleier AS",
            account="12345678903",
            reason="Husleien betales direkte.",
            consent="Skriftlig samtykke.",
        )
    return payment


def _lock(world: World) -> LoginThrottle:
    throttle = LoginThrottle.objects.create(
        kind=ThrottleKind.ACCOUNT,
        key="veileder.bergen",
        failures=6,
        locked_until=timezone.now() + timedelta(minutes=2),
    )
    FailedLogin.objects.create(username="veileder.bergen", address="127.0.0.1")
    return throttle


def _token(world: World) -> bool:
    create_api_token(employee=world.caseworker_oslo, name="Fagsystem-integrasjon", days=30)
    return True


def _tab(name: str) -> tuple[str, Callable[[World], str]]:
    return ("caseworker_oslo", lambda w: reverse(name, args=[_application(w).pk]))


# url name -> (persona attribute or None for anonymous, url builder)
PAGES: dict[str, tuple[str | None, Callable[[World], str]]] = {
    "core:login": (None, lambda w: reverse("core:login")),
    "start": ("caseworker_oslo", lambda w: reverse("start")),
    "people:search": ("caseworker_oslo", lambda w: reverse("people:search")),
    "people:person-detail": (
        "caseworker_confidential",
        lambda w: w.fortrolig_oslo.get_absolute_url(),
    ),
    "people:person-access-log": (
        "leader_oslo",
        lambda w: reverse("people:person-access-log", args=[w.citizen_oslo.pk]),
    ),
    "access:override-new": ("caseworker_oslo", lambda w: ""),  # reached through a search
    "access:override-review": ("leader_oslo", lambda w: reverse("access:override-review")),
    "access:override-review-detail": (
        "leader_oslo",
        lambda w: reverse("access:override-review-detail", args=[_override(w).pk]),
    ),
    "people:person-contact-edit": (
        "caseworker_oslo",
        lambda w: reverse("people:person-contact-edit", args=[w.citizen_oslo.pk]),
    ),
    "core:admin-home": ("admin", lambda w: reverse("core:admin-home")),
    "core:office-new": ("admin", lambda w: reverse("core:office-new")),
    "core:office-edit": ("admin", lambda w: reverse("core:office-edit", args=[w.oslo.pk])),
    "core:employee-new": ("admin", lambda w: reverse("core:employee-new")),
    "core:employee-edit": (
        "admin",
        lambda w: reverse("core:employee-edit", args=[w.caseworker_oslo.pk]),
    ),
    "core:login-lock": ("admin", lambda w: reverse("core:login-lock", args=[_lock(w).pk])),
    "api-tokens:employee-tokens": (
        "admin",
        lambda w: _token(w) and reverse("api-tokens:employee-tokens", args=[w.caseworker_oslo.pk]),
    ),
    "applications:worklist": (
        "caseworker_oslo",
        lambda w: _application(w) and f"{reverse('applications:worklist')}?liste=ufordelte",
    ),
    "applications:application-register": (
        "caseworker_oslo",
        lambda w: reverse("applications:application-register", args=[w.citizen_oslo.pk]),
    ),
    "applications:application-detail": _tab("applications:application-detail"),
    "applications:application-attachments": _tab("applications:application-attachments"),
    "applications:application-calculation": _tab("applications:application-calculation"),
    "applications:application-assessment": _tab("applications:application-assessment"),
    "applications:application-decisions": _tab("applications:application-decisions"),
    "applications:application-letters": _tab("applications:application-letters"),
    "applications:application-events": _tab("applications:application-events"),
    "decisions:rate-sets": ("admin", lambda w: reverse("decisions:rate-sets")),
    "decisions:rate-set-new": ("admin", lambda w: reverse("decisions:rate-set-new")),
    "decisions:state-rate-set-new": ("admin", lambda w: reverse("decisions:state-rate-set-new")),
    "decisions:decision-confirm": (
        "caseworker_oslo",
        lambda w: reverse(
            "decisions:decision-confirm",
            args=[_application(w).cases.get().decisions.drafts().get().pk],
        ),
    ),
    "people:office-access-log": ("leader_oslo", lambda w: reverse("people:office-access-log")),
    "payments:settings": ("admin", lambda w: reverse("payments:settings", args=[w.oslo.pk])),
    "payments:runs": ("caseworker_oslo", lambda w: _run(w) and reverse("payments:runs")),
    "payments:run-detail": (
        "leader_oslo",
        lambda w: reverse("payments:run-detail", args=[_run(w).pk]),
    ),
    "payments:payment-detail": (
        "caseworker_oslo",
        lambda w: reverse("payments:payment-detail", args=[_payment_changed(w).pk]),
    ),
    "payments:changes": (
        "leader_oslo",
        lambda w: _payment_changed(w) and reverse("payments:changes"),
    ),
    "dialog:inbox": (
        "caseworker_oslo",
        lambda w: _thread(w) and f"{reverse('dialog:inbox')}?hvem=kontoret&liste=ulest",
    ),
    "dialog:thread": ("caseworker_oslo", lambda w: reverse("dialog:thread", args=[_thread(w).pk])),
    "people:person-journal": (
        "caseworker_oslo",
        lambda w: _journal_note(w) and reverse("people:person-journal", args=[w.citizen_oslo.pk]),
    ),
    "people:person-meetings": (
        "caseworker_oslo",
        lambda w: _meeting(w) and reverse("people:person-meetings", args=[w.citizen_oslo.pk]),
    ),
    "meetings:meeting": (
        "caseworker_oslo",
        lambda w: reverse("meetings:meeting", args=[_meeting(w).pk]),
    ),
    "journal:note": (
        "caseworker_oslo",
        lambda w: reverse("journal:note", args=[_journal_note(w).pk]),
    ),
    "people:person-plan": (
        "caseworker_oslo",
        lambda w: _activity(w) and reverse("people:person-plan", args=[w.citizen_oslo.pk]),
    ),
    "plan:activity": (
        "caseworker_oslo",
        lambda w: reverse("plan:activity", args=[_activity(w).pk]),
    ),
    "people:person-mapping": (
        "caseworker_oslo",
        lambda w: _mapped(w) and reverse("people:person-mapping", args=[w.citizen_oslo.pk]),
    ),
    "caseload:caseload": (
        "caseworker_oslo",
        lambda w: _activity(w) and _thread(w) and f"{reverse('caseload:caseload')}?omfang=kontor",
    ),
    "caseload:tasks": (
        "caseworker_oslo",
        lambda w: _meeting(w) and _thread(w) and f"{reverse('caseload:tasks')}?omfang=kontor",
    ),
    "control:office": ("leader_oslo", lambda w: _thread(w) and reverse("control:office")),
    "control:backlog": (
        "leader_oslo",
        lambda w: reverse("control:backlog", args=[timezone.localdate().strftime("%Y-%m")]),
    ),
    "control:times": (
        "leader_oslo",
        lambda w: reverse("control:times", args=[timezone.localdate().strftime("%Y-%m")]),
    ),
    "control:list": (
        "leader_oslo",
        lambda w: _thread(w) and reverse("control:list", args=["meldinger"]),
    ),
    "decisions:office-settings": (
        "admin",
        lambda w: reverse("decisions:office-settings", args=[w.oslo.pk]),
    ),
    "learning:modules": ("caseworker_oslo", lambda w: reverse("learning:modules")),
    "learning:module": (
        "caseworker_oslo",
        lambda w: reverse("learning:module", args=["forvaltning"]),
    ),
    "learning:office": ("leader_oslo", lambda w: reverse("learning:office")),
    "control:kostra": ("leader_oslo", _kostra_error),
    "control:simulation": (
        "leader_oslo",
        lambda w: f"{reverse('control:simulation')}?utvalg=landet&endring=prosent&prosent=5",
    ),
    "people:person-situation": (
        "caseworker_oslo",
        lambda w: reverse("people:person-situation", args=[w.citizen_oslo.pk]),
    ),
    "law:references": ("caseworker_oslo", lambda w: reverse("law:references")),
    "law:reference": ("caseworker_oslo", lambda w: reverse("law:reference", args=["fvl-11a"])),
}


def test_every_page_is_checked() -> None:
    # The portal and Test-ID-porten: every page at 390 and 1280 px in nb, nn and en, in
    # tests/browser/test_citizen_portal.py (which checks its own list is complete).
    own = ("citizen:", "oauth2_provider:", "testidp:")
    names = {name for name, _pattern in iter_patterns() if not name.startswith(own)} - NOT_PAGES
    assert names == set(PAGES), f"add these pages to PAGES: {names - set(PAGES)}"


def _check(page: Any, label: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{label}: {violations}"


@pytest.mark.parametrize("url_name", sorted(PAGES))
def test_page_has_no_serious_accessibility_violation(world: World, new_page, url_name: str) -> None:  # type: ignore[no-untyped-def]
    persona, build = PAGES[url_name]
    page = new_page(bypass_csp=True)
    if persona is not None:
        log_in(page, getattr(world, persona))
    if url_name == "access:override-new":
        page.goto(reverse("people:search"))
        page.get_by_label("Navn, fødselsdato, fødselsnummer eller referanse").fill(
            world.citizen_bergen.national_id
        )
        page.get_by_role("button", name="Søk").click()
        _check(page, "search with override offer")
        page.get_by_role("link", name="Be om midlertidig tilgang").click()
        page.get_by_role("button", name="Gi meg tilgang").click()  # empty form: errors shown
        _check(page, "override form with errors")
        return
    response = page.goto(build(world))
    assert response is not None and response.status == 200, url_name
    _check(page, url_name)
    if url_name == "people:search":
        page.get_by_label("Navn, fødselsdato, fødselsnummer eller referanse").fill("Hansen")
        page.get_by_role("button", name="Søk").click()
        _check(page, "search results (one hit: the person)")
        page.goto(reverse("people:search"))
        page.get_by_label("Navn, fødselsdato, fødselsnummer eller referanse").fill("1234")
        page.get_by_role("button", name="Søk").click()
        _check(page, "search with an error, the typed text kept")
    if url_name == "people:person-detail":
        page.get_by_role("button", name="Vis hele fødselsnummeret").click()
        _check(page, "person overview with the whole national id")
    if url_name == "people:person-contact-edit":
        page.get_by_label("Telefon").fill("12ab")
        page.get_by_role("button", name="Lagre").click()
        _check(page, "contact form with errors")
    if url_name == "applications:application-register":
        page.get_by_label("Hva søkes det om?").fill("")
        page.get_by_role("button", name="Registrer søknaden").click()
        _check(page, "registration with errors")
    if url_name == "applications:application-detail":
        page.locator("summary", has_text="Legg til eller rett en opplysning").click()
        page.get_by_role("button", name="Lagre opplysningen").click()
        _check(page, "fact form with errors")
    if url_name == "applications:application-calculation":
        page.locator("summary").first.click()
        _check(page, "calculation with a deviation form open")
    if url_name == "applications:application-decisions":
        page.locator("summary", has_text="Følg opp vilkåret").first.click()
        page.get_by_role("button", name="Lagre oppfølgingen").first.click()
        _check(page, "condition follow-up with errors")
        page.set_viewport_size({"width": 390, "height": 844})
        _check(page, "condition follow-up with errors at 390 px")
    if url_name == "applications:application-assessment":
        page.get_by_role("radio", name="Avslått").first.check()
        expect(page.locator("[id$='-status']").first).not_to_be_empty()
        _check(page, "the live 'Dette mangler' box after a change")
        page.set_viewport_size({"width": 390, "height": 844})
        _check(page, "assessment at 390 px")
    if url_name == "payments:settings":
        page.get_by_role("button", name="Lagre").click()
        _check(page, "payment settings with errors")
    if url_name == "payments:runs":
        page.get_by_role("button", name="Lag kjøringen").click()
        _check(page, "payment run form with errors")
        page.set_viewport_size({"width": 390, "height": 844})
        _check(page, "payment runs at 390 px")
    if url_name == "payments:run-detail":
        page.set_viewport_size({"width": 390, "height": 844})
        _check(page, "payment run at 390 px")
    if url_name == "payments:payment-detail":
        page.get_by_role("button", name="Stopp eller annuller utbetalingen").click()
        _check(page, "stopping a payment without a reason")
        page.get_by_label("Kontonummer", exact=True).fill("1234 56 78900")
        page.get_by_role("button", name="Lagre endringen").click()
        _check(page, "a wrong account number")
        page.set_viewport_size({"width": 390, "height": 844})
        _check(page, "a payment at 390 px")
    if url_name == "payments:changes":
        page.set_viewport_size({"width": 390, "height": 844})
        _check(page, "the leader's review of changed recipients at 390 px")
    if url_name == "applications:worklist":
        page.context.clear_cookies()
        log_in(page, world.leader_oslo)
        page.goto(f"{reverse('applications:worklist')}?liste=alle&saksbehandler=x")
        expect(page.get_by_role("heading", name="Kontoret i dag")).to_be_visible()
        _check(page, "the leader's office today, a filter with an error")
        page.set_viewport_size({"width": 390, "height": 844})
        _check(page, "the leader's work list at 390 px")
    if url_name in ("decisions:rate-set-new", "decisions:state-rate-set-new"):
        page.get_by_role("button", name="Lagre satsene").click()
        _check(page, "rate set form with errors")
    if url_name == "core:login":
        page.get_by_role("button", name="Logg inn").click()
        _check(page, "login with errors")


@pytest.mark.parametrize("language", ["nn", "en"])
def test_pages_in_nynorsk_and_english(world: World, new_page, language: str) -> None:  # type: ignore[no-untyped-def]
    world.caseworker_confidential.language = language
    world.caseworker_confidential.save(update_fields=["language"])
    page = new_page(bypass_csp=True)
    log_in(page, world.caseworker_confidential)
    for url in (reverse("start"), world.fortrolig_oslo.get_absolute_url()):
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language
        _check(page, f"{url} in {language}")


def test_error_pages(world: World, new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page(bypass_csp=True)
    log_in(page, world.caseworker_oslo)
    response = page.goto("/personer/00000000-0000-0000-0000-000000000000/")
    assert response is not None and response.status == 404
    _check(page, "404")
    response = page.goto(reverse("core:admin-home"))
    assert response is not None and response.status == 403
    _check(page, "403")
