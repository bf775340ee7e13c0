from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from navet.people.identifiers import is_valid_id

LEVELS = [
    ("idporten-loa-high", _("Høyt (som BankID)")),
    ("idporten-loa-substantial", _("Betydelig (som MinID)")),
]


class PickPersonForm(forms.Form):
    pid = forms.CharField(
        label=_("Fødselsnummer"),
        help_text=_("Et syntetisk fødselsnummer (Test Norge), 11 siffer."),
        max_length=20,
    )
    level = forms.ChoiceField(
        label=_("Sikkerhetsnivå"), choices=LEVELS, initial=LEVELS[0][0], widget=forms.RadioSelect
    )

    def clean_pid(self) -> str:
        pid = str(self.cleaned_data["pid"]).replace(" ", "")
        if not is_valid_id(pid, allow_synthetic=True):
            raise forms.ValidationError(
                _("Dette er ikke et gyldig fødselsnummer. Sjekk at du har skrevet 11 siffer.")
            )
        return pid
