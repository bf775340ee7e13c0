from __future__ import annotations

from django.urls import path

from navet.staff import message_views as views

app_name = "dialog"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<uuid:thread_id>/", views.thread_detail, name="thread"),
    path("<uuid:thread_id>/svar/", views.thread_reply, name="thread-reply"),
    path("<uuid:thread_id>/ferdig/", views.thread_done, name="thread-done"),
]
