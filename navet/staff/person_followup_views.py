"""The person page's follow-up panel (the mapping, the plan, the journal, meetings and
tasks as parts of the whole picture), and its actions: start or end follow-up, add a
reminder, mark a reminder done."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from navet.access.permissions import get_person_for_user, read_of_person
from navet.caseload.filters import Moment
from navet.caseload.tasks import open_tasks
from navet.core.http import AuthedRequest
from navet.core.models import Employee
from navet.followup import actions
from navet.followup.forms import norwegian_date
from navet.followup.models import (
    ENDED,
    Activity,
    FollowUp,
    Goal,
    Mapping,
    Meeting,
    Programme,
    Task,
)
from navet.followup.presenters import day, moment
from navet.followup.situation import Situation
from navet.people.models import Person
from navet.staff.caseload_views import task_rows


class ReminderForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Hva skal gjøres?"), max_length=200)
    due_on = norwegian_date(gettext_lazy("Frist"))

    def clean_due_on(self) -> date:
        due: date = self.cleaned_data["due_on"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("Fristen kan ikke være tilbake i tid."))
        return due


class ProgrammeForm(forms.Form):
    programme = forms.ChoiceField(
        label=gettext_lazy("Program"), choices=Programme.choices, required=False
    )


class EndForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Hvorfor avsluttes oppfølgingen?"), max_length=500)


def followup_context(
    person: Person, employee: Employee, reminder_form: ReminderForm | None = None
) -> dict[str, Any]:
    """What the person page shows of the follow-up (a bounded number of queries)."""
    today = timezone.localdate()
    follow_up = FollowUp.objects.filter(person=person).first()
    goal = Goal.objects.filter(plan__person=person).order_by("-number").first()
    activities = (
        Activity.objects.of_person(person)
        .exclude(status__in=ENDED)
        .aggregate(
            open=Count("pk"),
            # As the caseload counts them: agreed, and past the deadline.
            overdue=Count("pk", filter=Q(to_date__lt=today, agreed_at__isnull=False)),
        )
    )
    mapped_on = (
        Mapping.objects.filter(person=person)
        .order_by("-number")
        .values_list("made_on", flat=True)
        .first()
    )
    situation_on = (
        Situation.objects.filter(person=person)
        .newest_first()
        .values_list("recorded_on", flat=True)
        .first()
    )
    next_meeting = (
        Meeting.objects.of_person(person)
        .filter(cancelled_at__isnull=True, starts_at__gte=timezone.now())
        .soonest_first()
        .values_list("starts_at", flat=True)
        .first()
    )
    items = open_tasks(Q(pk=person.pk), Moment.of(employee), assignee_mine=False)
    facts: list[tuple[str, Any]] = [
        (
            _("I oppfølging"),
            _("Siden %(day)s") % {"day": day(timezone.localdate(follow_up.started_at))}
            if follow_up and follow_up.ended_at is None
            else _("Ikke i oppfølging"),
        ),
        (_("Veileder"), person.caseworker.name if person.caseworker else _("Ufordelt")),
        (
            _("Program"),
            follow_up.get_programme_display() if follow_up and follow_up.programme else _("Ingen"),
        ),
        (_("Målet"), goal.text if goal else _("Ikke skrevet")),
        (
            _("Aktiviteter"),
            _("%(open)s åpne, %(overdue)s avtalte med passert frist") % activities,
        ),
        (
            _("Kartlagt"),
            day(mapped_on) if mapped_on else _("Ikke kartlagt"),
        ),
        (_("Neste møte"), moment(next_meeting) if next_meeting else _("Ingen avtalt")),
        (
            _("Situasjon ved siste kontakt"),
            day(situation_on) if situation_on else _("Ikke registrert"),
        ),
    ]
    return {
        "followup_facts": facts,
        "in_follow_up": bool(follow_up and follow_up.ended_at is None),
        "task_columns": [_("Frist"), _("Type"), _("Hva")],
        "task_rows": task_rows(items, today, with_person=False),
        "reminders": [item for item in items if item.target == "task"],
        "reminder_form": reminder_form or ReminderForm(prefix="oppgave"),
        "end_form": EndForm(prefix="avslutt"),
        "programme_form": ProgrammeForm(
            prefix="program", initial={"programme": follow_up.programme if follow_up else ""}
        ),
    }


@require_POST
def start(request: AuthedRequest, person_id: UUID) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    actions.start_follow_up(person=person, employee=request.employee)
    messages.success(request, _("Personen er i oppfølging og står i kontorets portefølje."))
    return redirect(f"{person.get_absolute_url()}#oppfolging")


@require_POST
def end(request: AuthedRequest, person_id: UUID) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    form = EndForm(request.POST, prefix="avslutt")
    if not form.is_valid():
        messages.error(request, _("Skriv hvorfor oppfølgingen avsluttes."))
        return redirect(f"{person.get_absolute_url()}#oppfolging")
    actions.end_follow_up(
        person=person, employee=request.employee, reason=form.cleaned_data["reason"]
    )
    messages.success(request, _("Oppfølgingen er avsluttet."))
    return redirect(f"{person.get_absolute_url()}#oppfolging")


@require_POST
def programme(request: AuthedRequest, person_id: UUID) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    form = ProgrammeForm(request.POST, prefix="program")
    if not form.is_valid():
        messages.error(request, _("Velg et program fra listen."))
        return redirect(f"{person.get_absolute_url()}#oppfolging")
    actions.set_programme(
        person=person, employee=request.employee, programme=form.cleaned_data["programme"]
    )
    messages.success(request, _("Programmet er lagret."))
    return redirect(f"{person.get_absolute_url()}#oppfolging")


@require_POST
def add_reminder(request: AuthedRequest, person_id: UUID) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    form = ReminderForm(request.POST, prefix="oppgave")
    if not form.is_valid():
        errors = "; ".join(str(e) for field in form.errors.values() for e in field)
        messages.error(request, _("Påminnelsen er ikke lagret: %(errors)s") % {"errors": errors})
        return redirect(f"{person.get_absolute_url()}#oppgaver")
    actions.add_task(
        person=person,
        employee=request.employee,
        text=form.cleaned_data["text"],
        due_on=form.cleaned_data["due_on"],
        assignee=person.caseworker or request.employee,
    )
    messages.success(request, _("Påminnelsen er lagret."))
    return redirect(f"{person.get_absolute_url()}#oppgaver")


@require_POST
def finish_reminder(request: AuthedRequest, task_id: UUID) -> HttpResponse:
    task = Task.objects.select_related("person").filter(pk=task_id).first()
    if task is None:
        raise Http404
    read_of_person(request, task.person, task)
    actions.finish_task(task=task, employee=request.employee)
    messages.success(request, _("Påminnelsen er gjort."))
    return redirect(f"{task.person.get_absolute_url()}#oppgaver")
