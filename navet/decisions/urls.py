from __future__ import annotations

from django.urls import path

from navet.decisions import views

app_name = "decisions"
urlpatterns = [
    path("saker/<uuid:case_id>/nytt/", views.decision_start, name="decision-start"),
    path("<uuid:decision_id>/vurdering/", views.decision_assessment, name="decision-assessment"),
    path("<uuid:decision_id>/avvik/", views.decision_deviation, name="decision-deviation"),
    path(
        "<uuid:decision_id>/avvik/fjern/",
        views.decision_deviation_remove,
        name="decision-deviation-remove",
    ),
    path("<uuid:decision_id>/vilkar/", views.decision_condition_add, name="decision-condition-add"),
    path(
        "<uuid:decision_id>/vilkar/fjern/",
        views.decision_condition_remove,
        name="decision-condition-remove",
    ),
    path("<uuid:decision_id>/godkjenn/", views.decision_approve, name="decision-approve"),
    path("<uuid:decision_id>/send-tilbake/", views.decision_return, name="decision-return"),
    path("<uuid:decision_id>/endre/", views.decision_change, name="decision-change"),
    path("<uuid:decision_id>/engelsk/", views.decision_translation, name="decision-translation"),
    path("<uuid:decision_id>/klage/", views.appeal_register, name="appeal-register"),
    path("klager/<uuid:appeal_id>/omgjor/", views.appeal_change, name="appeal-change"),
    path("klager/<uuid:appeal_id>/oversend/", views.appeal_forward, name="appeal-forward"),
    path("klager/<uuid:appeal_id>/utfall/", views.appeal_outcome, name="appeal-outcome"),
    # The administrator's pages.
    path("satser/", views.rate_sets, name="rate-sets"),
    path("satser/ny/", views.rate_set_new, name="rate-set-new"),
    path("innstillinger/<int:office_id>/", views.office_settings, name="office-settings"),
]
