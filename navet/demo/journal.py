"""Demo journal notes: for the persons of the Oslo caseworker's first applications, a
conversation shared with the person and a phone call kept for the office; and a meeting in
three days with the first of them."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from navet.applications.models import Application
from navet.core.models import Employee
from navet.followup import actions
from navet.followup.models import JournalNote


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
