from __future__ import annotations

from django.urls import path

from navet.core import admin_views, views

app_name = "core"
urlpatterns = [
    path("logg-inn/", views.login_view, name="login"),
    path("logg-ut/", views.logout_view, name="logout"),
    path("sprak/", views.set_language, name="set-language"),
    path("okt/", views.session_status, name="session-status"),
    path("okt/forleng/", views.session_extend, name="session-extend"),
    path("administrasjon/", admin_views.admin_home, name="admin-home"),
    path("administrasjon/kontor/ny/", admin_views.office_edit, name="office-new"),
    path("administrasjon/kontor/<int:office_id>/", admin_views.office_edit, name="office-edit"),
    path("administrasjon/ansatt/ny/", admin_views.employee_edit, name="employee-new"),
    path(
        "administrasjon/ansatt/<int:employee_id>/", admin_views.employee_edit, name="employee-edit"
    ),
    path("administrasjon/innlogging/<int:lock_id>/", admin_views.login_lock, name="login-lock"),
]
