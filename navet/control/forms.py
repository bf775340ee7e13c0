"""The leader's forms in the internal control: the reform to simulate."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from navet.control.simulation import Population, Reform, ReformKind
from navet.rules.ratesets import AgeBand

PERCENT_MIN = Decimal(-50)
PERCENT_MAX = Decimal(100)
AMOUNT_MAX = 50_000


class PercentField(forms.DecimalField):
    """A percentage as people write it: "5,5", "5.5", "-2", "−2 %", "+5"."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip().removesuffix("%").strip().replace("\u2212", "-")
            value = value.replace(" ", "").replace("\u00a0", "").replace(",", ".")
            value = value.removeprefix("+")
        result: Decimal | None = super().to_python(value)
        return result


class SimulationForm(forms.Form):
    """What to simulate, on whom (GET: the address is the question)."""

    utvalg = forms.ChoiceField(
        label=gettext_lazy("Hvem beregningen gjelder"),
        choices=Population.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Velg hvem beregningen skal gjelde.")},
    )
    endring = forms.ChoiceField(
        label=gettext_lazy("Endring"),
        choices=ReformKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Velg hvilken endring du vil beregne.")},
    )
    prosent = PercentField(
        # Text, not a number field: a browser's number field drops "5,5" to "55" or "abc"
        # to nothing before the server can say what is wrong.
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        label=gettext_lazy("Endring i prosent"),
        help_text=gettext_lazy(
            "Gjelder «Alle satser opp eller ned». Pluss for økning, minus for kutt, for "
            "eksempel 5 eller -2,5. Satsene rundes opp til nærmeste 50 kroner."
        ),
        required=False,
        max_digits=5,
        decimal_places=2,
        error_messages={
            "invalid": gettext_lazy("Skriv prosenten som et tall, for eksempel 5 eller -2,5.")
        },
    )
    aldersgruppe = forms.TypedChoiceField(
        label=gettext_lazy("Aldersgruppe for barn"),
        help_text=gettext_lazy(
            "Gjelder «Endre eller dele én aldersgruppe»: gruppen som endres eller deles."
        ),
        required=False,
        coerce=int,
        empty_value=None,
    )
    sats = forms.IntegerField(
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        label=gettext_lazy("Ny sats for aldersgruppen, kroner per måned"),
        help_text=gettext_lazy("Deler du gruppen, gjelder satsen den eldste delen."),
        required=False,
        error_messages={"invalid": gettext_lazy("Skriv satsen i hele kroner, for eksempel 4500.")},
    )
    del_ved = forms.IntegerField(
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        label=gettext_lazy("Del gruppen ved alder (valgfritt)"),
        help_text=gettext_lazy(
            "For eksempel 15: barn fra 15 år får den nye satsen, de yngre beholder dagens."
        ),
        required=False,
        error_messages={"invalid": gettext_lazy("Skriv alderen i hele år, for eksempel 15.")},
    )

    def __init__(self, *args: Any, bands: tuple[AgeBand, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bands = {band.age_from: band for band in bands}
        field = self.fields["aldersgruppe"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Velg aldersgruppe"))] + [
            (
                band.age_from,
                _("%(ages)s år (%(amount)s kr)") % {"ages": band.label(), "amount": band.amount},
            )
            for band in bands
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("endring")
        if kind == ReformKind.SCALE:
            self._clean_percent(data.get("prosent"))
        elif kind == ReformKind.BAND:
            self._clean_band(data)
        if not self.errors and kind:
            data["reform"] = Reform(
                kind=ReformKind(kind),
                percent=data.get("prosent") if kind == ReformKind.SCALE else None,
                band_from=data.get("aldersgruppe") if kind == ReformKind.BAND else None,
                amount=data.get("sats") if kind == ReformKind.BAND else None,
                split_at=data.get("del_ved") if kind == ReformKind.BAND else None,
            )
        return data

    def _clean_percent(self, percent: Decimal | None) -> None:
        if "prosent" in self.errors:
            return
        if percent is None:
            self.add_error("prosent", _("Skriv hvor mange prosent satsene skal endres."))
        elif not PERCENT_MIN <= percent <= PERCENT_MAX:
            self.add_error(
                "prosent",
                _("Endringen må være mellom %(low)s og %(high)s prosent.")
                % {"low": PERCENT_MIN, "high": PERCENT_MAX},
            )
        elif percent == 0:
            self.add_error("prosent", _("Skriv en endring som ikke er null."))

    def _clean_band(self, data: dict[str, Any]) -> None:
        band = (
            self.bands.get(data["aldersgruppe"]) if data.get("aldersgruppe") is not None else None
        )
        if band is None and "aldersgruppe" not in self.errors:
            self.add_error("aldersgruppe", _("Velg aldersgruppen som skal endres."))
        amount = data.get("sats")
        if "sats" not in self.errors:
            if amount is None:
                self.add_error("sats", _("Skriv den nye satsen i kroner per måned."))
            elif not 0 <= amount <= AMOUNT_MAX:
                self.add_error(
                    "sats",
                    _("Satsen må være mellom 0 og %(high)s kroner per måned.")
                    % {"high": AMOUNT_MAX},
                )
        split_at = data.get("del_ved")
        top = min(band.age_to, 17) if band is not None else 0
        if (
            band is not None
            and split_at is not None
            and "del_ved" not in self.errors
            and not band.age_from < split_at <= top
        ):
            self.add_error(
                "del_ved",
                _("Alderen må være fra %(low)s til %(high)s år, inne i gruppen %(ages)s år.")
                % {
                    "low": band.age_from + 1,
                    "high": top,
                    "ages": band.label(),
                },
            )
