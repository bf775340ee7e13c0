"""The claims of an ID-porten id_token, and the demo's redirect rule."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from oauth2_provider.oauth2_validators import OAuth2Validator

from navet.testidp.clients import CALLBACK_PATH

# The login's own facts travel from the person picker to the token endpoint inside the
# authorization code's stored claims (django-oauth-toolkit keeps them on the grant).
LOGIN_CLAIMS = "navet_login"


def same_host_uri(uri: str, host: str, path: str) -> bool:
    """True for http(s)://<the provider's own host><path>: the demo serves the portal and the
    provider on one origin, whatever the host and port."""
    parsed = urlparse(uri)
    return (
        parsed.scheme in ("http", "https")
        and parsed.netloc == host
        and parsed.path == path
        and not parsed.query
        and not parsed.fragment
    )


class TestIdPortenValidator(OAuth2Validator):  # type: ignore[misc]
    # Every claim goes in the id_token whatever the scope, as at ID-porten.
    oidc_claim_scope = None

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        login = (request.claims or {}).get(LOGIN_CLAIMS) or {}
        return {
            "pid": login.get("pid", ""),
            "acr": login.get("acr", ""),
            "amr": ["TestID"],
            "locale": login.get("locale", "nb"),
            "sid": login.get("sid", ""),
        }

    def validate_redirect_uri(
        self, client_id: str, redirect_uri: str, request: Any, *args: Any, **kwargs: Any
    ) -> bool:
        if super().validate_redirect_uri(client_id, redirect_uri, request, *args, **kwargs):
            return True
        host = (request.headers or {}).get("HTTP_HOST", "")
        return bool(host) and same_host_uri(redirect_uri, host, CALLBACK_PATH)
