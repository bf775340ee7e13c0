from __future__ import annotations

from django.urls import path

from navet.staff import control_views as views
from navet.staff import kostra_views, simulation_views

app_name = "control"

urlpatterns = [
    path("", views.office_picture, name="office"),
    path("behandlingstid/<str:month>/", views.month_times, name="times"),
    path("restanse/<str:month>/", views.month_backlog, name="backlog"),
    path("simulering/", simulation_views.simulation, name="simulation"),
    path("kostra/", kostra_views.kostra, name="kostra"),
    path("kostra/fil/", kostra_views.kostra_file, name="kostra-file"),
    path("<slug:key>/", views.figure_list, name="list"),
]
