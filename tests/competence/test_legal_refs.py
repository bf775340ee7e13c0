"""Every legal reference on every page is a link to its explanation (issue 14).

The pages are those every other crawl visits (tests/browser/test_accessibility.py PAGES,
as each persona, in bokmål, nynorsk and English). A "§" in a page's visible text must be
inside a link to /lov/<key>/ that answers 200; a "§" in a form label, an option or a link
to the source itself (which cannot hold another link) needs a link to the same section's
explanation elsewhere on the page. The letter previews are left out: they show the letter
as the person gets it (PDF/A, no links to Navet)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from navet.competence.references import all_references, explanation, find_references
from navet.competence.templatetags.legal_refs import link_references
from tests.browser import test_accessibility as accessibility
from tests.browser.test_accessibility import PAGES
from tests.conftest import World, client_for
from tests.test_every_page_speaks import without_letter_previews

TOKEN = re.compile(r"(<[^>]*>)")
TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9-]+)([^>]*)>")
HREF = re.compile(r'href="([^"]*)"')
# Independent of navet.competence's parser: a section number after "§", with its letter.
SECTION = re.compile(r"§§?\s*(\d+)(?:\s?([a-f])\b)?")
LAW_BEFORE = re.compile(r"(forvaltningslov\w*|fvl\.?|public administration act)\s*$", re.I)
# A radio group's legend is Django's form rendering, like a label: its section is explained by a
# law_links line under the form.
CANNOT_HOLD_A_LINK = {"label", "legend", "option", "button", "textarea"}


def references_on(page: str, own: str = "") -> tuple[list[str], set[str]]:
    """The problems on a page, and the explanation links it has. On an explanation's own
    page (`own`, e.g. /lov/stl-18/) its own section needs no link to itself. A field's
    help text (id "…_helptext") belongs to its control, like the label."""
    page = without_letter_previews(page)
    page = re.sub(r"<(script|style|title)\b.*?</\1>", " ", page, flags=re.S)
    problems: list[str] = []
    links: set[str] = set()
    needs: list[tuple[str, str]] = []
    open_link: str | None = None
    inside: list[str] = []
    for token in TOKEN.split(page):
        tag = TAG.match(token) if token.startswith("<") else None
        if tag:
            closing, name = tag.group(1), tag.group(2).lower()
            if name == "a":
                href = HREF.search(tag.group(3))
                open_link = None if closing else (href.group(1) if href else "")
                if open_link and open_link.startswith("/lov/"):
                    links.add(open_link)
            elif name == "div" and not closing and '_helptext"' in tag.group(3):
                inside.append("helptext")
            elif name == "div" and closing and "helptext" in inside:
                inside.remove("helptext")
            elif name in CANNOT_HOLD_A_LINK:
                if closing and name in inside:
                    inside.remove(name)
                elif not closing:
                    inside.append(name)
            continue
        for match in SECTION.finditer(token):
            law = "fvl" if LAW_BEFORE.search(token[: match.start()]) else "stl"
            key = f"{law}-{match.group(1)}{match.group(2) or ''}"
            context = " ".join(token[max(0, match.start() - 40) : match.end() + 10].split())
            if open_link is not None and open_link.startswith("/lov/"):
                continue
            if own == f"/lov/{key}/":
                continue
            if open_link is not None or inside:
                needs.append((key, context))
            else:
                problems.append(f"not a link: {context!r}")
    for key, context in needs:
        if f"/lov/{key}/" not in links:
            problems.append(f"no explanation link on the page for {key}: {context!r}")
    return problems, links


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_every_legal_reference_on_every_page_links_to_its_explanation(
    world: World, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = accessibility._application(world)
    monkeypatch.setattr(accessibility, "_application", lambda _world: made)
    urls = {name: url for name, (_p, build) in PAGES.items() if (url := build(world))}
    problems: list[str] = []
    checked_pages = checked_links = 0
    for persona, employee in world.personas().items():
        employee.language = language
        employee.save(update_fields=["language"])
        client = client_for(employee)
        links: set[str] = set()
        for name, url in urls.items():
            response = client.get(url)
            if response.status_code != 200:
                continue
            checked_pages += 1
            found, page_links = references_on(response.content.decode(), own=url)
            problems += [f"{persona} {name} ({language}): {p}" for p in found]
            links |= page_links
        for link in sorted(links):
            response = client.get(link)
            checked_links += 1
            if response.status_code != 200:
                problems.append(f"{persona} ({language}): {link} answers {response.status_code}")
            elif f'lang="{language}"' not in response.content.decode():
                problems.append(f"{persona} ({language}): {link} is not in {language}")
    assert checked_pages > 100
    # The application's tabs show sosialtjenesteloven §§ 18, 20, 20 a and forvaltningsloven § 11 a.
    assert checked_links >= 4
    assert not problems, "\n".join(sorted(set(problems))[:40])


def test_the_crawl_finds_a_reference_that_is_not_a_link() -> None:
    problems, _links = references_on("<p>Etter sosialtjenesteloven § 18 har du rett.</p>")
    assert problems and "§ 18" in problems[0]
    problems, _links = references_on('<label>Samtykke (§ 22)</label><a href="/lov/stl-18/">x</a>')
    assert problems == ["no explanation link on the page for stl-22: 'Samtykke (§ 22)'"]
    problems, links = references_on('<p><a href="/lov/stl-20a/">§ 20 a</a></p>')
    assert problems == [] and links == {"/lov/stl-20a/"}
    # A letter preview is the letter as sent: left out.
    assert references_on('<div class="navet-letter-preview"><p>§ 18</p></div>')[0] == []


@pytest.mark.django_db
def test_a_reference_with_no_explanation_is_not_linked_and_fails_the_crawl() -> None:
    html = str(link_references("Se domstolloven § 148 og sosialtjenesteloven § 99."))
    assert "<a" not in html
    assert len(references_on(f"<p>{html}</p>")[0]) == 2


def test_the_filter_links_references_with_the_right_key() -> None:
    html = str(
        link_references(
            "Du må klage innen tre uker (forvaltningsloven §§ 28 og 29). "
            "Vilkår (§ 20 a) etter sosialtjenesteloven § 20. <b>"
        )
    )
    assert f'href="{reverse("law:reference", args=["fvl-28"])}"' in html
    assert '<a href="/lov/fvl-29/" class="aksel-link navet-legal-reference">29</a>' in html
    assert ">§ 20 a</a>" in html
    assert ">sosialtjenesteloven § 20</a>" in html
    assert "&lt;b&gt;" in html  # plain text is escaped first
    # Inside a link, a label or an option nothing is linked again.
    assert (
        link_references(
            __import__("django.utils.safestring").utils.safestring.mark_safe(
                '<label>§ 18</label><option>§ 19</option><a href="/x">§ 20</a>'
            )
        ).count("<a")
        == 1
    )


def test_every_explanation_is_complete_and_dated() -> None:
    references = all_references()
    assert {"stl-1", "stl-18", "stl-19", "stl-20", "stl-20a", "fvl-11a", "fvl-28"} <= {
        r.key for r in references
    }
    for reference in references:
        assert reference.url.startswith("https://lovdata.no/lov/")
        for language in ("nb", "nn", "en"):
            sentences = [s for s in re.split(r"[.!?](?:\s|$)", reference.text[language]) if s]
            assert 2 <= len(sentences) <= 4, (reference.key, language)
    assert explanation("stl-18").url == "https://lovdata.no/lov/2009-12-18-131/§18"  # type: ignore[union-attr]
    assert [f.key for f in find_references("fvl. § 11 a og § 22")] == ["fvl-11a", "stl-22"]


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_explanation_page_speaks_the_readers_language(world: World, language: str) -> None:
    employee = world.caseworker_oslo
    employee.language = language
    employee.save(update_fields=["language"])
    page = client_for(employee).get("/lov/stl-20a/").content.decode()
    text = explanation("stl-20a").text[language]  # type: ignore[union-attr]
    assert text.split(" ")[0] in page
    assert "https://lovdata.no/lov/2009-12-18-131/§20a" in page
    assert client_for(employee).get("/lov/stl-999/").status_code == 404


def test_the_portal_pages_show_no_unexplained_reference(world: World) -> None:
    """The citizen's portal (the pages tests/test_every_page_speaks.py visits) shows no
    legal reference today; one added there must be a link too (and /lov/ then needs to be
    open to citizens, which it is not yet)."""
    from tests.browser.test_citizen_portal import _person_with_a_decided_application
    from tests.conftest import citizen_client

    person = _person_with_a_decided_application(world)
    application = person.applications.get()
    citizen = citizen_client(person)
    pages = [
        "/min-side/",
        "/min-side/soknader/",
        f"/min-side/soknader/{application.pk}/",
        "/min-side/meldinger/",
        "/min-side/varsler/",
        "/min-side/utbetalinger/",
        "/min-side/sok/",
    ]
    checked = 0
    for url in pages:
        response = citizen.get(url)
        if response.status_code != 200:
            continue
        checked += 1
        problems, links = references_on(response.content.decode())
        assert not problems and not links, (url, problems)
    assert checked >= 5
