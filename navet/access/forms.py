from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from navet.access.models import ReviewStatus
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee
from navet.people.search_terms import SearchTermError, parse_search


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


DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"]
DATE_ERROR = _("Skriv datoen som dd.mm.åååå, for eksempel 31.12.2025.")


class AccessLogFilterForm(forms.Form):
    """The leader's filters on the office's access log. Sent by POST and kept in the
    session: a name or a fødselsnummer typed here never goes in a URL."""

    person = forms.CharField(
        label=_("Person"),
        help_text=_("«Etternavn, Fornavn», et navn, en fødselsdato eller et fødselsnummer."),
        required=False,
        max_length=100,
    )
    employee = forms.ModelChoiceField(
        label=_("Ansatt"),
        queryset=Employee.objects.none(),
        required=False,
        empty_label=_("Alle ansatte"),
    )
    action = forms.ChoiceField(label=_("Handling"), required=False)
    date_from = forms.DateField(
        label=_("Fra og med dato"),
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": DATE_ERROR},
    )
    date_to = forms.DateField(
        label=_("Til og med dato"),
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": DATE_ERROR},
    )

    def clean_person(self) -> str:
        """Read as the person search reads it ("Etternavn, Fornavn", a birth date, a
        fødselsnummer); kept as typed, since the filters are stored as text."""
        text = str(self.cleaned_data["person"]).strip()
        if text:
            try:
                parse_search(text)
            except SearchTermError as error:
                raise forms.ValidationError(str(error)) from error
        return text

    def __init__(self, *args: Any, employees: QuerySet[Employee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        employee = self.fields["employee"]
        assert isinstance(employee, forms.ModelChoiceField)
        employee.queryset = employees
        action = self.fields["action"]
        assert isinstance(action, forms.ChoiceField)
        action.choices = [
            ("", _("Alle handlinger")),
            *sorted(((a.value, str(a.label)) for a in AuditAction), key=lambda choice: choice[1]),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Til-datoen kan ikke være før fra-datoen."))
        return data
