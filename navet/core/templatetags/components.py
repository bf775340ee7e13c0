"""The `{% component %}` block tag: render a template from templates/components/.

    {% component "box" padding="4" border=True %}
      <p>{% translate "Innhold i boksen." %}</p>
    {% endcomponent %}

renders `components/box.html` with `padding`, `border` and `body`, the rendered inner
content (marked safe; it has been through autoescaping already). The component sees only
those variables plus `request` and `csrf_token`, so a variable of the page can never leak
into a component parameter that was left out. Registered as a template builtin in
settings, so no `{% load %}` is needed.

Django's `simple_block_tag` parses the tag (one positional name, then key=value
arguments) and renders the inner content; a wrong name or a `body=` argument is reported
when the template is rendered.

Components without inner content are included the ordinary way:
`{% include "components/button.html" with label=_("Lagre") only %}`.
"""

from __future__ import annotations

import re

from django import template
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_NAME = re.compile(r"[a-z][a-z0-9_]*")
# Context variables a component may need although they are not parameters:
# `request` (current path) and `csrf_token` (for `{% csrf_token %}` in a form).
_PASSED_THROUGH = ("request", "csrf_token")


@register.simple_block_tag(takes_context=True)
def component(context: Context, content: str, name: object, **kwargs: object) -> SafeString:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise template.TemplateSyntaxError(f"{name!r} is not a component name.")
    if "body" in kwargs:
        raise template.TemplateSyntaxError(
            "{% component %} sets `body` from its inner content; do not pass it."
        )
    if context.template is None:
        raise template.TemplateSyntaxError("{% component %} renders only inside a template.")
    found = context.template.engine.get_template(f"components/{name}.html")
    values = dict(kwargs)
    # The inner content was rendered (and autoescaped) by the template engine.
    values["body"] = mark_safe(content) if content.strip() else mark_safe("")  # noqa: S308  # nosec
    for key in _PASSED_THROUGH:
        if key in context:
            values.setdefault(key, context[key])
    return found.render(context.new(values))
