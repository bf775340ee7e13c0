"""Explanation lines and warnings as sentences in bokmål (nb), nynorsk (nn) and English (en).

The rules package has no Django, so its few texts live here as data; a test checks that
every key exists in all three languages and that every line and warning key a calculation
can produce has a text.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from navet.formats import format_amount, format_date
from navet.rules.explain import Line, Notice

Language = Literal["nb", "nn", "en"]
LANGUAGES: tuple[Language, ...] = ("nb", "nn", "en")

LABELS: dict[str, dict[Language, str]] = {
    # adults (§ 18) and debtors (FOR-2014-06-13-724)
    "single": {"nb": "enslig", "nn": "einsleg", "en": "single adult"},
    "couple": {"nb": "ektepar/samboere", "nn": "ektepar/sambuarar", "en": "couple"},
    "shared_housing": {
        "nb": "person i bofellesskap",
        "nn": "person i bufellesskap",
        "en": "person in shared housing",
    },
    "cohabiting": {
        "nb": "gift/samboende skyldner",
        "nn": "gift/sambuande skuldnar",
        "en": "debtor living with a partner",
    },
    "supporting_spouse": {
        "nb": "skyldner som forsørger ektefelle/samboer",
        "nn": "skuldnar som forsørgjer ektefelle/sambuar",
        "en": "debtor supporting a partner",
    },
    # expenses
    "rent": {"nb": "husleie", "nn": "husleige", "en": "rent"},
    "electricity": {
        "nb": "strøm og oppvarming",
        "nn": "straum og oppvarming",
        "en": "electricity and heating",
    },
    "municipal_fees": {
        "nb": "kommunale avgifter",
        "nn": "kommunale avgifter",
        "en": "municipal fees",
    },
    "mortgage_interest": {
        "nb": "renter på boliglån",
        "nn": "renter på bustadlån",
        "en": "mortgage interest",
    },
    "insurance": {
        "nb": "bolig- og innboforsikring",
        "nn": "bustad- og innbuforsikring",
        "en": "home and contents insurance",
    },
    "kindergarten": {"nb": "barnehage", "nn": "barnehage", "en": "kindergarten"},
    "after_school": {"nb": "SFO/AKS", "nn": "SFO/AKS", "en": "after-school care"},
    "joint_costs": {"nb": "felleskostnader", "nn": "felleskostnader", "en": "joint costs"},
    "ground_rent": {"nb": "festeavgift", "nn": "festeavgift", "en": "ground rent"},
    "maintenance": {
        "nb": "nødvendig vedlikehold",
        "nn": "naudsynt vedlikehald",
        "en": "necessary maintenance",
    },
    "mortgage_instalment": {
        "nb": "avdrag på boliglån",
        "nn": "avdrag på bustadlån",
        "en": "mortgage instalments",
    },
    # incomes
    "salary": {"nb": "lønn", "nn": "løn", "en": "salary"},
    "benefits": {"nb": "trygdeytelser", "nn": "trygdeytingar", "en": "social security benefits"},
    "housing_benefit": {"nb": "bostøtte", "nn": "bustøtte", "en": "housing benefit"},
    "child_benefit": {"nb": "barnetrygd", "nn": "barnetrygd", "en": "child benefit"},
    "child_support": {"nb": "barnebidrag", "nn": "barnebidrag", "en": "child support"},
    "child_earnings": {
        "nb": "barns egne arbeidsinntekter",
        "nn": "inntekter barna sjølve har tent",
        "en": "children's own earnings",
    },
    "student_loan": {
        "nb": "studielån og stipend",
        "nn": "studielån og stipend",
        "en": "student loan and grant",
    },
    "other": {"nb": "annet", "nn": "anna", "en": "other"},
    "dagpenger": {"nb": "dagpenger", "nn": "dagpengar", "en": "unemployment benefit"},
    "sickness_benefit": {"nb": "sykepenger", "nn": "sjukepengar", "en": "sickness benefit"},
    "parental_benefit": {"nb": "foreldrepenger", "nn": "foreldrepengar", "en": "parental benefit"},
    "work_assessment_allowance": {
        "nb": "arbeidsavklaringspenger",
        "nn": "arbeidsavklaringspengar",
        "en": "work assessment allowance",
    },
    "disability_benefit": {"nb": "uføretrygd", "nn": "uføretrygd", "en": "disability benefit"},
    "cash_for_care": {"nb": "kontantstøtte", "nn": "kontantstøtte", "en": "cash-for-care benefit"},
    "work": {"nb": "arbeidsinntekt", "nn": "arbeidsinntekt", "en": "work income"},
    # benefits
    "qualification_benefit": {
        "nb": "Kvalifiseringsstønad",
        "nn": "Kvalifiseringsstønad",
        "en": "Qualification benefit",
    },
    "introduction_benefit": {
        "nb": "Introduksjonsstønad",
        "nn": "Introduksjonsstønad",
        "en": "Introduction benefit",
    },
    # what a set of rates is for (the missing_rates warning)
    "rates.living_costs": {"nb": "livsopphold", "nn": "livsopphald", "en": "living costs"},
    "rates.income_rules": {
        "nb": "hva som regnes som inntekt",
        "nn": "kva som blir rekna som inntekt",
        "en": "what counts as income",
    },
    "rates.G": {"nb": "grunnbeløpet (G)", "nn": "grunnbeløpet (G)", "en": "the basic amount (G)"},
    "rates.debt_subsistence": {
        "nb": "livsopphold ved utleggstrekk og gjeldsordning",
        "nn": "livsopphald ved utleggstrekk og gjeldsordning",
        "en": "subsistence in wage deduction and debt settlement",
    },
    "rates.debt_reductions": {
        "nb": "reduksjoner i livsoppholdssatsene ved gjeld",
        "nn": "reduksjonar i livsopphaldssatsane ved gjeld",
        "en": "reductions in the subsistence rates for debtors",
    },
    "rates.qualification_benefit": {
        "nb": "kvalifiseringsstønad",
        "nn": "kvalifiseringsstønad",
        "en": "the qualification benefit",
    },
    "rates.introduction_benefit": {
        "nb": "introduksjonsstønad",
        "nn": "introduksjonsstønad",
        "en": "the introduction benefit",
    },
    # sets of rates by their id (the secondary_source warning)
    "rate_set.state": {
        "nb": "statens veiledende satser",
        "nn": "statlege rettleiande satsar",
        "en": "the state's guideline rates",
    },
    "rate_set.municipality": {
        "nb": "kommunens egne satser",
        "nn": "kommunen sine eigne satsar",
        "en": "the municipality's own rates",
    },
    "rate_set.income_rules": {
        "nb": "reglene for inntekt",
        "nn": "reglane for inntekt",
        "en": "the income rules",
    },
    "rate_set.folketrygden": {
        "nb": "folketrygdens grunnbeløp",
        "nn": "grunnbeløpet i folketrygda",
        "en": "the National Insurance basic amount",
    },
    "rate_set.debt-state": {
        "nb": "satsene ved utleggstrekk og gjeldsordning",
        "nn": "satsane ved utleggstrekk og gjeldsordning",
        "en": "the rates for wage deduction and debt settlement",
    },
    # days that are not working days
    "saturday": {"nb": "lørdag", "nn": "laurdag", "en": "Saturday"},
    "sunday": {"nb": "søndag", "nn": "sundag", "en": "Sunday"},
    "new_years_day": {"nb": "første nyttårsdag", "nn": "første nyttårsdag", "en": "New Year's Day"},
    "maundy_thursday": {"nb": "skjærtorsdag", "nn": "skjærtorsdag", "en": "Maundy Thursday"},
    "good_friday": {"nb": "langfredag", "nn": "langfredag", "en": "Good Friday"},
    "easter_sunday": {"nb": "første påskedag", "nn": "første påskedag", "en": "Easter Sunday"},
    "easter_monday": {"nb": "andre påskedag", "nn": "andre påskedag", "en": "Easter Monday"},
    "labour_day": {"nb": "1. mai", "nn": "1. mai", "en": "1 May"},
    "constitution_day": {"nb": "17. mai", "nn": "17. mai", "en": "17 May"},
    "ascension_day": {
        "nb": "Kristi himmelfartsdag",
        "nn": "Kristi himmelfartsdag",
        "en": "Ascension Day",
    },
    "whit_sunday": {"nb": "første pinsedag", "nn": "første pinsedag", "en": "Whit Sunday"},
    "whit_monday": {"nb": "andre pinsedag", "nn": "andre pinsedag", "en": "Whit Monday"},
    "christmas_day": {"nb": "første juledag", "nn": "første juledag", "en": "Christmas Day"},
    "boxing_day": {"nb": "andre juledag", "nn": "andre juledag", "en": "Boxing Day"},
}

LINES: dict[str, dict[Language, str]] = {
    # § 18 living costs
    "adults.single": {
        "nb": "Veiledende sats for enslig",
        "nn": "Rettleiande sats for einsleg",
        "en": "Guideline rate for a single adult",
    },
    "adults.couple": {
        "nb": "Veiledende sats for ektepar/samboere",
        "nn": "Rettleiande sats for ektepar/sambuarar",
        "en": "Guideline rate for a couple",
    },
    "adults.shared_housing": {
        "nb": "Veiledende sats for person i bofellesskap",
        "nn": "Rettleiande sats for person i bufellesskap",
        "en": "Guideline rate for a person in shared housing",
    },
    "child": {
        "nb": "Barn {child} ({age} år, aldersgruppe {band})",
        "nn": "Barn {child} ({age} år, aldersgruppe {band})",
        "en": "Child {child} (aged {age}, band {band})",
    },
    "child.outside_rates": {
        "nb": "Barn {child} ({age} år) er utenfor satsene og må vurderes særskilt",
        "nn": "Barn {child} ({age} år) er utanfor satsane og må vurderast særskilt",
        "en": "Child {child} (aged {age}) is outside the rates and must be assessed separately",
    },
    "expense": {
        "nb": "Faktisk utgift: {type_label}",
        "nn": "Faktisk utgift: {type_label}",
        "en": "Actual expense: {type_label}",
    },
    "income.counted": {
        "nb": "Inntekt: {type_label}",
        "nn": "Inntekt: {type_label}",
        "en": "Income: {type_label}",
    },
    "income.not_counted": {
        "nb": "Regnes ikke som inntekt: {type_label} ({amount_fact})",
        "nn": "Blir ikkje rekna som inntekt: {type_label} ({amount_fact})",
        "en": "Not counted as income: {type_label} ({amount_fact})",
    },
    "month.need": {
        "nb": "Behov for måneden",
        "nn": "Behov for månaden",
        "en": "Need for the month",
    },
    "month.counted_income": {
        "nb": "Inntekt som regnes med",
        "nn": "Inntekt som blir rekna med",
        "en": "Income counted",
    },
    "month.prorated": {
        "nb": "Del av måned: {days} av {days_in_month} dager (behov {need_fact}, inntekt {counted_income_fact})",
        "nn": "Del av månad: {days} av {days_in_month} dagar (behov {need_fact}, inntekt {counted_income_fact})",
        "en": "Part of a month: {days} of {days_in_month} days (need {need_fact}, income {counted_income_fact})",
    },
    "month.assistance": {
        "nb": "Økonomisk stønad for perioden {period}",
        "nn": "Økonomisk stønad for perioden {period}",
        "en": "Financial assistance for {period}",
    },
    "period.assistance": {
        "nb": "Økonomisk stønad i alt for {period}",
        "nn": "Økonomisk stønad i alt for {period}",
        "en": "Financial assistance in total for {period}",
    },
    # programme benefits
    "benefit.period": {
        "nb": "{benefit_label} for {period}: {weekdays_or_days} ({fraction} av {g_per_year} G, G = {g_fact})",
        "nn": "{benefit_label} for {period}: {weekdays_or_days} ({fraction} av {g_per_year} G, G = {g_fact})",
        "en": "{benefit_label} for {period}: {weekdays_or_days} ({fraction} of {g_per_year} G, G = {g_fact})",
    },
    "benefit.absence": {
        "nb": "Trekk for ugyldig fravær: {hours} timer",
        "nn": "Trekk for ugyldig fråvær: {hours} timar",
        "en": "Deduction for unapproved absence: {hours} hours",
    },
    "benefit.income": {
        "nb": "Trekk for annen inntekt: {type_label}",
        "nn": "Trekk for anna inntekt: {type_label}",
        "en": "Deduction for other income: {type_label}",
    },
    "benefit.income_not_deducted": {
        "nb": "Gir ikke trekk: {type_label} ({amount_fact})",
        "nn": "Gir ikkje trekk: {type_label} ({amount_fact})",
        "en": "Not deducted: {type_label} ({amount_fact})",
    },
    "benefit.total": {
        "nb": "Å utbetale for perioden {period}",
        "nn": "Å betale ut for perioden {period}",
        "en": "To be paid for {period}",
    },
    # debt settlement subsistence
    "debt.debtor": {
        "nb": "Livsoppholdssats: {category_label}",
        "nn": "Livsopphaldssats: {category_label}",
        "en": "Subsistence rate: {category_label}",
    },
    "debt.child": {
        "nb": "Barn {child} ({age} år, aldersgruppe {band})",
        "nn": "Barn {child} ({age} år, aldersgruppe {band})",
        "en": "Child {child} (aged {age}, band {band})",
    },
    "debt.child_reduction": {
        "nb": "Reduksjon {percent} % for barn {child} (person nr. {person} i husstanden)",
        "nn": "Reduksjon {percent} % for barn {child} (person nr. {person} i hushaldet)",
        "en": "Reduction of {percent} % for child {child} (person no. {person} in the household)",
    },
    "debt.contact": {
        "nb": "Samværstillegg for barn {child} ({age} år, samværsklasse {contact_class})",
        "nn": "Samværstillegg for barn {child} ({age} år, samværsklasse {contact_class})",
        "en": "Contact supplement for child {child} (aged {age}, contact class {contact_class})",
    },
    "debt.contact_reduction": {
        "nb": "Reduksjon {percent} % i samværstillegg for barn {child}",
        "nn": "Reduksjon {percent} % i samværstillegg for barn {child}",
        "en": "Reduction of {percent} % in the contact supplement for child {child}",
    },
    "debt.housing": {
        "nb": "Boutgift: {type_label}",
        "nn": "Buutgift: {type_label}",
        "en": "Housing cost: {type_label}",
    },
    "debt.subsistence": {
        "nb": "Livsopphold i alt per måned",
        "nn": "Livsopphald i alt per månad",
        "en": "Subsistence in total per month",
    },
    "debt.income": {
        "nb": "Netto inntekt per måned",
        "nn": "Netto inntekt per månad",
        "en": "Net income per month",
    },
    "debt.surplus": {
        "nb": "Overskudd til kreditorene per måned",
        "nn": "Overskot til kreditorane per månad",
        "en": "Surplus for the creditors per month",
    },
    "debt.distribution": {
        "nb": "Til kreditorene over {months} måneder",
        "nn": "Til kreditorane over {months} månader",
        "en": "To the creditors over {months} months",
    },
    "debt.creditor": {
        "nb": "{name}: {dividend} % av kravet på {claim_fact}",
        "nn": "{name}: {dividend} % av kravet på {claim_fact}",
        "en": "{name}: {dividend} % of the claim of {claim_fact}",
    },
    # appeal deadline
    "deadline.three_weeks": {
        "nb": "Tre uker fra vedtaket kom fram {received}",
        "nn": "Tre veker frå vedtaket kom fram {received}",
        "en": "Three weeks from the decision reaching the party on {received}",
    },
    "deadline.moved": {
        "nb": "{day} er ikke virkedag ({reason_label}); fristen flyttes",
        "nn": "{day} er ikkje yrkedag ({reason_label}); fristen blir flytta",
        "en": "{day} is not a working day ({reason_label}); the deadline moves",
    },
    "deadline.result": {
        "nb": "Klagefristen går ut {deadline}",
        "nn": "Klagefristen går ut {deadline}",
        "en": "The appeal deadline is {deadline}",
    },
}

WARNINGS: dict[str, dict[Language, str]] = {
    "missing_rates": {
        "nb": "Navet mangler satser for {what_label} fra {missing_from}{missing_to_text}. Satsene fra {used_from} er brukt. En administrator kan registrere de nye satsene med kilde under «Satser for vedtak».",
        "nn": "Navet manglar satsar for {what_label} frå {missing_from}{missing_to_text}. Satsane frå {used_from} er brukte. Ein administrator kan registrere dei nye satsane med kjelde under «Satsar for vedtak».",
        "en": "Navet has no rates for {what_label} from {missing_from}{missing_to_text}. The rates from {used_from} were used. An administrator can register the new rates with their source under “Rates for decisions”.",
    },
    "secondary_source": {
        "nb": "Verdiene fra {valid_from} i {rate_set_label} bygger bare på en sekundærkilde eller er avledet ({source}). Kontroller dem mot primærkilden.",
        "nn": "Verdiane frå {valid_from} i {rate_set_label} byggjer berre på ei sekundærkjelde eller er avleidde ({source}). Kontroller dei mot primærkjelda.",
        "en": "The values from {valid_from} in {rate_set_label} rest only on a secondary source or are derived ({source}). Check them against the primary source.",
    },
    "administrator_source": {
        "nb": "Verdiene fra {valid_from} i {rate_set_label} er registrert av en administrator i Navet fra {source}, ikke levert med Navet.",
        "nn": "Verdiane frå {valid_from} i {rate_set_label} er registrerte av ein administrator i Navet frå {source}, ikkje leverte med Navet.",
        "en": "The values from {valid_from} in {rate_set_label} were registered by an administrator in Navet from {source}; they are not shipped with Navet.",
    },
    "child_outside_rates": {
        "nb": "Barn {child} er {age} år og utenfor satsene for barn. Vurder behovet særskilt.",
        "nn": "Barn {child} er {age} år og utanfor satsane for barn. Vurder behovet særskilt.",
        "en": "Child {child} is {age} and outside the rates for children. Assess the need separately.",
    },
    "no_contact_rates": {
        "nb": "Navet har ingen kontrollerte satser for samværstillegg {day}. Samværstillegg er ikke lagt til; vurder det særskilt.",
        "nn": "Navet har ingen kontrollerte satsar for samværstillegg {day}. Samværstillegg er ikkje lagt til; vurder det særskilt.",
        "en": "Navet has no verified contact-supplement rates for {day}. No contact supplement was added; assess it separately.",
    },
    "child_supplement_not_included": {
        "nb": "Barnetillegget i kvalifiseringsstønaden er ikke kontrollert i Navet og er ikke regnet med. Legg det til for hånd.",
        "nn": "Barnetillegget i kvalifiseringsstønaden er ikkje kontrollert i Navet og er ikkje rekna med. Legg det til for hand.",
        "en": "The KVP child supplement is not verified in Navet and is not included. Add it by hand.",
    },
}


def label(key: str, language: Language) -> str:
    return LABELS.get(key, {}).get(language, key)


def _params(facts: Mapping[str, object], language: Language) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in facts.items():
        out[key] = value
        if isinstance(value, Decimal):
            out[f"{key}_fact"] = format_amount(value, language)
        elif isinstance(value, str) and key.endswith("_label_key"):
            out[key.removesuffix("_key")] = label(value, language)
        if isinstance(value, str) and len(value) == 10 and value[4] == "-":
            with contextlib.suppress(ValueError):
                out[key] = format_date(date.fromisoformat(value), language, numeric=True)
    for key in ("dividend", "percent", "hours"):
        if key in facts and language != "en":
            out[key] = str(facts[key]).replace(".", ",")
    for key in ("type", "category", "benefit", "reason"):
        if isinstance(facts.get(key), str):
            out[f"{key}_label"] = label(str(facts[key]), language)
    return out


def render_line(line: Line, language: Language) -> str:
    params = _params(line.facts, language)
    if line.period is not None:
        first, last = line.period
        params["period"] = (
            f"{format_date(first, language, numeric=True)}–{format_date(last, language, numeric=True)}"
        )
    return LINES[line.key][language].format(**params)


def rate_set_label(rate_set: str, language: Language) -> str:
    """A set of rates in words: a municipality's own set, a benefit's, or a named one."""
    if rate_set.startswith("municipality-"):
        return label("rate_set.municipality", language)
    if f"rates.{rate_set}" in LABELS:
        return label(f"rates.{rate_set}", language)
    return label(f"rate_set.{rate_set}", language) if f"rate_set.{rate_set}" in LABELS else rate_set


def render_warning(notice: Notice, language: Language) -> str:
    params = _params(notice.params, language)
    to = notice.params.get("missing_to")
    if notice.code == "missing_rates":
        sep = {"nb": " til ", "nn": " til ", "en": " to "}[language]
        params["missing_to_text"] = f"{sep}{params['missing_to']}" if to else ""
        params["what_label"] = label(f"rates.{notice.params['what']}", language)
    if notice.code in ("secondary_source", "administrator_source"):
        params["rate_set_label"] = rate_set_label(str(notice.params["rate_set"]), language)
    return WARNINGS[notice.code][language].format(**params)


VALID_FROM: dict[Language, str] = {"nb": "gjeldende fra", "nn": "gjeldande frå", "en": "valid from"}


@dataclass(frozen=True)
class GroundsRow:
    """One row of a decision's calculation table, ready for a letter."""

    text: str
    amount: str
    kind: str
    legal_reference: str
    rate: str


def render_grounds(lines: Sequence[Line], language: Language) -> tuple[GroundsRow, ...]:
    """The explanation as rows for the grounds of a decision, in one language.

    ``rate`` says which rate was used and from when and where, e.g.
    "7 850 kr, gjeldende fra 1.1.2024 (Rundskriv A-3/2023)".
    """
    rows = []
    for line in lines:
        rate = ""
        if line.rate is not None:
            source = line.rate.source
            rate = (
                f"{format_amount(line.rate.value, language)}, {VALID_FROM[language]} "
                f"{format_date(source.valid_from, language, numeric=True)} ({source.title})"
            )
        elif line.source is not None:
            rate = f"{line.source.title}"
        rows.append(
            GroundsRow(
                text=render_line(line, language),
                amount=format_amount(line.amount, language) if line.kind != "info" else "",
                kind=line.kind,
                legal_reference=line.legal_reference,
                rate=rate,
            )
        )
    return tuple(rows)
