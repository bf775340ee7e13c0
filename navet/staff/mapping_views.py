"""The mapping of a person's situation (staff): the areas of life with the person's own
rating and words (taken from the portal when the person has answered there), the
caseworker's note, resources, obstacles and wishes for help; saved as a new dated version,
with what changed since the one before."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from navet.access.permissions import get_person_for_user
from navet.core.http import AuthedRequest
from navet.followup import mapping
from navet.followup.actions import StaleVersion
from navet.followup.forms import MappingForm, refresh_version
from navet.followup.life_areas import area_names, areas_for_office
from navet.followup.models import Mapping, PersonAnswer
from navet.followup.presenters import day, moment
from navet.people.models import Person


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _initial(
    latest: Mapping | None, answers: dict[str, PersonAnswer], fresh: set[str]
) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "made_on": timezone.localdate().strftime("%d.%m.%Y"),
        "read_number": latest.number if latest else 0,
    }
    if latest is not None:
        initial["children_situation"] = latest.children_situation
        initial["summary"] = latest.summary
        for entry in latest.entries.all():
            key = entry.area_key
            initial[f"{key}-rating"] = str(entry.rating or "")
            initial[f"{key}-wants_help"] = _yes_no(entry.wants_help)
            for field in ("person_words", "caseworker_note", "resources", "obstacles"):
                initial[f"{key}-{field}"] = getattr(entry, field)
    for key in fresh:
        found = answers[key]
        if found.rating is not None:
            initial[f"{key}-rating"] = str(found.rating)
        if found.words:
            initial[f"{key}-person_words"] = found.words
        if found.wants_help is not None:
            initial[f"{key}-wants_help"] = _yes_no(found.wants_help)
    return initial


def _area_label(form: MappingForm, key: str, name: str) -> str:
    """The area's name with where it stands, for its folded section."""
    rating = form[f"{key}-rating"].value()
    wants_help = form[f"{key}-wants_help"].value()
    parts = [name]
    parts.append(_("%(rating)s av 5") % {"rating": rating} if rating else _("ikke vurdert"))
    if wants_help == "yes":
        parts.append(_("ønsker hjelp"))
    return " – ".join(parts)


def _answer_text(found: PersonAnswer) -> str:
    parts = [_("Personen svarte på Min side %(when)s.") % {"when": moment(found.answered_at)}]
    if found.rating is not None:
        parts.append(_("Vurdering: %(rating)s av 5.") % {"rating": found.rating})
    if found.wants_help is not None:
        parts.append(_("Ønsker hjelp.") if found.wants_help else _("Ønsker ikke hjelp."))
    return " ".join(parts)


@require_http_methods(["GET", "POST"])
def person_mapping(request: AuthedRequest, person_id: UUID) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    language = get_language() or "nb"
    areas = areas_for_office(person.office_id)
    mappings = mapping.latest_mappings(person)
    latest = mappings[0] if mappings else None
    answers = {a.area_key: a for a in PersonAnswer.objects.filter(person=person)}
    fresh = {
        key
        for key, found in answers.items()
        if latest is None or found.answered_at > latest.made_at
    }
    children = mapping.children_of(person, timezone.localdate())
    form = MappingForm(
        request.POST or None,
        areas=areas,
        language=language,
        has_children=bool(children),
        initial=_initial(latest, answers, fresh),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                mapping.save_mapping(
                    person=person,
                    employee=request.employee,
                    read_number=form.cleaned_data["read_number"],
                    made_on=form.cleaned_data["made_on"],
                    children_situation=form.cleaned_data["children_situation"],
                    summary=form.cleaned_data["summary"],
                    entries=form.area_values(),
                )
            except (StaleVersion, mapping.MappingRefused) as refused:
                form.add_error(None, str(refused))
                status = 409 if isinstance(refused, StaleVersion) else 400
                if status == 409:
                    mappings = mapping.latest_mappings(person)
                    refresh_version(form, "read_number", mappings[0].number)
            else:
                messages.success(request, _("Kartleggingen er lagret som en ny versjon."))
                return redirect("people:person-mapping", person_id=person.pk)
    return render(
        request,
        "followup/person_mapping.html",
        _context(person, form, mappings, answers, fresh, children, language),
        status=status,
    )


def _context(
    person: Person,
    form: MappingForm,
    mappings: list[Mapping],
    answers: dict[str, PersonAnswer],
    fresh: set[str],
    children: list[Person],
    language: str,
) -> dict[str, Any]:
    latest = mappings[0] if mappings else None
    groups = form.groups()
    for group in groups:
        key = group["area"].key
        found = answers.get(key)
        group["answer"] = _answer_text(found) if found and key in fresh else ""
        group["label"] = _area_label(form, key, group["name"])
        group["open"] = bool(group["answer"]) or any(f.errors for f in group["fields"])
    return {
        "person": person,
        "form": form,
        "groups": groups,
        "latest": latest,
        "latest_text": (
            _("Versjon %(number)s, kartlagt %(day)s av %(by)s")
            % {"number": latest.number, "day": day(latest.made_on), "by": latest.made_by.name}
            if latest
            else ""
        ),
        "change_columns": [_("Område"), _("Felt"), _("Før"), _("Nå")],
        "changes": [
            [c.area, c.field, c.old, c.new]
            for c in (
                mapping.changes_between(
                    mappings[1], mappings[0], area_names(person.office_id, language)
                )
                if len(mappings) > 1
                else []
            )
        ],
        "fresh_count": len(fresh),
        "children": [
            _("%(name)s, %(age)s år")
            % {"name": child.full_name, "age": child.age_on(timezone.localdate())}
            for child in children
        ],
    }
