from __future__ import annotations

from django.urls import path

from navet.staff import law_views as views

app_name = "law"

urlpatterns = [
    path("", views.legal_references, name="references"),
    path("<slug:ref>/", views.legal_reference, name="reference"),
]
