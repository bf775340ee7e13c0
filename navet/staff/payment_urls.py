from __future__ import annotations

from django.urls import path

from navet.staff import payment_views

app_name = "payments"
urlpatterns = [
    path("", payment_views.runs, name="runs"),
    path("bankfiler/", payment_views.bank_import, name="bank-import"),
    path("endringer/", payment_views.changes, name="changes"),
    path("endringer/<int:change_id>/", payment_views.change_review, name="change-review"),
    path("utbetaling/<uuid:payment_id>/", payment_views.payment_detail, name="payment-detail"),
    path("utbetaling/<uuid:payment_id>/stopp/", payment_views.payment_end, name="payment-end"),
    path(
        "utbetaling/<uuid:payment_id>/utbetalt/",
        payment_views.payment_paid_by_hand,
        name="payment-paid-by-hand",
    ),
    path(
        "utbetaling/<uuid:payment_id>/send-igjen/",
        payment_views.payment_send_again,
        name="payment-send-again",
    ),
    path(
        "utbetaling/<uuid:payment_id>/mottaker/",
        payment_views.payment_recipient,
        name="payment-recipient",
    ),
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
