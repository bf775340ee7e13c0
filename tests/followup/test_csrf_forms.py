"""Every POST form on the follow-up pages, staff and portal, carries its CSRF token (the
test client does not check CSRF: a form included with `only` without the token passes
view tests and fails in a browser)."""

from __future__ import annotations

from django.urls import reverse

from tests.browser.test_accessibility import PAGES
from tests.casework.test_csrf_in_forms import FORM, TOKEN
from tests.conftest import World, citizen_client, client_for

STAFF = [
    "caseload:caseload",
    "caseload:tasks",
    "people:person-plan",
    "plan:activity",
    "people:person-mapping",
    "people:person-detail",
    "people:person-journal",
    "people:person-meetings",
    "meetings:meeting",
    "journal:note",
]


def _forms(html: str, where: str) -> int:
    found = FORM.findall(html)
    for body in found:
        assert TOKEN.search(body), f"{where}: a POST form without its CSRF token"
    return len(found)


def test_every_post_form_on_the_follow_up_pages_has_its_token(world: World) -> None:
    staff = client_for(world.caseworker_oslo)
    forms = 0
    for name in STAFF:
        _persona, build = PAGES[name]
        forms += _forms(staff.get(build(world)).content.decode(), name)
    activity = PAGES["plan:activity"][1](world)  # makes the person's activity
    portal = citizen_client(world.citizen_oslo)
    activity_id = activity.rstrip("/").rsplit("/", 1)[-1]
    for url in (
        reverse("citizen:plan"),
        reverse("citizen:activity-new"),
        reverse("citizen:mapping"),
        reverse("citizen:activity", args=[activity_id]),
    ):
        forms += _forms(portal.get(url).content.decode(), url)
    assert forms > 15
