"""The portal's forms. Every message says what is wrong and with which file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from navet.applications.models import RequestedDocument
from navet.filetypes import CITIZEN_TYPES, accepted_document, read_head

OTHER = "annet"
# What the browser offers to pick (the content is what counts; navet.filetypes).
ACCEPT = "application/pdf,image/jpeg,image/png,image/heic,.pdf,.jpg,.jpeg,.png,.heic,.heif"


def megabytes(size: int) -> str:
    """10 MB as "10", 12.3 MB as "12,3" (in the page's language)."""
    value = round(size / (1024 * 1024), 1)
    return number_format(value, decimal_pos=0 if value == int(value) else 1)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class SendDocumentsForm(forms.Form):
    answers = forms.ChoiceField(label=gettext_lazy("Hva sender du?"), widget=forms.RadioSelect)
    uploads = MultipleFileField(
        label=gettext_lazy("Velg filer eller ta bilde"),
        # An empty file is refused below, with its name.
        allow_empty_file=True,
        error_messages={"required": gettext_lazy("Velg minst én fil å sende.")},
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args: Any, outstanding: list[RequestedDocument], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outstanding = {str(document.pk): document for document in outstanding}
        field = self.fields["answers"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            *((key, document.document_type) for key, document in self.outstanding.items()),
            (OTHER, _("Noe annet jeg vil sende")),
        ]
        field.initial = next(iter(self.outstanding), OTHER)
        if not self.outstanding:
            # Nothing asked for: there is nothing to choose between.
            field.widget = forms.HiddenInput()
        self.fields["uploads"].help_text = _(
            "PDF, JPG, PNG eller HEIC (bilde fra mobilen), høyst %(size)s MB per fil og "
            "%(count)s filer om gangen."
        ) % {
            "size": megabytes(settings.CITIZEN_UPLOAD_MAX_BYTES),
            "count": settings.CITIZEN_UPLOAD_MAX_FILES,
        }

    def clean_uploads(self) -> list[Any]:
        return check_uploads(self.cleaned_data["uploads"])

    def answered(self) -> RequestedDocument | None:
        return self.outstanding.get(self.cleaned_data["answers"])


def check_uploads(files: list[Any]) -> list[Any]:
    """Every file within the limits and of an accepted type by its content; otherwise one
    message per refused file, with its name."""
    if len(files) > settings.CITIZEN_UPLOAD_MAX_FILES:
        raise ValidationError(
            _("Du kan sende høyst %(count)s filer om gangen. Du valgte %(chosen)s.")
            % {"count": settings.CITIZEN_UPLOAD_MAX_FILES, "chosen": len(files)}
        )
    problems = []
    for upload in files:
        name = str(upload.name)
        if upload.size == 0:
            problems.append(_("«%(name)s» er tom.") % {"name": name})
        elif upload.size > settings.CITIZEN_UPLOAD_MAX_BYTES:
            problems.append(
                _("«%(name)s» er %(size)s MB. Hver fil kan være høyst %(limit)s MB.")
                % {
                    "name": name,
                    "size": megabytes(upload.size),
                    "limit": megabytes(settings.CITIZEN_UPLOAD_MAX_BYTES),
                }
            )
        elif not accepted_document(name, read_head(upload), CITIZEN_TYPES):
            problems.append(
                _(
                    "«%(name)s» er ikke en PDF, JPG, PNG eller HEIC, eller filnavnet "
                    "stemmer ikke med innholdet."
                )
                % {"name": name}
            )
    if problems:
        raise ValidationError(problems)
    return files
