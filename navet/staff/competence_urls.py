from __future__ import annotations

from django.urls import path

from navet.staff import competence_views as views

app_name = "learning"

urlpatterns = [
    path("", views.module_list, name="modules"),
    path("kontoret/", views.office_progress, name="office"),
    path("<slug:module>/", views.module_detail, name="module"),
]
