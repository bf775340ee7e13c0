"""The demo's one client: Navet's own portal, registered with Test-ID-porten."""

from __future__ import annotations

from django.conf import settings
from oauth2_provider.models import get_application_model

# The loopback address matches any port (RFC 8252, as django-oauth-toolkit implements it);
# another host is accepted when it is the host the provider itself is served on
# (navet.testidp.validator).
CALLBACK_PATH = "/min-side/innlogget/"
LOGGED_OUT_PATH = "/min-side/utlogget/"


def register_demo_client(*, using: str = "default") -> None:
    Application = get_application_model()
    application = (
        Application.objects.using(using).filter(client_id=settings.CITIZEN_CLIENT_ID).first()
    )
    if application is None:
        application = Application(client_id=settings.CITIZEN_CLIENT_ID)
    application.name = "Navet – Min side (demo)"
    application.client_type = Application.CLIENT_CONFIDENTIAL
    application.authorization_grant_type = Application.GRANT_AUTHORIZATION_CODE
    application.client_secret = settings.CITIZEN_CLIENT_SECRET
    application.hash_client_secret = True
    application.redirect_uris = f"http://127.0.0.1{CALLBACK_PATH}"
    application.post_logout_redirect_uris = f"http://127.0.0.1{LOGGED_OUT_PATH}"
    application.algorithm = Application.RS256_ALGORITHM
    application.skip_authorization = True
    application.save(using=using)
