"""The citizen's portal in a real browser, logged in through Test-ID-porten: the same
redirect, code exchange and token checks as against ID-porten, on the live server's port."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from navet.applications.models import (
    Attachment,
    DocumentationRequest,
    DocumentKind,
    RequestedDocument,
)
from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction
from navet.citizen.models import CitizenSession
from navet.decisions.models import Condition
from navet.followup import plan_actions
from navet.people.models import Person
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import World
from tests.factories import (
    make_application,
    make_case,
    make_decision,
    make_document,
    next_national_id,
)
from tests.test_authorization_matrix import iter_patterns

pytestmark = pytest.mark.browser

PORTAL = ("citizen:", "oauth2_provider:", "testidp:")
# Pages that are no HTML page of their own: redirects, a POST, JSON, a PDF, an iframe call.
NOT_PAGES = {
    "citizen:send-documents",  # POST: the application page again, checked with errors below
    "citizen:thread-reply",  # POST: the thread again
    "citizen:goal",  # POST: the plan again
    "citizen:activity-edit",  # POST: the activity again
    "citizen:activity-status",  # POST: the activity again
    "citizen:attachment",  # a file the person sent
    "citizen:login",  # redirect to the provider
    "citizen:callback",  # redirect to the portal (or an error page, checked below)
    "citizen:logout",  # POST, redirect to the provider
    "citizen:front-channel-logout",  # empty answer in an iframe
    "citizen:document",  # PDF
    "oauth2_provider:authorize",  # redirect (its error page is checked below)
    "oauth2_provider:token",  # JSON
    "oauth2_provider:oidc-connect-discovery-info",  # JSON
    "oauth2_provider:jwks-info",  # JSON
    "oauth2_provider:user-info",  # JSON
}
# Every HTML page of the portal and the provider, by the step of the walk that shows it.
PAGES = {
    "citizen:start",
    "testidp:pick",
    "citizen:applications",
    "citizen:application",
    "oauth2_provider:rp-initiated-logout",  # the provider's "logged out" page with iframes
    "citizen:logged-out",
    "citizen:threads",
    "citizen:thread-new",
    "citizen:thread",
    "citizen:notification-contact",
    "citizen:access-log",
    "citizen:apply",
    "citizen:payments",
    "citizen:journal",
    "citizen:meetings",
    "citizen:plan",
    "citizen:activity",
    "citizen:activity-new",
    "citizen:mapping",
    "citizen:apply-form",
    "citizen:apply-emergency",
}
WIDTHS = (390, 1280)


def test_every_portal_page_is_walked() -> None:
    names = {name for name, _pattern in iter_patterns() if name.startswith(PORTAL)}
    assert names - NOT_PAGES == PAGES


def _person_with_a_decided_application(world: World) -> Person:
    person = world.citizen_oslo
    application = make_application(person=person)
    case = make_case(application=application)
    letter = make_document(
        application=application, kind=DocumentKind.DECISION, title="Vedtak om økonomisk stønad"
    )
    decision = make_decision(
        case=case, drafted_by=world.caseworker_oslo, state="made", letter=letter
    )
    Condition.objects.create(
        decision=decision,
        kind="activity",
        text="Møt til samtale med veilederen din.",
        consequence="Stønaden kan bli satt ned.",
        deadline=timezone.localdate() + timedelta(days=14),
        reference=f"{decision.reference}-V1",
    )
    request = DocumentationRequest.objects.create(
        application=application,
        deadline=timezone.localdate() + timedelta(days=7),
        created_by=world.caseworker_oslo,
    )
    RequestedDocument.objects.create(
        request=request,
        reference=f"{application.reference}-D1",
        document_type="Husleiekontrakt",
        description="Den siste kontrakten, med alle sider.",
    )
    plan_actions.add_activity(
        person=person,
        kind="job_search",
        title="Søke på fem jobber",
        to_date=timezone.localdate() + timedelta(days=14),
        employee=world.caseworker_oslo,
        agreed=True,
    )
    return person


def _log_in(page: Page, person: Person, level: str | None = None) -> None:
    page.goto("/min-side/")
    page.locator("a[href='/min-side/logg-inn/']").click()
    page.wait_for_url("**/test-idporten/logg-inn/**")
    page.locator("input[name=pid][type=text]").fill(person.national_id)
    if level is not None:
        page.locator(f"input[name=level][value={level}]").check()
    page.locator("form:has(input[name=pid][type=text]) button[type=submit]").click()


def _switch_language(page: Page, language: str) -> None:
    page.locator("#navet-language").select_option(language)
    page.locator(".navet-language-switch button").click()


def test_a_citizen_logs_in_sees_the_decision_sends_documents_and_logs_out(
    world: World, new_page: Any, tmp_path: Path
) -> None:
    person = _person_with_a_decided_application(world)
    page = new_page()
    _log_in(page, person)
    page.wait_for_url("**/min-side/soknader/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine søknader")
    expect(page.get_by_text("Nav-kontoret trenger dokumentasjon fra deg innen")).to_be_visible()
    page.locator("main h2 a").first.click()
    expect(page.get_by_role("heading", name="Vedtak: Innvilget")).to_be_visible()
    expect(page.get_by_text("Møt til samtale med veilederen din.")).to_be_visible()
    expect(page.locator("#requests-heading")).to_be_visible()
    expect(page.get_by_role("radio", name="Husleiekontrakt")).to_be_checked()

    # Send documents: a 12 MB file and a program named .pdf are refused with their names.
    big = tmp_path / "stor.pdf"
    big.write_bytes(b"%PDF-1.7\n" + b"0" * (12 * 1024 * 1024))
    renamed = tmp_path / "faktura.pdf"
    renamed.write_bytes(b"MZ\x90\x00\x03" + b"\x00" * 512)
    page.locator("input[type=file]").set_input_files([str(big), str(renamed)])
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("link", name="«stor.pdf» er 12 MB", exact=False)).to_be_visible()
    expect(page.get_by_role("link", name="«faktura.pdf» er ikke", exact=False)).to_be_visible()
    assert not Attachment.objects.exists()
    photo = tmp_path / "kontrakt.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    page.locator("input[type=file]").set_input_files(str(photo))
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text("Vi har fått dokumentet. Nav-kontoret ser det nå.")).to_be_visible()
    expect(page.get_by_role("link", name="kontrakt.png, sendt", exact=False)).to_be_visible()
    assert Attachment.objects.get().answers is not None
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned vedtaksbrevet (PDF)").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read().startswith(b"%PDF")
    assert person.national_id not in page.url
    login = AuditEvent.objects.filter(action=AuditAction.CITIZEN_LOGGED_IN).get()
    assert (login.person_id, login.actor_id, login.actor_label) == (person.pk, None, "citizen")
    assert login.data["acr"] == "idporten-loa-high"

    # A message to the office; the caseworker, in a browser of her own, finds it unread in
    # the inbox, sees the document on the application and answers.
    page.get_by_role("link", name="Meldinger").click()
    page.get_by_role("link", name="Skriv en ny melding").click()
    page.get_by_label("Hva gjelder det?").fill("Husleiekontrakten")
    page.get_by_label("Gjelder det en søknad?").select_option(
        label=person.applications.get().reference
    )
    page.get_by_label("Melding").fill("Jeg har sendt kontrakten nå.")
    page.get_by_role("button", name="Send meldingen").click()
    expect(page.get_by_text("Meldingen er sendt til Nav-kontoret.")).to_be_visible()
    staff = new_page()
    log_in(staff, world.caseworker_oslo)
    staff.goto("/meldinger/?hvem=kontoret&liste=ulest")
    staff.get_by_role("link", name=person.full_name).click()
    expect(staff.get_by_text("Jeg har sendt kontrakten nå.")).to_be_visible()
    staff.get_by_role("link", name=person.applications.get().reference).click()
    expect(staff.get_by_text("Husleiekontrakten")).to_be_visible()  # messages on the application
    staff.goto(f"/soknader/{person.applications.get().pk}/vedlegg/")
    expect(staff.get_by_text("kontrakt.png").first).to_be_visible()
    staff.goto("/meldinger/?hvem=kontoret&liste=venter-nav")
    staff.get_by_role("link", name=person.full_name).click()
    staff.get_by_label("Svar", exact=True).fill("Takk, den er mottatt.")
    staff.get_by_role("button", name="Send svar").click()
    expect(staff.get_by_text("Svaret er sendt.")).to_be_visible()
    page.reload()
    expect(page.get_by_text("Takk, den er mottatt.")).to_be_visible()
    expect(page.get_by_text(world.oslo.name + ",", exact=False)).to_be_visible()
    assert world.caseworker_oslo.name not in page.content()
    page.get_by_role("link", name="Hvem har sett opplysningene mine").click()
    expect(page.get_by_text("Så på opplysningene").first).to_be_visible()
    assert world.caseworker_oslo.name not in page.content()

    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url("**/min-side/utlogget/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Du er logget ut")
    assert not CitizenSession.objects.exists()
    page.goto("/min-side/soknader/")
    page.wait_for_url("**/min-side/")


def test_front_channel_logout_ends_only_that_login(world: World, new_page: Any) -> None:
    person = _person_with_a_decided_application(world)
    first, second = new_page(), new_page()
    for page in (first, second):
        _log_in(page, person)
        page.wait_for_url("**/min-side/soknader/")
    assert CitizenSession.objects.count() == 2
    # The first browser logs out at the provider as if from another service: the
    # provider's page calls the portal's front-channel logout with that login's sid.
    first.goto("/test-idporten/logout/")
    first.get_by_role("button", name="Logg ut").click()
    first.wait_for_load_state("networkidle")
    assert CitizenSession.objects.count() == 1
    first.goto("/min-side/soknader/")
    first.wait_for_url("**/min-side/")
    second.goto("/min-side/soknader/")
    expect(second.get_by_role("heading", level=1)).to_have_text("Mine søknader")


def test_too_low_a_level_and_an_unknown_person_get_in_nowhere(world: World, new_page: Any) -> None:
    person = _person_with_a_decided_application(world)
    page = new_page()
    _log_in(page, person, level="idporten-loa-substantial")
    expect(page.get_by_role("heading", level=1)).to_have_text("Innloggingen gikk ikke")
    expect(page.get_by_text("høyt sikkerhetsnivå")).to_be_visible()
    assert not CitizenSession.objects.exists()

    stranger = Person(national_id=next_national_id(person.birth_date))
    persons_before = Person.objects.count()
    _log_in(page, stranger)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vi finner ingen saker om deg")
    assert Person.objects.count() == persons_before
    assert not CitizenSession.objects.exists()


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_every_portal_page_passes_axe_at_both_widths(
    world: World, new_page: Any, language: str
) -> None:
    person = _person_with_a_decided_application(world)
    page = new_page(bypass_csp=True)
    checked: set[str] = set()

    def check(name: str) -> None:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            violations = axe_violations(page)
            assert not violations, f"{name} {language} {width}px: {violations}"
        assert page.locator("html").get_attribute("lang") == language, name
        checked.add(name)

    page.goto("/min-side/")
    if language != "nb":
        _switch_language(page, language)
    check("citizen:start")
    page.locator("a[href='/min-side/logg-inn/']").click()
    page.wait_for_url("**/test-idporten/logg-inn/**")
    check("testidp:pick")
    with page.expect_navigation():
        page.locator("form:has(input[name=pid][type=text]) button[type=submit]").click()
    check("testidp:pick (empty form)")
    page.locator("input[name=pid][type=text]").fill(person.national_id)
    page.locator("form:has(input[name=pid][type=text]) button[type=submit]").click()
    page.wait_for_url("**/min-side/soknader/")
    check("citizen:applications")
    page.locator("main h2 a").first.click()
    check("citizen:application")
    page.locator("#send button[type=submit]").click()  # nothing chosen: the errors shown
    check("citizen:application (send with errors)")
    page.goto("/min-side/meldinger/ny/")
    check("citizen:thread-new")
    page.locator("main form button[type=submit]").click()  # empty: the errors shown
    check("citizen:thread-new (errors)")
    page.locator("input[name=subject]").fill("Strømregningen")
    page.locator("textarea[name=body]").fill("Jeg har fått en stor strømregning.\nKan dere hjelpe?")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/min-side/meldinger/*/")
    check("citizen:thread")
    page.goto("/min-side/meldinger/")
    check("citizen:threads")
    page.goto("/min-side/varsler/")
    check("citizen:notification-contact")
    page.goto("/min-side/hvem-har-sett/")
    check("citizen:access-log")
    page.goto("/min-side/utbetalinger/")
    check("citizen:payments")
    page.goto("/min-side/notater/")
    check("citizen:journal")
    page.goto("/min-side/moter/")
    check("citizen:meetings")
    page.goto("/min-side/plan/")
    check("citizen:plan")
    page.locator("main h3 a").first.click()
    check("citizen:activity")
    page.goto("/min-side/plan/ny/")
    check("citizen:activity-new")
    page.locator("main form button[type=submit]").click()  # empty: the errors shown
    check("citizen:activity-new (errors)")
    page.goto("/min-side/kartlegging/")
    check("citizen:mapping")
    page.goto("/min-side/sok/")
    check("citizen:apply")
    page.goto("/min-side/sok/skjema/")
    check("citizen:apply-form")
    page.locator("main form button[type=submit]").click()  # empty: the errors shown
    check("citizen:apply-form (errors)")
    page.goto("/min-side/sok/nodhjelp/")
    check("citizen:apply-emergency")
    page.locator(".navet-header__logout button").click()
    page.wait_for_url("**/test-idporten/logout/**")
    check("oauth2_provider:rp-initiated-logout")
    page.wait_for_url("**/min-side/utlogget/")
    check("citizen:logged-out")
    assert checked >= PAGES
