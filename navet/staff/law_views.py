"""The explanations of the legal references Navet shows (navet.competence.references):
one page per section, and the list of them. No person data, so every employee may read
them; the address is the section's key, e.g. /lov/stl-20a/."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from navet.competence.modules import all_modules
from navet.competence.references import all_references, explanation
from navet.competence.templatetags.legal_refs import link_references
from navet.core.http import AuthedRequest


def _language() -> str:
    language = get_language() or "nb"
    return language if language in ("nb", "nn", "en") else "nb"


@require_GET
def legal_reference(request: AuthedRequest, ref: str) -> HttpResponse:
    reference = explanation(ref)
    if reference is None:
        raise Http404
    language = _language()
    modules = [m for m in all_modules() if reference.key in m.references]
    context = {
        "reference": reference,
        "label": reference.label(language),
        "title": reference.title[language],
        "text": link_references(reference.text[language], reference.law.key),
        "note": reference.law.note.get(language, ""),
        "modules": [{"key": m.key, "title": m.title[language]} for m in modules],
    }
    return render(request, "competence/legal_reference.html", context)


@require_GET
def legal_references(request: AuthedRequest) -> HttpResponse:
    language = _language()
    items = [
        {"key": r.key, "label": r.label(language), "title": r.title[language]}
        for r in all_references()
    ]
    return render(request, "competence/legal_reference_list.html", {"items": items})
