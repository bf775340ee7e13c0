"""How decisions, calculations, conditions, appeals and rate sets are shown: data for the
components. No queries here; the views load (with prefetches)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from navet.applications.presenters import day, kroner, moment
from navet.core.tables import Cell, CellValue, Row, Tag, TagVariant
from navet.decisions.actions import ASSESSMENT_FIELDS
from navet.decisions.models import (
    Appeal,
    AppealState,
    Condition,
    Decision,
    DecisionState,
    LegalBasis,
    MunicipalRateSet,
    StateRateSet,
)
from navet.decisions.snapshot import CalculationSnapshot, DeviationRef, Line
from navet.rules.explain import Line as RulesLine
from navet.rules.explain import Notice
from navet.rules.ratesets import LivingCostRateSet
from navet.rules.texts import LANGUAGES, LINES, render_line, render_warning

KIND_LABELS = {
    "need": gettext_lazy("Behov"),
    "income": gettext_lazy("Inntekt"),
    "expense": gettext_lazy("Utgift"),
    "total": gettext_lazy("Sum"),
    "info": gettext_lazy("Informasjon"),
}
# Lines whose amount a caseworker may replace (navet.decisions.calculation.assistance_after
# moves the need or the counted income by them).
DEVIABLE_KINDS = ("need", "income")
RATE_SET_LABELS = {
    "state": gettext_lazy("statens veiledende satser"),
    "municipality": gettext_lazy("kommunens egne satser"),
}


def state_tag(decision: Decision) -> Tag:
    variants: dict[DecisionState, TagVariant] = {
        DecisionState.DRAFT: "neutral",
        DecisionState.PROPOSED: "warning",
        DecisionState.MADE: "success",
    }
    variant = variants[DecisionState(decision.state)]
    return Tag(decision.get_state_display(), variant)


def calculation_columns() -> list[str]:
    return [_("Linje"), _("Type"), _("Beløp"), _("Sats"), _("Kilde")]


def _rate_and_source(line: Line) -> tuple[CellValue, CellValue]:
    if line.rate is not None:
        rate = line.rate
        text = _("%(amount)s, %(owner)s fra %(date)s") % {
            "amount": kroner(int(rate.value)),
            "owner": str(RATE_SET_LABELS.get(rate.rate_set, rate.rate_set)),
            "date": day(rate.valid_from) if rate.valid_from else "",
        }
        unverified = rate.status and not rate.verified
        rate_cell = Cell(text, tags=(Tag(_("Ikke verifisert"), "warning"),) if unverified else ())
        title, url = rate.source_title, rate.source_url
    elif line.source is not None:
        rate_cell = Cell("")
        title, url = line.source.title, line.source.url
    else:
        return "", ""
    return rate_cell, Cell(title or url, href=url) if url else title


def line_text(line: Line, snapshot: CalculationSnapshot) -> str:
    """The line in the reader's language, rendered again from its key and facts as the
    rules wrote it; the stored text (the letter's language) when that cannot be done."""
    language = get_language()
    if language == snapshot.language or language not in LANGUAGES:
        return line.text
    try:
        template = LINES[line.key][language]
        facts = {
            key: Decimal(str(value))
            if isinstance(value, int | float) and f"{{{key}_fact}}" in template
            else value
            for key, value in (line.raw.get("facts") or {}).items()
        }
        period = line.raw.get("period")
        return render_line(
            RulesLine(
                key=line.key,
                kind="info",
                amount=Decimal(line.amount),
                legal_reference=line.legal_reference,
                facts=facts,
                period=(date.fromisoformat(period["from"]), date.fromisoformat(period["to"]))
                if period
                else None,
            ),
            language,
        )
    except (KeyError, ValueError, TypeError, IndexError):
        return line.text


def calculation_rows(snapshot: CalculationSnapshot) -> list[Row]:
    rows: list[Row] = []
    for line in snapshot.lines:
        rate, source = _rate_and_source(line)
        amount = Cell(
            "" if line.kind == "info" and not line.amount else kroner(line.amount),
            tags=(Tag(_("Avvik"), "warning"),) if snapshot.deviation(line.line_key) else (),
        )
        text = line_text(line, snapshot)
        rows.append([text, str(KIND_LABELS[line.kind]), amount, rate, source])
    return rows


@dataclass(frozen=True)
class DeviableLine:
    """A line a caseworker may set another amount for, with the deviation if any."""

    key: str
    text: str
    amount: int
    kind: str
    deviation: DeviationRef | None


def deviable_lines(snapshot: CalculationSnapshot) -> list[DeviableLine]:
    return [
        DeviableLine(
            key=line.line_key,
            text=line_text(line, snapshot),
            amount=line.amount,
            kind=str(KIND_LABELS[line.kind]),
            deviation=snapshot.deviation(line.line_key),
        )
        for line in snapshot.lines
        if line.kind in DEVIABLE_KINDS
    ]


def deviation_columns() -> list[str]:
    return [_("Linje"), _("Beregnet"), _("Nytt beløp"), _("Begrunnelse")]


def deviation_rows(snapshot: CalculationSnapshot) -> list[Row]:
    return [[d.text, kroner(d.calculated), kroner(d.amount), d.reason] for d in snapshot.deviations]


def warnings(snapshot: CalculationSnapshot) -> list[str]:
    """The rules' warnings in the reader's language (the explanation lines stay in the
    letter's); a warning this version of Navet cannot render again keeps its stored text."""
    language = get_language()
    if language not in LANGUAGES or len(snapshot.notices) != len(snapshot.warnings):
        return list(snapshot.warnings)
    out = []
    for (code, params), stored in zip(snapshot.notices, snapshot.warnings, strict=True):
        try:
            out.append(render_warning(Notice(code, params), language))
        except (KeyError, ValueError, TypeError):
            out.append(stored)
    return out


def period(decision: Decision) -> str:
    if decision.period_from and decision.period_to:
        return f"{day(decision.period_from)}–{day(decision.period_to)}"
    return ""


def decision_summary(decision: Decision) -> list[tuple[str, Any]]:
    """The assessment and outcome as a description list (read-only views)."""
    items: list[tuple[str, Any]] = [
        (_("Status"), decision.get_state_display()),
        (_("Hjemmel"), decision.get_legal_basis_display()),
        (_("Periode"), period(decision)),
        (_("Utfall"), decision.get_outcome_display() if decision.outcome else ""),
        (_("Stønadsform"), decision.get_form_display() if decision.form else ""),
        (_("Beløp"), kroner(decision.amount)),
    ]
    snapshot = decision.snapshot
    if decision.legal_basis == LegalBasis.LIVING_COSTS and not snapshot.failed:
        items.append((_("Stønad etter beregningen"), kroner(snapshot.assistance)))
    if decision.amount_reason:
        items.append((_("Begrunnelse for et lavere beløp"), decision.amount_reason))
    if decision.refusal_ground:
        items.append((_("Grunn til avslag"), decision.get_refusal_ground_display()))
    items += [
        (_("Utbetales til"), decision.recipient_name or decision.get_recipient_display()),
        (_("Faktiske forhold"), decision.facts_that_mattered),
        (_("Hovedhensyn"), decision.considerations),
        (_("Barnas situasjon"), decision.children_assessment),
    ]
    if decision.no_activity_conditions_reason:
        items.append(
            (
                _("Grunner for ikke å stille aktivitetsvilkår"),
                decision.no_activity_conditions_reason,
            )
        )
    return items


def made_summary(decision: Decision) -> list[tuple[str, Any]]:
    items: list[tuple[str, Any]] = [
        (_("Utfall"), decision.get_outcome_display()),
        (_("Beløp"), kroner(decision.amount)),
        (_("Stønadsform"), decision.get_form_display() if decision.amount else ""),
        (_("Periode"), period(decision)),
        (_("Fattet"), moment(decision.made_at)),
        (_("Fattet av"), decision.made_by.name if decision.made_by else ""),
    ]
    if decision.approved_by is not None:
        items.append((_("Godkjent av"), decision.approved_by.name))
    if decision.proposed_by is not None and decision.approved_by is not None:
        items.append((_("Foreslått av"), decision.proposed_by.name))
    items.append((_("Klagefrist"), day(decision.appeal_deadline)))
    if decision.replaces is not None:
        items.append((_("Endrer vedtak"), decision.replaces.reference))
    return items


def condition_columns() -> list[str]:
    return [_("Type"), _("Vilkår"), _("Følge hvis ikke oppfylt"), _("Frist")]


def follow_up_state(condition: Condition) -> str:
    """Where the condition stands: its latest follow-up (read through
    condition.follow_ups.all(), so a prefetch serves it), or that none is recorded."""
    follow_ups = list(condition.follow_ups.all())
    if not follow_ups:
        return _("Ikke fulgt opp ennå")
    latest = follow_ups[-1]
    return _("%(result)s (vurdert %(date)s)") % {
        "result": latest.get_result_display(),
        "date": day(latest.assessed_on),
    }


def follow_up_note(condition: Condition) -> str:
    """The latest follow-up's note, with who recorded it."""
    follow_ups = list(condition.follow_ups.all())
    if not follow_ups or not follow_ups[-1].note:
        return ""
    latest = follow_ups[-1]
    return _("«%(note)s» – %(name)s") % {"note": latest.note, "name": latest.recorded_by.name}


def condition_rows(conditions: list[Condition]) -> list[list[Any]]:
    return [[c.get_kind_display(), c.text, c.consequence, day(c.deadline)] for c in conditions]


APPEAL_VARIANTS: dict[AppealState, TagVariant] = {
    AppealState.RECEIVED: "warning",
    AppealState.CHANGED: "info",
    AppealState.FORWARDED: "alt3",
    AppealState.CLOSED: "success",
}


def appeal_tags(appeal: Appeal) -> list[Tag]:
    tags = [Tag(appeal.get_state_display(), APPEAL_VARIANTS[AppealState(appeal.state)])]
    if not appeal.within_deadline:
        tags.append(Tag(_("Klaget etter fristen"), "error"))
    return tags


def appeal_summary(appeal: Appeal) -> list[tuple[str, Any]]:
    items: list[tuple[str, Any]] = [
        (_("Mottatt"), day(appeal.received_on)),
        (_("Klagefrist"), day(appeal.deadline)),
        (_("Hva klagen gjelder"), appeal.summary),
    ]
    if appeal.office_assessment:
        items.append((_("Kontorets vurdering"), appeal.office_assessment))
    if appeal.forwarded_on:
        items.append((_("Sendt til Statsforvalteren"), day(appeal.forwarded_on)))
    if appeal.new_decision is not None:
        items.append((_("Nytt vedtak"), appeal.new_decision.reference))
    if appeal.authority_outcome:
        items.append((_("Statsforvalterens avgjørelse"), appeal.get_authority_outcome_display()))
        items.append((_("Avgjort"), day(appeal.authority_decided_on)))
    return items


def dated_rate_columns() -> list[str]:
    """The headings of `dated_rates`."""
    return [
        _("Gjelder fra"),
        _("Enslig"),
        _("Par"),
        _("Bofellesskap"),
        _("Barn 0–5"),
        _("Barn 6–10"),
        _("Barn 11–17"),
        _("Kilde"),
    ]


def rate_set_columns() -> list[str]:
    return [_("Kommune"), _("Navn"), *dated_rate_columns()]


def dated_rates(r: MunicipalRateSet | StateRateSet) -> Row:
    """The date, the six rates and the source: the columns both rate tables share."""
    rates = (r.single, r.couple, r.shared_housing, r.child_0_5, r.child_6_10, r.child_11_17)
    return [
        day(r.valid_from),
        *(kroner(rate) for rate in rates),
        Cell(r.source_title, href=r.source),
    ]


def rate_set_rows(rate_sets: list[MunicipalRateSet]) -> list[Row]:
    return [[r.municipality_number, r.name, *dated_rates(r)] for r in rate_sets]


def draft_fingerprint(decision: Decision) -> str:
    """What the caseworker saw on the confirmation page: the assessment, the conditions and
    the calculation. Making the decision checks it is still the same."""
    data = {
        "assessment": {name: getattr(decision, name) for name in ASSESSMENT_FIELDS},
        "conditions": [
            (c.kind, c.text, c.consequence, c.deadline) for c in decision.conditions.all()
        ],
        "calculation": decision.calculation,
    }
    encoded = json.dumps(data, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


STATUS_LABELS = {
    "verified": gettext_lazy("Levert med Navet, kontrollert mot kilden"),
    "secondary": gettext_lazy("Levert med Navet, bare fra en sekundærkilde"),
    "administrator": gettext_lazy("Registrert av administrator"),
}


def state_rate_columns() -> list[str]:
    return [*dated_rate_columns(), _("Status")]


def state_rate_rows(shipped: LivingCostRateSet, registered: list[StateRateSet]) -> list[Row]:
    """The state's guideline rates Navet ships, then those an administrator registered."""
    rows: list[Row] = []
    for rates in shipped.rates:
        bands = {band.age_from: band.amount for band in rates.children}
        rows.append(
            [
                day(rates.source.valid_from),
                *(kroner(int(rates.adults[k])) for k in ("single", "couple", "shared_housing")),
                *(kroner(int(bands[start])) if start in bands else "" for start in (0, 6, 11)),
                Cell(rates.source.title, href=rates.source.url),
                str(STATUS_LABELS[rates.source.status]),
            ]
        )
    for row in registered:
        who = row.created_by.name
        rows.append(
            [
                *dated_rates(row),
                Cell(
                    "",
                    tags=(
                        Tag(_("Registrert av administrator (%(name)s)") % {"name": who}, "warning"),
                    ),
                ),
            ]
        )
    return rows


def state_rates_missing(
    shipped: LivingCostRateSet, registered: list[StateRateSet], today: date
) -> str:
    """Which years have no state rates, in words, when the newest are from before this year."""
    dates = [r.source.valid_from for r in shipped.rates] + [r.valid_from for r in registered]
    newest = max(dates)
    if newest.year >= today.year:
        return ""
    return _(
        "Navet har ingen statlige satser fra 1.1.%(first)d. Beregninger fra da bruker satsene "
        "fra %(newest)s og sier fra om det. Registrer satsene fra rundskrivet for %(first)d "
        "og senere år med kilde."
    ) % {"first": newest.year + 1, "newest": day(newest)}


# --- On the person page: the person's decisions and appeals ----------------------------


def decision_url(decision: Decision) -> str:
    """The decision on its application's Vedtak tab, at its case."""
    url = reverse("applications:application-decisions", args=[decision.case.application_id])
    return f"{url}#sak-{decision.case.reference}"


def conditions_text(decision: Decision) -> str:
    parts = []
    for condition in decision.conditions.all():
        text = f"{condition.get_kind_display()}: {condition.text}"
        if condition.deadline:
            text += " " + _("(frist %(date)s)") % {"date": day(condition.deadline)}
        if decision.is_made:
            text += " – " + follow_up_state(condition)
        parts.append(text)
    return "; ".join(parts)


def person_decision_columns() -> list[str]:
    return [
        _("Vedtak"),
        _("Søknad"),
        _("Utfall"),
        _("Beløp"),
        _("Periode"),
        _("Fattet"),
        _("Vilkår"),
    ]


def person_decision_rows(decisions: Iterable[Decision]) -> list[Row]:
    rows: list[Row] = []
    for decision in decisions:
        tags: tuple[Tag, ...] = () if decision.is_made else (state_tag(decision),)
        replaced = bool(decision.replaced_by.all())
        if replaced:
            tags += (Tag(_("Endret ved nytt vedtak"), "neutral"),)
        rows.append(
            [
                Cell(decision.reference, href=decision_url(decision), nowrap=True),
                Cell(decision.case.application.reference, nowrap=True),
                Cell(decision.get_outcome_display() if decision.outcome else "", tags=tags),
                kroner(decision.amount),
                period(decision),
                day(timezone.localdate(decision.made_at)) if decision.made_at else "",
                conditions_text(decision),
            ]
        )
    return rows


def person_appeal_columns() -> list[str]:
    return [
        _("Klage på vedtak"),
        _("Mottatt"),
        _("Status"),
        _("Sendt til Statsforvalteren"),
        _("Statsforvalterens avgjørelse"),
    ]


def person_appeal_rows(appeals: Iterable[Appeal]) -> list[Row]:
    return [
        [
            Cell(appeal.decision.reference, href=decision_url(appeal.decision), nowrap=True),
            day(appeal.received_on),
            Cell("", tags=tuple(appeal_tags(appeal))),
            day(appeal.forwarded_on),
            appeal.get_authority_outcome_display() if appeal.authority_outcome else "",
        ]
        for appeal in appeals
    ]
