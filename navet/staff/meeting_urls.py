from __future__ import annotations

from django.urls import path

from navet.staff import meeting_views as views

app_name = "meetings"

urlpatterns = [
    path("<uuid:meeting_id>/", views.meeting_detail, name="meeting"),
    path("<uuid:meeting_id>/referat/", views.meeting_minutes, name="meeting-minutes"),
    path("<uuid:meeting_id>/avlys/", views.meeting_cancel, name="meeting-cancel"),
]
