"""The `{% component %}` block tag (navet/core/templatetags/components.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.template import Context, Engine, TemplateSyntaxError, engines
from django.test import RequestFactory


def render(source: str, **context: object) -> str:
    return engines["django"].from_string(source).render(context)


def test_parameters_and_inner_content_reach_the_component() -> None:
    html = render(
        '{% component "box" padding="24" border=True element="section" %}'
        "<p>{{ text }}</p>{% endcomponent %}",
        text="Innhold & mer",
    )
    assert html.strip().startswith('<section class="aksel-box navet-box navet-box--padding-24')
    assert "navet-box--border" in html
    # The inner content is autoescaped once, not twice.
    assert "<p>Innhold &amp; mer</p></section>" in html


def test_translated_parameters_work() -> None:
    html = render('{% component "read_more" label=_("Endre beløpet") %}x{% endcomponent %}')
    assert "Endre beløpet" in html


def test_page_variables_do_not_leak_into_left_out_parameters() -> None:
    html = render('{% component "box" %}x{% endcomponent %}', padding="40", border=True)
    assert "navet-box--padding-16" in html
    assert "navet-box--border" not in html


def test_empty_inner_content_is_no_body() -> None:
    html = render('{% component "alert" text="Tekst" %}  {% endcomponent %}')
    assert "Tekst" in html


def test_request_and_csrf_token_are_passed_through_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "components").mkdir()
    (tmp_path / "components" / "probe.html").write_text(
        "{{ request.path }}|{{ csrf_token }}|{{ secret }}|{{ body }}"
    )
    engine = Engine(dirs=[str(tmp_path)], builtins=["navet.core.templatetags.components"])
    template = engine.from_string('{% component "probe" %}<b>{{ secret }}</b>{% endcomponent %}')
    context = {"request": RequestFactory().get("/sti/"), "csrf_token": "tok", "secret": "s"}
    assert template.render(Context(context)) == "/sti/|tok||<b>s</b>"


@pytest.mark.parametrize("name", ["../base", "Box", ""])
def test_only_component_names_are_accepted(name: str) -> None:
    with pytest.raises(TemplateSyntaxError):
        render("{% component name %}x{% endcomponent %}", name=name)


def test_body_cannot_be_passed() -> None:
    with pytest.raises(TemplateSyntaxError):
        render('{% component "box" body="x" %}y{% endcomponent %}')


def test_a_name_is_needed() -> None:
    with pytest.raises(TemplateSyntaxError):
        render("{% component %}y{% endcomponent %}")


def test_only_keyword_arguments_after_the_name() -> None:
    with pytest.raises(TemplateSyntaxError):
        render('{% component "box" "24" %}y{% endcomponent %}')
