from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from navet.people.actions import CONTACT_FIELDS
from navet.people.identifiers import IdentifierError, parse_id
from navet.people.models import Person

PHONE = re.compile(r"^\+?[0-9]{8,15}$")


class NumberHidingInput(forms.TextInput):
    """Never writes a number back into the page: a mistyped fødselsnummer may still be
    someone's, and the page may be cached or seen over a shoulder."""

    def format_value(self, value: Any) -> str | None:
        text = super().format_value(value)
        return "" if text and text.replace(" ", "").isdigit() else text


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Navn eller fødselsnummer"),
        help_text=_("Etternavn eller fornavn (starten holder), eller alle 11 sifrene."),
        min_length=2,
        max_length=100,
        strip=True,
        widget=NumberHidingInput,
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
                    _("Fødselsnummeret er ikke gyldig. Sjekk at alle de 11 sifrene er riktige.")
                ) from error
            return digits
        return query


class PersonContactForm(forms.ModelForm[Person]):
    """What a caseworker may correct on the visittkort: contact, language, interpreter.

    Name, fødselsnummer, address and protection come from the population register."""

    class Meta:
        model = Person
        fields = list(CONTACT_FIELDS)

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        digits = phone.replace(" ", "")
        if phone and not PHONE.fullmatch(digits):
            raise forms.ValidationError(
                _("Skriv telefonnummeret med 8 til 15 sifre, gjerne med landkode, f.eks. +47.")
            )
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("interpreter_needed") and not data.get("interpreter_language"):
            self.add_error("interpreter_language", _("Skriv hvilket språk tolken skal bruke."))
        if not data.get("interpreter_needed"):
            data["interpreter_language"] = ""
        return data
