from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from navet.people.identifiers import IdentifierError, parse_id


def is_synthetic_id(value: str) -> bool:
    """A valid Test Norge or Dolly number: Test-ID-porten logs in no real person."""
    try:
        return parse_id(value, allow_synthetic=True).synthetic is not None
    except IdentifierError:
        return False


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
        if not is_synthetic_id(pid):
            raise forms.ValidationError(
                _(
                    "Dette er ikke et gyldig syntetisk fødselsnummer. Sjekk at du har skrevet "
                    "11 siffer."
                )
            )
        return pid
