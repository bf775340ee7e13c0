from __future__ import annotations

from django.urls import path

from navet.staff import application_views as views
from navet.staff import decision_tab_views as decision_views
from navet.staff import register_views, worklist_views

app_name = "applications"
urlpatterns = [
    path("", worklist_views.worklist, name="worklist"),
    path("ny/<uuid:person_id>/", register_views.application_register, name="application-register"),
    # The application page: one URL per tab.
    path("<uuid:application_id>/", views.application_detail, name="application-detail"),
    path(
        "<uuid:application_id>/vedlegg/",
        views.application_attachments,
        name="application-attachments",
    ),
    path(
        "<uuid:application_id>/beregning/",
        decision_views.application_calculation,
        name="application-calculation",
    ),
    path(
        "<uuid:application_id>/vurdering/",
        decision_views.application_assessment,
        name="application-assessment",
    ),
    path(
        "<uuid:application_id>/vedtak/",
        decision_views.application_decisions,
        name="application-decisions",
    ),
    path("<uuid:application_id>/brev/", views.application_letters, name="application-letters"),
    path("<uuid:application_id>/hendelser/", views.application_events, name="application-events"),
    path(
        "<uuid:application_id>/hendelser/innsyn.json",
        views.application_events_json,
        name="application-events-json",
    ),
    # POST endpoints of the søknad and vedlegg tabs.
    path("<uuid:application_id>/tildel/", views.application_assign, name="application-assign"),
    path("<uuid:application_id>/start/", views.application_start, name="application-start"),
    path("<uuid:application_id>/saker/", views.application_add_case, name="application-add-case"),
    path(
        "<uuid:application_id>/opplysninger/",
        views.application_add_fact,
        name="application-add-fact",
    ),
    path(
        "<uuid:application_id>/husstand/",
        views.application_household,
        name="application-household",
    ),
    path(
        "<uuid:application_id>/forelopig-svar/",
        views.application_interim_reply,
        name="application-interim-reply",
    ),
    path(
        "<uuid:application_id>/dokumentasjon/",
        views.application_request_documentation,
        name="application-request-documentation",
    ),
    path(
        "<uuid:application_id>/behandles-ikke/",
        views.application_reject,
        name="application-reject",
    ),
    path(
        "<uuid:application_id>/vedlegg/nytt/",
        views.application_receive_document,
        name="application-receive-document",
    ),
    path("saker/<uuid:case_id>/status/", views.case_status, name="case-status"),
    path("dokumenter/<uuid:document_id>/", views.document_download, name="document-download"),
]
