"""What the portal keeps in the session, apart from any staff login (ADR 0010 § 2)."""

from __future__ import annotations

from typing import Any

CITIZEN_PERSON = "citizen_person_id"
CITIZEN_SID = "citizen_sid"
CITIZEN_ISSUER = "citizen_issuer"
CITIZEN_ID_TOKEN = "citizen_id_token"  # noqa: S105  # nosec B105 (a session key)
CITIZEN_LOGIN_AT = "citizen_login_at"
CITIZEN_SEEN_AT = "citizen_seen_at"
# Set on the session after the portal ended a login, so the start page can say why.
CITIZEN_ENDED = "citizen_session_ended"
# The authorization requests under way: state -> nonce, code verifier, issuer (the layout
# is mozilla-django-oidc's "oidc_states", with the issuer added).
OIDC_STATES = "oidc_states"

KEYS = (
    CITIZEN_PERSON,
    CITIZEN_SID,
    CITIZEN_ISSUER,
    CITIZEN_ID_TOKEN,
    CITIZEN_LOGIN_AT,
    CITIZEN_SEEN_AT,
)


def drop_citizen(session: Any) -> None:
    for key in KEYS:
        session.pop(key, None)
