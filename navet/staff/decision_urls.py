from __future__ import annotations

from django.urls import path

from navet.decisions import admin_views
from navet.staff import appeal_views, decision_confirm_views, decision_views

app_name = "decisions"
urlpatterns = [
    path("saker/<uuid:case_id>/nytt/", decision_views.decision_start, name="decision-start"),
    path(
        "<uuid:decision_id>/vurdering/",
        decision_views.decision_assessment,
        name="decision-assessment",
    ),
    path(
        "vilkar/<int:condition_id>/oppfolging/",
        appeal_views.condition_follow_up,
        name="condition-follow-up",
    ),
    path(
        "vilkar/<int:condition_id>/kategori/",
        appeal_views.condition_category,
        name="condition-category",
    ),
    path("<uuid:decision_id>/sjekk/", decision_views.decision_check, name="decision-check"),
    path("<uuid:decision_id>/avvik/", decision_views.decision_deviation, name="decision-deviation"),
    path(
        "<uuid:decision_id>/avvik/fjern/",
        decision_views.decision_deviation_remove,
        name="decision-deviation-remove",
    ),
    path(
        "<uuid:decision_id>/vilkar/",
        decision_views.decision_condition_add,
        name="decision-condition-add",
    ),
    path(
        "<uuid:decision_id>/vilkar/fjern/",
        decision_views.decision_condition_remove,
        name="decision-condition-remove",
    ),
    path(
        "<uuid:decision_id>/fatt/", decision_confirm_views.decision_confirm, name="decision-confirm"
    ),
    path("<uuid:decision_id>/forkast/", decision_views.decision_discard, name="decision-discard"),
    path("<uuid:decision_id>/godkjenn/", decision_views.decision_approve, name="decision-approve"),
    path(
        "<uuid:decision_id>/send-tilbake/", decision_views.decision_return, name="decision-return"
    ),
    path("<uuid:decision_id>/endre/", decision_views.decision_change, name="decision-change"),
    path(
        "<uuid:decision_id>/engelsk/",
        decision_views.decision_translation,
        name="decision-translation",
    ),
    path("<uuid:decision_id>/klage/", appeal_views.appeal_register, name="appeal-register"),
    path("klager/<uuid:appeal_id>/omgjor/", appeal_views.appeal_change, name="appeal-change"),
    path("klager/<uuid:appeal_id>/oversend/", appeal_views.appeal_forward, name="appeal-forward"),
    path("klager/<uuid:appeal_id>/utfall/", appeal_views.appeal_outcome, name="appeal-outcome"),
    # The administrator's pages.
    path("satser/", admin_views.rate_sets, name="rate-sets"),
    path("satser/ny/", admin_views.rate_set_new, name="rate-set-new"),
    path("satser/statlige/ny/", admin_views.state_rate_set_new, name="state-rate-set-new"),
    path("innstillinger/<int:office_id>/", admin_views.office_settings, name="office-settings"),
]
