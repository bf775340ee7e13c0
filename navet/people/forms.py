from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from navet.people.actions import CONTACT_FIELDS
from navet.people.models import Person
from navet.people.search_terms import SearchTerm, SearchTermError, parse_search

PHONE = re.compile(r"^\+?[0-9]{8,15}$")


class PersonSearchForm(forms.Form):
    """One box for a name, a birth date, a fødselsnummer or a reference
    (navet/people/search_terms.py). What was typed stays in the box, also a mistyped
    number: the page is never in a URL and is served `Cache-Control: no-store`."""

    q = forms.CharField(
        label=_("Navn, fødselsdato, fødselsnummer eller referanse"),
        help_text=_(
            "For eksempel «Aune, Eva», «Eva Aune», 030499, 03.04.1999, de 11 sifrene "
            "i fødselsnummeret, eller en referanse som 0315-2026-000123."
        ),
        min_length=2,
        max_length=100,
        strip=True,
        error_messages={
            "required": _("Skriv et navn, en fødselsdato, et fødselsnummer eller en referanse."),
            "min_length": _("Skriv minst %(limit_value)d tegn."),
            "max_length": _("Skriv høyst %(limit_value)d tegn."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_q(self) -> SearchTerm:
        try:
            return parse_search(self.cleaned_data["q"])
        except SearchTermError as error:
            raise forms.ValidationError(str(error)) from error


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
