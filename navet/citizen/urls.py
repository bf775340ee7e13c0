from __future__ import annotations

from django.urls import path

from navet.citizen import views

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
]
