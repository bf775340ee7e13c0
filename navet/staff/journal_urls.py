from __future__ import annotations

from django.urls import path

from navet.staff import journal_views as views

app_name = "journal"

urlpatterns = [
    path("<uuid:note_id>/", views.note_detail, name="note"),
    path("<uuid:note_id>/rett/", views.note_correct, name="note-correct"),
    path("<uuid:note_id>/del/", views.note_share, name="note-share"),
]
