"""The `{% component %}` block tag: render a template from templates/components/.

    {% component "box" padding="4" border=True %}
      <p>{% translate "Innhold i boksen." %}</p>
    {% endcomponent %}

renders `components/box.html` with `padding`, `border` and `body`, the rendered inner
content (marked safe; it has been through autoescaping already). The component sees only
those variables plus `request` and `csrf_token`, so a variable of the page can never leak
into a component parameter that was left out. Registered as a template builtin in
settings, so no `{% load %}` is needed.

Components without inner content are included the ordinary way:
`{% include "components/button.html" with label=_("Lagre") only %}`.
"""

from __future__ import annotations

import re

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token, token_kwargs
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_NAME = re.compile(r"[a-z][a-z0-9_]*")
# Context variables a component may need although they are not parameters:
# `request` (current path) and `csrf_token` (for `{% csrf_token %}` in a form).
_PASSED_THROUGH = ("request", "csrf_token")


class ComponentNode(template.Node):
    def __init__(
        self, name: FilterExpression, kwargs: dict[str, FilterExpression], nodelist: NodeList
    ) -> None:
        self.name = name
        self.kwargs = kwargs
        self.nodelist = nodelist

    def render(self, context: Context) -> SafeString:
        name = self.name.resolve(context)
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise template.TemplateSyntaxError(f"{name!r} is not a component name.")
        if context.template is None:
            raise template.TemplateSyntaxError("{% component %} renders only inside a template.")
        component = context.template.engine.get_template(f"components/{name}.html")
        values = {key: value.resolve(context) for key, value in self.kwargs.items()}
        inner = self.nodelist.render(context)
        # The inner content was rendered (and autoescaped) by the template engine above.
        values["body"] = mark_safe(inner) if inner.strip() else mark_safe("")  # noqa: S308  # nosec
        for key in _PASSED_THROUGH:
            if key in context:
                values.setdefault(key, context[key])
        return component.render(context.new(values))


@register.tag("component")
def do_component(parser: Parser, token: Token) -> ComponentNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            '{% component %} needs a component name: {% component "box" padding="4" %}'
        )
    name = parser.compile_filter(bits[1])
    remaining = bits[2:]
    kwargs = token_kwargs(remaining, parser, support_legacy=False)
    if remaining:
        raise template.TemplateSyntaxError(
            f"{{% component %}} takes only keyword arguments (key=value), not {remaining[0]!r}."
        )
    if "body" in kwargs:
        raise template.TemplateSyntaxError(
            "{% component %} sets `body` from its inner content; do not pass it."
        )
    nodelist = parser.parse(("endcomponent",))
    parser.delete_first_token()
    return ComponentNode(name, kwargs, nodelist)
