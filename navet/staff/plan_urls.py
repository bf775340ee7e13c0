from __future__ import annotations

from django.urls import path

from navet.staff import plan_views as views

app_name = "plan"

urlpatterns = [
    path("<uuid:activity_id>/", views.activity_detail, name="activity"),
    path("<uuid:activity_id>/endre/", views.activity_edit, name="activity-edit"),
    path("<uuid:activity_id>/status/", views.activity_status, name="activity-status"),
    path("<uuid:activity_id>/avtal/", views.activity_agree, name="activity-agree"),
]
