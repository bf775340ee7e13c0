"""The portal's state changes, each in a transaction with its audit event. The actor of a
citizen's event is the person themself (trail.CITIZEN_ACTOR), never an employee."""

from __future__ import annotations

import time
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.db import transaction
from django.http import HttpRequest
from django.middleware.csrf import rotate_token

from navet.applications.actions import receive_document
from navet.applications.models import Application, Attachment, RequestedDocument
from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.citizen.models import CitizenSession
from navet.citizen.session import (
    CITIZEN_ID_TOKEN,
    CITIZEN_ISSUER,
    CITIZEN_LOGIN_AT,
    CITIZEN_PERSON,
    CITIZEN_SEEN_AT,
    CITIZEN_SID,
    drop_citizen,
)
from navet.people.models import Person


def _record(action: AuditAction, person: Person | None, **kwargs: Any) -> None:
    trail.record(
        actor=None, actor_label=trail.CITIZEN_ACTOR, action=action, person=person, **kwargs
    )


def _session_person(session: Any) -> Person | None:
    person_id = session.get(CITIZEN_PERSON)
    return Person.objects.filter(pk=str(person_id)).first() if person_id else None


def log_in(request: HttpRequest, *, person: Person, claims: dict[str, Any]) -> None:
    """Start the portal session of `person` from the verified id_token `claims`. A staff
    login in the same browser session ends first; the session gets a new key either way."""
    earlier = _session_person(request.session)
    if request.user.is_authenticated:
        logout(request)
    elif earlier is not None:
        end_session(request, reason="new_login")
    session = request.session
    session.cycle_key()  # a new key (and a saved, empty session after a logout)
    rotate_token(request)
    with transaction.atomic():
        CitizenSession.objects.create(
            session_key=str(session.session_key),
            issuer=claims["iss"],
            sid=claims["sid"],
            person=person,
        )
        _record(
            AuditAction.CITIZEN_LOGGED_IN,
            person,
            target=person,
            data={"acr": claims.get("acr", ""), "amr": claims.get("amr", [])},
        )
    # The session carries the login only once its row and audit event are written.
    language = claims.get("locale")
    now = time.time()
    session[CITIZEN_PERSON] = str(person.pk)
    session[CITIZEN_SID] = claims["sid"]
    session[CITIZEN_ISSUER] = claims["iss"]
    session[CITIZEN_ID_TOKEN] = claims["id_token"]
    session[CITIZEN_LOGIN_AT] = now
    session[CITIZEN_SEEN_AT] = now
    if language in {code for code, _name in settings.LANGUAGES}:
        session["language"] = language
    session.save()


def log_out(request: HttpRequest) -> tuple[str, str]:
    """End the portal session; returns the id_token and issuer for the provider's logout."""
    session = request.session
    id_token = session.get(CITIZEN_ID_TOKEN, "")
    issuer = session.get(CITIZEN_ISSUER, "")
    person = _session_person(session)
    with transaction.atomic():
        forget_session(session.session_key)
        if person is not None:
            _record(AuditAction.CITIZEN_LOGGED_OUT, person, target=person)
    language = session.get("language")
    session.flush()
    if language:
        session["language"] = language
    return id_token, issuer


def end_session(request: HttpRequest, *, reason: str) -> None:
    """The portal's own limits ended the session (idle or too long since login)."""
    session = request.session
    person = _session_person(session)
    with transaction.atomic():
        forget_session(session.session_key)
        if person is not None:
            _record(AuditAction.CITIZEN_SESSION_ENDED, person, target=person, data={"why": reason})
    language = session.get("language")
    session.flush()
    if language:
        session["language"] = language


def front_channel_logout(*, issuer: str, sid: str) -> int:
    """End exactly the portal sessions of one ID-porten session; returns how many."""
    engine = import_module(settings.SESSION_ENGINE)
    with transaction.atomic():
        logins = list(CitizenSession.objects.of_login(issuer, sid).select_related("person"))
        for login in logins:
            engine.SessionStore().delete(login.session_key)
            _record(
                AuditAction.CITIZEN_SESSION_ENDED,
                login.person,
                target=login.person,
                data={"why": "front_channel"},
            )
        CitizenSession.objects.filter(pk__in=[login.pk for login in logins]).delete()
    return len(logins)


def drop_for_staff(session: Any) -> None:
    """An employee logged in in the same browser: the citizen's login ends (the two never
    mix). Django's login gave the session a new key, so the login is found by its sid."""
    person = _session_person(session)
    with transaction.atomic():
        CitizenSession.objects.filter(
            issuer=session.get(CITIZEN_ISSUER, ""),
            sid=session.get(CITIZEN_SID, ""),
            person_id=session.get(CITIZEN_PERSON),
        ).delete()
        if person is not None:
            _record(AuditAction.CITIZEN_SESSION_ENDED, person, target=person, data={"why": "staff"})
    drop_citizen(session)


def forget_session(session_key: str | None) -> None:
    if session_key:
        CitizenSession.objects.filter(session_key=session_key).delete()


_VIEWS = {
    "applications": AuditAction.CITIZEN_VIEWED_APPLICATIONS,
    "application": AuditAction.CITIZEN_VIEWED_APPLICATION,
    "document": AuditAction.CITIZEN_DOWNLOADED_DOCUMENT,
    "attachment": AuditAction.CITIZEN_DOWNLOADED_ATTACHMENT,
    "access_log": AuditAction.CITIZEN_VIEWED_ACCESS_LOG,
    "payments": AuditAction.CITIZEN_VIEWED_PAYMENTS,
    "journal": AuditAction.CITIZEN_VIEWED_JOURNAL,
    "meetings": AuditAction.CITIZEN_VIEWED_MEETINGS,
    "plan": AuditAction.CITIZEN_VIEWED_PLAN,
    "mapping": AuditAction.CITIZEN_VIEWED_MAPPING,
}


def record_view(person: Person, what: str, *, target: Any = None) -> None:
    """The person read their own data: recorded, though never listed to them as a look."""
    _record(_VIEWS[what], person, target=target if target is not None else person)


class TooManyDocuments(Exception):
    """The application has as many documents from the person as it takes."""


def send_documents(
    *, application: Application, answers: RequestedDocument | None, files: list[Any]
) -> list[Attachment]:
    """The person sends files to their application (ettersendelse), all or none. Each is
    received as any document from the applicant: the caseworker sees it on the application
    at once, and a documentation request it answers is met (innsyn updated)."""
    received: list[Attachment] = []
    try:
        return _receive(application=application, answers=answers, files=files, received=received)
    except BaseException:
        # The rows are rolled back; the files stored so far must not stay behind.
        for attachment in received:
            if attachment.file.name:
                attachment.file.storage.delete(attachment.file.name)
        raise


def _receive(
    *,
    application: Application,
    answers: RequestedDocument | None,
    files: list[Any],
    received: list[Attachment],
) -> list[Attachment]:
    with transaction.atomic():
        # The application's row is the lock: two uploads at once count each other.
        Application.objects.select_for_update().filter(pk=application.pk).exists()
        sent = Attachment.objects.filter(application=application).count()
        if sent + len(files) > settings.CITIZEN_UPLOAD_MAX_PER_APPLICATION:
            raise TooManyDocuments
        for upload in files:
            upload.seek(0)
            received.append(
                receive_document(
                    application=application,
                    answers=answers,
                    filename=str(upload.name)[:255],
                    content=upload.read(),
                    actor=None,
                    actor_label=trail.CITIZEN_ACTOR,
                )
            )
    return received
