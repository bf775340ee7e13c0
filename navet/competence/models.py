"""The learning area: which module an employee has started and completed, their private
reflections and their exercise answers, and the modules a leader has made required for
the office's new employees.

A module's content (text, questions, exercises) is data (`data/modules.toml`); a
`Module` row only gives the key something to point at. Reflection answers are the
employee's own: no view, queryset or export shows them to anyone else, and the leader's
view counts progress only (`ModuleProgressQuerySet.counts_per_module`)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from navet.core.models import Employee, Office


class ModuleQuerySet(models.QuerySet["Module"]):
    def for_key(self, key: str) -> Module:
        """The module's row, made the first time an employee or a leader acts on it."""
        module, _created = self.get_or_create(key=key)
        return module


class Module(models.Model):
    key = models.SlugField(_("nøkkel"), max_length=60, unique=True)

    objects = ModuleQuerySet.as_manager()

    def __str__(self) -> str:
        return self.key


class ModuleProgressQuerySet(models.QuerySet["ModuleProgress"]):
    def of_employee(self, employee: Employee) -> ModuleProgressQuerySet:
        return self.filter(employee=employee)

    def completed(self) -> ModuleProgressQuerySet:
        return self.filter(completed_at__isnull=False)

    def counts_per_module(self, employee_ids: list[int]) -> dict[str, tuple[int, int]]:
        """Module key -> (started, completed) among the employees: counts only, never
        who, and never what anyone answered."""
        rows = (
            self.filter(employee_id__in=employee_ids)
            .values("module__key")
            .annotate(
                started=Count("id"),
                completed=Count("id", filter=Q(completed_at__isnull=False)),
            )
        )
        return {row["module__key"]: (row["started"], row["completed"]) for row in rows}


class ModuleProgress(models.Model):
    """One employee's progress in one module: started when first opened to work in,
    completed when the employee says so."""

    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="progress")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(_("startet"))
    completed_at = models.DateTimeField(_("fullført"), null=True, blank=True)

    objects = ModuleProgressQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["module", "employee"], name="competence_progress_once_per_employee"
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True)
                | Q(completed_at__gte=models.F("started_at")),
                name="competence_progress_completed_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.module.key}: {self.employee_id}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class ReflectionAnswerQuerySet(models.QuerySet["ReflectionAnswer"]):
    def own(self, employee: Employee, module: str) -> ReflectionAnswerQuerySet:
        """The employee's own answers in one module: the only read of this table."""
        return self.filter(employee=employee, module__key=module)


class ReflectionAnswer(models.Model):
    """An employee's answer to a reflection question. Private: only its author reads it."""

    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    question = models.SlugField(_("spørsmål"), max_length=60)
    text = models.TextField(_("svar"), max_length=4000)
    updated_at = models.DateTimeField(_("endret"))

    objects = ReflectionAnswerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["module", "employee", "question"],
                name="competence_reflection_once_per_question",
            )
        ]

    def __str__(self) -> str:
        return f"{self.module.key}/{self.question}"


class ExerciseAnswerQuerySet(models.QuerySet["ExerciseAnswer"]):
    def own(self, employee: Employee, module: str) -> ExerciseAnswerQuerySet:
        return self.filter(employee=employee, module__key=module)


class ExerciseAnswer(models.Model):
    """An employee's latest answer to an exercise, and whether it was right."""

    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    exercise = models.SlugField(_("oppgave"), max_length=60)
    choice = models.SlugField(_("valg"), max_length=60)
    correct = models.BooleanField(_("riktig"))
    answered_at = models.DateTimeField(_("svart"))

    objects = ExerciseAnswerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["module", "employee", "exercise"],
                name="competence_exercise_once_per_employee",
            )
        ]

    def __str__(self) -> str:
        return f"{self.module.key}/{self.exercise}: {self.choice}"


class RequiredModuleQuerySet(models.QuerySet["RequiredModule"]):
    def of_offices(self, office_ids: list[int]) -> RequiredModuleQuerySet:
        return self.filter(office_id__in=office_ids).select_related("module")


class RequiredModule(models.Model):
    """A module the office's leader requires new employees to complete within
    `due_days` of starting (or of the requirement, for those already employed)."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="+")
    due_days = models.PositiveSmallIntegerField(_("frist i dager"))
    set_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(_("satt"))

    objects = RequiredModuleQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["office", "module"], name="competence_required_once_per_office"
            ),
            models.CheckConstraint(
                condition=Q(due_days__gte=1) & Q(due_days__lte=365),
                name="competence_required_due_days_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office_id}: {self.module.key}"

    def due_on(self, started: date) -> date:
        """The day an employee who started on `started` should have completed it."""
        return max(started, self.set_at.date()) + timedelta(days=self.due_days)
