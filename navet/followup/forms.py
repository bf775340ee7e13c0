from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from navet.followup.models import (
    PERSON_KINDS,
    ActivityKind,
    ActivityStatus,
    MeetingChannel,
    NoteKind,
)
from navet.followup.situation import (
    Benefit,
    CivilStatus,
    Housing,
    MainIncome,
    WorkSituation,
)
from navet.kostra.controls import situation_problems

DATE_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
LOOKS_LIKE_A_DATE = re.compile(r"^\s*\d{1,2}\.\d{1,2}\.\d{2}(\d{2})?\s*$")


class NorwegianDateField(forms.DateField):
    """dd.mm.åååå; a day that does not exist (31.02.2026) is told as such, not as a wrong
    format."""

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except forms.ValidationError:
            if isinstance(value, str) and LOOKS_LIKE_A_DATE.match(value):
                raise forms.ValidationError(
                    _("%(value)s er ikke en dato som finnes."),
                    code="invalid",
                    params={"value": value.strip()},
                ) from None
            raise


class NoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=NoteKind.choices)
    happened_on = NorwegianDateField(
        label=_("Dato"),
        input_formats=DATE_FORMATS,
        help_text=_("dd.mm.åååå"),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Skriv datoen som dd.mm.åååå, for eksempel 03.12.2026.")},
    )
    title = forms.CharField(label=_("Tittel"), max_length=120)
    text = forms.CharField(
        label=_("Tekst"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
    share = forms.BooleanField(
        label=_("Del notatet med personen (vises på Min side med en gang)"), required=False
    )

    def clean_happened_on(self) -> Any:
        day = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Datoen kan ikke være fram i tid."))
        return day


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("Rettet tekst"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
    reason = forms.CharField(
        label=_("Hvorfor rettes notatet?"),
        max_length=1000,
        help_text=_("Begrunnelsen lagres med den nye versjonen. Den gamle versjonen blir stående."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MeetingForm(forms.Form):
    day = NorwegianDateField(
        label=_("Dato"),
        input_formats=DATE_FORMATS,
        help_text=_("dd.mm.åååå"),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Skriv datoen som dd.mm.åååå, for eksempel 03.12.2026.")},
    )
    time = forms.TimeField(
        label=_("Klokkeslett"),
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        help_text=_("tt:mm, for eksempel 10:30"),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Skriv klokkeslettet som tt:mm, for eksempel 10:30.")},
    )
    minutes_long = forms.IntegerField(
        label=_("Varighet i minutter"), min_value=5, max_value=480, initial=60
    )
    channel = forms.ChoiceField(
        label=_("Møteform"), choices=MeetingChannel.choices, widget=forms.RadioSelect
    )
    place = forms.CharField(
        label=_("Sted, telefonnummer eller lenke"), max_length=255, required=False
    )
    participants = forms.CharField(label=_("Deltakere"), max_length=500, required=False)
    agenda = forms.CharField(
        label=_("Hva skal møtet handle om?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day, time = cleaned.get("day"), cleaned.get("time")
        if day is not None and time is not None:
            starts_at = timezone.make_aware(datetime.combine(day, time))
            if starts_at < timezone.now():
                self.add_error("day", _("Møtet kan ikke være tilbake i tid."))
            cleaned["starts_at"] = starts_at
        if cleaned.get("channel") == MeetingChannel.IN_PERSON and not cleaned.get("place"):
            self.add_error("place", _("Skriv hvor møtet er."))
        return cleaned


class MinutesForm(forms.Form):
    text = forms.CharField(
        label=_("Referat"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
    share = forms.BooleanField(
        label=_("Del referatet med personen (vises på Min side med en gang)"), required=False
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Hvorfor avlyses møtet?"), max_length=1000)


def norwegian_date(label: Any, *, required: bool = True) -> forms.DateField:
    return NorwegianDateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=_("dd.mm.åååå"),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Skriv datoen som dd.mm.åååå, for eksempel 03.12.2026.")},
    )


class GoalForm(forms.Form):
    text = forms.CharField(
        label=_("Målet, med personens egne ord"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    read_number = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, for_person: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if for_person:
            self.fields["text"].label = _("Målet ditt, med dine egne ord")


class ActivityContentForm(forms.Form):
    title = forms.CharField(label=_("Tittel"), max_length=100)
    description = forms.CharField(
        label=_("Beskrivelse"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    from_date = norwegian_date(_("Fra dato (valgfritt)"), required=False)
    to_date = norwegian_date(_("Frist (valgfritt)"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("from_date"), cleaned.get("to_date")
        if start and end and end < start:
            self.add_error("to_date", _("Fristen kan ikke være før fra-datoen."))
        return cleaned


class ActivityForm(ActivityContentForm):
    """A new activity: staff choose any kind but a condition (those come from decisions) and
    may mark it agreed; the person proposes one of the kinds they may."""

    kind = forms.ChoiceField(label=_("Type aktivitet"), widget=forms.RadioSelect)
    agreed = forms.BooleanField(label=_("Avtalt med personen"), required=False)

    field_order = ["kind", "title", "description", "from_date", "to_date", "agreed"]

    def __init__(self, *args: Any, staff: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = [(k.value, k.label) for k in ActivityKind if k != ActivityKind.CONDITION]
        if not staff:
            kinds = [(value, label) for value, label in kinds if value in PERSON_KINDS]
            del self.fields["agreed"]
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ChoiceField)
        kind_field.choices = kinds


class ActivityEditForm(ActivityContentForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ActivityStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Ny status"), choices=ActivityStatus.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Begrunnelse (må fylles ut når aktiviteten avbrytes)"),
        max_length=255,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("status") == ActivityStatus.CANCELLED and not cleaned.get("reason"):
            self.add_error("reason", _("Skriv hvorfor aktiviteten avbrytes."))
        return cleaned


class AgreeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


RATINGS = [
    ("1", _("1 – svært vanskelig")),
    ("2", _("2 – vanskelig")),
    ("3", _("3 – middels")),
    ("4", _("4 – bra")),
    ("5", _("5 – svært bra")),
]
YES_NO = [("yes", _("Ja")), ("no", _("Nei"))]


def _rating_field(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=RATINGS,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


def _yes_no_field(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


def _text(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AreaFieldsMixin:
    """Fields per life area, named <area key>-<field>; `groups` gives each area's bound
    fields for a fieldset per area."""

    fields: dict[str, forms.Field]
    area_fields: tuple[str, ...] = ()

    def add_area_fields(self, areas: list[Any], language: str) -> None:
        self.areas = [(area, area.name(language)) for area in areas]
        for area, _name in self.areas:
            for field_name, field in self.make_area_fields():
                self.fields[f"{area.key}-{field_name}"] = field

    def make_area_fields(self) -> list[tuple[str, forms.Field]]:
        raise NotImplementedError

    def groups(self) -> list[dict[str, Any]]:
        form: Any = self
        return [
            {
                "area": area,
                "name": name,
                "fields": [form[f"{area.key}-{f}"] for f, _field in self.make_area_fields()],
            }
            for area, name in self.areas
        ]

    def area_values(self) -> dict[str, dict[str, Any]]:
        form: Any = self
        names = [f for f, _field in self.make_area_fields()]
        return {
            area.key: {f: form.cleaned_data[f"{area.key}-{f}"] for f in names}
            for area, _name in self.areas
        }


class MappingForm(AreaFieldsMixin, forms.Form):
    made_on = norwegian_date(_("Dato for kartleggingen"))
    children_situation = forms.CharField(
        label=_("Barnas situasjon"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Må fylles ut når personen har barn under 18 år."),
    )
    summary = forms.CharField(
        label=_("Oppsummering"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    read_number = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self, *args: Any, areas: list[Any], language: str, has_children: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.has_children = has_children
        self.add_area_fields(areas, language)

    def make_area_fields(self) -> list[tuple[str, forms.Field]]:
        return [
            ("rating", _rating_field(_("Personens vurdering"))),
            ("person_words", _text(_("Med personens egne ord"))),
            ("caseworker_note", _text(_("Veilederens notat"))),
            ("resources", _text(_("Ressurser"))),
            ("obstacles", _text(_("Hindringer"))),
            ("wants_help", _yes_no_field(_("Ønsker personen hjelp med dette?"))),
        ]

    def clean_made_on(self) -> Any:
        made_on = self.cleaned_data["made_on"]
        if made_on > timezone.localdate():
            raise forms.ValidationError(_("Datoen kan ikke være fram i tid."))
        return made_on

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.has_children and not cleaned.get("children_situation", "").strip():
            self.add_error(
                "children_situation",
                _("Beskriv barnas situasjon: personen har barn under 18 år."),
            )
        return cleaned


class PersonAnswerForm(AreaFieldsMixin, forms.Form):
    def __init__(self, *args: Any, areas: list[Any], language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_area_fields(areas, language)

    def make_area_fields(self) -> list[tuple[str, forms.Field]]:
        return [
            ("rating", _rating_field(_("Hvordan har du det med dette nå?"))),
            ("words", _text(_("Fortell med dine egne ord (valgfritt)"))),
            ("wants_help", _yes_no_field(_("Vil du ha hjelp med dette?"))),
        ]


def refresh_version(form: forms.Form, field: str, value: int) -> None:
    """After a stale save was refused: the form keeps what the user typed, and now
    carries the newest version, so that saving again (having read the news) works."""
    data = QueryDict(mutable=True)
    data.update(form.data)
    data[form.add_prefix(field)] = str(value)
    form.data = data


def activity_forms(
    activity: Any,
    edit_form: ActivityEditForm | None = None,
    status_form: ActivityStatusForm | None = None,
) -> dict[str, forms.Form]:
    """The change and status forms of an activity as it is now (or as just posted)."""
    day = "%d.%m.%Y"
    return {
        "edit_form": edit_form
        or ActivityEditForm(
            prefix="endre",
            initial={
                "title": activity.title,
                "description": activity.description,
                "from_date": activity.from_date.strftime(day) if activity.from_date else "",
                "to_date": activity.to_date.strftime(day) if activity.to_date else "",
                "version": activity.version,
            },
        ),
        "status_form": status_form
        or ActivityStatusForm(
            prefix="status", initial={"status": activity.status, "version": activity.version}
        ),
    }


YES_NO = [("yes", _("Ja")), ("no", _("Nei"))]


class SituationForm(forms.Form):
    """The situation at a contact, in SSB's categories (KOSTRA 11F), checked against SSB's
    rules for how they fit together before it is saved."""

    recorded_on = norwegian_date(_("Dato for kontakten"))
    civil_status = forms.ChoiceField(
        label=_("Sivilstand"), choices=[("", _("Velg")), *CivilStatus.choices]
    )
    main_income = forms.ChoiceField(
        label=_("Viktigste kilde til livsopphold"), choices=[("", _("Velg")), *MainIncome.choices]
    )
    benefit = forms.ChoiceField(
        label=_("Trygd eller pensjon av størst verdi"),
        choices=[("", _("Velg")), *Benefit.choices],
    )
    work = forms.ChoiceField(
        label=_("Arbeidssituasjon"), choices=[("", _("Velg")), *WorkSituation.choices]
    )
    housing = forms.ChoiceField(label=_("Bosituasjon"), choices=[("", _("Velg")), *Housing.choices])
    financial_counselling = forms.ChoiceField(
        label=_("Er det gitt økonomisk rådgivning på nivå II eller III?"),
        help_text=_("Nivå II: midlertidig betalingsudyktighet. Nivå III: varig."),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    individual_plan = forms.ChoiceField(
        label=_("Har personen individuell plan (sosialtjenesteloven § 28)?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, birth_date: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.birth_date = birth_date

    def clean_recorded_on(self) -> date:
        day: date = self.cleaned_data["recorded_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Datoen kan ikke være fram i tid."))
        if day < self.birth_date:
            raise forms.ValidationError(_("Datoen kan ikke være før personen ble født."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        needed = ("recorded_on", "main_income", "benefit", "work")
        if all(data.get(name) for name in needed):
            for problem in situation_problems(
                main_income=data["main_income"],
                benefit=data["benefit"],
                work=data["work"],
                age=data["recorded_on"].year - self.birth_date.year,
            ):
                self.add_error("main_income", problem)
        return data
