"""The table component renders what presenters hand it: text, Cell links, tags and strikes."""

from __future__ import annotations

from django.template.loader import render_to_string

from navet.core.tables import Cell, Tag


def render(rows: list[list[object]], **context: object) -> str:
    return render_to_string(
        "components/table.html",
        {"caption": "Saker", "columns": ["A", "B", "C", "D"], "rows": rows, **context},
    )


def test_cells_render_as_text_link_tags_and_strike() -> None:
    html = render(
        [
            [
                Cell("S1", href="/saker/1/"),
                Cell("9 000 kr", struck=True),
                Cell("", tags=(Tag("Søker", "info"), Tag("Over frist", "error"))),
                "plain",
            ]
        ]
    )
    assert '<a href="/saker/1/" class="aksel-link">S1</a>' in html
    assert "<s>9 000 kr</s>" in html
    assert html.index("Søker") < html.index("Over frist")
    assert 'data-color="info"' in html and 'data-color="danger"' in html
    assert "plain" in html


def test_empty_cells_show_a_dash_and_no_rows_show_the_empty_text() -> None:
    html = render([[None, "", 0, Cell("x")]])
    assert html.count(">–<") == 2
    assert ">0<" in html
    assert "Ingen rader" in render([], empty_text="Ingen rader her.")


def test_text_is_escaped() -> None:
    html = render([[Cell("<b>x</b>", href="/a/"), "<i>y</i>", None, None]])
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert "&lt;i&gt;y&lt;/i&gt;" in html
