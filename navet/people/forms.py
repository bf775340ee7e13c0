from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from navet.people.identifiers import IdentifierError, parse_id


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Navn eller fødselsnummer"),
        help_text=_("Etternavn eller fornavn (starten holder), eller alle 11 sifrene."),
        min_length=2,
        max_length=100,
        strip=True,
    )

    def clean_q(self) -> str:
        query: str = self.cleaned_data["q"]
        digits = query.replace(" ", "")
        if digits.isdigit():
            if len(digits) != 11:
                raise forms.ValidationError(_("Et fødselsnummer har 11 sifre."))
            try:
                parse_id(digits, allow_synthetic=settings.ALLOW_SYNTHETIC_IDS)
            except IdentifierError as error:
                raise forms.ValidationError(
                    _("Fødselsnummeret er ikke gyldig: %(problem)s"), params={"problem": error}
                ) from error
            return digits
        return query
