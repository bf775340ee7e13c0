from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from navet.applications.date_bounds import BoundedDateField, DateBounds, days_from_today

# A run collects what is due up to a day from a week back (payments left behind) to two
# months ahead (a run prepared before the holidays).
RUN_DUE_BY = DateBounds(earliest=days_from_today(-7), latest=days_from_today(62))


class PrepareRunForm(forms.Form):
    due_by = BoundedDateField(
        label=_("Forfall til og med"),
        help_text=_(
            "Kjøringen tar med alle planlagte utbetalinger med forfall til og med denne dagen."
        ),
        bounds=RUN_DUE_BY,
    )
