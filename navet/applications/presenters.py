"""How applications, facts, attachments, documents and innsyn events are shown: data for
the components (table rows, tags, description lists). No queries here; the views load."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from navet.applications.forms import rules_type_label
from navet.applications.models import (
    Application,
    ApplicationStatus,
    Attachment,
    AttachmentStatus,
    Case,
    CaseStatus,
    Document,
    Fact,
    FactArea,
    FactSource,
    InnsynEvent,
    RequestedDocument,
)
from navet.core.tables import Cell, Column, Row, Tag, TagVariant
from navet.formats import format_amount

SOON_DAYS = 7


def day(value: date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def moment(value: Any) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def kroner(amount: int | None) -> str:
    if amount is None:
        return ""
    return format_amount(amount, get_language() or settings.LANGUAGE_CODE)


def status_tag(application: Application) -> Tag:
    variants: dict[ApplicationStatus, TagVariant] = {
        ApplicationStatus.RECEIVED: "info",
        ApplicationStatus.IN_PROGRESS: "alt3",
        ApplicationStatus.DONE: "success",
        ApplicationStatus.NOT_PROCESSED: "neutral",
    }
    variant = variants.get(ApplicationStatus(application.status), "neutral")
    return Tag(application.get_status_display(), variant)


def is_overdue(application: Application, today: date) -> bool:
    return application.is_open and application.due_on < today


def application_tags(application: Application, today: date) -> list[Tag]:
    tags = [status_tag(application)]
    if application.emergency:
        tags.append(Tag(_("Nødhjelp"), "warning"))
    if is_overdue(application, today):
        tags.append(Tag(_("Over frist"), "error"))
    return tags


WORKLIST_APPLIED_FOR_CHARS = 60


def shorten(text: str, limit: int) -> str:
    """The text on one line, cut at a word before `limit` characters with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:") + "…"


def work_state_tag(application: Application) -> Tag:
    """Where the application really stands (annotated by `with_work_state`): documentation
    asked for, an interim reply sent, a decision for approval or in draft; else its status."""
    if application.is_open:
        if getattr(application, "waiting_for_documentation", False):
            return Tag(_("Venter på dokumentasjon"), "alt1")
        if getattr(application, "interim_reply_sent", False):
            return Tag(_("Foreløpig svar sendt"), "alt2")
        if getattr(application, "decision_proposed", False):
            return Tag(_("Til godkjenning"), "info")
        if getattr(application, "decision_drafted", False):
            return Tag(_("Utkast"), "neutral")
    return status_tag(application)


def worklist_amount(application: Application) -> str:
    """The amount of the decisions in force, else of those being drafted (annotated by the
    work list); nothing when no decision has an amount yet."""
    made = getattr(application, "amount_in_force", None)
    if made is not None:
        return kroner(made)
    pending = getattr(application, "amount_pending", None)
    return kroner(pending) if pending is not None else ""


def worklist_columns(sorting: dict[str, Column] | None = None) -> list[str | Column]:
    """`sorting` gives the sortable columns' headers by their key ("mottatt", "frist")."""
    sorting = sorting or {}
    return [
        _("Referanse"),
        _("Person"),
        _("Søkt om"),
        _("Beløp"),
        sorting.get("mottatt") or _("Mottatt"),
        sorting.get("frist") or _("Svarfrist"),
        _("Status"),
        _("Saksbehandler"),
    ]


def worklist_rows(applications: Iterable[Application], today: date) -> list[Row]:
    rows: list[Row] = []
    for application in applications:
        overdue = (Tag(_("Over frist"), "error"),) if is_overdue(application, today) else ()
        due = Cell(day(application.due_on), tags=overdue) if application.is_open else ""
        tags = [work_state_tag(application)]
        if application.emergency:
            tags.append(Tag(_("Nødhjelp"), "warning"))
        full = " ".join(application.applied_for.split())
        short = shorten(full, WORKLIST_APPLIED_FOR_CHARS)
        rows.append(
            [
                Cell(application.reference, href=application.get_absolute_url(), nowrap=True),
                Cell(application.person.full_name, href=application.person.get_absolute_url()),
                Cell(short, full_text=full) if short != full else full,
                worklist_amount(application),
                day(timezone.localdate(application.received_at)),
                due,
                Cell(None, tags=tuple(tags)),
                application.caseworker.name if application.caseworker else _("Ufordelt"),
            ]
        )
    return rows


def application_summary(application: Application) -> list[tuple[str, Any]]:
    person = application.person
    return [
        (_("Søker"), Cell(person.full_name, href=person.get_absolute_url())),
        (_("Nav-kontor"), application.office.name),
        (_("Kanal"), application.get_channel_display()),
        (_("Mottatt"), moment(application.received_at)),
        (_("Svarfrist"), day(application.due_on)),
        (_("Status"), application.get_status_display()),
        (
            _("Saksbehandler"),
            application.caseworker.name if application.caseworker else _("Ufordelt"),
        ),
        (_("Nødhjelp"), _("Ja") if application.emergency else _("Nei")),
    ]


REGISTER_FAILURES = {
    "utbetalingerFraNavFeilet": gettext_lazy("utbetalinger fra Nav"),
    "inntektFraSkatteetatenFeilet": gettext_lazy("skattbar inntekt fra Skatteetaten"),
    "stotteFraHusbankenFeilet": gettext_lazy("bostøtte fra Husbanken"),
}


def register_failures(application: Application) -> list[str]:
    """What the registers could not answer when the application was sent, in words."""
    return [str(REGISTER_FAILURES.get(name, name)) for name in application.register_failures]


SOURCE_VARIANTS: dict[FactSource, TagVariant] = {
    FactSource.APPLICANT: "info",
    FactSource.REGISTER: "alt1",
    FactSource.CASEWORKER: "alt2",
}


def fact_columns() -> list[str]:
    return [_("Opplysning"), _("Beløp per måned"), _("I beregningen"), _("Kilde"), _("Merknad")]


def fact_groups(facts: Iterable[Fact]) -> list[dict[str, Any]]:
    """The facts by area, in the order of FactArea, each row with its source as a tag and
    replaced rows struck through."""
    by_area: dict[str, list[Row]] = {}
    for fact in facts:
        replaced = fact.superseded_by_id is not None or fact.overridden_by_applicant
        notes = []
        if fact.superseded_by_id is not None:
            notes.append(_("Erstattet av en retting"))
        if fact.overridden_by_applicant:
            notes.append(_("Endret av søkeren"))
        if fact.note:
            notes.append(fact.note)
        source = FactSource(fact.source)
        by_area.setdefault(fact.area, []).append(
            [
                Cell(fact.title, struck=replaced),
                Cell(kroner(fact.amount), struck=replaced) if fact.amount is not None else "",
                rules_type_label(fact.area, fact.rules_type),
                Cell("", tags=(Tag(str(source.label), SOURCE_VARIANTS[source]),)),
                ". ".join(str(n) for n in notes),
            ]
        )
    return [
        {"label": area.label, "rows": by_area[area.value], "id": f"omrade-{area.value}"}
        for area in FactArea
        if area.value in by_area
    ]


def children_rows(application: Application, today: date) -> list[Row]:
    rows: list[Row] = []
    for child in application.children:
        born = date.fromisoformat(child["birth_date"])
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        rows.append([child.get("name") or _("(uten navn)"), day(born), str(max(age, 0))])
    return rows


def case_columns() -> list[str]:
    return [_("Referanse"), _("Sak"), _("Type"), _("Status"), _("Vedtak")]


DECISION_STATE_LABELS = {
    "draft": gettext_lazy("Utkast"),
    "proposed": gettext_lazy("Til godkjenning"),
    "made": gettext_lazy("Fattet"),
}


def case_status(case: Case, decisions: list[Any]) -> str:
    """The case's status as the caseworker reads it. innsyn has no "decided" status for a
    case (its decision says so: vedtakFattet), so a case still marked under behandling
    that has a made decision reads "Vedtak fattet" here."""
    if case.status == CaseStatus.IN_PROGRESS and any(d.is_made for d in decisions):
        return str(_("Vedtak fattet"))
    return str(case.get_status_display())


def case_rows(cases: Iterable[Case]) -> list[Row]:
    rows: list[Row] = []
    for case in cases:
        decisions = list(case.decisions.all())
        latest = decisions[-1] if decisions else None
        rows.append(
            [
                case.reference,
                case.title,
                case.get_kind_display(),
                case_status(case, decisions),
                str(DECISION_STATE_LABELS[latest.state]) if latest else _("Ingen"),
            ]
        )
    return rows


def attachment_columns() -> list[str]:
    return [_("Vedlegg"), _("Filnavn"), _("Mottatt"), _("Status"), _("Svar på")]


ATTACHMENT_STATUS_LABELS = {s.value: s.label for s in AttachmentStatus}


def attachment_rows(attachments: Iterable[Attachment]) -> list[Row]:
    rows: list[Row] = []
    for attachment in attachments:
        answers = attachment.answers
        rows.append(
            [
                attachment.type + (f" ({attachment.extra_info})" if attachment.extra_info else ""),
                attachment.filename or _("Ingen fil"),
                moment(attachment.received_at),
                str(ATTACHMENT_STATUS_LABELS.get(attachment.status, attachment.status)),
                f"{answers.document_type} ({answers.reference})" if answers else "",
            ]
        )
    return rows


def requested_columns() -> list[str]:
    return [_("Dokument"), _("Beskrivelse"), _("Etterspurt"), _("Frist"), _("Referanse")]


def requested_rows(documents: Iterable[RequestedDocument], today: date) -> list[Row]:
    rows: list[Row] = []
    for document in documents:
        late = document.request.deadline < today
        deadline = Cell(
            day(document.request.deadline),
            tags=(Tag(_("Fristen er ute"), "error"),) if late else (),
        )
        rows.append(
            [
                document.document_type,
                document.description,
                day(timezone.localdate(document.request.created_at)),
                deadline,
                document.reference,
            ]
        )
    return rows


def document_columns() -> list[str]:
    return [_("Dokument"), _("Type"), _("Sak"), _("Språk"), _("Laget"), _("Størrelse")]


LANGUAGE_NAMES = {
    "nb": gettext_lazy("Bokmål"),
    "nn": gettext_lazy("Nynorsk"),
    "en": gettext_lazy("Engelsk"),
}


def document_rows(documents: Iterable[Document]) -> list[Row]:
    return [
        [
            Cell(
                document.title,
                href=reverse("applications:document-download", args=[document.pk]),
            ),
            document.get_kind_display(),
            document.case.reference if document.case else "",
            str(LANGUAGE_NAMES.get(document.language, document.language)),
            moment(document.created_at),
            _("%(size)s kB") % {"size": max(1, round(document.size / 1024))},
        ]
        for document in documents
    ]


EVENT_LABELS = {
    "soknadsStatus": gettext_lazy("Status for søknaden"),
    "tildeltNavKontor": gettext_lazy("Sendt til et annet Nav-kontor"),
    "saksStatus": gettext_lazy("Status for en sak"),
    "vedtakFattet": gettext_lazy("Vedtak fattet"),
    "forelopigSvar": gettext_lazy("Foreløpig svar sendt"),
    "dokumentasjonEtterspurt": gettext_lazy("Dokumentasjon etterspurt"),
    "dokumentasjonkrav": gettext_lazy("Dokumentasjonskrav"),
    "vilkar": gettext_lazy("Vilkår"),
    "utbetaling": gettext_lazy("Utbetaling"),
    "rammevedtak": gettext_lazy("Rammevedtak"),
}
STATUS_LABELS = {
    **{s.value: s.label for s in ApplicationStatus},
    "IKKE_INNSYN": gettext_lazy("Ikke innsyn"),
    "FEILREGISTRERT": gettext_lazy("Feilregistrert"),
    "RELEVANT": gettext_lazy("Gjelder"),
    "ANNULLERT": gettext_lazy("Annullert"),
    "OPPFYLT": gettext_lazy("Oppfylt"),
    "IKKE_OPPFYLT": gettext_lazy("Ikke oppfylt"),
    "INNVILGET": gettext_lazy("Innvilget"),
    "DELVIS_INNVILGET": gettext_lazy("Delvis innvilget"),
    "AVSLATT": gettext_lazy("Avslått"),
    "AVVIST": gettext_lazy("Avvist"),
}


def event_columns() -> list[str]:
    return [_("Tidspunkt"), _("Hendelse"), _("Opplysninger")]


def _event_details(event: InnsynEvent) -> str:
    payload = event.payload
    parts = []
    for key, label in (
        ("saksreferanse", _("sak")),
        ("referanse", _("sak")),
        ("tittel", _("tittel")),
        ("status", _("status")),
        ("utfall", _("utfall")),
        ("navKontor", _("Nav-kontor")),
    ):
        value = payload.get(key)
        if isinstance(value, str) and value:
            shown = STATUS_LABELS.get(value, value) if key in ("status", "utfall") else value
            parts.append(f"{label}: {shown}")
    documents = payload.get("dokumenter")
    if isinstance(documents, list):
        if documents:
            names = ", ".join(str(d.get("dokumenttype", "")) for d in documents)
            parts.append(_("utestående: %(names)s") % {"names": names})
        else:
            parts.append(_("ingen dokumenter utestående"))
    if "forvaltningsbrev" in payload or "vedtaksfil" in payload:
        parts.append(_("med brev"))
    return "; ".join(parts)


def event_rows(events: Iterable[InnsynEvent]) -> list[Row]:
    return [
        [
            moment(event.occurred_at),
            str(EVENT_LABELS.get(event.type, event.type)),
            _event_details(event),
        ]
        for event in events
    ]


# --- On the person page: the person's applications and letters -------------------------

APPLIED_FOR_CHARS = 80


def applied_for(application: Application) -> str:
    text = " ".join(application.applied_for.split())
    if len(text) <= APPLIED_FOR_CHARS:
        return text
    return text[: APPLIED_FOR_CHARS - 1].rstrip() + "…"


def person_application_columns() -> list[str]:
    return [_("Referanse"), _("Søkt om"), _("Mottatt"), _("Status"), _("Svarfrist")]


def person_application_rows(applications: Iterable[Application], today: date) -> list[Row]:
    """Newest first; the open ones carry their due date, the others none."""
    rows: list[Row] = []
    for application in applications:
        tags = application_tags(application, today)
        rows.append(
            [
                Cell(application.reference, href=application.get_absolute_url(), nowrap=True),
                applied_for(application),
                day(timezone.localdate(application.received_at)),
                Cell("", tags=tuple(tags)),
                day(application.due_on) if application.is_open else "",
            ]
        )
    return rows


def person_document_columns() -> list[str]:
    return [_("Dokument"), _("Type"), _("Søknad"), _("Laget")]


def person_document_rows(documents: Iterable[Document], references: dict[Any, str]) -> list[Row]:
    """`references` maps an application id to its reference (loaded by the page)."""
    return [
        [
            Cell(
                document.title,
                href=reverse("applications:document-download", args=[document.pk]),
            ),
            document.get_kind_display(),
            Cell(references.get(document.application_id, ""), nowrap=True),
            moment(document.created_at),
        ]
        for document in documents
    ]
