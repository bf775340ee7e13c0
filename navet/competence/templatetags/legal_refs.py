"""`legal_links`: the legal references in a text (or in HTML) as links to their
explanations. `law_links`: a short line of links to named explanations, for references in
form labels and options, which cannot hold a link themselves."""

from __future__ import annotations

import re

from django import template
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language

from navet.competence.references import DEFAULT_LAW, explanation, find_references

register = template.Library()

TOKEN = re.compile(r"(<[^>]*>)")
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9-]+)")
# Inside these a link would be invalid or would change what a control does.
NO_LINKS = {"a", "button", "label", "option", "select", "textarea", "script", "style", "title"}


def _link_text(text: str, default_law: str) -> str:
    out: list[str] = []
    at = 0
    component = get_template("components/legal_reference.html")
    for found in find_references(text, default_law):
        if found.key is None or explanation(found.key) is None:
            continue
        out.append(text[at : found.start])
        href = reverse("law:reference", args=[found.key])
        # The text is already escaped HTML here: keep it as it is.
        reference = mark_safe(text[found.start : found.end])  # noqa: S308  # nosec
        out.append(component.render({"href": href, "text": reference}).strip())
        at = found.end
    out.append(text[at:])
    return "".join(out)


def link_references(value: object, default_law: str = DEFAULT_LAW) -> SafeString:
    """Text or safe HTML with each explained reference outside links, buttons, labels and
    options made a link to its explanation. Plain text is escaped first."""
    html = str(conditional_escape(value if isinstance(value, SafeData) else str(value)))
    out: list[str] = []
    skipping = 0
    for token in TOKEN.split(html):
        if token.startswith("<"):
            tag = TAG_NAME.match(token)
            if tag and tag.group(2).lower() in NO_LINKS and not token.endswith("/>"):
                skipping += -1 if tag.group(1) else 1
                skipping = max(skipping, 0)
            out.append(token)
        elif skipping or "§" not in token:
            out.append(token)
        else:
            out.append(_link_text(token, default_law))
    # Built from escaped text and our own component.
    return mark_safe("".join(out))  # noqa: S308  # nosec


@register.filter(name="legal_links")
def legal_links(value: object, default_law: str = DEFAULT_LAW) -> SafeString:
    return link_references(value, default_law)


@register.inclusion_tag("components/law_links.html")
def law_links(*keys: str | list[str] | tuple[str, ...]) -> dict[str, object]:
    """Links to the explanations of the given sections ("stl-18", "fvl-11a", or one list
    of them), in the reader's language: for a form whose labels name sections."""
    language = get_language() or "nb"
    flat = [k for key in keys for k in ([key] if isinstance(key, str) else key)]
    found = [explanation(key) for key in flat]
    return {
        "links": [
            {"href": reverse("law:reference", args=[r.key]), "label": r.label(language)}
            for r in found
            if r is not None
        ]
    }
