"""The person's situation at the last contact (KOSTRA 11F), recorded where the caseworker
works: a form checked against SSB's rules, and the earlier records."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from navet.access.permissions import get_person_for_user
from navet.core.http import AuthedRequest
from navet.followup import actions
from navet.followup.forms import SituationForm
from navet.followup.presenters import day
from navet.followup.situation import Situation

HISTORY = 10


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


@require_http_methods(["GET", "POST"])
def person_situation(request: AuthedRequest, person_id: UUID) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    history = list(
        Situation.objects.filter(person=person)
        .newest_first()
        .select_related("recorded_by")[:HISTORY]
    )
    initial: dict[str, Any] = {"recorded_on": timezone.localdate().strftime("%d.%m.%Y")}
    if history:
        last = history[0]
        initial |= {
            "civil_status": last.civil_status,
            "main_income": last.main_income,
            "benefit": last.benefit,
            "work": last.work,
            "housing": last.housing,
            "financial_counselling": _yes_no(last.financial_counselling),
            "individual_plan": _yes_no(last.individual_plan),
        }
    form = SituationForm(request.POST or None, birth_date=person.birth_date, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            actions.record_situation(
                person=person, employee=request.employee, values=form.cleaned_data
            )
            messages.success(request, _("Situasjonen er lagret."))
            return redirect("people:person-situation", person_id=person.pk)
    rows = [
        [
            day(s.recorded_on),
            s.get_main_income_display(),
            s.get_benefit_display(),
            s.get_work_display(),
            s.get_housing_display(),
            s.recorded_by.name,
        ]
        for s in history
    ]
    context = {
        "person": person,
        "form": form,
        "columns": [
            _("Dato"),
            _("Kilde til livsopphold"),
            _("Trygd"),
            _("Arbeid"),
            _("Bolig"),
            _("Registrert av"),
        ],
        "rows": rows,
    }
    return render(request, "followup/person_situation.html", context, status=status)
