"""Form fields for what people type in a Norwegian office: amounts in whole kroner,
account numbers and KID.

A caseworker types "9 500", "9500 kr" or "9 500,-"; each is 9500. What could be read two
ways is refused with a message that says how to write it, never guessed: "9.500" (nine
thousand five hundred, or nine and a half?) and "9 500,50" (øre, where whole kroner are
asked for).
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from navet.iso20022.numbers import is_kid, normalise_account

# Spaces a person or a copied amount may put between the thousands: space, no-break space,
# narrow no-break space, thin space.
_SPACES = re.compile("[ \u00a0\u202f\u2009]")
_WHOLE_KRONER = re.compile(r"(?P<sign>-?)(?P<digits>\d+)(?:,-|,00?)?(?:kr\.?)?", re.IGNORECASE)


class KronerField(forms.IntegerField):
    """An amount in whole kroner, typed as text (a numeric keypad on a phone)."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {
        "invalid": _("Skriv beløpet i hele kroner med bare tall, for eksempel 9 500."),
    }

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        text = _SPACES.sub("", str(value).strip())
        match = _WHOLE_KRONER.fullmatch(text)
        if match is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(match["sign"] + match["digits"])


class AccountNumberField(forms.CharField):
    """A Norwegian account number as people write it ("8601 11 17947", "8601.11.17947"),
    kept as its 11 digits; the check digit is checked (mod 11)."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {
        "invalid": _("Skriv et gyldig kontonummer: 11 sifre der det siste er kontrollsifferet."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        text = _SPACES.sub(" ", str(super().clean(value)))
        if not text:
            return ""
        account = normalise_account(text)
        if account is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return account


class KidField(forms.CharField):
    """A KID (customer identification) as the payee's invoice prints it, spaces allowed;
    its check digit by MOD10 or MOD11."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {
        "invalid": _(
            "KID-nummeret stemmer ikke. Skriv det av fra fakturaen: 2 til 25 sifre, det "
            "siste er et kontrollsiffer."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        kid = _SPACES.sub("", str(super().clean(value)))
        if kid and not is_kid(kid):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return kid
