from __future__ import annotations

from django.urls import path

from navet.api import views

app_name = "api-tokens"
urlpatterns = [
    path("ansatt/<int:employee_id>/api-nokler/", views.employee_tokens, name="employee-tokens"),
]
