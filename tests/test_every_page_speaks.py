"""Every page as every persona in bokmål, nynorsk and English (issue 10): no framework
page, no template code, no internal code (audit actions, status and outcome codes,
snake_case keys) and, in nynorsk and English, no bokmål string left untranslated.

The pages are those of the accessibility test (tests/browser/test_accessibility.py), which
fails when a page is added without an entry. A persona who may not see a page gets
Navet's own 403 or 404, which is checked the same way."""

from __future__ import annotations

import gettext
import html
import re
from pathlib import Path

import pytest

from navet.audit.vocabulary import AuditAction
from tests.browser import test_accessibility as accessibility
from tests.browser.test_accessibility import PAGES
from tests.conftest import World, client_for

LOCALE = Path(__file__).resolve().parents[1] / "locale"
FRAMEWORK = ("Traceback", "Using the URLconf", "Request Method:", "django.", "{{", "{%")
CODES = re.compile(
    r"\b(?:[A-Z]{3,}_[A-Z_]{3,}|MOTTATT|FERDIGBEHANDLET|INNVILGET|AVSLATT|AVVIST"
    r"|[a-z]+_[a-z_]+)\b"
)
AUDIT_CODES = {action.value for action in AuditAction}
# What stays Norwegian on any page: the letter previews are in the person's language, and
# text a caseworker or applicant wrote is shown as written.
PREVIEW = '<div class="navet-letter-preview">'
# Names an administrator types: the command that makes API keys, and the keys' shown
# prefixes ("navet_" and 8 characters of token_urlsafe: they may be lower-case letters,
# and a "-" in them ends the code-like match early, e.g. "navet_rwh" of "navet_rwh-X…").
ALLOWED_CODES = {"create_api_token"}
KEY_PREFIX = re.compile(r"navet_[A-Za-z0-9_-]{0,8}")


def without_letter_previews(page: str) -> str:
    while (start := page.find(PREVIEW)) >= 0:
        depth, at = 0, start
        for tag in re.finditer(r"<(/?)div\b", page[start:]):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                at = start + tag.end()
                break
        page = page[:start] + page[page.index(">", at) + 1 :]
    return page


def visible_text(page: str) -> str:
    page = without_letter_previews(page)
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return " ".join(html.unescape(page).split())


def bokmal_fragments(language: str) -> set[str]:
    """Catalogue strings whose translation differs, cut at their placeholders: the long
    pieces, which would only be on a page if the string was not translated."""
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    fragments = set()
    for msgid, msgstr in catalogue._catalog.items():
        if not isinstance(msgid, str) or not msgid or msgid == msgstr:
            continue
        for piece in re.split(r"%\(\w+\)[sd]|\{\{.*?\}\}", msgid):
            piece = " ".join(piece.split())
            if len(piece) >= 25:
                fragments.add(piece)
    return fragments


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_every_page_as_every_persona_speaks_the_readers_language(
    world: World, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pages' one application with something on every tab, made once for all of them.
    made = accessibility._application(world)
    monkeypatch.setattr(accessibility, "_application", lambda _world: made)
    untranslated = bokmal_fragments(language) if language != "nb" else set()
    built = {name: build(world) for name, (_persona, build) in PAGES.items()}
    urls = {name: url for name, url in built.items() if url}  # the override form: by search
    problems: list[str] = []
    checked = 0
    for persona, employee in world.personas().items():
        employee.language = language
        employee.save(update_fields=["language"])
        client = client_for(employee)
        for name, url in urls.items():
            response = client.get(url)
            if response.status_code in (301, 302):
                continue
            assert response.status_code in (200, 403, 404), (persona, name, response.status_code)
            page = response.content.decode()
            text = visible_text(page)
            checked += 1
            where = f"{persona} {name} ({language}, {response.status_code})"
            problems += [f"{where}: framework text {m!r}" for m in FRAMEWORK if m in page]
            problems += [
                f"{where}: code {m!r}"
                for m in set(CODES.findall(text))
                if m not in ALLOWED_CODES and not KEY_PREFIX.fullmatch(m)
            ]
            problems += [f"{where}: audit code {c!r}" for c in AUDIT_CODES if c in text]
            problems += [f"{where}: untranslated {f!r}" for f in untranslated if f in text]
    assert checked > 100
    assert not problems, "\n".join(sorted(set(problems))[:40])


def test_the_check_finds_bokmal_and_codes_where_they_are(world: World) -> None:
    """The detectors themselves: a bokmål page read as if it were nynorsk shows bokmål
    strings, and a code in the text is found."""
    page = (
        client_for(world.caseworker_oslo)
        .get(world.citizen_oslo.get_absolute_url())
        .content.decode()
    )
    assert [f for f in bokmal_fragments("nn") if f in visible_text(page)]
    assert CODES.findall(visible_text("<p>Status: UNDER_BEHANDLING, living_costs</p>")) == [
        "UNDER_BEHANDLING",
        "living_costs",
    ]
    assert visible_text(f"<p>a</p>{PREVIEW}<div><p>Brev</p></div></div><p>b</p>") == "a b"


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_every_portal_page_speaks_the_citizens_language(world: World, language: str) -> None:
    from django.test import Client

    from navet.dialog import actions
    from tests.browser.test_citizen_portal import _person_with_a_decided_application
    from tests.conftest import citizen_client

    person = _person_with_a_decided_application(world)
    application = person.applications.get()
    untranslated = bokmal_fragments(language) if language != "nb" else set()
    thread = actions.person_starts_thread(
        person=person, subject="Hei", body="Et spørsmål", application=application
    )
    actions.office_replies(thread=thread, employee=world.caseworker_oslo, body="Svar", done=False)
    client_for(world.caseworker_oslo).get(person.get_absolute_url())  # for the access log
    citizen = citizen_client(person)
    session = citizen.session
    session["language"] = language
    session.save()
    anonymous = Client()
    anonymous.post("/sprak/", {"language": language})
    authorize = f"/test-idporten/authorize/?ui_locales={language}"
    pages = [
        (anonymous, "/min-side/"),
        (anonymous, "/min-side/utlogget/"),
        (anonymous, "/min-side/innlogget/?state=forged&code=x"),
        (
            anonymous,
            f"/test-idporten/logg-inn/?next={authorize.replace('?', '%3F').replace('=', '%3D')}",
        ),
        (citizen, "/min-side/soknader/"),
        (citizen, f"/min-side/soknader/{application.pk}/"),
        (citizen, "/min-side/meldinger/"),
        (citizen, "/min-side/meldinger/ny/"),
        (citizen, f"/min-side/meldinger/{thread.pk}/"),
        (citizen, "/min-side/varsler/"),
        (citizen, "/min-side/hvem-har-sett/"),
        (citizen, "/min-side/utbetalinger/"),
        (citizen, "/min-side/notater/"),
        (citizen, "/min-side/moter/"),
        (citizen, "/min-side/sok/"),
        (citizen, "/min-side/sok/skjema/"),
        (citizen, "/min-side/sok/nodhjelp/"),
    ]
    problems: list[str] = []
    for client, url in pages:
        response = client.get(url)
        assert response.status_code in (200, 400), url
        page = response.content.decode()
        assert f'lang="{language}"' in page, url
        text = visible_text(page)
        problems += [f"{url}: framework text {m!r}" for m in FRAMEWORK if m in page]
        problems += [f"{url}: code {m!r}" for m in set(CODES.findall(text))]
        problems += [f"{url}: untranslated {f!r}" for f in untranslated if f in text]
    assert not problems, "\n".join(sorted(set(problems)))
