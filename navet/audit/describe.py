"""Plain-language descriptions of audit actions, for leaders and (later) citizens."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction

VIEWS = {
    "people:person-detail": gettext_lazy("personoversikten"),
    "people:person-access-log": gettext_lazy("innsynsloggen"),
    "people:person-contact-edit": gettext_lazy("endring av kontaktopplysninger"),
    "people:person-show-national-id": gettext_lazy("visning av fødselsnummer"),
}


def describe_action(event: AuditEvent) -> str:
    # A code Navet no longer writes still reads as words, never as the code.
    text = (
        str(AuditAction(event.action).label)
        if event.action in AuditAction.values
        else _("Annen handling")
    )
    view = VIEWS.get(str(event.data.get("view", "")))
    if view is not None:
        text = _("%(action)s (%(view)s)") % {"action": text, "view": view}
    return text
