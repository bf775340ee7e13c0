"""Demo messages: on the Oslo caseworker's first applications, a question waiting for Nav
(unread), a thread answered by the office and waiting for the person, and one done."""

from __future__ import annotations

from django.db import transaction

from navet.applications.models import Application
from navet.core.models import Employee
from navet.dialog import actions
from navet.dialog.models import Thread


def seed_threads(office_number: str, caseworker_username: str) -> int:
    me = Employee.objects.filter(user__username=caseworker_username).first()
    if me is None or Thread.objects.filter(office__number=office_number).exists():
        return 0
    applications = list(
        Application.objects.filter(office__number=office_number)
        .select_related("person")
        .order_by("received_at")[:3]
    )
    made = 0
    with transaction.atomic():
        for index, application in enumerate(applications):
            person = application.person
            if index == 0:
                actions.person_starts_thread(
                    person=person,
                    subject="Strømregningen",
                    body=(
                        "Hei. Jeg har fått en strømregning på 4 300 kroner som forfaller neste "
                        "uke.\nKan dere hjelpe meg med den?"
                    ),
                    application=application,
                )
            elif index == 1:
                thread = actions.person_starts_thread(
                    person=person,
                    subject="Husleiekontrakten",
                    body="Skal jeg sende hele kontrakten eller bare første side?",
                    application=application,
                )
                actions.office_replies(
                    thread=thread,
                    employee=me,
                    body="Send gjerne hele kontrakten, med alle sider. Du kan ta bilde av den.",
                    done=False,
                )
            else:
                thread = actions.office_writes(
                    employee=me,
                    person=person,
                    subject="Time hos veileder",
                    body="Vi har satt opp en samtale med deg tirsdag klokka 10. Passer det?",
                    application=application,
                )
                actions.person_replies(thread=thread, body="Ja, det passer fint.")
                actions.office_replies(
                    thread=thread, employee=me, body="Fint, vi ses på tirsdag.", done=True
                )
            made += 1
    return made
