from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from navet.access.models import ReviewStatus


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrunnelse"),
        help_text=_(
            "Skriv hvorfor du trenger tilgang til personen. Begrunnelsen lagres i "
            "sporingsloggen og vurderes av leder."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=20,
        max_length=2000,
    )
    hours = forms.IntegerField(
        label=_("Varighet i timer"),
        min_value=1,
        max_value=settings.ACCESS_OVERRIDE_MAX_HOURS,
        initial=2,
    )


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Vurdering"),
        choices=[
            (ReviewStatus.ACCEPTED.value, _("Godkjenn")),
            (ReviewStatus.FLAGGED.value, _("Flagg for oppfølging")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("status") == ReviewStatus.FLAGGED and not data.get("comment"):
            self.add_error("comment", _("Skriv hvorfor tilgangen flagges."))
        return data
