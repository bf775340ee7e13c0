"""The learning area's state changes, each in a transaction with its audit event. The
events say which module and whether an answer was right, never what anyone wrote."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.competence.models import (
    ExerciseAnswer,
    Module,
    ModuleProgress,
    ReflectionAnswer,
    RequiredModule,
)
from navet.competence.modules import LearningModule
from navet.core.models import Employee, Office


def _progress(*, module: LearningModule, employee: Employee) -> ModuleProgress:
    row = Module.objects.for_key(module.key)
    progress, created = ModuleProgress.objects.get_or_create(
        module=row, employee=employee, defaults={"started_at": timezone.now()}
    )
    if created:
        trail.record(
            actor=employee,
            action=AuditAction.COMPETENCE_MODULE_STARTED,
            target=progress,
            data={"module": module.key},
        )
    return progress


@transaction.atomic
def start_module(*, module: LearningModule, employee: Employee) -> ModuleProgress:
    """The employee's progress in the module, started now if it was not."""
    return _progress(module=module, employee=employee)


@transaction.atomic
def save_reflections(*, module: LearningModule, employee: Employee, answers: dict[str, str]) -> int:
    """Save the employee's own reflections (an empty answer removes a saved one). Returns
    how many are saved. Private: only the employee reads them."""
    progress = _progress(module=module, employee=employee)
    known = {r.key for r in module.reflections}
    now = timezone.now()
    for question, text in answers.items():
        if question not in known:
            raise ValueError(f"{module.key} has no reflection {question}")
        if text.strip():
            ReflectionAnswer.objects.update_or_create(
                module=progress.module,
                employee=employee,
                question=question,
                defaults={"text": text.strip(), "updated_at": now},
            )
        else:
            ReflectionAnswer.objects.filter(
                module=progress.module, employee=employee, question=question
            ).delete()
    saved = ReflectionAnswer.objects.own(employee, module.key).count()
    trail.record(
        actor=employee,
        action=AuditAction.COMPETENCE_REFLECTION_SAVED,
        target=progress,
        data={"module": module.key, "saved": saved},
    )
    return saved


@transaction.atomic
def answer_exercise(
    *, module: LearningModule, employee: Employee, exercise: str, choice: str
) -> ExerciseAnswer:
    """Record the employee's answer and whether it is right (the latest answer counts)."""
    found = module.exercise(exercise)
    if found is None or choice not in {o.key for o in found.options}:
        raise ValueError(f"{module.key}/{exercise}: no such exercise or option {choice}")
    progress = _progress(module=module, employee=employee)
    answer, _created = ExerciseAnswer.objects.update_or_create(
        module=progress.module,
        employee=employee,
        exercise=exercise,
        defaults={
            "choice": choice,
            "correct": found.is_correct(choice),
            "answered_at": timezone.now(),
        },
    )
    trail.record(
        actor=employee,
        action=AuditAction.COMPETENCE_EXERCISE_ANSWERED,
        target=answer,
        data={"module": module.key, "exercise": exercise, "correct": answer.correct},
    )
    return answer


@transaction.atomic
def complete_module(*, module: LearningModule, employee: Employee) -> ModuleProgress:
    """Mark the module completed (once; completing again keeps the first time)."""
    progress = _progress(module=module, employee=employee)
    if progress.completed_at is None:
        progress.completed_at = timezone.now()
        progress.save(update_fields=["completed_at"])
        trail.record(
            actor=employee,
            action=AuditAction.COMPETENCE_MODULE_COMPLETED,
            target=progress,
            data={"module": module.key},
        )
    return progress


@transaction.atomic
def set_required_module(
    *, office: Office, module: LearningModule, actor: Employee, due_days: int
) -> RequiredModule:
    """Make the module required for the office's new employees, within `due_days`."""
    row = Module.objects.for_key(module.key)
    required, _created = RequiredModule.objects.update_or_create(
        office=office,
        module=row,
        defaults={"due_days": due_days, "set_by": actor, "set_at": timezone.now()},
    )
    trail.record(
        actor=actor,
        action=AuditAction.COMPETENCE_REQUIRED_SET,
        target=required,
        data={"module": module.key, "office": office.pk, "due_days": due_days},
    )
    return required


@transaction.atomic
def unset_required_module(*, office: Office, module: LearningModule, actor: Employee) -> bool:
    """Make the module optional again; False when it was not required."""
    deleted, _rows = RequiredModule.objects.filter(office=office, module__key=module.key).delete()
    if deleted:
        trail.record(
            actor=actor,
            action=AuditAction.COMPETENCE_REQUIRED_UNSET,
            target=office,
            data={"module": module.key, "office": office.pk},
        )
    return bool(deleted)
