"""The portal's application forms: the whole one, and the short one for emergency help.

Amounts are typed as people type them ("12 500", "12 500 kr"); what could be read two ways
is refused with a message, never guessed (navet.core.fields)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from navet.citizen.forms import ACCEPT, MultipleFileField, MultipleFileInput, check_uploads
from navet.core.fields import AccountNumberField, KronerField

CHILD_ROWS = 4
DATE_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%d%m%Y"]

MARITAL = [
    ("ugift", gettext_lazy("Ugift")),
    ("samboer", gettext_lazy("Samboer")),
    ("gift", gettext_lazy("Gift eller registrert partner")),
    ("separert", gettext_lazy("Separert")),
    ("skilt", gettext_lazy("Skilt")),
    ("enke", gettext_lazy("Enke eller enkemann")),
]
HOUSING = [
    ("leier", gettext_lazy("Jeg leier")),
    ("kommunal", gettext_lazy("Jeg leier kommunal bolig")),
    ("eier", gettext_lazy("Jeg eier boligen")),
    ("foreldre", gettext_lazy("Jeg bor hos foreldre")),
    ("familie", gettext_lazy("Jeg bor hos annen familie")),
    ("venner", gettext_lazy("Jeg bor hos venner")),
    ("krisesenter", gettext_lazy("Jeg bor på krisesenter")),
    ("institusjon", gettext_lazy("Jeg bor på institusjon")),
    ("ingen", gettext_lazy("Jeg har ikke noe sted å bo")),
    ("annet", gettext_lazy("Annet")),
]
# (field, Digisos list, type code, title written in the søknad for the caseworker)
INCOMES = [
    ("income_salary", "inntekt", "jobb", gettext_lazy("Lønn etter skatt")),
    ("income_student", "inntekt", "studielanOgStipend", gettext_lazy("Studielån og stipend")),
    ("income_child_support", "inntekt", "barnebidrag", gettext_lazy("Barnebidrag jeg mottar")),
    ("income_housing_benefit", "inntekt", "bostotte", gettext_lazy("Bostøtte")),
]
EXPENSES = [
    ("expense_rent", "oversikt", "husleie", gettext_lazy("Husleie")),
    ("expense_power", "opplysninger", "strom", gettext_lazy("Strøm")),
    ("expense_kindergarten", "oversikt", "barnehage", gettext_lazy("Barnehage")),
    ("expense_sfo", "oversikt", "sfo", gettext_lazy("SFO")),
    ("expense_other", "opplysninger", "annen", gettext_lazy("Andre utgifter")),
]
ASSETS = [
    ("asset_account", "brukskonto", gettext_lazy("Penger på brukskonto")),
    ("asset_savings", "sparekonto", gettext_lazy("Penger på sparekonto og BSU")),
]


def _kroner(label: Any) -> KronerField:
    return KronerField(label=label, required=False, min_value=0, max_value=10_000_000)


class _Common(forms.Form):
    account = AccountNumberField(
        label=gettext_lazy("Kontonummer for utbetaling"),
        required=False,
        help_text=gettext_lazy("11 siffer, for eksempel 1234 56 78903."),
    )
    no_account = forms.BooleanField(label=gettext_lazy("Jeg har ikke bankkonto"), required=False)
    uploads = MultipleFileField(
        label=gettext_lazy("Vedlegg (valgfritt)"),
        required=False,
        allow_empty_file=True,
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("Jeg bekrefter at opplysningene er riktige og fullstendige"),
        error_messages={"required": gettext_lazy("Du må bekrefte opplysningene før du sender.")},
    )

    def clean_uploads(self) -> list[Any]:
        return check_uploads(self.cleaned_data.get("uploads") or [])

    GROUPS: list[tuple[Any, Any, list[str]]] = []

    def groups(self) -> list[tuple[Any, Any, list[Any]]]:
        """The fields in fieldsets, as the page shows them: (legend, description, fields)."""
        return [
            (legend, description, [self[name] for name in names if name in self.fields])
            for legend, description, names in self.GROUPS
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        missing = not cleaned.get("account") and not cleaned.get("no_account")
        if missing and "account" not in self.errors:
            self.add_error(
                "account", _("Skriv kontonummeret, eller kryss av for at du ikke har bankkonto.")
            )
        return cleaned


class ApplyForm(_Common):
    what = forms.CharField(
        label=gettext_lazy("Hva søker du om?"),
        max_length=500,
        help_text=gettext_lazy("For eksempel: penger til mat og husleie for januar."),
    )
    why = forms.CharField(
        label=gettext_lazy("Fortell med egne ord hvorfor du søker"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    marital_status = forms.ChoiceField(
        label=gettext_lazy("Sivilstatus"), choices=MARITAL, widget=forms.RadioSelect
    )
    spouse_name = forms.CharField(
        label=gettext_lazy("Ektefellens eller partnerens navn"), max_length=200, required=False
    )
    housing = forms.ChoiceField(
        label=gettext_lazy("Hvordan bor du?"), choices=HOUSING, widget=forms.RadioSelect
    )
    household_size = forms.IntegerField(
        label=gettext_lazy("Hvor mange bor i husstanden, deg selv medregnet?"),
        min_value=1,
        max_value=20,
        initial=1,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    phone = forms.CharField(
        label=gettext_lazy("Telefonnummer (valgfritt)"), max_length=20, required=False
    )

    GROUPS = [
        (gettext_lazy("Hva du søker om"), "", ["what", "why"]),
        (
            gettext_lazy("Familien din"),
            gettext_lazy(
                "Barn under 18 år som bor hos deg. La feltene stå tomme hvis du ikke har barn."
            ),
            ["marital_status", "spouse_name"]
            + [f"child_{i}_{part}" for i in range(CHILD_ROWS) for part in ("name", "birth")],
        ),
        (gettext_lazy("Hvor du bor"), "", ["housing", "household_size"]),
        (
            gettext_lazy("Inntekter per måned"),
            gettext_lazy("I hele kroner. La stå tomt det du ikke har."),
            [name for name, *_rest in INCOMES],
        ),
        (
            gettext_lazy("Utgifter per måned"),
            gettext_lazy("I hele kroner. La stå tomt det du ikke har."),
            [name for name, *_rest in EXPENSES],
        ),
        (gettext_lazy("Penger du har"), "", [name for name, *_rest in ASSETS]),
        (
            gettext_lazy("Utbetaling, kontakt og vedlegg"),
            "",
            ["account", "no_account", "phone", "uploads"],
        ),
        (gettext_lazy("Bekreftelse"), "", ["confirm"]),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index in range(CHILD_ROWS):
            self.fields[f"child_{index}_name"] = forms.CharField(
                label=_("Barn %(number)s: navn") % {"number": index + 1},
                max_length=200,
                required=False,
            )
            self.fields[f"child_{index}_birth"] = forms.DateField(
                label=_("Barn %(number)s: fødselsdato") % {"number": index + 1},
                required=False,
                input_formats=DATE_FORMATS,
                help_text=_("dd.mm.åååå"),
                widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                error_messages={
                    "invalid": _("Skriv datoen som dd.mm.åååå, for eksempel 03.02.2015.")
                },
            )
        for name, _list, _type, label in INCOMES + EXPENSES:
            self.fields[name] = _kroner(label)
        for name, _type, label in ASSETS:
            self.fields[name] = _kroner(label)
        # The upload and the confirmation come last on the page.
        for name in ("account", "no_account", "uploads", "confirm"):
            self.fields[name] = self.fields.pop(name)

    def clean_phone(self) -> str:
        """An E.164 number for the søknad ("412 34 567" → "+4741234567"), or a message."""
        raw = str(self.cleaned_data.get("phone") or "").strip()
        if not raw:
            return ""
        digits = re.sub(r"[ .\-()]", "", raw)
        if digits.startswith("00"):
            digits = "+" + digits[2:]
        if re.fullmatch(r"[0-9]{8}", digits):
            digits = "+47" + digits
        if not re.fullmatch(r"\+[0-9]{8,15}", digits):
            raise forms.ValidationError(
                _(
                    "Skriv telefonnummeret med 8 siffer, eller med landkode, for eksempel "
                    "+47 412 34 567."
                )
            )
        return digits

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("marital_status") == "gift" and not cleaned.get("spouse_name"):
            self.add_error("spouse_name", _("Skriv navnet til ektefellen eller partneren din."))
        today = timezone.localdate()
        for index in range(CHILD_ROWS):
            name = cleaned.get(f"child_{index}_name")
            birth: date | None = cleaned.get(f"child_{index}_birth")
            if name and birth is None and f"child_{index}_birth" not in self.errors:
                self.add_error(f"child_{index}_birth", _("Skriv barnets fødselsdato."))
            if birth is not None and not name:
                self.add_error(f"child_{index}_name", _("Skriv barnets navn."))
            if birth is not None and (birth > today or birth.year < today.year - 25):
                self.add_error(f"child_{index}_birth", _("Fødselsdatoen kan ikke være fram i tid."))
        return cleaned

    def children(self) -> list[tuple[str, date]]:
        return [
            (self.cleaned_data[f"child_{i}_name"], self.cleaned_data[f"child_{i}_birth"])
            for i in range(CHILD_ROWS)
            if self.cleaned_data.get(f"child_{i}_name")
            and self.cleaned_data.get(f"child_{i}_birth")
        ]


class EmergencyForm(_Common):
    what = forms.CharField(
        label=gettext_lazy("Hva trenger du hjelp til i dag?"),
        max_length=500,
        help_text=gettext_lazy("For eksempel: mat til meg og barna fram til lønna kommer."),
    )
    why = forms.CharField(
        label=gettext_lazy("Hvorfor haster det?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    asset_account = KronerField(
        label=gettext_lazy("Hvor mye penger har du nå?"), min_value=0, max_value=10_000_000
    )

    GROUPS = [
        (gettext_lazy("Hva du trenger"), "", ["what", "why", "asset_account"]),
        (gettext_lazy("Utbetaling og vedlegg"), "", ["account", "no_account", "uploads"]),
        (gettext_lazy("Bekreftelse"), "", ["confirm"]),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("account", "no_account", "uploads", "confirm"):
            self.fields[name] = self.fields.pop(name)
