"""Forms the administrator uses for offices and employees."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from navet.core.actions import ACCESS_FIELDS
from navet.core.models import Employee, Office


class OfficeForm(forms.ModelForm[Office]):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        number, district = data.get("municipality_number"), data.get("district_number")
        if number and number != "0301" and district:
            self.add_error("district_number", _("Bare Oslo har bydelsnummer i KOSTRA."))
        elif number == "0301" and district and not "01" <= district <= "15":
            self.add_error("district_number", _("Bydelsnummeret i Oslo er 01–15."))
        return data

    class Meta:
        model = Office
        fields = [
            "number",
            "name",
            "municipality_number",
            "district",
            "district_number",
            "postal_address",
            "phone",
        ]
        help_texts = {
            "district_number": _(
                "SSBs bydelsnummer (01–15 i Oslo), for KOSTRA. Tomt i andre kommuner."
            ),
            "postal_address": _("Kontorets postadresse i brevene. Skill linjene med komma."),
        }


class EmployeeForm(forms.ModelForm[Employee]):
    username = forms.CharField(label=_("Brukernavn"), max_length=150)
    active = forms.BooleanField(
        label=_("Aktiv"),
        help_text=_(
            "En deaktivert ansatt blir logget ut, kan ikke logge inn, og API-nøklene "
            "til vedkommende slutter å virke med en gang."
        ),
        required=False,
        initial=True,
    )

    class Meta:
        model = Employee
        fields = [
            "nav_ident",
            "name",
            "is_caseworker",
            "is_leader",
            "is_administrator",
            "offices",
            "may_see_strictly_confidential",
            "may_see_confidential",
            "may_see_shielded",
            "may_approve_decisions",
            "may_approve_payments",
        ]
        widgets = {"offices": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, actor: Employee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk == actor.pk:
            # Nobody grants themselves roles, offices or access to protected persons.
            for name in (*ACCESS_FIELDS, "offices", "active"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Du kan ikke endre dette for deg selv.")
        if self.instance.pk:
            self.fields["active"].initial = self.instance.user.is_active
            self.fields["username"].initial = self.instance.user.get_username()
            self.fields["username"].disabled = True
        offices = self.fields["offices"]
        assert isinstance(offices, forms.ModelMultipleChoiceField)
        offices.queryset = Office.objects.by_name()

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if self.instance.pk:
            return str(self.instance.user.get_username())
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Brukernavnet er i bruk."))
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        roles = ("is_caseworker", "is_leader", "is_administrator")
        if not any(data.get(role) for role in roles):
            raise forms.ValidationError(_("Velg minst én rolle."))
        return data
