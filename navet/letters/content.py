"""What a letter says, as plain frozen dataclasses: the input of `navet.letters.render`.

These are not models. The code that sends a letter maps its models (the application, the
decision, the office) to these classes, so a letter can be rendered, tested and previewed
without a database.

Free text (facts, considerations, reasons, condition texts, names of things applied for)
is printed as given: write it in the letter's language. Legal references are given as
Norwegian citations ("sosialtjenesteloven § 18") in every language, as Norwegian letters
and their English translations cite them.

Amounts are whole kroner. A calculation row's amount is the size of the post; its kind says
how it enters the result (an income is printed with a minus sign, a deviation with its sign).

Wrong values raise ValueError when the object is made, so a bad mapping never reaches a
letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

Language = Literal["nb", "nn", "en"]
Outcome = Literal["granted", "partly_granted", "refused", "dismissed"]
AssistanceForm = Literal["grant", "loan"]
RowKind = Literal["need", "income", "expense", "info", "total", "deviation"]

LANGUAGES: tuple[str, ...] = get_args(Language)
OUTCOMES: tuple[str, ...] = get_args(Outcome)
FORMS: tuple[str, ...] = get_args(AssistanceForm)
ROW_KINDS: tuple[str, ...] = get_args(RowKind)


def _require(ok: bool, message: str) -> None:
    if not ok:
        raise ValueError(message)


def _require_text(value: str, field: str) -> None:
    _require(bool(value.strip()), f"{field} must not be empty.")


def _check_language(language: str) -> None:
    _require(language in LANGUAGES, f"language must be one of {', '.join(LANGUAGES)}.")


@dataclass(frozen=True)
class OfficeInfo:
    """The Nav office that sends the letter: the letterhead and the contact details.

    `address_lines` is the office's postal address for the letterhead, without the office's
    name (the letterhead prints the name above it); it may be empty. `visiting_address_lines`
    is where people can come to the office (letters tell the reader they can come there and
    hand in documents); empty when it is not known, and never a post-office box.
    """

    name: str
    number: str
    address_lines: tuple[str, ...]
    phone: str
    web: str
    visiting_address_lines: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _require_text(self.name, "office.name")
        _require_text(self.phone, "office.phone")
        _require(
            not any(is_office_name(line, self.name) for line in self.address_lines),
            "office.address_lines must not repeat the office's name.",
        )
        _require(
            not any(is_office_name(line, self.name) for line in self.visiting_address_lines),
            "office.visiting_address_lines must not repeat the office's name.",
        )
        _require(
            not any(is_post_office_box(line) for line in self.visiting_address_lines),
            "office.visiting_address_lines must not be a post-office box.",
        )


def is_office_name(line: str, name: str) -> bool:
    """The line is the office's name again (ignoring case and spacing)."""
    return bool(line.split()) and line.casefold().split() == name.casefold().split()


_POST_OFFICE_BOX = re.compile(r"^\s*(postboks|postbox|pb\.?|p\.\s*o\.\s*box|po box)\s*\d", re.I)


def is_post_office_box(line: str) -> bool:
    """ "Postboks 1", "Pb. 1", "P.O. Box 1": an address for post, not for a visit."""
    return bool(_POST_OFFICE_BOX.match(line))


@dataclass(frozen=True)
class Recipient:
    name: str
    address_lines: tuple[str, ...]

    def __post_init__(self) -> None:
        _require_text(self.name, "recipient.name")


@dataclass(frozen=True)
class CalculationRow:
    """One row of the calculation table (see the module text for signs)."""

    text: str
    amount: int
    kind: RowKind

    def __post_init__(self) -> None:
        _require(self.kind in ROW_KINDS, f"kind must be one of {', '.join(ROW_KINDS)}.")
        _require_text(self.text, "calculation row text")


_CONDITIONAL_OPENING = re.compile(r"\s*(hvis|dersom|viss|om du|if|unless)\b", re.I)


@dataclass(frozen=True)
class ConditionText:
    """A condition (sosialtjenesteloven § 20, or § 20 a when `is_activity`) and what
    happens if it is not met."""

    text: str
    consequence: str
    is_activity: bool

    def __post_init__(self) -> None:
        _require_text(self.text, "condition text")
        _require_text(self.consequence, "condition consequence")

    @property
    def consequence_says_when(self) -> bool:
        """The consequence is already a sentence about failing the condition ("Hvis du
        ikke søker, …", "Dersom du ikkje …", "If you do not …"), so the letter prints it
        as written, without its own "Hvis du ikke oppfyller vilkåret:" before it."""
        return _CONDITIONAL_OPENING.match(self.consequence) is not None


@dataclass(frozen=True)
class DecisionLetter:
    """An enkeltvedtak on financial assistance (økonomisk stønad)."""

    language: Language
    office: OfficeInfo
    recipient: Recipient
    letter_date: date
    reference: str
    case_title: str
    applied_for: str
    outcome: Outcome
    form: AssistanceForm
    amount: int | None
    period_from: date | None
    period_to: date | None
    payment_recipient: str
    legal_basis: tuple[str, ...]
    facts: tuple[str, ...]
    considerations: str
    children_assessment: str
    calculation: tuple[CalculationRow, ...]
    conditions: tuple[ConditionText, ...]
    no_activity_conditions_reason: str
    appeal_deadline: date
    caseworker_name: str
    responsible_name: str
    replaces_reference: str = ""
    # The calculation's result with the caseworker's deviations, where the table's own
    # lines do not end with it (deviations, or more than one month); else None.
    calculation_total: int | None = None
    # Why a granted amount is lower than the calculation: the caseworker's words.
    amount_reason: str = ""
    # A refusal because the income is above the need (the calculation gives nothing).
    income_above_need: bool = False

    def __post_init__(self) -> None:
        _check_language(self.language)
        _require(self.outcome in OUTCOMES, f"outcome must be one of {', '.join(OUTCOMES)}.")
        _require(self.form in FORMS, f"form must be one of {', '.join(FORMS)}.")
        _require_text(self.reference, "reference")
        _require_text(self.case_title, "case_title")
        _require_text(self.applied_for, "applied_for")
        _require_text(self.caseworker_name, "caseworker_name")
        _require_text(self.responsible_name, "responsible_name")
        _require(bool(self.legal_basis), "legal_basis must name at least one provision.")
        if self.is_granted:
            _require(self.amount is not None, "A granted decision must have an amount.")
            _require(
                bool(self.payment_recipient.strip()),
                "A granted decision must say who gets paid.",
            )
        else:
            _require(self.amount is None, "A refused or dismissed decision has no amount.")
            _require(not self.conditions, "A refused or dismissed decision has no conditions.")
            _require(not self.amount_reason, "Only a granted amount can be lower than calculated.")
        _require(
            not self.income_above_need or self.outcome == "refused",
            "Only a refusal can rest on the income being above the need.",
        )
        _require(self.amount is None or self.amount >= 0, "amount must not be negative.")
        if self.period_from is not None and self.period_to is not None:
            _require(self.period_from <= self.period_to, "period_from is after period_to.")
        _require(
            self.appeal_deadline > self.letter_date,
            "appeal_deadline must be after letter_date.",
        )

    @property
    def is_granted(self) -> bool:
        """Granted in full or in part: the letter says what the person gets."""
        return self.outcome in ("granted", "partly_granted")


@dataclass(frozen=True)
class InterimReplyLetter:
    """Foreløpig svar: the application takes longer than expected."""

    language: Language
    office: OfficeInfo
    recipient: Recipient
    letter_date: date
    reference: str
    received_on: date
    expected_by: date
    reason: str
    caseworker_name: str

    def __post_init__(self) -> None:
        _check_language(self.language)
        _require_text(self.reference, "reference")
        _require_text(self.reason, "reason")
        _require_text(self.caseworker_name, "caseworker_name")
        _require(self.received_on <= self.letter_date, "received_on is after letter_date.")
        _require(self.expected_by > self.letter_date, "expected_by must be after letter_date.")


@dataclass(frozen=True)
class RequestedDocumentText:
    title: str
    description: str

    def __post_init__(self) -> None:
        _require_text(self.title, "document title")


@dataclass(frozen=True)
class DocumentationRequestLetter:
    """Dokumentasjonskrav: the documents we need, and by when."""

    language: Language
    office: OfficeInfo
    recipient: Recipient
    letter_date: date
    reference: str
    documents: tuple[RequestedDocumentText, ...]
    deadline: date
    caseworker_name: str

    def __post_init__(self) -> None:
        _check_language(self.language)
        _require_text(self.reference, "reference")
        _require_text(self.caseworker_name, "caseworker_name")
        _require(bool(self.documents), "documents must list at least one document.")
        _require(self.deadline > self.letter_date, "deadline must be after letter_date.")


@dataclass(frozen=True)
class AppealForwardingLetter:
    """Oversending av klage: the office upholds its decision and sends the appeal to the
    Statsforvalteren (the recipient), with a copy to the appellant."""

    language: Language
    office: OfficeInfo
    recipient: Recipient
    appellant_name: str
    letter_date: date
    reference: str
    decision_date: date
    decision_reference: str
    appeal_received_on: date
    within_deadline: bool
    appeal_summary: str
    office_assessment: str
    enclosures: tuple[str, ...]
    caseworker_name: str
    responsible_name: str

    def __post_init__(self) -> None:
        _check_language(self.language)
        _require_text(self.reference, "reference")
        _require_text(self.appellant_name, "appellant_name")
        _require_text(self.decision_reference, "decision_reference")
        _require_text(self.appeal_summary, "appeal_summary")
        _require_text(self.office_assessment, "office_assessment")
        _require_text(self.caseworker_name, "caseworker_name")
        _require_text(self.responsible_name, "responsible_name")
        _require(
            self.decision_date <= self.appeal_received_on <= self.letter_date,
            "Expected decision_date <= appeal_received_on <= letter_date.",
        )

    @property
    def assessment_says_upheld(self) -> bool:
        """The office's assessment already says that the office upholds the decision
        ("Vi opprettholder vedtaket.", nynorsk "Vi held fast på vedtaket.", English "We
        uphold the decision."), so the letter does not say it a second time."""
        return _UPHELD.search(self.office_assessment) is not None


# "Vi opprettholder (derfor) vedtaket", "vedtaket blir oppretthalde", "Vi held fast på
# vedtaket", "We uphold the decision".
_UPHELD = re.compile(
    r"\b(oppretthold|opprettheld|oppretthald|h[ae]l(d|de|dt) fast på|uphold)", re.I
)

Letter = DecisionLetter | InterimReplyLetter | DocumentationRequestLetter | AppealForwardingLetter
