"""Render a letter to HTML (for the on-screen preview) and to PDF/A (for sending and the
archive), in the letter's own language.

    rendered = render_decision_letter(letter)      # RenderedLetter: html, pdf, title, language
    preview = render_html(letter, fragment=True)   # just the <article>, for a page

The templates are templates/letters/<kind>.html on top of letters/base.html; every text is
bokmål source through Django's translation, so nynorsk and English come from locale/.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from navet.formats import format_amount, join_words, quote
from navet.letters.content import (
    AppealForwardingLetter,
    CalculationRow,
    DecisionLetter,
    DocumentationRequestLetter,
    InterimReplyLetter,
    Letter,
)
from navet.letters.pdf import html_to_pdf


@dataclass(frozen=True)
class RenderedLetter:
    html: str
    pdf: bytes
    title: str
    language: str


@dataclass(frozen=True)
class CalculationLine:
    """A calculation row as printed: the amount with its sign, and a CSS class."""

    text: str
    amount: str
    kind: str


# Plain-language explanations of the provisions a decision most often rests on
# (regelverk.md section 2, verified wording). Other references are printed as given.
_EXPLANATIONS = {
    "sosialtjenesteloven § 18": gettext_lazy(
        "Etter sosialtjenesteloven § 18 har du rett til økonomisk stønad hvis du ikke kan "
        "forsørge deg selv gjennom arbeid eller ved å gjøre gjeldende økonomiske rettigheter. "
        "Stønaden bør hjelpe deg til å klare deg selv."
    ),
    "sosialtjenesteloven § 19": gettext_lazy(
        "Etter sosialtjenesteloven § 19 kan vi i særlige tilfeller gi økonomisk hjelp selv om "
        "du ikke har rett til stønad etter § 18. Det gjelder når du trenger hjelpen for å komme "
        "over eller tilpasse deg en vanskelig livssituasjon."
    ),
}


def _normalise_reference(reference: str) -> str:
    return " ".join(reference.replace("\u00a0", " ").split()).lower()


def quoted_words(text: str, language: str) -> str:
    """A person's own words inside a sentence of ours: in quotation marks, as typed, but on
    one line and without the closing punctuation, so our sentence ends with one full stop
    ("Du har søkt om «Hjelp til husleie og strøm»." from "Hjelp til husleie og strøm.").
    Their capitals stay: lower-casing would break names."""
    words = " ".join(text.split())
    return quote(words.rstrip(_CLOSING_PUNCTUATION) or words, language)


_CLOSING_PUNCTUATION = ".!?…,;: "


def calculation_lines(rows: tuple[CalculationRow, ...], language: str) -> list[CalculationLine]:
    """Needs and expenses add, incomes are printed as deductions, deviations with their
    sign, information rows without an amount when it is zero."""
    lines = []
    for row in rows:
        if row.kind == "income":
            amount = format_amount(-abs(row.amount), language)
        elif row.kind == "deviation":
            amount = format_amount(row.amount, language, signed=True)
        elif row.kind == "info" and row.amount == 0:
            amount = ""
        else:
            amount = format_amount(row.amount, language)
        lines.append(CalculationLine(text=row.text, amount=amount, kind=row.kind))
    return lines


def letter_title(letter: Letter) -> str:
    """The heading of the letter and the title in the PDF's metadata."""
    with translation.override(letter.language):
        if isinstance(letter, DecisionLetter):
            return gettext("Vedtak: %(case)s") % {"case": letter.case_title}
        if isinstance(letter, InterimReplyLetter):
            return gettext("Foreløpig svar på søknaden din")
        if isinstance(letter, DocumentationRequestLetter):
            return gettext("Vi trenger dokumentasjon fra deg")
        return gettext("Oversendelse av klage")


def _context(letter: Letter) -> tuple[str, dict[str, Any]]:
    if isinstance(letter, DecisionLetter):
        explanations = [
            str(_EXPLANATIONS[key])
            for key in dict.fromkeys(_normalise_reference(r) for r in letter.legal_basis)
            if key in _EXPLANATIONS
        ]
        return "letters/decision.html", {
            "applied_for": quoted_words(letter.applied_for, letter.language),
            "legal_basis_text": join_words(letter.legal_basis, letter.language),
            "explanations": explanations,
            "calculation": calculation_lines(letter.calculation, letter.language),
            "has_income": any(row.kind == "income" for row in letter.calculation),
            "has_activity_conditions": any(c.is_activity for c in letter.conditions),
        }
    if isinstance(letter, InterimReplyLetter):
        return "letters/interim_reply.html", {}
    if isinstance(letter, DocumentationRequestLetter):
        return "letters/documentation_request.html", {}
    if isinstance(letter, AppealForwardingLetter):
        return "letters/appeal_forwarding.html", {}
    raise TypeError(f"Not a letter: {type(letter).__name__}")


def render_html(letter: Letter, *, fragment: bool = False) -> str:
    """The letter as HTML: a whole document (what the PDF is made from), or with
    `fragment=True` only the <article class="letter"> for the on-screen preview.

    Neither has inline styles or scripts, so the fragment fits Navet's CSP; the look of
    the printed letter is templates/letters/letter.css.
    """
    title = letter_title(letter)
    with translation.override(letter.language):
        template, extra = _context(letter)
        return render_to_string(
            template, {"letter": letter, "title": title, "fragment": fragment, **extra}
        )


def render_letter(letter: Letter) -> RenderedLetter:
    html = render_html(letter)
    title = letter_title(letter)
    pdf = html_to_pdf(html, title=title, language=letter.language, created=letter.letter_date)
    return RenderedLetter(html=html, pdf=pdf, title=title, language=letter.language)


def render_decision_letter(letter: DecisionLetter) -> RenderedLetter:
    return render_letter(letter)


def render_interim_reply(letter: InterimReplyLetter) -> RenderedLetter:
    return render_letter(letter)


def render_documentation_request(letter: DocumentationRequestLetter) -> RenderedLetter:
    return render_letter(letter)


def render_appeal_forwarding(letter: AppealForwardingLetter) -> RenderedLetter:
    return render_letter(letter)
