"""Real browser tests: Playwright driving Debian's Chromium against Django's live server."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from navet.core.models import Employee

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package.")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser: Browser, live_server) -> Iterator[Callable[[], Page]]:  # type: ignore[no-untyped-def]
    contexts = []

    def make(bypass_csp: bool = False) -> Page:
        context = browser.new_context(base_url=live_server.url, bypass_csp=bypass_csp)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def log_in(page: Page, employee: Employee, password: str = "demo") -> None:
    page.goto("/logg-inn/")
    page.get_by_label("Brukernavn").fill(employee.user.get_username())
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(lambda url: "/logg-inn/" not in url)


def axe_violations(page: Page) -> list[dict[str, object]]:
    """Run axe-core in the page; return serious and critical violations."""
    # A click that submits a form may still be navigating when axe starts; axe then finds
    # no document (or its context is destroyed). Wait for the new page and run it there.
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            page.evaluate(AXE_JS)
            result = page.evaluate(
                """async () => await axe.run(document, {
                    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}
                })"""
            )
            break
        except PlaywrightError as error:
            navigating = "documentElement" in str(error) or "context was destroyed" in str(error)
            if attempt == 2 or not navigating:
                raise
            page.wait_for_timeout(200)
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
