from __future__ import annotations

from django.urls import path

from navet.access import views

app_name = "access"
urlpatterns = [
    path("enkelttilgang/ny/", views.override_new, name="override-new"),
    path("enkelttilganger/", views.override_review, name="override-review"),
    path(
        "enkelttilganger/<uuid:override_id>/",
        views.override_review_detail,
        name="override-review-detail",
    ),
]
