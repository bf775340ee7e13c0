"""Plain-language descriptions of audit actions, for leaders and (later) citizens."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from navet.audit.models import AuditEvent

ACTIONS = {
    "person.read": gettext_lazy("Så på opplysningene"),
    "person.listed": gettext_lazy("Fikk personen i et søkeresultat"),
    "person.contact_updated": gettext_lazy("Endret kontaktopplysningene"),
    "person.household_changed": gettext_lazy("Endret husstanden"),
    "person.national_id_shown": gettext_lazy("Så hele fødselsnummeret"),
    "access.override_created": gettext_lazy("Ga seg selv midlertidig tilgang"),
    "access.override_accepted": gettext_lazy("Godkjente en midlertidig tilgang"),
    "access.override_flagged": gettext_lazy("Flagget en midlertidig tilgang"),
}

VIEWS = {
    "people:person-detail": gettext_lazy("personoversikten"),
    "people:person-access-log": gettext_lazy("innsynsloggen"),
    "people:person-contact-edit": gettext_lazy("endring av kontaktopplysninger"),
    "people:person-show-national-id": gettext_lazy("visning av fødselsnummer"),
}


def describe_action(event: AuditEvent) -> str:
    text = str(ACTIONS.get(event.action, event.action))
    view = VIEWS.get(str(event.data.get("view", "")))
    if view is not None:
        text = _("%(action)s (%(view)s)") % {"action": text, "view": view}
    return text
