from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from stdnum.no import orgnr

from navet.applications.date_bounds import BoundedDateField, DateBounds, days_from_today
from navet.core.fields import AccountNumberField, KidField
from navet.payments.actions import PAID_BY_HAND_DAYS_BACK
from navet.payments.models import Method, PaymentSettings

# A run collects what is due up to a day from a week back (payments left behind) to two
# months ahead (a run prepared before the holidays).
RUN_DUE_BY = DateBounds(earliest=days_from_today(-7), latest=days_from_today(62))


class PrepareRunForm(forms.Form):
    due_by = BoundedDateField(
        label=_("Forfall til og med"),
        help_text=_(
            "Kjøringen tar med alle planlagte utbetalinger med forfall til og med denne dagen."
        ),
        bounds=RUN_DUE_BY,
    )


class PaymentSettingsForm(forms.ModelForm[PaymentSettings]):
    # Typed as people write them ("8601 11 17947", "912 345 602"); stored as digits.
    debtor_account = AccountNumberField(
        label=_("kontoen det betales fra"), help_text=_("11 sifre, for eksempel 8601 11 17947.")
    )
    organisation_number = forms.CharField(
        label=_("organisasjonsnummer"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = PaymentSettings
        fields = [
            "payment_day",
            "emergency_same_day",
            "debtor_name",
            "debtor_account",
            "organisation_number",
            "grant_account_code",
            "loan_account_code",
            "file_version",
        ]
        help_texts = {
            "grant_account_code": _(
                "Fra kommunens kontoplan. Står i regnskapsfilen for hver utbetaling; "
                "funksjonen er alltid 281."
            ),
            "loan_account_code": _("Fra kommunens kontoplan."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        day = self.fields["payment_day"]
        assert isinstance(day, forms.IntegerField)
        day.min_value, day.max_value = 1, 31
        day.validators += [MinValueValidator(1), MaxValueValidator(31)]
        day.widget.attrs.update({"inputmode": "numeric", "min": 1, "max": 31})
        self.fields["debtor_name"].required = True

    def clean_organisation_number(self) -> str:
        number = "".join(self.cleaned_data["organisation_number"].split())
        if not orgnr.is_valid(number) or len(number) != 9:
            raise forms.ValidationError(
                _("Skriv et gyldig organisasjonsnummer: 9 sifre, for eksempel 912 345 602.")
            )
        return str(number)


MAX_BANK_FILE_BYTES = 10 * 1024 * 1024


class BankFileForm(forms.Form):
    file = forms.FileField(
        label=_("Fil fra banken"),
        help_text=_("Statusrapport (pain.002) eller debetmelding (camt.054), XML, høyst 10 MB."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BANK_FILE_BYTES:
            raise forms.ValidationError(_("Filen er større enn 10 MB."))
        if upload.size == 0:
            raise forms.ValidationError(_("Filen er tom."))
        return upload


class EndPaymentForm(forms.Form):
    """Stop a payment, or annul one registered in error."""

    STOP, ANNUL = "stop", "annul"
    what = forms.ChoiceField(
        label=_("Hva skal gjøres?"),
        choices=[
            (STOP, _("Stopp utbetalingen (den skal ikke utbetales)")),
            (ANNUL, _("Annuller utbetalingen (den er registrert ved en feil)")),
        ],
        widget=forms.RadioSelect,
        initial=STOP,
    )
    reason = forms.CharField(
        label=_("Hvorfor?"),
        help_text=_("Står i utbetalingens historikk. Personen ser at utbetalingen er stoppet."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PaidByHandForm(forms.Form):
    paid_on = BoundedDateField(
        label=_("Utbetalt dato"),
        help_text=_("Dagen kortet eller kontantene ble gitt til personen."),
        bounds=DateBounds(
            earliest=days_from_today(-PAID_BY_HAND_DAYS_BACK), latest=days_from_today(0)
        ),
    )


class RecipientForm(forms.Form):
    """Who a payment not yet sent goes to, and how."""

    APPLICANT, OTHER = "applicant", "other"
    method = forms.ChoiceField(
        label=_("Utbetalingsmåte"), choices=Method.choices, widget=forms.RadioSelect
    )
    recipient = forms.ChoiceField(
        label=_("Mottaker"),
        choices=[(APPLICANT, _("Søkeren")), (OTHER, _("En annen (for eksempel utleier)"))],
        widget=forms.RadioSelect,
    )
    account = AccountNumberField(
        label=_("Kontonummer"),
        help_text=_("11 sifre, for eksempel 8601 11 17947. Søkerens eller den andres."),
        required=False,
    )
    recipient_name = forms.CharField(
        label=_("Navn på den andre mottakeren"), max_length=70, required=False
    )
    kid = KidField(
        label=_("KID (valgfritt)"),
        help_text=_("Når mottakeren krever KID, står den på fakturaen."),
        required=False,
    )
    text = forms.CharField(
        label=_("Tekst til mottakeren (valgfritt)"),
        help_text=_(
            "Vises på mottakerens kontoutskrift. Tom gir «Betaling <måned>, ref. <referanse>». "
            "Skriv aldri hva pengene er for (taushetsplikt)."
        ),
        max_length=140,
        required=False,
    )
    consent = forms.CharField(
        label=_("Personens samtykke (§ 22)"),
        help_text=_("Når og hvordan personen samtykket til at en annen får pengene."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.CharField(
        label=_("Hvorfor endres mottakeren eller kontoen?"),
        help_text=_("Endringen vises for lederen, som går gjennom den."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        other = data.get("recipient") == self.OTHER
        bank = data.get("method") == Method.BANK
        if other:
            if not data.get("recipient_name", "").strip():
                self.add_error("recipient_name", _("Skriv navnet på den andre mottakeren."))
            if bank and not data.get("account") and "account" not in self.errors:
                self.add_error("account", _("Skriv kontonummeret til den andre mottakeren."))
            if not data.get("consent", "").strip():
                self.add_error(
                    "consent",
                    _("Skriv hvordan personen har samtykket til at en annen får pengene."),
                )
        elif data.get("kid"):
            self.add_error("kid", _("KID brukes bare når pengene betales til en annen."))
        return data
