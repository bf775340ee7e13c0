"""Plain factories for letters: one complete example of each, in nb, nn and en.

The free text (facts, reasons, condition texts) is written in each language, as the code
that maps casework models to letters must do.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from navet.letters.content import (
    AppealForwardingLetter,
    CalculationRow,
    ConditionText,
    DecisionLetter,
    DocumentationRequestLetter,
    InterimReplyLetter,
    Language,
    OfficeInfo,
    Recipient,
    RequestedDocumentText,
)

# The postal address in the letterhead, the visiting address where the letter says to come.
OFFICE = OfficeInfo(
    name="Nav Grünerløkka",
    number="0331",
    address_lines=("Postboks 1", "0501 Oslo"),
    phone="55 55 33 33",
    web="nav.no/grunerlokka",
    visiting_address_lines=("Thorvald Meyers gate 1", "0555 Oslo"),
)
RECIPIENT = Recipient(name="Kari Nordmann", address_lines=("Storgata 1", "0155 Oslo"))
# The Statsforvalteren's own name differs by language (nynorsk: Statsforvaltaren).
STATSFORVALTEREN = {
    "nb": Recipient("Statsforvalteren i Oslo og Viken", ("Postboks 325", "1502 Moss")),
    "nn": Recipient("Statsforvaltaren i Oslo og Viken", ("Postboks 325", "1502 Moss")),
    "en": Recipient("Statsforvalteren i Oslo og Viken", ("Postboks 325", "1502 Moss")),
}

# Per language: (text of the things in the letter) so tests can look for them.
TEXTS: dict[str, dict[str, Any]] = {
    "nb": {
        "case_title": "Økonomisk stønad til livsopphold",
        "applied_for": "penger til husleie og livsopphold for februar",
        "payment_recipient": "deg, til kontonummer 1234.56.78903",
        "facts": (
            "Du bor alene med to barn på 4 og 9 år.",
            "Du har ingen inntekt fra arbeid i februar.",
        ),
        "considerations": "Husleien er rimelig for en familie på tre i Oslo.",
        "children": "Barna skal kunne være med på fritidsaktiviteter. Vi har lagt inn penger til det.",
        "rows": (
            CalculationRow("Livsopphold, enslig voksen", 7_850, "need"),
            CalculationRow("Livsopphold, to barn", 8_460, "need"),
            CalculationRow("Husleie", 12_000, "expense"),
            CalculationRow("Bostøtte", 3_500, "income"),
            CalculationRow("Barnetrygd er ikke regnet som inntekt", 0, "info"),
            CalculationRow("Fritidsaktiviteter for barna", 1_000, "deviation"),
            CalculationRow("Stønad", 25_810, "total"),
        ),
        "conditions": (
            ConditionText(
                "Du må møte til samtale med veilederen din hver fjerde uke.",
                "Stønaden for neste måned kan bli redusert.",
                True,
            ),
            ConditionText(
                "Du må søke bostøtte fra Husbanken.",
                "Vi kan redusere stønaden med det du ville fått i bostøtte.",
                False,
            ),
        ),
        "no_activity_reason": "Du er over 30 år.",
        "interim_reason": "Vi venter på opplysninger fra Skatteetaten om inntekten din.",
        "documents": (
            RequestedDocumentText("Husleiekontrakt", "Kontrakten for leiligheten du bor i nå."),
            RequestedDocumentText("Kontoutskrift", "For de siste tre månedene, for alle kontoer."),
        ),
        "appeal_summary": "Klageren mener at husleien må dekkes fullt ut.",
        "office_assessment": "Husleien er høyere enn det som er rimelig for en person alene.",
        "enclosures": ("Vedtaket av 15. januar 2025", "Klagen av 30. januar 2025"),
    },
    "nn": {
        "case_title": "Økonomisk stønad til livsopphald",
        "applied_for": "pengar til husleige og livsopphald for februar",
        "payment_recipient": "deg, til kontonummer 1234.56.78903",
        "facts": (
            "Du bur åleine med to born på 4 og 9 år.",
            "Du har inga inntekt frå arbeid i februar.",
        ),
        "considerations": "Husleiga er rimeleg for ein familie på tre i Oslo.",
        "children": "Borna skal kunne vere med på fritidsaktivitetar. Vi har lagt inn pengar til det.",
        "rows": (
            CalculationRow("Livsopphald, einsleg vaksen", 7_850, "need"),
            CalculationRow("Livsopphald, to born", 8_460, "need"),
            CalculationRow("Husleige", 12_000, "expense"),
            CalculationRow("Bustøtte", 3_500, "income"),
            CalculationRow("Barnetrygd er ikkje rekna som inntekt", 0, "info"),
            CalculationRow("Fritidsaktivitetar for borna", 1_000, "deviation"),
            CalculationRow("Stønad", 25_810, "total"),
        ),
        "conditions": (
            ConditionText(
                "Du må møte til samtale med rettleiaren din kvar fjerde veke.",
                "Stønaden for neste månad kan bli redusert.",
                True,
            ),
            ConditionText(
                "Du må søkje bustøtte frå Husbanken.",
                "Vi kan redusere stønaden med det du ville fått i bustøtte.",
                False,
            ),
        ),
        "no_activity_reason": "Du er over 30 år.",
        "interim_reason": "Vi ventar på opplysningar frå Skatteetaten om inntekta di.",
        "documents": (
            RequestedDocumentText("Husleigekontrakt", "Kontrakten for leilegheita du bur i no."),
            RequestedDocumentText("Kontoutskrift", "For dei siste tre månadene, for alle kontoar."),
        ),
        "appeal_summary": "Klagaren meiner at husleiga må dekkjast fullt ut.",
        "office_assessment": "Husleiga er høgare enn det som er rimeleg for ein person åleine.",
        "enclosures": ("Vedtaket av 15. januar 2025", "Klaga av 30. januar 2025"),
    },
    "en": {
        "case_title": "Financial assistance for living costs",
        "applied_for": "money for rent and living costs for February",
        "payment_recipient": "you, to account number 1234.56.78903",
        "facts": (
            "You live alone with two children aged 4 and 9.",
            "You have no income from work in February.",
        ),
        "considerations": "The rent is reasonable for a family of three in Oslo.",
        "children": "The children should be able to take part in leisure activities. We have included money for that.",
        "rows": (
            CalculationRow("Living costs, single adult", 7_850, "need"),
            CalculationRow("Living costs, two children", 8_460, "need"),
            CalculationRow("Rent", 12_000, "expense"),
            CalculationRow("Housing benefit", 3_500, "income"),
            CalculationRow("Child benefit is not counted as income", 0, "info"),
            CalculationRow("Leisure activities for the children", 1_000, "deviation"),
            CalculationRow("Assistance", 25_810, "total"),
        ),
        "conditions": (
            ConditionText(
                "You must meet your adviser every fourth week.",
                "The assistance for the next month may be reduced.",
                True,
            ),
            ConditionText(
                "You must apply for housing benefit from Husbanken.",
                "We may reduce the assistance by what you would have received in housing benefit.",
                False,
            ),
        ),
        "no_activity_reason": "You are over 30.",
        "interim_reason": "We are waiting for information about your income from the Tax Administration.",
        "documents": (
            RequestedDocumentText(
                "Tenancy agreement", "The agreement for the flat you live in now."
            ),
            RequestedDocumentText("Bank statement", "For the last three months, for all accounts."),
        ),
        "appeal_summary": "The appellant says that the rent must be covered in full.",
        "office_assessment": "The rent is higher than what is reasonable for one person.",
        "enclosures": ("The decision of 15 January 2025", "The appeal of 30 January 2025"),
    },
}


def make_decision_letter(language: Language = "nb", **overrides: Any) -> DecisionLetter:
    """A granted decision with everything: calculation, children, conditions."""
    text = TEXTS[language]
    letter = DecisionLetter(
        language=language,
        office=OFFICE,
        recipient=RECIPIENT,
        letter_date=date(2025, 1, 15),
        reference="2025/00123",
        case_title=text["case_title"],
        applied_for=text["applied_for"],
        outcome="granted",
        form="grant",
        amount=25_810,
        period_from=date(2025, 2, 1),
        period_to=date(2025, 2, 28),
        payment_recipient=text["payment_recipient"],
        legal_basis=("sosialtjenesteloven § 18", "sosialtjenesteloven § 20"),
        facts=text["facts"],
        considerations=text["considerations"],
        children_assessment=text["children"],
        calculation=text["rows"],
        conditions=text["conditions"],
        no_activity_conditions_reason="",
        appeal_deadline=date(2025, 2, 12),
        caseworker_name="Ola Saksbehandler",
        responsible_name="Lise Leder",
    )
    return replace(letter, **overrides)


def make_refused_letter(language: Language = "nb", **overrides: Any) -> DecisionLetter:
    """A refusal: no amount, no conditions, no payment, but the calculation that shows why."""
    defaults: dict[str, Any] = {
        "outcome": "refused",
        "amount": None,
        "period_from": None,
        "period_to": None,
        "payment_recipient": "",
        "conditions": (),
        "children_assessment": "",
    }
    return make_decision_letter(language, **{**defaults, **overrides})


def make_interim_reply(language: Language = "nb", **overrides: Any) -> InterimReplyLetter:
    letter = InterimReplyLetter(
        language=language,
        office=OFFICE,
        recipient=RECIPIENT,
        letter_date=date(2025, 3, 3),
        reference="2025/00456",
        received_on=date(2025, 1, 28),
        expected_by=date(2025, 3, 21),
        reason=TEXTS[language]["interim_reason"],
        caseworker_name="Ola Saksbehandler",
    )
    return replace(letter, **overrides)


def make_documentation_request(
    language: Language = "nb", **overrides: Any
) -> DocumentationRequestLetter:
    letter = DocumentationRequestLetter(
        language=language,
        office=OFFICE,
        recipient=RECIPIENT,
        letter_date=date(2025, 4, 7),
        reference="2025/00789",
        documents=TEXTS[language]["documents"],
        deadline=date(2025, 4, 22),
        caseworker_name="Ola Saksbehandler",
    )
    return replace(letter, **overrides)


def make_appeal_forwarding(language: Language = "nb", **overrides: Any) -> AppealForwardingLetter:
    text = TEXTS[language]
    letter = AppealForwardingLetter(
        language=language,
        office=OFFICE,
        recipient=STATSFORVALTEREN[language],
        appellant_name="Kari Nordmann",
        letter_date=date(2025, 2, 20),
        reference="2025/00999",
        decision_date=date(2025, 1, 15),
        decision_reference="2025/00123",
        appeal_received_on=date(2025, 1, 30),
        within_deadline=True,
        appeal_summary=text["appeal_summary"],
        office_assessment=text["office_assessment"],
        enclosures=text["enclosures"],
        caseworker_name="Ola Saksbehandler",
        responsible_name="Lise Leder",
    )
    return replace(letter, **overrides)
