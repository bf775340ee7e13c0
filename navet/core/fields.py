"""Form fields for what people type in a Norwegian office: amounts in whole kroner.

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
