"""The access functions for applications and for what hangs on one (a case, a document),
and what an employee may do with an application.

An application is as visible as its person: the person policy decides, invisible is 404,
and every successful lookup is an audited read of person data."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest

from navet.access.policy import check_person_access
from navet.applications.models import Application, Case, Document
from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee


def get_application_for_user(request: HttpRequest, application_id: UUID | str) -> Application:
    employee: Employee | None = getattr(request, "employee", None)
    if employee is None or not employee.works_with_persons:
        raise Http404
    application = (
        Application.objects.select_related("person", "office", "caseworker")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise Http404
    decision = check_person_access(employee, application.person)
    if not decision.allowed:
        raise Http404
    match = request.resolver_match
    trail.record(
        actor=employee,
        action=AuditAction.PERSON_READ,
        person=application.person,
        target=application,
        reason=decision.override_reason,
        data={
            "view": match.view_name if match else "",
            "method": request.method or "",
            "via_override": decision.via_override,
        },
    )
    return application


def get_case_for_user(request: HttpRequest, case_id: UUID | str) -> Case:
    """The case, through its application's access function (404 and audit as there)."""
    application_id = (
        Case.objects.filter(pk=case_id).values_list("application_id", flat=True).first()
    )
    if application_id is None:
        raise Http404
    application = get_application_for_user(request, application_id)
    case = Case.objects.get(pk=case_id)
    case.application = application
    return case


def get_document_for_user(request: HttpRequest, document_id: UUID | str) -> Document:
    """The document, through its application's access function (404 and audit as there)."""
    application_id = (
        Document.objects.filter(pk=document_id).values_list("application_id", flat=True).first()
    )
    if application_id is None:
        raise Http404
    application = get_application_for_user(request, application_id)
    document = Document.objects.get(pk=document_id)
    document.application = application
    return document


def can_work_on(employee: Employee, application: Application) -> bool:
    """Caseworkers of the application's office do the casework; a leader reads."""
    return employee.is_caseworker and application.office_id in employee.office_ids()


def can_register_application(employee: Employee) -> bool:
    return employee.is_caseworker and bool(employee.office_ids())
