from __future__ import annotations

from django.urls import path

from navet.staff import control_views as views

app_name = "control"

urlpatterns = [
    path("", views.office_picture, name="office"),
    path("behandlingstid/<str:month>/", views.month_times, name="times"),
    path("restanse/<str:month>/", views.month_backlog, name="backlog"),
    path("<slug:key>/", views.figure_list, name="list"),
]
