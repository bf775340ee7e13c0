"""The caseload: counters that are also filters, the scope (mine, the office's), filters
and sorting, saved filters that hold only filter keys, bulk assignment as one audited
action, tasks that close when what they are about is done, and query counts that do not
grow with the rows."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from navet.applications.models import DocumentationRequest, RequestedDocument
from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction
from navet.caseload import queries
from navet.caseload.filters import COUNTERS, Moment
from navet.dialog import actions as dialog_actions
from navet.followup import actions
from navet.followup.models import FollowUp, SavedFilter
from navet.people.models import Person
from tests.conftest import World, client_for
from tests.factories import make_application, make_person
from tests.queries import assert_queries_flat

URL = "/portefolje/"


def _in_follow_up(world: World, n: int, **person: Any) -> Person:
    found = make_person(office=world.oslo, family_name=f"Portefølje{n:02d}", **person)
    actions.ensure_follow_up(found)
    return found


def _heading_count(content: str) -> int:
    match = re.search(r'id="list-heading">(\d+) person', content)
    assert match is not None
    return int(match.group(1))


def test_every_counter_equals_its_list_in_both_scopes(world: World) -> None:
    me = world.caseworker_oslo
    waiting = _in_follow_up(world, 1)
    dialog_actions.person_starts_thread(
        person=waiting, subject="Husleie", body="Hei", application=None
    )
    old = _in_follow_up(world, 2, birth_date=timezone.localdate() - timedelta(days=365 * 22))
    application = make_application(person=old)
    application.received_at = timezone.now() - timedelta(days=40)
    application.save()
    request = DocumentationRequest.objects.create(
        application=application, deadline=timezone.localdate() - timedelta(days=1)
    )
    RequestedDocument.objects.create(request=request, reference="D1", document_type="Husleie")
    actions.assign_caseworker(persons=[waiting], caseworker=me, employee=world.leader_oslo)
    client = client_for(me)
    for scope in ("mine", "kontor"):
        page = client.get(f"{URL}?omfang={scope}").content.decode()
        totals = queries.counts(me, queries.Selection(scope=scope), Moment.of(me))
        for counter in COUNTERS:
            if counter.key not in totals:
                continue
            listed = client.get(f"{URL}?omfang={scope}&teller={counter.key}").content.decode()
            assert _heading_count(listed) == totals[counter.key], (scope, counter.key)
            assert f'{counter.label} <span class="navet-chip-count">{totals[counter.key]}' in page
    office = queries.counts(me, queries.Selection(scope="kontor"), Moment.of(me))
    assert office["ufordelte"] == 1 and office["nye"] == 1 and office["venter-nav"] == 1
    assert office["dokumentasjon"] == 1 and office["ubesvart"] == 1
    under_25 = client.get(f"{URL}?omfang=kontor&filter=under-25").content.decode()
    assert _heading_count(under_25) == 1 and "Portefølje02" in under_25


def test_opening_the_person_clears_new_for_me(world: World) -> None:
    person = _in_follow_up(world, 1)
    actions.assign_caseworker(
        persons=[person], caseworker=world.caseworker_oslo, employee=world.leader_oslo
    )
    assert FollowUp.objects.get(person=person).new_for_caseworker
    client_for(world.caseworker_oslo).get(person.get_absolute_url())
    assert not FollowUp.objects.get(person=person).new_for_caseworker


def test_bulk_assignment_is_one_audited_action_and_refuses_strangers(world: World) -> None:
    persons = [_in_follow_up(world, n) for n in range(3)]
    leader = client_for(world.leader_oslo)
    response = leader.post(
        reverse("caseload:assign"),
        {
            "person": [str(p.pk) for p in persons],
            "caseworker": world.caseworker_oslo.pk,
            "back": "omfang=kontor&teller=ufordelte",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?omfang=kontor&teller=ufordelte"
    assert Person.objects.filter(caseworker=world.caseworker_oslo).count() == 3
    events = AuditEvent.objects.of_action(AuditAction.FOLLOW_UP_ASSIGNED)
    assert events.count() == 3 and {e.data["count"] for e in events} == {3}
    # One person of another office in the list: nobody is assigned.
    stranger = make_person(office=world.bergen, family_name="Fremmed")
    actions.ensure_follow_up(stranger)
    leader.post(
        reverse("caseload:assign"),
        {"person": [str(persons[0].pk), str(stranger.pk)], "caseworker": "0"},
    )
    assert Person.objects.get(pk=persons[0].pk).caseworker == world.caseworker_oslo
    assert Person.objects.get(pk=stranger.pk).caseworker is None
    # A made-up id changes nothing either, and says so.
    bad = leader.post(reverse("caseload:assign"), {"person": ["ikke-en-id"], "caseworker": "0"})
    assert bad.status_code == 302 and events.count() == 3


def test_saved_filters_hold_only_filter_keys(world: World) -> None:
    client = client_for(world.caseworker_oslo)
    client.post(
        reverse("caseload:save-filter"),
        {"name": "Unge med barn", "query": "omfang=kontor&filter=under-25&filter=barn&side=3"},
    )
    saved = SavedFilter.objects.get()
    assert saved.query == "omfang=kontor&filter=barn&filter=under-25"
    page = client.get(URL).content.decode()
    assert "Unge med barn" in page
    # A name or a fødselsnummer is not a filter: refused, and nothing saved.
    for query in ("navn=Kari", "filter=12345678901", "veileder=Kari"):
        response = client.post(reverse("caseload:save-filter"), {"name": "X", "query": query})
        assert response.status_code == 400, query
    assert SavedFilter.objects.count() == 1
    for bad in ("teller=alt", "omfang=alle", "sorter=fnr", "side=-1", "veileder=²"):
        assert client.get(f"{URL}?{bad}").status_code == 400, bad
    other = client_for(world.caseworker_bergen)
    assert other.post(reverse("caseload:delete-filter", args=[saved.pk])).status_code == 404


def test_the_list_sorts_and_pages(world: World) -> None:
    people = [_in_follow_up(world, n) for n in range(3)]
    client = client_for(world.caseworker_oslo)
    page = client.get(f"{URL}?omfang=kontor&sorter=-navn").content.decode()
    positions = [page.index(p.full_name) for p in people]
    assert positions == sorted(positions, reverse=True)
    assert 'aria-sort="descending"' in page


def test_query_counts_do_not_grow_with_the_rows(world: World) -> None:
    client = client_for(world.caseworker_oslo)

    def add(n: int) -> None:
        person = _in_follow_up(world, n)
        dialog_actions.person_starts_thread(
            person=person, subject="Spørsmål", body="Hei", application=None
        )
        actions.plan_meeting(
            person=person,
            employee=world.caseworker_oslo,
            starts_at=timezone.now() + timedelta(hours=1),
            minutes_long=30,
            channel="phone",
            place="",
            participants="",
            agenda="Samtale",
        )

    assert_queries_flat(client, f"{URL}?omfang=kontor", add, bound=16)
    assert_queries_flat(client, f"{URL}?omfang=kontor&teller=venter-nav", lambda n: None, bound=16)


def test_tasks_close_when_what_they_are_about_is_done(world: World) -> None:
    me = world.caseworker_oslo
    person = _in_follow_up(world, 1)
    actions.assign_caseworker(persons=[person], caseworker=me, employee=me)
    thread = dialog_actions.person_starts_thread(
        person=person, subject="Husleie", body="Hei", application=None
    )
    meeting = actions.plan_meeting(
        person=person,
        employee=me,
        starts_at=timezone.now() - timedelta(hours=2),
        minutes_long=30,
        channel="phone",
        place="",
        participants="",
        agenda="Oppfølging av budsjettet",
    )
    client = client_for(me)
    tasks = client.get(reverse("caseload:tasks")).content.decode()
    assert "Melding venter på svar fra Nav" in tasks and "Møte uten referat" in tasks
    dialog_actions.office_replies(thread=thread, employee=me, body="Vi ser på det.", done=False)
    actions.write_minutes(meeting=meeting, employee=me, text="Referat.", share=False)
    tasks = client.get(reverse("caseload:tasks")).content.decode()
    assert "Melding venter på svar fra Nav" not in tasks and "Møte uten referat" not in tasks
    # The caseworker's own reminder: added on the person page, marked done there.
    due = (timezone.localdate() + timedelta(days=1)).strftime("%d.%m.%Y")
    client.post(
        reverse("people:person-reminder", args=[person.pk]),
        {"oppgave-text": "Ring utleier", "oppgave-due_on": due},
    )
    assert "Ring utleier" in client.get(reverse("caseload:tasks")).content.decode()
    page = client.get(person.get_absolute_url()).content.decode()
    assert "Marker «Ring utleier» som gjort" in page
    task = person.tasks.get()
    client.post(reverse("people:reminder-done", args=[task.pk]))
    assert "Ring utleier" not in client.get(reverse("caseload:tasks")).content.decode()
    past = (timezone.localdate() - timedelta(days=1)).strftime("%d.%m.%Y")
    client.post(
        reverse("people:person-reminder", args=[person.pk]),
        {"oppgave-text": "For sent", "oppgave-due_on": past},
    )
    assert person.tasks.count() == 1


def test_an_office_counter_in_my_scope_is_a_bad_request(world: World) -> None:
    client = client_for(world.caseworker_oslo)
    assert client.get(f"{URL}?teller=ufordelte").status_code == 400
    assert client.get(f"{URL}?omfang=kontor&teller=ufordelte").status_code == 200


def test_persons_are_not_given_a_caseworker_who_may_not_see_them(world: World) -> None:
    protected = world.fortrolig_oslo
    actions.ensure_follow_up(protected)
    leader = client_for(world.caseworker_confidential)
    response = leader.post(
        reverse("caseload:assign"),
        {"person": [str(protected.pk)], "caseworker": world.caseworker_oslo.pk},
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=protected.pk).caseworker is None
    assert not AuditEvent.objects.of_action(AuditAction.FOLLOW_UP_ASSIGNED).exists()


def test_the_programme_is_set_on_the_person_page_and_filters_the_caseload(world: World) -> None:
    person = _in_follow_up(world, 1)
    _in_follow_up(world, 2)
    client = client_for(world.caseworker_oslo)
    response = client.post(
        reverse("people:person-programme", args=[person.pk]), {"program-programme": "kvp"}
    )
    assert response.status_code == 302
    assert FollowUp.objects.get(person=person).programme == "kvp"
    assert AuditEvent.objects.of_action(AuditAction.FOLLOW_UP_PROGRAMME_SET).count() == 1
    listed = client.get(f"{URL}?omfang=kontor&filter=program").content.decode()
    assert _heading_count(listed) == 1 and person.full_name in listed
    assert "Kvalifiseringsprogrammet" in client.get(person.get_absolute_url()).content.decode()
    bad = client.post(
        reverse("people:person-programme", args=[person.pk]), {"program-programme": "x"}
    )
    assert bad.status_code == 302 and FollowUp.objects.get(person=person).programme == "kvp"
