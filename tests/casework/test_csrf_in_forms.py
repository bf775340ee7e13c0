"""Every POST form on the application pages carries its CSRF token (the test client does
not check CSRF, so a form included with `only` and without the token would pass view tests
and fail in a browser)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from navet.applications import actions as app_actions
from navet.decisions import actions
from tests.conftest import World, client_for

TABS = [
    "application-detail",
    "application-attachments",
    "application-calculation",
    "application-assessment",
    "application-decisions",
    "application-letters",
]
FORM = re.compile(r"<form\b[^>]*method=\"post\"[^>]*>(.*?)</form>", re.S | re.I)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.mark.parametrize("with_draft", [False, True])
def test_every_post_form_has_a_csrf_token(world: World, with_draft: bool) -> None:
    me = world.caseworker_oslo
    application = app_actions.register_application(
        person=world.citizen_oslo,
        office=world.oslo,
        channel="paper",
        received_at=timezone.now(),
        applied_for="Husleie",
        actor=me,
        caseworker=me,
    )
    app_actions.start_processing(application=application, actor=me)
    if with_draft:
        actions.start_decision(case=application.cases.get(), actor=me)
    client = client_for(me)
    forms = 0
    for tab in TABS:
        html = client.get(reverse(f"applications:{tab}", args=[application.pk])).content.decode()
        for body in FORM.findall(html):
            forms += 1
            assert TOKEN.search(body), f"{tab}: a POST form without its CSRF token"
    assert forms > 5
