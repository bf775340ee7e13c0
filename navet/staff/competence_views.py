"""The learning area (navet.competence): the modules with my progress, one module with my
reflections and exercises, and the leader's view of the office's progress, where a leader
makes a module required for new employees.

The leader's view counts who started and completed each module; it never reads anyone's
reflections or exercise answers (those queries take the employee who asks)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from navet.competence import actions
from navet.competence.forms import ExerciseForm, ReflectionForm, RequiredModuleForm
from navet.competence.models import (
    ExerciseAnswer,
    ModuleProgress,
    ReflectionAnswer,
    RequiredModule,
)
from navet.competence.modules import LearningModule, all_modules, module
from navet.competence.templatetags.legal_refs import link_references
from navet.core.http import AuthedRequest
from navet.core.models import Employee, Office


def _language() -> str:
    language = get_language() or "nb"
    return language if language in ("nb", "nn", "en") else "nb"


def _required_for(employee: Employee) -> dict[str, RequiredModule]:
    """The modules the employee's offices require, by key (the earliest due first)."""
    required: dict[str, RequiredModule] = {}
    started = employee.user.date_joined.date()
    for row in RequiredModule.objects.of_offices(employee.office_ids()).order_by("due_days"):
        if row.module.key not in required or row.due_on(started) < required[row.module.key].due_on(
            started
        ):
            required[row.module.key] = row
    return required


@require_http_methods(["GET"])
def module_list(request: AuthedRequest) -> HttpResponse:
    employee = request.employee
    language = _language()
    progress = {
        p.module.key: p
        for p in ModuleProgress.objects.of_employee(employee).select_related("module")
    }
    required = _required_for(employee)
    started = employee.user.date_joined.date()
    items = []
    for item in all_modules():
        mine = progress.get(item.key)
        rule = required.get(item.key)
        if mine is not None and mine.completed_at is not None:
            status = _("Fullført %(date)s") % {
                "date": date_format(mine.completed_at.date(), "SHORT_DATE_FORMAT")
            }
        elif mine is not None:
            status = _("Startet")
        else:
            status = _("Ikke startet")
        items.append(
            {
                "key": item.key,
                "title": item.title[language],
                "summary": item.summary[language],
                "status": status,
                "completed": mine is not None and mine.completed_at is not None,
                "required": rule is not None,
                "due": date_format(rule.due_on(started), "SHORT_DATE_FORMAT") if rule else "",
            }
        )
    # Required and not yet completed first: what a new employee should do.
    items.sort(key=lambda i: not (i["required"] and not i["completed"]))
    context = {"items": items, "is_leader": employee.is_leader}
    return render(request, "competence/module_list.html", context)


def _module_or_404(key: str) -> LearningModule:
    found = module(key)
    if found is None:
        raise Http404
    return found


def _exercise_items(
    found: LearningModule, employee: Employee, language: str, post: Any, posted: str
) -> list[dict[str, Any]]:
    answers = {a.exercise: a for a in ExerciseAnswer.objects.own(employee, found.key)}
    items = []
    for exercise in found.exercises:
        answer = answers.get(exercise.key)
        data = post if posted == exercise.key else None
        initial = {"choice": answer.choice} if answer else None
        items.append(
            {
                "key": exercise.key,
                "case": exercise.case[language],
                "form": ExerciseForm(data, initial=initial, exercise=exercise, language=language),
                "answered": answer is not None,
                "correct": answer.correct if answer else False,
                "explanation": link_references(exercise.explanation[language]) if answer else "",
            }
        )
    return items


@require_http_methods(["GET", "POST"])
def module_detail(request: AuthedRequest, module: str) -> HttpResponse:
    found = _module_or_404(module)
    employee = request.employee
    language = _language()
    saved = {a.question: a.text for a in ReflectionAnswer.objects.own(employee, found.key)}
    then = request.POST.get("then", "") if request.method == "POST" else ""
    reflection_form = ReflectionForm(
        request.POST if then == "reflections" else None,
        initial=saved,
        module=found,
        language=language,
    )
    posted_exercise = request.POST.get("exercise", "") if then == "exercise" else ""
    if then == "reflections" and reflection_form.is_valid():
        actions.save_reflections(
            module=found, employee=employee, answers=reflection_form.cleaned_data
        )
        messages.success(request, _("Refleksjonene dine er lagret. Bare du kan lese dem."))
        return redirect("learning:module", module=found.key)
    if then == "exercise":
        exercise = found.exercise(posted_exercise)
        if exercise is None:
            raise Http404
        form = ExerciseForm(request.POST, exercise=exercise, language=language)
        if form.is_valid():
            answer = actions.answer_exercise(
                module=found,
                employee=employee,
                exercise=exercise.key,
                choice=form.cleaned_data["choice"],
            )
            if answer.correct:
                messages.success(request, _("Riktig svar."))
            else:
                messages.warning(request, _("Ikke riktig. Les forklaringen under oppgaven."))
            return redirect(f"{request.path}#oppgave-{exercise.key}")
    if then == "complete":
        actions.complete_module(module=found, employee=employee)
        messages.success(request, _("Modulen er fullført."))
        return redirect("learning:modules")
    if then == "start":
        actions.start_module(module=found, employee=employee)
        return redirect("learning:module", module=found.key)
    progress = ModuleProgress.objects.of_employee(employee).filter(module__key=found.key).first()
    context = {
        "module": found,
        "title": found.title[language],
        "paragraphs": [link_references(p) for p in found.paragraphs(language)],
        "references": list(found.references),
        "reflection_form": reflection_form,
        "exercises": _exercise_items(found, employee, language, request.POST, posted_exercise),
        "progress": progress,
        "required": found.key in _required_for(employee),
    }
    return render(
        request,
        "competence/module_detail.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


def _leader_offices(employee: Employee) -> list[Office]:
    if not employee.is_leader:
        raise PermissionDenied
    offices = list(Office.objects.filter(pk__in=employee.office_ids()).order_by("name"))
    if not offices:
        raise PermissionDenied
    return offices


@require_http_methods(["GET", "POST"])
def office_progress(request: AuthedRequest) -> HttpResponse:
    offices = _leader_offices(request.employee)
    office = offices[0]
    language = _language()
    form = RequiredModuleForm(request.POST or None, language=language)
    if request.method == "POST" and form.is_valid():
        chosen = _module_or_404(form.cleaned_data["module"])
        if form.cleaned_data["required"]:
            actions.set_required_module(
                office=office,
                module=chosen,
                actor=request.employee,
                due_days=form.cleaned_data["due_days"],
            )
            messages.success(request, _("Modulen er obligatorisk for nye ansatte."))
        else:
            actions.unset_required_module(office=office, module=chosen, actor=request.employee)
            messages.success(request, _("Modulen er ikke lenger obligatorisk."))
        return redirect("learning:office")
    employee_ids = list(
        Employee.objects.filter(offices=office, user__is_active=True)
        .exclude(is_caseworker=False, is_leader=False)
        .values_list("id", flat=True)
        .distinct()
    )
    counts = ModuleProgress.objects.counts_per_module(employee_ids)
    required = {r.module.key: r for r in RequiredModule.objects.of_offices([office.pk])}
    total = len(employee_ids)
    rows = []
    for item in all_modules():
        started, completed = counts.get(item.key, (0, 0))
        rule = required.get(item.key)
        rows.append(
            [
                item.title[language],
                f"{started} / {total}",
                f"{completed} / {total}",
                _("Ja, innen %(days)s dager") % {"days": rule.due_days} if rule else _("Nei"),
            ]
        )
    context = {
        "office": office,
        "total": total,
        "columns": [_("Modul"), _("Startet"), _("Fullført"), _("Obligatorisk for nye ansatte")],
        "rows": rows,
        "form": form,
    }
    return render(
        request,
        "competence/office_progress.html",
        context,
        status=400 if request.method == "POST" else 200,
    )
