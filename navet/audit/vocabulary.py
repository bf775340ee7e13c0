"""Every action the audit trail records, with what a leader (and later the citizen) reads.

The stored value is the code (`decision.made`); the label is the sentence shown on the
access log in bokmål, nynorsk or English. A code written anywhere in Navet that is not
listed here fails `tests/audit/test_vocabulary.py`, so no raw code reaches a page.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    # Persons
    PERSON_READ = "person.read", _("Så på opplysningene")
    PERSON_LISTED = "person.listed", _("Fikk personen i et søkeresultat")
    PERSON_CONTACT_UPDATED = "person.contact_updated", _("Endret kontaktopplysningene")
    PERSON_HOUSEHOLD_CHANGED = "person.household_changed", _("Endret husstanden")
    PERSON_NATIONAL_ID_SHOWN = "person.national_id_shown", _("Så hele fødselsnummeret")
    PERSON_REGISTERED = "person.registered", _("Registrerte personen fra en digital søknad")
    # Access
    ACCESS_OVERRIDE_CREATED = "access.override_created", _("Ga seg selv midlertidig tilgang")
    ACCESS_OVERRIDE_ACCEPTED = "access.override_accepted", _("Godkjente en midlertidig tilgang")
    ACCESS_OVERRIDE_FLAGGED = "access.override_flagged", _("Flagget en midlertidig tilgang")
    # Applications and cases
    APPLICATION_IMPORTED = "application.imported", _("Søknaden kom inn digitalt")
    APPLICATION_REGISTERED = "application.registered", _("Registrerte en søknad")
    APPLICATION_ASSIGNED = "application.assigned", _("Fordelte søknaden")
    APPLICATION_STARTED = "application.started", _("Begynte å behandle søknaden")
    APPLICATION_FACT_ADDED = "application.fact_added", _("La til en opplysning i søknaden")
    APPLICATION_HOUSEHOLD_CHANGED = (
        "application.household_changed",
        _("Endret husstanden i søknaden"),
    )
    APPLICATION_INTERIM_REPLY_SENT = "application.interim_reply_sent", _("Sendte foreløpig svar")
    APPLICATION_DOCUMENTATION_REQUESTED = (
        "application.documentation_requested",
        _("Ba om dokumentasjon"),
    )
    APPLICATION_DOCUMENT_RECEIVED = "application.document_received", _("Tok imot et dokument")
    APPLICATION_NOT_PROCESSED = "application.not_processed", _("Avsluttet søknaden uten vedtak")
    APPLICATION_FINISHED = "application.finished", _("Ferdigbehandlet søknaden")
    CASE_CREATED = "case.created", _("Opprettet en sak")
    CASE_STATUS_CHANGED = "case.status_changed", _("Endret status på en sak")
    DOCUMENT_CREATED = "document.created", _("Laget et brev")
    # Decisions and appeals
    DECISION_DRAFTED = "decision.drafted", _("Begynte på et vedtak")
    DECISION_ASSESSMENT_CHANGED = "decision.assessment_changed", _("Endret vurderingen")
    DECISION_DEVIATION_SET = "decision.deviation_set", _("Avvek fra beregningen")
    DECISION_DEVIATION_REMOVED = "decision.deviation_removed", _("Fjernet et avvik fra beregningen")
    DECISION_CONDITION_ADDED = "decision.condition_added", _("La til et vilkår")
    DECISION_CONDITION_REMOVED = "decision.condition_removed", _("Fjernet et vilkår")
    DECISION_DRAFT_DISCARDED = "decision.draft_discarded", _("Forkastet et vedtaksutkast")
    DECISION_PROPOSED = "decision.proposed", _("Sendte vedtaket til godkjenning")
    DECISION_RETURNED = "decision.returned", _("Sendte vedtaket tilbake til saksbehandleren")
    DECISION_MADE = "decision.made", _("Fattet vedtak")
    CONDITION_FOLLOWED_UP = "condition.followed_up", _("Fulgte opp et vilkår")
    # Payments
    PAYMENT_SETTINGS_CHANGED = "payment_settings.changed", _("Endret kontorets utbetalinger")
    PAYMENTS_PLANNED = "payments.planned", _("Planla utbetalinger")
    PAYMENTS_STOPPED = "payments.stopped", _("Stoppet utbetalinger")
    PAYMENT_ANNULLED = "payment.annulled", _("Annullerte en utbetaling")
    PAYMENT_PAID_BY_HAND = "payment.paid_by_hand", _("Registrerte en utbetaling som utbetalt")
    PAYMENT_RECIPIENT_CHANGED = "payment.recipient_changed", _("Endret mottaker av en utbetaling")
    PAYMENT_SENT_AGAIN = "payment.sent_again", _("Planla en avvist utbetaling på nytt")
    PAYMENT_CHANGE_REVIEWED = "payment_change.reviewed", _("Gikk gjennom en endret utbetaling")
    PAYMENT_RUN_PREPARED = "payment_run.prepared", _("Laget en utbetalingskjøring")
    PAYMENT_RUN_APPROVED = "payment_run.approved", _("Godkjente en utbetalingskjøring")
    PAYMENT_RUN_CANCELLED = "payment_run.cancelled", _("Avbrøt en utbetalingskjøring")
    PAYMENT_RUN_SENT = "payment_run.sent", _("Merket en utbetalingskjøring som sendt")
    PAYMENT_FILE_GENERATED = "payment_file.generated", _("Laget en betalingsfil")
    PAYMENT_FILE_DOWNLOADED = "payment_file.downloaded", _("Lastet ned en betalingsfil")
    BANK_FILE_IMPORTED = "bank_file.imported", _("Leste inn svar fra banken")
    PAYMENT_ACCOUNTING_EXPORTED = "payment_accounting.exported", _("Lastet ned en regnskapsfil")
    APPEAL_REGISTERED = "appeal.registered", _("Registrerte en klage")
    APPEAL_CHANGED_BY_OFFICE = "appeal.changed_by_office", _("Endret vedtaket etter klage")
    APPEAL_FORWARDED = "appeal.forwarded", _("Sendte klagen til Statsforvalteren")
    APPEAL_AUTHORITY_OUTCOME = "appeal.authority_outcome", _("Registrerte Statsforvalterens svar")
    # The citizen's own, in the portal (the actor is the person; navet.citizen)
    CITIZEN_LOGGED_IN = "citizen.logged_in", _("Logget inn på Min side")
    CITIZEN_LOGGED_OUT = "citizen.logged_out", _("Logget ut av Min side")
    CITIZEN_SESSION_ENDED = "citizen.session_ended", _("Ble logget ut av Min side")
    CITIZEN_VIEWED_APPLICATIONS = "citizen.viewed_applications", _("Så på søknadene sine")
    CITIZEN_VIEWED_APPLICATION = "citizen.viewed_application", _("Så på en søknad")
    CITIZEN_DOWNLOADED_DOCUMENT = "citizen.downloaded_document", _("Lastet ned et brev")
    CITIZEN_DOWNLOADED_ATTACHMENT = (
        "citizen.downloaded_attachment",
        _("Lastet ned et dokument hen selv hadde sendt"),
    )
    CITIZEN_SENT_MESSAGE = "citizen.sent_message", _("Sendte en melding til Nav-kontoret")
    CITIZEN_READ_MESSAGES = "citizen.read_messages", _("Leste meldinger fra Nav-kontoret")
    CITIZEN_NOTIFICATION_CONTACT_CHANGED = (
        "citizen.notification_contact_changed",
        _("Endret hvor varsler om nye meldinger skal sendes"),
    )
    CITIZEN_VIEWED_PAYMENTS = "citizen.viewed_payments", _("Så på utbetalingene sine")
    CITIZEN_VIEWED_ACCESS_LOG = "citizen.viewed_access_log", _("Så hvem som har sett opplysningene")
    CITIZEN_VIEWED_JOURNAL = "citizen.viewed_journal", _("Så på journalnotatene som er delt")
    # Journal (follow-up)
    JOURNAL_NOTE_WRITTEN = "journal.note_written", _("Skrev et journalnotat")
    JOURNAL_NOTE_CORRECTED = "journal.note_corrected", _("Rettet et journalnotat")
    JOURNAL_NOTE_SHARED = "journal.note_shared", _("Delte et journalnotat med personen")
    MEETING_PLANNED = "meeting.planned", _("Avtalte et møte med personen")
    MEETING_CANCELLED = "meeting.cancelled", _("Avlyste et møte med personen")
    CITIZEN_VIEWED_MEETINGS = "citizen.viewed_meetings", _("Så på møtene sine")
    PLAN_GOAL_SET = "plan.goal_set", _("Skrev målet i aktivitetsplanen")
    ACTIVITY_ADDED = "plan.activity_added", _("La inn en aktivitet i planen")
    ACTIVITY_EDITED = "plan.activity_edited", _("Endret en aktivitet i planen")
    ACTIVITY_MOVED = "plan.activity_moved", _("Endret status på en aktivitet i planen")
    ACTIVITY_AGREED = "plan.activity_agreed", _("Avtalte en aktivitet med personen")
    CITIZEN_VIEWED_PLAN = "citizen.viewed_plan", _("Så på aktivitetsplanen sin")
    MAPPING_SAVED = "mapping.saved", _("Lagret en kartlegging av situasjonen")
    CITIZEN_MAPPING_ANSWERED = (
        "citizen.mapping_answered",
        _("Svarte på kartleggingen på Min side"),
    )
    CITIZEN_VIEWED_MAPPING = "citizen.viewed_mapping", _("Så på kartleggingen sin")
    FOLLOW_UP_STARTED = "follow_up.started", _("Startet oppfølging av personen")
    FOLLOW_UP_ENDED = "follow_up.ended", _("Avsluttet oppfølgingen av personen")
    FOLLOW_UP_PROGRAMME_SET = "follow_up.programme_set", _("Endret programmet personen er i")
    FOLLOW_UP_ASSIGNED = "follow_up.assigned", _("Ga personen en veileder")
    TASK_ADDED = "task.added", _("La inn en oppgave om personen")
    TASK_DONE = "task.done", _("Gjorde ferdig en oppgave om personen")
    SITUATION_RECORDED = (
        "situation.recorded",
        _("Registrerte situasjonen ved siste kontakt (KOSTRA)"),
    )
    KOSTRA_REPORTED = "kostra.reported", _("Tok personen med i KOSTRA-filen til SSB")
    DECISION_CONDITION_CATEGORISED = (
        "decision.condition_categorised",
        _("Ga et vilkår sin kategori i KOSTRA"),
    )
    # Messages (the office's side)
    MESSAGE_SENT = "message.sent", _("Sendte en melding til personen")
    MESSAGE_THREAD_STATE_CHANGED = (
        "message.thread_state_changed",
        _("Endret status på en meldingstråd"),
    )
    # The learning area (navet.competence): progress, never what anyone answered
    COMPETENCE_MODULE_STARTED = "competence.module_started", _("Startet en læringsmodul")
    COMPETENCE_MODULE_COMPLETED = "competence.module_completed", _("Fullførte en læringsmodul")
    COMPETENCE_REFLECTION_SAVED = "competence.reflection_saved", _("Lagret en refleksjon")
    COMPETENCE_EXERCISE_ANSWERED = "competence.exercise_answered", _("Svarte på en oppgave")
    COMPETENCE_REQUIRED_SET = "competence.required_set", _("Gjorde en læringsmodul obligatorisk")
    COMPETENCE_REQUIRED_UNSET = (
        "competence.required_unset",
        _("Gjorde en læringsmodul valgfri"),
    )
    # The administrator's and the system's
    OFFICE_CREATED = "office.created", _("Opprettet et Nav-kontor")
    OFFICE_UPDATED = "office.updated", _("Endret et Nav-kontor")
    EMPLOYEE_CREATED = "employee.created", _("Opprettet en ansatt")
    EMPLOYEE_UPDATED = "employee.updated", _("Endret en ansatt")
    EMPLOYEE_LOGGED_IN = "employee.logged_in", _("Logget inn")
    LOGIN_LOCKED = "login.locked", _("Innloggingen ble sperret")
    LOGIN_LOCK_LIFTED = "login.lock_lifted", _("Opphevet en sperret innlogging")
    API_TOKEN_CREATED = "api.token_created", _("Laget en API-nøkkel")
    API_TOKEN_REVOKED = "api.token_revoked", _("Trakk tilbake en API-nøkkel")
    RATES_MUNICIPAL_ADDED = "rates.municipal_added", _("La inn kommunale satser")
    RATES_STATE_ADDED = "rates.state_added", _("La inn statlige satser")
    DECISION_SETTINGS_CHANGED = "decisions.settings_changed", _("Endret kontorets vedtaksoppsett")
    DEMO_SEEDED = "demo.seeded", _("Lagde demodata")
    DEMO_PASSWORDS_DISABLED = "demo.passwords_disabled", _("Fjernet demopassordene")
