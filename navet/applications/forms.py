"""Forms of the application pages: registration by hand, assignment, cases, facts, the
household, interim replies, documentation requests, rejection and received documents.

The forms only validate; the views pass `cleaned_data` to the actions."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from navet.applications.actions import PAPER_CHANNELS, DocumentWanted
from navet.applications.date_bounds import (
    BoundedDateField,
    BoundedDateTimeField,
    DateBounds,
    days_from_today,
    months_from_today,
    new_year,
    today,
    years_before_today,
)
from navet.applications.models import (
    Adults,
    Application,
    ApplicationQuerySet,
    CaseKind,
    CaseStatus,
    Channel,
    Fact,
    FactArea,
    RequestedDocument,
)
from navet.core.fields import KronerField
from navet.core.models import Employee
from navet.filetypes import ACCEPTED_ENDINGS, accepted_document, detect_media_type, read_head

MAX_CHILDREN = 6
MAX_DOCUMENTS = 5
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# What the caseworker calls each accepted type (navet.filetypes.ACCEPTED_TYPES).
UPLOAD_TYPE_NAMES = {"application/pdf": "PDF", "image/jpeg": "JPG", "image/png": "PNG"}

# The days each date field takes (navet/applications/date_bounds.py), and why.
AFTER_TODAY = _("Datoen må være etter i dag.")
# A paper application found in a pile years later is still registered with the day it
# came in; one from before 1 January five years back is a typo.
RECEIVED = DateBounds(
    earliest=new_year(5), latest=today, too_late=_("Tidspunktet kan ikke være frem i tid.")
)
# Children living at home while at school still belong to the household (parents support
# them through upper secondary, barneloven § 68); born more than 25 years ago is an adult
# of the household, or a typo.
CHILD_BORN = DateBounds(
    earliest=years_before_today(25),
    latest=today,
    too_late=_("Fødselsdatoen kan ikke være frem i tid."),
)
# An interim reply says when the applicant can expect an answer to an application for
# help to live on; more than six months ahead is a typo, not a plan.
ANSWER_EXPECTED = DateBounds(
    earliest=days_from_today(1), latest=months_from_today(6), too_early=AFTER_TODAY
)
# The applicant usually gets two weeks to send documentation; a deadline more than three
# months ahead leaves the application waiting for nothing.
DOCUMENTATION_DEADLINE = DateBounds(
    earliest=days_from_today(1), latest=months_from_today(3), too_early=AFTER_TODAY
)

# The types the § 18 calculation knows (navet.rules), as the caseworker reads them.
INCOME_RULES_TYPES = [
    ("salary", _("Lønn")),
    ("benefits", _("Trygdeytelser")),
    ("child_benefit", _("Barnetrygd")),
    ("child_earnings", _("Barns arbeidsinntekt")),
    ("housing_benefit", _("Bostøtte")),
    ("child_support", _("Barnebidrag")),
    ("student_loan", _("Studielån og stipend")),
    ("other", _("Annen inntekt")),
]
EXPENSE_RULES_TYPES = [
    ("rent", _("Husleie")),
    ("electricity", _("Strøm og oppvarming")),
    ("municipal_fees", _("Kommunale avgifter")),
    ("mortgage_interest", _("Renter på boliglån")),
    ("insurance", _("Forsikring")),
    ("kindergarten", _("Barnehage")),
    ("after_school", _("SFO/AKS")),
    ("other", _("Annen utgift")),
]
INCOME_AREAS = {FactArea.INCOME, FactArea.PAYOUT}
EXPENSE_AREAS = {FactArea.EXPENSE, FactArea.EXPENSE_DETAIL}


def rules_type_label(area: str, rules_type: str) -> str:
    """What a fact counts as in the calculation, in words ("" when it does not count)."""
    if not rules_type:
        return ""
    choices = INCOME_RULES_TYPES if area in INCOME_AREAS else EXPENSE_RULES_TYPES
    return str(dict(choices).get(rules_type, rules_type))


def _not_in_the_future(moment: datetime) -> None:
    """Later today than now (the range only knows days)."""
    if moment > timezone.now() + timedelta(minutes=5):
        raise ValidationError(_("Tidspunktet kan ikke være frem i tid."))


class RegisterApplicationForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Hvordan kom søknaden inn?"),
        choices=[(c.value, c.label) for c in PAPER_CHANNELS],
        widget=forms.RadioSelect,
    )
    received_at = BoundedDateTimeField(
        label=_("Mottatt"),
        help_text=_("Dato og klokkeslett søknaden kom inn."),
        bounds=RECEIVED,
        validators=[_not_in_the_future],
    )
    applied_for = forms.CharField(
        label=_("Hva søkes det om?"),
        help_text=_("Med søkerens egne ord, for eksempel «penger til mat og husleie»."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(
        label=_("Begrunnelse fra søkeren (valgfritt)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    emergency = forms.BooleanField(
        label=_("Nødhjelp"),
        help_text=_(
            "Søkeren trenger hjelp i dag. Saken opprettes straks, så du kan fatte vedtak samme dag."
        ),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("channel", Channel.DESK)
            self.initial.setdefault(
                "received_at", timezone.localtime().replace(second=0, microsecond=0)
            )


class AssignForm(forms.Form):
    caseworker = forms.ModelChoiceField(
        label=_("Saksbehandler"),
        queryset=Employee.objects.none(),
        required=False,
        empty_label=_("Ingen (ufordelt)"),
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["caseworker"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Employee.objects.caseworkers_of([application.office_id])
        if not self.is_bound:
            self.initial["caseworker"] = application.caseworker_id


UNASSIGNED = "ufordelt"


class WorklistFilterForm(forms.Form):
    """Narrows a work list: by caseworker (or none) and to emergency help. Sent by GET: it
    holds no personal data."""

    saksbehandler = forms.ChoiceField(label=_("Saksbehandler"), required=False)
    nodhjelp = forms.BooleanField(label=_("Bare nødhjelp"), required=False)

    def __init__(
        self, *args: Any, caseworkers: list[Employee], by_caseworker: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not by_caseworker:
            del self.fields["saksbehandler"]
            return
        field = self.fields["saksbehandler"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("Alle")),
            (UNASSIGNED, _("Ufordelt")),
            *((str(e.pk), e.name) for e in caseworkers),
        ]
        field.error_messages["invalid_choice"] = _(
            "Velg en saksbehandler fra listen. Den du valgte, finnes ikke ved kontoret."
        )

    def narrow(self, queryset: ApplicationQuerySet) -> ApplicationQuerySet:
        """The list as the valid filters narrow it; an invalid form narrows nothing."""
        if not self.is_valid():
            return queryset
        chosen = self.cleaned_data.get("saksbehandler")
        if chosen == UNASSIGNED:
            queryset = queryset.unassigned()
        elif chosen:
            queryset = queryset.filter(caseworker_id=int(chosen))
        if self.cleaned_data.get("nodhjelp"):
            queryset = queryset.filter(emergency=True)
        return queryset

    def query(self) -> dict[str, str]:
        """The valid filters as URL parameters, to carry over to tabs, sorting and pages."""
        if not self.is_valid():
            return {}
        params = {}
        if self.cleaned_data.get("saksbehandler"):
            params["saksbehandler"] = self.cleaned_data["saksbehandler"]
        if self.cleaned_data.get("nodhjelp"):
            params["nodhjelp"] = "on"
        return params


class CaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hva gjelder saken?"), choices=CaseKind.choices)
    title = forms.CharField(
        label=_("Tittel (valgfritt)"),
        help_text=_("Søkeren ser tittelen i innsyn. Uten tittel brukes typen."),
        max_length=120,
        required=False,
    )


class CaseStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Ny status"), choices=CaseStatus.choices)

    def __init__(self, *args: Any, has_decision: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if has_decision:
            # A case with a decision was not registered by mistake.
            field = self.fields["status"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [c for c in CaseStatus.choices if c[0] != CaseStatus.WITHDRAWN]


class FactForm(forms.Form):
    area = forms.ChoiceField(label=_("Område"), choices=FactArea.choices)
    title = forms.CharField(label=_("Opplysning"), max_length=200)
    amount = KronerField(
        label=_("Beløp per måned (kr, valgfritt)"),
        min_value=0,
        max_value=10_000_000,
        required=False,
    )
    rules_type = forms.ChoiceField(
        label=_("Brukes i beregningen som"),
        choices=[
            ("", _("Brukes ikke i beregningen")),
            (_("Inntekt"), INCOME_RULES_TYPES),
            (_("Utgift"), EXPENSE_RULES_TYPES),
        ],
        required=False,
    )
    note = forms.CharField(
        label=_("Merknad (valgfritt)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    replaces = forms.ModelChoiceField(
        label=_("Retter en opplysning"),
        help_text=_("Velg opplysningen du retter. Den gamle vises overstreket."),
        queryset=Fact.objects.none(),
        required=False,
        empty_label=_("Nei, dette er en ny opplysning"),
    )

    def __init__(self, *args: Any, facts: list[Fact], application: Application, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["replaces"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Fact.objects.filter(application=application, superseded_by__isnull=True)
        field.choices = [("", field.empty_label), *((f.pk, f.title) for f in facts)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        area, rules_type = data.get("area"), data.get("rules_type")
        if rules_type:
            allowed = (
                dict(INCOME_RULES_TYPES)
                if area in INCOME_AREAS
                else dict(EXPENSE_RULES_TYPES)
                if area in EXPENSE_AREAS
                else {}
            )
            if rules_type not in allowed:
                self.add_error(
                    "rules_type",
                    _(
                        "Bare inntekter og utgifter brukes i beregningen, og da med en type "
                        "fra samme område."
                    ),
                )
            elif data.get("amount") in (None, 0):
                self.add_error("amount", _("Skriv beløpet som skal brukes i beregningen."))
        return data


class HouseholdForm(forms.Form):
    adults = forms.ChoiceField(
        label=_("Voksne i husstanden"), choices=Adults.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        children = list(application.children)
        for index in range(1, MAX_CHILDREN + 1):
            child = children[index - 1] if index <= len(children) else {}
            self.fields[f"child_{index}_name"] = forms.CharField(
                label=_("Navn"), max_length=100, required=False
            )
            self.fields[f"child_{index}_birth_date"] = BoundedDateField(
                label=_("Fødselsdato"), required=False, bounds=CHILD_BORN
            )
            if not self.is_bound:
                self.initial[f"child_{index}_name"] = child.get("name", "")
                self.initial[f"child_{index}_birth_date"] = child.get("birth_date", "")
        if not self.is_bound:
            self.initial["adults"] = application.adults

    def child_rows(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        return [
            (index, self[f"child_{index}_name"], self[f"child_{index}_birth_date"])
            for index in range(1, MAX_CHILDREN + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        children = []
        for index in range(1, MAX_CHILDREN + 1):
            name = data.get(f"child_{index}_name", "")
            born = data.get(f"child_{index}_birth_date")
            if f"child_{index}_birth_date" in self.errors or (not name and born is None):
                continue
            if born is None:
                self.add_error(f"child_{index}_birth_date", _("Skriv barnets fødselsdato."))
                continue
            children.append({"name": name, "birth_date": born.isoformat()})
        data["children"] = children
        return data


class InterimReplyForm(forms.Form):
    expected_by = BoundedDateField(label=_("Når kan søkeren vente svar?"), bounds=ANSWER_EXPECTED)
    reason = forms.CharField(
        label=_("Hvorfor tar det lengre tid?"),
        help_text=_("Står i brevet til søkeren. Skriv kort og på klart språk."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DocumentationRequestForm(forms.Form):
    deadline = BoundedDateField(
        label=_("Frist for å sende dokumentasjonen"), bounds=DOCUMENTATION_DEADLINE
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index in range(1, MAX_DOCUMENTS + 1):
            self.fields[f"document_{index}_type"] = forms.CharField(
                label=_("Dokument"), max_length=200, required=index == 1
            )
            self.fields[f"document_{index}_description"] = forms.CharField(
                label=_("Beskrivelse (valgfritt)"), max_length=500, required=False
            )
        if not self.is_bound:
            self.initial["deadline"] = timezone.localdate() + timedelta(days=14)

    def document_rows(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        return [
            (index, self[f"document_{index}_type"], self[f"document_{index}_description"])
            for index in range(1, MAX_DOCUMENTS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        wanted = []
        for index in range(1, MAX_DOCUMENTS + 1):
            title = data.get(f"document_{index}_type", "")
            description = data.get(f"document_{index}_description", "")
            if description and not title:
                self.add_error(f"document_{index}_type", _("Skriv hvilket dokument du trenger."))
            elif title:
                wanted.append(DocumentWanted(document_type=title, description=description))
        data["documents"] = wanted
        return data


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Hvorfor behandles søknaden ikke?"),
        help_text=_(
            "For eksempel at søkeren har trukket søknaden, eller at den er sendt to ganger."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReceiveDocumentForm(forms.Form):
    answers = forms.ModelChoiceField(
        label=_("Svar på"),
        queryset=RequestedDocument.objects.none(),
        required=False,
        empty_label=_("Ikke etterspurt (annet vedlegg)"),
    )
    file = forms.FileField(
        label=_("Fil"),
        help_text=_("PDF, JPG eller PNG, høyst 20 MB."),
    )

    def __init__(
        self,
        *args: Any,
        outstanding: list[RequestedDocument],
        application: Application,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["answers"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = RequestedDocument.objects.filter(
            request__application=application, fulfilled_at__isnull=True
        )
        field.choices = [
            ("", field.empty_label),
            *((d.pk, f"{d.document_type} ({d.reference})") for d in outstanding),
        ]

    def clean_file(self) -> Any:
        """The name must end in an accepted type, and the bytes must be that type: HTML
        or a script named `.pdf` is refused, and so is a picture named `.pdf`."""
        upload = self.cleaned_data["file"]
        name = str(upload.name)
        if not any(name.lower().endswith(ending) for ending in ACCEPTED_ENDINGS):
            raise ValidationError(_("Filen må være PDF, JPG eller PNG."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("Filen er større enn 20 MB."))
        if upload.size == 0:
            raise ValidationError(_("Filen er tom."))
        head = read_head(upload)
        if not accepted_document(name, head):
            kind = UPLOAD_TYPE_NAMES.get(detect_media_type(head) or "")
            if kind is None:
                raise ValidationError(_("Innholdet i filen er ikke PDF, JPG eller PNG."))
            raise ValidationError(
                _(
                    "Filendelsen stemmer ikke med innholdet, som er %(kind)s. Gi filen riktig "
                    "filendelse og last den opp på nytt."
                ),
                params={"kind": kind},
            )
        return upload
