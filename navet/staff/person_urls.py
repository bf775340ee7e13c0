from __future__ import annotations

from django.urls import path

from navet.staff import (
    access_log_views,
    journal_views,
    mapping_views,
    meeting_views,
    person_followup_views,
    plan_views,
    situation_views,
)
from navet.staff import person_views as views

app_name = "people"
urlpatterns = [
    path("sok/", views.person_search, name="search"),
    path("innsynslogg/", access_log_views.office_access_log, name="office-access-log"),
    path("<uuid:person_id>/", views.person_detail, name="person-detail"),
    path(
        "<uuid:person_id>/fodselsnummer/",
        views.person_show_national_id,
        name="person-show-national-id",
    ),
    path("<uuid:person_id>/kontakt/", views.person_contact_edit, name="person-contact-edit"),
    path("<uuid:person_id>/innsynslogg/", views.person_access_log, name="person-access-log"),
    path("<uuid:person_id>/journal/", journal_views.person_journal, name="person-journal"),
    path("<uuid:person_id>/moter/", meeting_views.person_meetings, name="person-meetings"),
    path("<uuid:person_id>/plan/", plan_views.person_plan, name="person-plan"),
    path("<uuid:person_id>/plan/mal/", plan_views.person_goal, name="person-goal"),
    path("<uuid:person_id>/kartlegging/", mapping_views.person_mapping, name="person-mapping"),
    path(
        "<uuid:person_id>/situasjon/",
        situation_views.person_situation,
        name="person-situation",
    ),
    path(
        "<uuid:person_id>/oppfolging/start/",
        person_followup_views.start,
        name="person-follow-up-start",
    ),
    path(
        "<uuid:person_id>/oppfolging/avslutt/",
        person_followup_views.end,
        name="person-follow-up-end",
    ),
    path(
        "<uuid:person_id>/oppfolging/program/",
        person_followup_views.programme,
        name="person-programme",
    ),
    path("<uuid:person_id>/oppgaver/", person_followup_views.add_reminder, name="person-reminder"),
    path(
        "oppgaver/<uuid:task_id>/ferdig/",
        person_followup_views.finish_reminder,
        name="reminder-done",
    ),
]
