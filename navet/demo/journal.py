"""Demo follow-up: for the persons of the caseworker's first applications, a conversation
shared with the person, a phone call kept for the office and a meeting in three days; and
the office's applicants in follow-up, with goals, activities, mappings, meetings and tasks
(seed_follow_up)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from navet.applications.models import Application
from navet.core.models import Employee
from navet.followup import actions, mapping, plan_actions
from navet.followup.life_areas import areas_for_office
from navet.followup.models import FollowUp, JournalNote, Mapping
from navet.people.models import Person


def seed_notes(office_number: str, caseworker_username: str) -> int:
    me = Employee.objects.filter(user__username=caseworker_username).first()
    if me is None or JournalNote.objects.filter(office__number=office_number).exists():
        return 0
    applications = list(
        Application.objects.filter(office__number=office_number)
        .select_related("person", "office")
        .order_by("received_at")[:3]
    )
    made = 0
    with transaction.atomic():
        for application in applications:
            received = timezone.localdate(application.received_at)
            actions.write_note(
                person=application.person,
                employee=me,
                kind="conversation",
                happened_on=received,
                title="Samtale om søknaden",
                text=(
                    "Vi gikk gjennom søknaden sammen. Personen ønsker hjelp til å lage en "
                    "budsjettplan, og vi avtalte en ny samtale om to uker."
                ),
                application=application,
                share=True,
            )
            actions.write_note(
                person=application.person,
                employee=me,
                kind="phone",
                happened_on=received,
                title="Telefon fra utleier",
                text="Utleier ringte og spurte om husleien for neste måned blir betalt.",
                application=application,
            )
            made += 2
        if applications:
            actions.plan_meeting(
                person=applications[0].person,
                employee=me,
                starts_at=timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
                + timedelta(days=3),
                minutes_long=45,
                channel="in_person",
                place=f"{applications[0].office.name}, 2. etasje",
                participants="Personen og veilederen",
                agenda="Budsjett for neste måned, og hjelp til å skrive CV.",
            )
    return made


GOALS = [
    "Jeg vil ha en fast jobb i butikk innen sommeren, og klare regningene selv.",
    "Jeg vil ha et trygt sted å bo for meg og barna.",
    "Jeg vil lære meg norsk godt nok til å ta fagbrev.",
]


def seed_follow_up(office_number: str, caseworker_username: str) -> int:
    """The office's applicants in follow-up: most with the caseworker, two unassigned and
    one new for her; for the first three a goal, activities (one agreed and overdue), a
    mapping (with the children's situation where there are children), the person's own
    answers for the next, a meeting today, one held without minutes, minutes not shared,
    and a reminder. Conditions of their decisions are in their plans already."""
    me = Employee.objects.filter(user__username=caseworker_username).first()
    if me is None or Mapping.objects.filter(person__office__number=office_number).exists():
        return 0
    persons = list(
        {
            a.person_id: a.person
            for a in Application.objects.filter(office__number=office_number)
            .select_related("person", "office")
            .order_by("received_at")
        }.values()
    )
    if not persons:
        return 0
    today = timezone.localdate()
    now = timezone.localtime()

    def nth(index: int) -> Person:  # a small demo may have fewer than three applicants
        return persons[index % len(persons)]

    with transaction.atomic():
        for person in persons:
            actions.ensure_follow_up(person)
        actions.assign_caseworker(persons=persons[:-2], caseworker=me, employee=me)
        FollowUp.objects.filter(person=nth(1)).update(new_for_caseworker=True)
        areas = areas_for_office(persons[0].office_id)[:6]
        for index, person in enumerate(persons[:3]):
            plan_actions.set_goal(person=person, text=GOALS[index], read_number=0)
            plan_actions.add_activity(
                person=person,
                employee=me,
                kind="job_search",
                title="Søke på fem jobber i uka",
                description="Butikk, lager og kantine. Ta med søknadene til neste samtale.",
                from_date=today - timedelta(days=21),
                to_date=today - timedelta(days=2) if index == 0 else today + timedelta(days=21),
                agreed=True,
            )
            plan_actions.add_activity(
                person=person,
                kind="own",
                title="Gå tur hver morgen",
                description="For å få en fast rytme i hverdagen.",
            )
            children = mapping.children_of(person, today)
            mapping.save_mapping(
                person=person,
                employee=me,
                read_number=0,
                made_on=today - timedelta(days=14),
                children_situation=(
                    "Barna går i barnehage og skole og har det bra. Trenger vinterklær."
                    if children
                    else ""
                ),
                summary="Husleierestanse og ønske om arbeid. Motivert.",
                entries={
                    area.key: {
                        "rating": 2 + (position % 3),
                        "person_words": "Det går litt opp og ned." if position == 0 else "",
                        "caseworker_note": "",
                        "resources": "God støtte fra søsteren." if position == 7 else "",
                        "obstacles": "Husleierestanse." if position == 0 else "",
                        "wants_help": position == 0,
                    }
                    for position, area in enumerate(areas)
                },
            )
        mapping.answer(
            person=persons[0],
            answers={
                areas[0].key: {"rating": 3, "words": "Har betalt ned litt.", "wants_help": True}
            },
        )
        at_ten = now.replace(hour=10, minute=0, second=0, microsecond=0)
        actions.plan_meeting(
            person=nth(1),
            employee=me,
            starts_at=now.replace(hour=14, minute=0, second=0, microsecond=0),
            minutes_long=30,
            channel="phone",
            place="",
            participants="Personen og veilederen",
            agenda="Hvordan det går med jobbsøkingen.",
        )
        held = actions.plan_meeting(
            person=nth(2),
            employee=me,
            starts_at=at_ten - timedelta(days=7),
            minutes_long=60,
            channel="in_person",
            place=f"{nth(2).office.name}, møterom 3",
            participants="Personen, veilederen og en tolk",
            agenda="Kartlegging og plan.",
        )
        actions.write_minutes(
            meeting=held,
            employee=me,
            text="Vi kartla situasjonen og avtalte jobbsøking. Tolk var til stede.",
            share=False,
        )
        actions.plan_meeting(
            person=persons[0],
            employee=me,
            starts_at=at_ten - timedelta(days=2),
            minutes_long=45,
            channel="video",
            place="",
            participants="Personen og veilederen",
            agenda="Oppfølging av budsjettet.",
        )
        actions.add_task(
            person=persons[0],
            employee=me,
            text="Ring utleier om husleien",
            due_on=today + timedelta(days=1),
            assignee=me,
        )
    return len(persons)
