"""Forms of the decision pages: the assessment, deviations, conditions, four eyes,
appeals, and the administrator's rate sets and office settings.

The assessment form is a plain form, not a ModelForm: a ModelForm writes the cleaned
values into its instance, and `update_assessment` must see the decision as it is stored
to know what changed."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from navet.applications.date_bounds import (
    BoundedDateField,
    DateBounds,
    days_from_today,
    months_from_today,
    new_year,
    today,
)
from navet.core.fields import AccountNumberField, KidField, KronerField
from navet.core.models import four_digits
from navet.decisions.models import (
    ActivityExemption,
    AuthorityOutcome,
    ConditionKind,
    Decision,
    DecisionSettings,
    FollowUpResult,
    Form,
    KostraCondition,
    LegalBasis,
    MunicipalRateSet,
    Outcome,
    Recipient,
    RefusalGround,
    Sanction,
    StateRateSet,
)
from navet.formats import format_amount
from navet.rules.ratesets import state_living_cost_rates

MAX_PERIOD_DAYS = 366

# The days each date field takes (navet/applications/date_bounds.py), and why.
NOT_IN_THE_FUTURE = _("Datoen kan ikke være frem i tid.")
# A period starts when the application came in (registered at most back to 1 January five
# years ago), or up to a year ahead for help planned in advance. It lasts at most twelve
# months, so it ends at most two years ahead.
PERIOD_FROM = DateBounds(earliest=new_year(5), latest=months_from_today(12))
PERIOD_TO = DateBounds(earliest=new_year(5), latest=months_from_today(24))
# A documentation requirement is checked within the decision's period of at most twelve
# months; a deadline further ahead is a typo.
CONDITION_DEADLINE = DateBounds(
    earliest=days_from_today(1),
    latest=months_from_today(12),
    too_early=_("Datoen må være etter i dag."),
)
# An appeal and the Statsforvalteren's decision on it come after a decision, which covers
# at most the last five years; neither can be in the future.
APPEAL_DAY = DateBounds(earliest=new_year(5), latest=today, too_late=NOT_IN_THE_FUTURE)
# A municipality's rates may have been adopted years ago and still apply to a period five
# years back; next year's rates are adopted some months ahead.
RATES_VALID_FROM = DateBounds(earliest=new_year(10), latest=months_from_today(12))


class AssessmentForm(forms.Form):
    legal_basis = forms.ChoiceField(
        label=_("Hjemmel"), choices=LegalBasis.choices, widget=forms.RadioSelect
    )
    period_from = BoundedDateField(label=_("Periode fra"), bounds=PERIOD_FROM)
    period_to = BoundedDateField(label=_("Periode til"), bounds=PERIOD_TO)
    facts_that_mattered = forms.CharField(
        label=_("Faktiske forhold vi har lagt vekt på"),
        help_text=_("Ett forhold per linje. Står i vedtaksbrevet."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    considerations = forms.CharField(
        label=_("Hovedhensyn i vurderingen"),
        help_text=_("Begrunnelsen for vedtaket. Må skrives når søknaden ikke innvilges fullt ut."),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    children_assessment = forms.CharField(
        label=_("Barnas situasjon"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    no_activity_conditions_reason = forms.CharField(
        label=_("Tungtveiende grunner for ikke å stille aktivitetsvilkår"),
        help_text=_("Står i vedtaksbrevet. La feltet stå tomt når du setter aktivitetsvilkår."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    activity_exemption = forms.ChoiceField(
        label=_("Grunnen til unntaket fra aktivitetsvilkår"),
        help_text=_("Må velges når du skriver tungtveiende grunner. Telles i KOSTRA."),
        choices=[("", _("Ingen unntak")), *ActivityExemption.choices],
        required=False,
    )
    outcome = forms.ChoiceField(
        label=_("Utfall"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    form = forms.ChoiceField(
        label=_("Stønadsform"), choices=Form.choices, widget=forms.RadioSelect, required=False
    )
    amount = KronerField(
        label=_("Beløp (kr)"),
        help_text=_("Forhåndsutfylt med stønaden etter beregningen."),
        min_value=0,
        max_value=10_000_000,
        required=False,
    )
    amount_reason = forms.CharField(
        label=_("Begrunnelse når beløpet er lavere enn beregningen"),
        help_text=_("Står i vedtaksbrevet. La feltet stå tomt når beløpet er beregningens."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    refusal_ground = forms.ChoiceField(
        label=_("Grunn til avslag"),
        help_text=_("Beregningen gir ingen stønad. Brukes bare ved avslag."),
        choices=RefusalGround.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    recipient = forms.ChoiceField(
        label=_("Utbetales til"), choices=Recipient.choices, widget=forms.RadioSelect
    )
    recipient_name = forms.CharField(
        label=_("Navn på mottaker (valgfritt)"),
        help_text=_("For eksempel utleier, når husleien betales direkte."),
        max_length=200,
        required=False,
    )
    recipient_account = AccountNumberField(
        label=_("Mottakers kontonummer (valgfritt)"),
        help_text=_("11 sifre, for eksempel 8601 11 17947."),
        required=False,
    )
    recipient_kid = KidField(
        label=_("KID (valgfritt)"),
        help_text=_("Når mottakeren krever KID, står den på fakturaen."),
        required=False,
    )
    recipient_consent = forms.CharField(
        label=_("Personens samtykke (§ 22)"),
        help_text=_("Må fylles ut når en annen får pengene: når og hvordan personen samtykket."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        decision: Decision,
        has_children: bool,
        under_activity_age: bool,
        calculated: int | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            for name in self.fields:
                self.initial[name] = getattr(decision, name)
            if decision.amount is None and calculated is not None:
                self.initial["amount"] = calculated
        if has_children:
            self.fields["children_assessment"].label = _("Barnas situasjon (må fylles ut)")
            self.fields["children_assessment"].help_text = _(
                "Husstanden har barn. Beskriv barnas situasjon og hvordan vedtaket påvirker "
                "dem. Må fylles ut før vedtaket kan fattes."
            )
        else:
            self.fields["children_assessment"].label = _("Barnas situasjon (valgfritt)")
        if not under_activity_age:
            del self.fields["no_activity_conditions_reason"]
            del self.fields["activity_exemption"]
        if calculated is not None:
            self.fields["amount"].help_text = _(
                "Beregningen gir %(calculated)s. Et lavere beløp må begrunnes nedenfor; et "
                "høyere må komme fra et avvik i beregningen."
            ) % {"calculated": format_amount(calculated, get_language() or "nb")}
        if calculated != 0:
            # "Income above need" is a reason only when the calculation gives nothing.
            del self.fields["refusal_ground"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "activity_exemption" in self.fields:
            has_reason = bool(data.get("no_activity_conditions_reason", "").strip())
            if has_reason and not data.get("activity_exemption"):
                self.add_error("activity_exemption", _("Velg grunnen til unntaket."))
            elif not has_reason and data.get("activity_exemption"):
                self.add_error(
                    "no_activity_conditions_reason", _("Skriv de tungtveiende grunnene.")
                )
        first, last = data.get("period_from"), data.get("period_to")
        if first and last:
            if last < first:
                self.add_error("period_to", _("Perioden kan ikke slutte før den begynner."))
            elif (last - first).days > MAX_PERIOD_DAYS:
                self.add_error("period_to", _("Et vedtak gjelder for høyst tolv måneder."))
        if data.get("recipient") == Recipient.OTHER:
            if not data.get("recipient_name"):
                self.add_error("recipient_name", _("Skriv hvem stønaden skal utbetales til."))
            if not str(data.get("recipient_consent", "")).strip():
                self.add_error(
                    "recipient_consent",
                    _("Skriv hvordan personen har samtykket til at en annen får pengene."),
                )
        elif data.get("recipient_kid"):
            self.add_error("recipient_kid", _("KID brukes bare når pengene betales til en annen."))
        if "refusal_ground" not in self.fields:
            data["refusal_ground"] = ""  # not a reason the calculation gives any more
        return data


class DeviationForm(forms.Form):
    """The line itself is sent unprefixed (`line`), as the prefix is made from it."""

    amount = KronerField(label=_("Nytt beløp (kr)"), min_value=0, max_value=10_000_000)
    reason = forms.CharField(
        label=_("Begrunnelse for avviket"),
        help_text=_("Hvorfor beløpet skal være et annet enn beregnet. Står i vedtaksbrevet."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RemoveDeviationForm(forms.Form):
    line = forms.CharField(widget=forms.HiddenInput)


class ConditionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=ConditionKind.choices)
    text = forms.CharField(
        label=_("Vilkår"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    consequence = forms.CharField(
        label=_("Hva skjer hvis vilkåret ikke oppfylles?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    deadline = BoundedDateField(
        label=_("Frist (for dokumentasjonskrav)"),
        required=False,
        bounds=CONDITION_DEADLINE,
    )
    kostra_category = forms.ChoiceField(
        label=_("Hva slags vilkår (kategorien i KOSTRA)"),
        help_text=_("Må velges for vilkår etter § 20 og § 20 a. Ikke for dokumentasjonskrav."),
        choices=[("", _("Velg kategori")), *KostraCondition.choices],
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == ConditionKind.DOCUMENTATION:
            data["kostra_category"] = ""
        elif data.get("kind") and not data.get("kostra_category"):
            self.add_error(
                "kostra_category", _("Velg hva slags vilkår det er (kategorien i KOSTRA).")
            )
        if (
            data.get("kind") == ConditionKind.DOCUMENTATION
            and not data.get("deadline")
            and "deadline" not in self.errors
        ):
            self.add_error("deadline", _("Et dokumentasjonskrav må ha en frist."))
        return data


class RemoveConditionForm(forms.Form):
    condition = forms.IntegerField(widget=forms.HiddenInput)


class ReturnDecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Hva må endres?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AppealForm(forms.Form):
    received_on = BoundedDateField(label=_("Klagen mottatt"), bounds=APPEAL_DAY)
    summary = forms.CharField(
        label=_("Hva klagen gjelder"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, decided_on: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.decided_on = decided_on

    def clean_received_on(self) -> Any:
        received = self.cleaned_data["received_on"]
        if received < self.decided_on:
            raise forms.ValidationError(_("Klagen kan ikke være mottatt før vedtaket ble fattet."))
        return received


class ConditionCategoryForm(forms.Form):
    kostra_category = forms.ChoiceField(
        label=_("Hva slags vilkår (kategorien i KOSTRA)"),
        choices=[("", _("Velg kategori")), *KostraCondition.choices],
        error_messages={"required": _("Velg hva slags vilkår det er (kategorien i KOSTRA).")},
    )


class ConditionFollowUpForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Er vilkåret oppfylt?"), choices=FollowUpResult.choices, widget=forms.RadioSelect
    )
    assessed_on = BoundedDateField(label=_("Vurdert dato"), bounds=APPEAL_DAY)
    note = forms.CharField(
        label=_("Notat"),
        help_text=_(
            "Hva som er gjort eller ikke gjort. Må fylles ut når vilkåret ikke er oppfylt."
        ),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    sanction = forms.ChoiceField(
        label=_("Hva blir følgen når vilkåret ikke er oppfylt?"),
        help_text=_("Telles i KOSTRA. En nedsettelse krever et nytt vedtak («Endre vedtak»)."),
        choices=Sanction.choices,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args: Any, decided_on: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.decided_on = decided_on

    def clean_assessed_on(self) -> Any:
        assessed = self.cleaned_data["assessed_on"]
        if assessed < self.decided_on:
            raise forms.ValidationError(
                _("Vilkåret kan ikke være vurdert før vedtaket ble fattet.")
            )
        return assessed

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("result") == FollowUpResult.NOT_MET:
            if not data.get("note", "").strip():
                self.add_error("note", _("Skriv hva som ikke er oppfylt."))
            if not data.get("sanction"):
                self.add_error("sanction", _("Velg hva som blir følgen."))
        else:
            data["sanction"] = ""
        return data


class ForwardAppealForm(forms.Form):
    assessment = forms.CharField(
        label=_("Kontorets vurdering av klagen"),
        help_text=_("Hvorfor kontoret opprettholder vedtaket. Sendes til Statsforvalteren."),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AuthorityOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Statsforvalterens avgjørelse"), choices=AuthorityOutcome.choices
    )
    decided_on = BoundedDateField(label=_("Avgjort dato"), bounds=APPEAL_DAY)

    def __init__(self, *args: Any, forwarded_on: date | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.forwarded_on = forwarded_on

    def clean_decided_on(self) -> Any:
        decided = self.cleaned_data["decided_on"]
        if self.forwarded_on is not None and decided < self.forwarded_on:
            raise forms.ValidationError(
                _("Statsforvalteren kan ikke ha avgjort klagen før den ble sendt.")
            )
        return decided


def _rate(label: Any) -> KronerField:
    return KronerField(
        label=label, min_value=0, max_value=100_000, help_text=_("Kroner per måned.")
    )


class _RatesForm(forms.Form):
    """The six § 18 rates of a date and their source, shared by the two rate forms."""

    valid_from = BoundedDateField(label=_("Gjelder fra"), bounds=RATES_VALID_FROM)
    single = _rate(_("Enslig"))
    couple = _rate(_("Par"))
    shared_housing = _rate(_("Bofellesskap"))
    child_0_5 = _rate(_("Barn 0–5 år"))
    child_6_10 = _rate(_("Barn 6–10 år"))
    child_11_17 = _rate(_("Barn 11–17 år"))


RATE_FIELDS = [
    "valid_from",
    "source",
    "source_title",
    "single",
    "couple",
    "shared_housing",
    "child_0_5",
    "child_6_10",
    "child_11_17",
]


class RateSetForm(_RatesForm, forms.ModelForm[MunicipalRateSet]):
    source = forms.URLField(
        label=_("Kilde (lenke)"),
        help_text=_("Lenke til kommunens eget vedtak om satsene."),
        max_length=500,
        assume_scheme="https",
    )

    class Meta:
        model = MunicipalRateSet
        fields = ["municipality_number", "name", *RATE_FIELDS]
        help_texts = {"municipality_number": _("Fire sifre, for eksempel 0301 for Oslo.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality_number"].validators.append(four_digits)


class StateRateSetForm(_RatesForm, forms.ModelForm[StateRateSet]):
    source = forms.URLField(
        label=_("Kilde (lenke)"),
        help_text=_(
            "Lenke til rundskrivet med de veiledende satsene, for eksempel på regjeringen.no."
        ),
        max_length=500,
        assume_scheme="https",
    )

    class Meta:
        model = StateRateSet
        fields = RATE_FIELDS
        labels = {"source_title": _("Kilde (tittel)")}
        help_texts = {"source_title": _("For eksempel «Rundskriv A-1/2026».")}

    def clean_valid_from(self) -> date:
        valid_from: date = self.cleaned_data["valid_from"]
        shipped = state_living_cost_rates().rates[-1].source.valid_from
        if valid_from <= shipped:
            raise forms.ValidationError(
                _(
                    "Navet har statens satser fra %(date)s med kilde. Registrer bare satser "
                    "som gjelder fra en senere dato."
                )
                % {"date": shipped.strftime("%d.%m.%Y")}
            )
        return valid_from


class DecisionSettingsForm(forms.ModelForm[DecisionSettings]):
    class Meta:
        model = DecisionSettings
        fields = ["four_eyes", "four_eyes_above", "responsible_name"]
        widgets = {"four_eyes": forms.RadioSelect}
        help_texts = {
            "four_eyes_above": _("Brukes bare når godkjenning kreves over en beløpsgrense."),
            "responsible_name": _("Lederen som står som ansvarlig i vedtaksbrevene."),
        }
