"""Plain-language descriptions of audit actions, for leaders and (later) citizens: what was
done, on which page, and which application, decision or appeal it concerned. Never a code."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction

VIEWS: dict[str, Promise] = {
    "people:search": gettext_lazy("personsøket"),
    "people:person-detail": gettext_lazy("personoversikten"),
    "people:person-access-log": gettext_lazy("innsynsloggen"),
    "people:person-contact-edit": gettext_lazy("endring av kontaktopplysninger"),
    "people:person-show-national-id": gettext_lazy("visning av fødselsnummer"),
    "people:office-access-log": gettext_lazy("kontorets innsynslogg"),
    "applications:worklist": gettext_lazy("arbeidslistene"),
    "applications:application-detail": gettext_lazy("søknaden"),
    "applications:application-attachments": gettext_lazy("vedleggene"),
    "applications:application-calculation": gettext_lazy("beregningen"),
    "applications:application-assessment": gettext_lazy("vurderingen"),
    "applications:application-decisions": gettext_lazy("vedtakene"),
    "applications:application-letters": gettext_lazy("brevene"),
    "applications:application-events": gettext_lazy("hendelsene"),
    "applications:application-events-json": gettext_lazy("hendelsene"),
    "applications:document-download": gettext_lazy("et dokument"),
}


def action_label(event: AuditEvent) -> str:
    # A code Navet no longer writes still reads as words, never as the code.
    if event.action in AuditAction.values:
        return str(AuditAction(event.action).label)
    return _("Annen handling")


def describe_action(event: AuditEvent) -> str:
    text = action_label(event)
    view = VIEWS.get(str(event.data.get("view", "")))
    if view is not None:
        text = _("%(action)s (%(view)s)") % {"action": text, "view": view}
    return text


# What a target is called, read with one query per kind of target. The audit app sits
# below the apps whose rows it names, so it names their models only by label.
Namer = Callable[[dict[str, str]], str]
TARGETS: dict[str, tuple[tuple[str, ...], Namer]] = {
    "applications.application": (
        ("reference",),
        lambda row: _("søknad %(reference)s") % row,
    ),
    "applications.case": (
        ("reference", "application__reference"),
        lambda row: _("sak %(reference)s i søknad %(application__reference)s") % row,
    ),
    "applications.document": (
        ("application__reference",),
        lambda row: _("et dokument i søknad %(application__reference)s") % row,
    ),
    "decisions.decision": (
        ("reference",),
        lambda row: _("vedtak %(reference)s") % row,
    ),
    "decisions.appeal": (
        ("decision__reference",),
        lambda row: _("klage på vedtak %(decision__reference)s") % row,
    ),
}


def target_names(events: Iterable[AuditEvent]) -> dict[tuple[str, str], str]:
    """(target_type, target_id) → what the target is called, for the events' targets."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for event in events:
        if event.target_type in TARGETS and event.target_id:
            wanted[event.target_type].add(event.target_id)
    names: dict[tuple[str, str], str] = {}
    for label, ids in wanted.items():
        fields, namer = TARGETS[label]
        model = apps.get_model(label)
        for row in model._default_manager.filter(pk__in=ids).values("pk", *fields):
            names[(label, str(row["pk"]))] = namer({f: str(row[f]) for f in fields})
    return names


def describe_seen(event: AuditEvent, names: dict[tuple[str, str], str]) -> str:
    """Which page and which application, decision or appeal the event concerned, in words
    ("søknad 0315-2026-S00001, vurderingen"); empty when it says nothing more than the
    action."""
    parts = []
    target = names.get((event.target_type, event.target_id))
    if target:
        parts.append(target)
    view = VIEWS.get(str(event.data.get("view", "")))
    if view is not None:
        parts.append(str(view))
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]
