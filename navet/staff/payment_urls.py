from __future__ import annotations

from django.urls import path

from navet.staff import payment_views

app_name = "payments"
urlpatterns = [
    path("", payment_views.runs, name="runs"),
    path("bankfiler/", payment_views.bank_import, name="bank-import"),
    path("innstillinger/<int:office_id>/", payment_views.payment_settings, name="settings"),
    path("kjoringer/<uuid:run_id>/", payment_views.run_detail, name="run-detail"),
    path("kjoringer/<uuid:run_id>/godkjenn/", payment_views.run_approve, name="run-approve"),
    path("kjoringer/<uuid:run_id>/avbryt/", payment_views.run_cancel, name="run-cancel"),
    path("kjoringer/<uuid:run_id>/sendt/", payment_views.run_sent, name="run-sent"),
    path("kjoringer/<uuid:run_id>/fil/", payment_views.run_file, name="run-file"),
    path(
        "kjoringer/<uuid:run_id>/regnskap/",
        payment_views.run_accounting,
        name="run-accounting",
    ),
]
