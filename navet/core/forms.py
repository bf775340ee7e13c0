"""The form renderer: `{{ form }}` and `{{ form.field.as_field_group }}` as Aksel markup.

Each field is rendered by templates/forms/field.html, which picks the template for the
field's kind (`templates/forms/fields/<kind>.html`): label, description (help_text),
the widget, and the error message, linked to the widget with aria-describedby and
aria-invalid (Django builds those two attributes; the ids are `<auto_id>_helptext` and
`<auto_id>_error`). The widget markup itself is Django's own; `AkselBoundField` only adds
the Aksel classes to it and turns a plain `DateInput` into `<input type="date">`.

Django's widget templates (`django/forms/...`) come from the `django.forms` app in
INSTALLED_APPS; the project's templates/forms/ are found first (DIRS before app
directories), so the Aksel field templates win.
"""

from __future__ import annotations

from typing import Any

from django.forms import widgets
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

# Aksel classes for each kind of widget; the label, description and error markup of
# each kind is in templates/forms/fields/<kind>.html.
_WIDGET_CLASSES = {
    "text": "aksel-text-field__input aksel-body-short",
    "textarea": "aksel-textarea__input aksel-body-short",
    "select": "aksel-select__input aksel-body-short",
    "checkbox": "aksel-checkbox__input",
    "checkboxes": "aksel-checkbox__input",
    "radio": "aksel-radio__input",
    "other": "",
}
_ISO_DATE = "%Y-%m-%d"


def widget_kind(widget: widgets.Widget) -> str:
    """Which Aksel form field a widget is rendered as (a key of `_WIDGET_CLASSES`)."""
    if isinstance(widget, widgets.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, widgets.RadioSelect):
        return "radio"
    if isinstance(widget, widgets.CheckboxInput):
        return "checkbox"
    if isinstance(widget, widgets.Select):
        return "select"
    if isinstance(widget, widgets.Textarea):
        return "textarea"
    if isinstance(widget, widgets.FileInput):
        return "other"
    if isinstance(widget, widgets.Input):
        return "text"
    return "other"


class AkselBoundField(BoundField):
    """A BoundField whose widget carries Aksel's classes; plain dates use type=date."""

    def __init__(self, form: Any, field: Any, name: str) -> None:
        super().__init__(form, field, name)
        widget = self.field.widget
        # The form owns a deep copy of its fields and widgets, so this changes only
        # this form's widget. A native date picker wants ISO dates, which every
        # Django date field accepts.
        if type(widget) is widgets.DateInput and widget.input_type == "text":
            widget.input_type = "date"
            widget.format = _ISO_DATE

    @property
    def aksel_kind(self) -> str:
        return widget_kind(self.field.widget)

    @property
    def aksel_template(self) -> str:
        return f"forms/fields/{self.aksel_kind}.html"

    @property
    def anchor_id(self) -> str:
        """The id an error summary links to: the input, or a group's first option."""
        if self.id_for_label:
            return str(self.id_for_label)
        return f"{self.auto_id}_0" if self.auto_id else ""

    def build_widget_attrs(
        self, attrs: dict[str, Any], widget: widgets.Widget | None = None
    ) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        aksel_class = _WIDGET_CLASSES[widget_kind(widget)]
        if aksel_class and not widget.is_hidden:
            own_class = attrs.get("class") or widget.attrs.get("class")
            attrs["class"] = f"{aksel_class} {own_class}" if own_class else aksel_class
        return attrs


class AkselFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = AkselBoundField
