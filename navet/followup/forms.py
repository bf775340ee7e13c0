from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from navet.followup.models import NoteKind

DATE_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]


class NoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=NoteKind.choices)
    happened_on = forms.DateField(
        label=_("Dato"),
        input_formats=DATE_FORMATS,
        help_text=_("dd.mm.åååå"),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Skriv datoen som dd.mm.åååå, for eksempel 03.12.2026.")},
    )
    title = forms.CharField(label=_("Tittel"), max_length=120)
    text = forms.CharField(
        label=_("Tekst"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
    share = forms.BooleanField(
        label=_("Del notatet med personen (vises på Min side med en gang)"), required=False
    )

    def clean_happened_on(self) -> Any:
        day = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Datoen kan ikke være fram i tid."))
        return day


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("Rettet tekst"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
    reason = forms.CharField(
        label=_("Hvorfor rettes notatet?"),
        max_length=1000,
        help_text=_("Begrunnelsen lagres med den nye versjonen. Den gamle versjonen blir stående."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
