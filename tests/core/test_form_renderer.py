"""The form renderer: the project's templates/forms/ win over Django's form templates,
which come from the `django.forms` app (settings.FORM_RENDERER, INSTALLED_APPS)."""

from __future__ import annotations

from django import forms


class Sample(forms.Form):
    name = forms.CharField(label="Navn", help_text="Fullt navn")
    born = forms.DateField(label="Født")
    kind = forms.ChoiceField(label="Type", choices=[("a", "A"), ("b", "B")])
    ways = forms.MultipleChoiceField(
        label="Måter", choices=[("x", "X")], widget=forms.CheckboxSelectMultiple
    )
    file = forms.FileField(label="Fil", required=False)
    secret = forms.CharField(widget=forms.HiddenInput, required=False)


def test_project_field_templates_and_django_widget_templates() -> None:
    html = str(Sample())
    # templates/forms/fields/text.html, not Django's div layout
    assert 'class="aksel-form-field' in html
    assert 'class="aksel-form-field__label aksel-label"' in html
    # Django's widget templates (django/forms/widgets/...) with the Aksel classes
    assert '<select name="kind" class="aksel-select__input aksel-body-short"' in html
    assert 'type="date"' in html
    assert (
        '<input type="checkbox" name="ways" value="x" id="id_ways_0" class="aksel-checkbox__input">'
        in html
    )
    assert '<input type="file" name="file"' in html
    assert '<input type="hidden" name="secret"' in html


def test_errors_are_linked_to_the_field() -> None:
    form = Sample(data={})
    html = str(form["name"].as_field_group())
    assert 'id="id_name_error"' in html
    assert 'aria-invalid="true"' in html
    assert "id_name_helptext" in html
