"""The learning area's forms: reflections, one exercise, and the leader's required module."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from navet.competence.modules import Exercise, LearningModule, all_modules


class ReflectionForm(forms.Form):
    """One text field per reflection question, in the reader's language."""

    def __init__(self, *args: Any, module: LearningModule, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for reflection in module.reflections:
            self.fields[reflection.key] = forms.CharField(
                label=reflection.text[language],
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=4000,
                required=False,
            )


class ExerciseForm(forms.Form):
    """One exercise: pick one of its options."""

    choice = forms.ChoiceField(widget=forms.RadioSelect)

    def __init__(self, *args: Any, exercise: Exercise, language: str, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", exercise.key)
        super().__init__(*args, **kwargs)
        field = self.fields["choice"]
        assert isinstance(field, forms.ChoiceField)
        field.label = exercise.question[language]
        field.choices = [(o.key, o.text[language]) for o in exercise.options]


class RequiredModuleForm(forms.Form):
    """The leader's choice: a module required for new employees within a number of days,
    or no longer required."""

    module = forms.ChoiceField(label=gettext_lazy("Modul"))
    due_days = forms.IntegerField(
        label=gettext_lazy("Frist i dager etter oppstart"),
        min_value=1,
        max_value=365,
        initial=30,
        required=False,
    )
    required = forms.TypedChoiceField(
        label=gettext_lazy("Obligatorisk for nye ansatte"),
        choices=[("1", gettext_lazy("Ja")), ("0", gettext_lazy("Nei"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Velg ja eller nei.")},
    )

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["module"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(m.key, m.title[language]) for m in all_modules()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("required") and not cleaned.get("due_days"):
            self.add_error("due_days", gettext_lazy("Skriv fristen i dager (1–365)."))
        return cleaned
