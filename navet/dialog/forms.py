from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from navet.applications.models import Application
from navet.people.forms import PHONE

BODY_MAX = 5000


class NewThreadForm(forms.Form):
    """The person writes to the office."""

    subject = forms.CharField(label=_("Hva gjelder det?"), max_length=120)
    application = forms.ChoiceField(label=_("Gjelder det en søknad?"), required=False)
    body = forms.CharField(
        label=_("Melding"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Høyst 5000 tegn. Skriv ikke sensitive opplysninger om andre enn deg selv."),
    )

    def __init__(self, *args: Any, applications: list[Application], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.applications = {str(application.pk): application for application in applications}
        field = self.fields["application"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Nei, noe annet"))] + [
            (key, application.reference) for key, application in self.applications.items()
        ]

    def chosen_application(self) -> Application | None:
        return self.applications.get(self.cleaned_data.get("application") or "")


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Svar"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )


class OfficeReplyForm(ReplyForm):
    done = forms.BooleanField(
        label=_("Ferdig behandlet: personen trenger ikke å svare"), required=False
    )


class NotificationContactForm(forms.Form):
    phone = forms.CharField(
        label=_("Mobilnummer"),
        required=False,
        max_length=20,
        help_text=_(
            "Vi sender bare en SMS om at du har fått en melding, aldri hva den handler om."
        ),
    )
    email = forms.EmailField(label=_("E-postadresse"), required=False)

    def clean_phone(self) -> str:
        raw = str(self.cleaned_data.get("phone") or "")
        if not raw.strip():
            return ""
        digits = raw.replace(" ", "").replace(".", "").replace("-", "")
        if not PHONE.fullmatch(digits):
            raise forms.ValidationError(
                _(
                    "Skriv mobilnummeret med 8 til 15 siffer, for eksempel 412 34 567 "
                    "eller +47 412 34 567."
                )
            )
        return digits
