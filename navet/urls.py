from __future__ import annotations

from django.urls import include, path

from navet.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("", include("navet.core.urls")),
    path("personer/", include("navet.people.urls")),
    path("tilgang/", include("navet.access.urls")),
]
