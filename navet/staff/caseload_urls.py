from __future__ import annotations

from django.urls import path

from navet.staff import caseload_views as views

app_name = "caseload"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("fordel/", views.assign, name="assign"),
    path("filter/", views.save_filter, name="save-filter"),
    path("filter/<int:filter_id>/slett/", views.delete_filter, name="delete-filter"),
    path("oppgaver/", views.task_list, name="tasks"),
]
