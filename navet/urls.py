from __future__ import annotations

from django.conf import settings
from django.urls import include, path

from navet.api import api
from navet.core import views as core_views
from navet.staff import views as staff_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("", staff_views.start, name="start"),
    path("", include("navet.core.urls")),
    path("administrasjon/", include("navet.api.urls")),
    path("personer/", include("navet.staff.person_urls")),
    path("tilgang/", include("navet.access.urls")),
    path("soknader/", include("navet.staff.application_urls")),
    path("vedtak/", include("navet.staff.decision_urls")),
    path("utbetalinger/", include("navet.staff.payment_urls")),
    path("meldinger/", include("navet.staff.message_urls")),
    path("journal/", include("navet.staff.journal_urls")),
    path("moter/", include("navet.staff.meeting_urls")),
    path("aktiviteter/", include("navet.staff.plan_urls")),
    path("portefolje/", include("navet.staff.caseload_urls")),
    path("kontoret/", include("navet.staff.control_urls")),
    path("laering/", include("navet.staff.competence_urls")),
    path("lov/", include("navet.staff.law_urls")),
    path("api/v1/", api.public_urls()),
    path("min-side/", include("navet.citizen.urls")),
]

if settings.DEMO_MODE and settings.CITIZEN_IDP == "testidp":
    from navet.testidp.urls import own_patterns, provider_patterns

    urlpatterns += [
        path("test-idporten/", include((provider_patterns, "oauth2_provider"))),
        path("test-idporten/", include((own_patterns, "testidp"))),
    ]

handler400 = "navet.core.errors.bad_request"
handler403 = "navet.core.errors.permission_denied"
handler404 = "navet.core.errors.page_not_found"
handler500 = "navet.core.errors.server_error"
