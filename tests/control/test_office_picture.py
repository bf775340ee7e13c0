"""The leader's internal control: every figure is the count of the list behind it (page and
CSV), the figures that should be zero say so, only leaders see it, every list is audited,
and the queries do not grow with the office."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction
from navet.control.figures import FIGURES, Scope, counts
from navet.dialog import actions as dialog_actions
from tests.conftest import World, client_for
from tests.factories import make_application, make_case, make_decision, make_person
from tests.queries import assert_queries_flat

URL = "/kontoret/"


def _list_count(client: Any, key: str) -> int:
    page = client.get(reverse("control:list", args=[key])).content.decode()
    match = re.search(r">(\d+) linjer?<", page)
    assert match is not None, key
    return int(match.group(1))


def _some_office(world: World, n: int) -> None:
    person = make_person(office=world.oslo, family_name=f"Kontroll{n}")
    application = make_application(person=person)
    application.received_at = timezone.now() - timedelta(days=45)
    application.children = [{"birth_date": "2018-05-01"}]
    application.save()
    make_decision(
        case=make_case(application=application),
        drafted_by=world.caseworker_oslo,
        state="made",
        outcome="INNVILGET",
        children_assessment="",
    )
    dialog_actions.person_starts_thread(
        person=person, subject="Spørsmål", body="Hei", application=None
    )


def test_every_figure_is_the_count_of_its_list(world: World) -> None:
    for n in range(2):
        _some_office(world, n)
    leader = world.leader_oslo
    client = client_for(leader)
    totals = counts(Scope.of(leader))
    page = client.get(URL).content.decode()
    for figure in FIGURES:
        assert _list_count(client, figure.key) == totals[figure.key], figure.key
        assert reverse("control:list", args=[figure.key]) in page
    assert totals["uten-barnas-situasjon"] == 2 and totals["meldinger"] == 2
    assert totals["uten-forelopig-svar"] == 2
    assert "Skal være null" in page


def test_the_csv_has_the_same_lines_and_is_audited(world: World) -> None:
    _some_office(world, 1)
    client = client_for(world.leader_oslo)
    response = client.get(reverse("control:list", args=["meldinger"]) + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8")  # type: ignore[attr-defined]
    lines = body.lstrip("\ufeff").strip().splitlines()
    assert lines[0] == "Melding;Person;Siste melding;Status"
    assert len(lines) - 1 == counts(Scope.of(world.leader_oslo))["meldinger"] == 1
    assert "Kontroll1" in lines[1]
    assert AuditEvent.objects.of_action(AuditAction.PERSON_LISTED).exists()


def test_only_leaders_see_it(world: World) -> None:
    for employee in (world.caseworker_oslo, world.admin):
        client = client_for(employee)
        assert client.get(URL).status_code == 403
        assert client.get(reverse("control:list", args=["apne"])).status_code == 403
    assert client_for(world.leader_oslo).get("/kontoret/finnes-ikke/").status_code == 404


def test_queries_do_not_grow_with_the_office(world: World) -> None:
    client = client_for(world.leader_oslo)
    assert_queries_flat(client, URL, lambda n: _some_office(world, n), bound=25)
    assert_queries_flat(
        client, reverse("control:list", args=["uten-barnas-situasjon"]), lambda n: None, bound=14
    )


def test_percentiles_by_nearest_rank() -> None:
    from navet.control.times import percentile

    assert percentile([], 0.5) is None
    assert percentile([7], 0.9) == 7
    days = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert percentile(days, 0.5) == 5 and percentile(days, 0.9) == 9
    assert percentile([1, 2, 3, 100], 0.9) == 100


def test_processing_times_by_month_and_the_list_behind_each(world: World) -> None:
    from navet.control.times import by_month

    now = timezone.now()
    for n, days in enumerate((3, 10, 30)):
        person = make_person(office=world.oslo, family_name=f"Tid{n}")
        application = make_application(person=person)
        application.received_at = now - timedelta(days=days)
        application.save()
        make_decision(
            case=make_case(application=application),
            drafted_by=world.caseworker_oslo,
            state="made",
            outcome="INNVILGET",
            made_at=now,
        )
    months = by_month(Scope.of(world.leader_oslo))
    assert len(months) == 12
    this = months[-1]
    assert (this.count, this.median, this.p90) == (3, 10, 30)
    client = client_for(world.leader_oslo)
    page = client.get(URL).content.decode()
    assert "<svg" in page and 'role="img"' in page and "90. persentil" in page
    listed = client.get(reverse("control:times", args=[this.first.strftime("%Y-%m")]))
    assert ">3 linjer<" in listed.content.decode()
    assert client.get("/kontoret/behandlingstid/2026-13/").status_code == 404


def test_a_drill_down_to_one_caseworker_counts_what_its_lists_show(world: World) -> None:
    mine = make_person(office=world.oslo, family_name="Tildelt")
    application = make_application(person=mine)
    application.caseworker = world.caseworker_oslo
    application.save()
    other = make_person(office=world.oslo, family_name="Annen")
    make_application(person=other)
    leader = world.leader_oslo
    client = client_for(leader)
    drilled = counts(Scope.of(leader, world.caseworker_oslo))
    whole = counts(Scope.of(leader))
    assert drilled["apne"] == 1 and whole["apne"] == 2
    query = f"?veileder={world.caseworker_oslo.pk}"
    page = client.get(URL + query).content.decode()
    assert f"/kontoret/apne/{query}" in page
    listed = client.get(reverse("control:list", args=["apne"]) + query).content.decode()
    assert ">1 linje<" in listed and "Tildelt" in listed and "Annen" not in listed
    # Someone who is not a caseworker of the leader's offices: not found.
    assert client.get(f"{URL}?veileder={world.caseworker_bergen.pk}").status_code == 404
    assert client.get(f"{URL}?veileder=x").status_code == 400


def test_a_months_decisions_download_as_csv(world: World) -> None:
    person = make_person(office=world.oslo, family_name="Tidsliste")
    application = make_application(person=person)
    make_decision(
        case=make_case(application=application),
        drafted_by=world.caseworker_oslo,
        state="made",
        outcome="INNVILGET",
        made_at=timezone.now(),
    )
    month = timezone.localdate().strftime("%Y-%m")
    response = client_for(world.leader_oslo).get(
        reverse("control:times", args=[month]) + "?format=csv"
    )
    body = b"".join(response.streaming_content).decode("utf-8")  # type: ignore[attr-defined]
    lines = body.lstrip("\ufeff").strip().splitlines()
    assert lines[0] == "Vedtak;Person;Mottatt;Fattet;Dager" and len(lines) == 2
    assert "Tidsliste" in lines[1]


def test_the_backlog_counts_what_was_open_at_each_months_end(world: World) -> None:
    from navet.applications import actions as app_actions
    from navet.control.times import backlog_by_month

    me = world.caseworker_oslo
    now = timezone.now()
    old = app_actions.register_application(
        person=make_person(office=world.oslo, family_name="Gammel"),
        office=world.oslo,
        channel="paper",
        received_at=now - timedelta(days=70),
        applied_for="Husleie",
        actor=me,
    )
    app_actions.register_application(
        person=make_person(office=world.oslo, family_name="Ny"),
        office=world.oslo,
        channel="paper",
        received_at=now,
        applied_for="Mat",
        actor=me,
    )
    app_actions.reject_application(application=old, actor=me, reason="Trukket")
    backlog = dict(backlog_by_month(Scope.of(world.leader_oslo)))
    this_month = timezone.localdate().replace(day=1)
    assert backlog[this_month] == 1  # the old one is finished now
    from navet.rules.dates import add_months

    last_month = add_months(this_month, -1)
    assert backlog[last_month] == 1  # the old one was open then, the new not yet received
    client = client_for(world.leader_oslo)
    page = client.get(reverse("control:backlog", args=[last_month.strftime("%Y-%m")]))
    assert ">1 linje<" in page.content.decode() and "Gammel" in page.content.decode()
    csv = client.get(
        reverse("control:backlog", args=[last_month.strftime("%Y-%m")]) + "?format=csv"
    )
    assert b"Gammel" in b"".join(csv.streaming_content)  # type: ignore[attr-defined]


def test_review_fixes_chart_numbers_bad_months_and_formulas(world: World) -> None:
    client = client_for(world.leader_oslo)
    # The chart's coordinates are plain numbers in bokmål too (never "77,8").
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert not re.search(r'(?:x|y|width|height|y1|y2)="\d+,\d', svg)
    for month in ("9999-12", "0001-01", "2026-13"):
        assert client.get(f"/kontoret/behandlingstid/{month}/").status_code == 404, month
        assert client.get(f"/kontoret/restanse/{month}/").status_code == 404, month
    person = make_person(office=world.oslo, family_name="Formel")
    dialog_actions.person_starts_thread(
        person=person, subject="=HYPERLINK(1)", body="Hei", application=None
    )
    response = client.get(reverse("control:list", args=["meldinger"]) + "?format=csv")
    body = b"".join(response.streaming_content).decode("utf-8")  # type: ignore[attr-defined]
    assert "'=HYPERLINK(1)" in body


def test_an_access_to_a_person_the_leader_may_not_see_is_not_listed(world: World) -> None:
    from navet.access.models import AccessOverride

    AccessOverride.objects.create(
        employee=world.caseworker_confidential,
        person=world.strengt_fortrolig_oslo,
        reason="Trenger å se saken nå",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    client = client_for(world.leader_oslo)
    listed = client.get(reverse("control:list", args=["tilganger"])).content.decode()
    assert world.strengt_fortrolig_oslo.family_name not in listed


def test_the_month_lists_are_paged_and_the_pages_add_up(world: World, monkeypatch: Any) -> None:
    from navet.staff import control_views

    monkeypatch.setattr(control_views, "PAGE_SIZE", 2)
    now = timezone.now()
    for n in range(5):
        application = make_application(
            person=make_person(office=world.oslo, family_name=f"Side{n}")
        )
        make_decision(
            case=make_case(application=application),
            drafted_by=world.caseworker_oslo,
            state="made",
            outcome="INNVILGET",
            made_at=now,
        )
    client = client_for(world.leader_oslo)
    month = timezone.localdate().strftime("%Y-%m")
    for name in ("control:times", "control:backlog"):
        url = reverse(name, args=[month])
        first = client.get(url).content.decode()
        total = int(re.search(r">(\d+) linjer?<", first).group(1))  # type: ignore[union-attr]
        last_page = int(re.search(r"Side 1 av (\d+)", first).group(1))  # type: ignore[union-attr]
        assert total >= 5 and last_page == (total + 1) // 2
        names: list[str] = []
        for page in range(1, last_page + 1):
            html = client.get(url, {"side": page}).content.decode()
            on_page = re.findall(r"Testperson\d+ Side\d", html)
            assert len(on_page) <= 2  # a page holds at most PAGE_SIZE lines
            names += on_page
        assert len(names) == len(set(names)) == 5, (name, names)
