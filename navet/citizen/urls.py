from __future__ import annotations

from django.urls import path

from navet.citizen import message_views, plan_views, views

app_name = "citizen"

urlpatterns = [
    path("", views.start, name="start"),
    path("logg-inn/", views.login, name="login"),
    path("innlogget/", views.callback, name="callback"),
    path("logg-ut/", views.logout, name="logout"),
    path("logg-ut/frontkanal", views.front_channel_logout, name="front-channel-logout"),
    path("utlogget/", views.logged_out, name="logged-out"),
    path("soknader/", views.applications, name="applications"),
    path("soknader/<str:application_id>/", views.application_detail, name="application"),
    path("soknader/<str:application_id>/send/", views.send_documents, name="send-documents"),
    path("dokumenter/<str:document_id>/", views.document_download, name="document"),
    path("sendt/<str:attachment_id>/", views.attachment_download, name="attachment"),
    path("utbetalinger/", views.payments, name="payments"),
    path("notater/", views.journal, name="journal"),
    path("moter/", views.meetings, name="meetings"),
    path("plan/", plan_views.plan, name="plan"),
    path("plan/mal/", plan_views.goal, name="goal"),
    path("plan/ny/", plan_views.new_activity, name="activity-new"),
    path("kartlegging/", plan_views.mapping, name="mapping"),
    path("plan/<str:activity_id>/", plan_views.activity_detail, name="activity"),
    path("plan/<str:activity_id>/endre/", plan_views.activity_edit, name="activity-edit"),
    path("plan/<str:activity_id>/status/", plan_views.activity_status, name="activity-status"),
    path("sok/", views.apply_start, name="apply"),
    path("sok/skjema/", views.apply_form, name="apply-form"),
    path("sok/nodhjelp/", views.apply_emergency, name="apply-emergency"),
    path("meldinger/", message_views.threads, name="threads"),
    path("meldinger/ny/", message_views.new_thread, name="thread-new"),
    path("meldinger/<str:thread_id>/", message_views.thread_detail, name="thread"),
    path("meldinger/<str:thread_id>/svar/", message_views.thread_reply, name="thread-reply"),
    path("varsler/", message_views.notification_contact, name="notification-contact"),
    path("hvem-har-sett/", views.access_log, name="access-log"),
]
