"""The relying party's checks of the id_token, each with a token that fails exactly one.

Tokens are signed here with a key of the test's own; the backend checks them against its
public half, as it checks ID-porten's against the provider's published keys."""

from __future__ import annotations

import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import override_settings

from navet.citizen.oidc import IdPortenBackend, LoginRefused, Provider

ISSUER = "https://test.idporten.example"
PROVIDER = Provider(
    issuer=ISSUER,
    authorization_endpoint=f"{ISSUER}/authorize",
    token_endpoint=f"{ISSUER}/token",
    jwks_uri=f"{ISSUER}/jwks",
    end_session_endpoint=f"{ISSUER}/logout",
)
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


PUBLIC_PEM = KEY.public_key().public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
)


def claims(**changes: Any) -> dict[str, Any]:
    now = int(time.time())
    base = {
        "iss": ISSUER,
        "aud": "navet-min-side",
        "sub": "pairwise-subject",
        "pid": "13852298767",
        "acr": "idporten-loa-high",
        "amr": ["TestID"],
        "locale": "nn",
        "sid": "sid-1",
        "nonce": "the-nonce",
        "iat": now,
        "exp": now + 120,
        "auth_time": now,
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def sign(payload: dict[str, Any], key: rsa.RSAPrivateKey = KEY, alg: str = "RS256") -> str:
    return jwt.encode(payload, _pem(key), algorithm=alg, headers={"kid": "k1"})


def login_with(token: str, nonce: str = "the-nonce") -> dict[str, Any]:
    backend = IdPortenBackend(PROVIDER)
    backend.OIDC_RP_IDP_SIGN_KEY = PUBLIC_PEM
    backend.get_token = lambda payload: {"id_token": token, "access_token": "a"}
    return backend.login_claims(
        code="c", redirect_uri="https://navet/cb", nonce=nonce, verifier="v"
    )


def test_a_good_token_gives_its_claims_and_the_token() -> None:
    token = sign(claims())
    found = login_with(token)
    assert found["pid"] == "13852298767"
    assert found["sid"] == "sid-1"
    assert found["id_token"] == token


def test_the_legacy_level4_counts_as_high() -> None:
    assert login_with(sign(claims(acr="Level4")))["acr"] == "Level4"


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"acr": "idporten-loa-substantial"}, "acr"),
        ({"acr": "Level3"}, "acr"),
        ({"acr": None}, "acr"),
        ({"iss": "https://evil.example"}, "iss"),
        ({"aud": "another-client"}, "aud"),
        ({"aud": ["another-client", "third"]}, "aud"),
        ({"exp": None}, "exp"),
        ({"pid": None}, "claims"),
        ({"sid": None}, "claims"),
    ],
)
def test_a_token_failing_one_check_is_refused(change: dict[str, Any], why: str) -> None:
    with pytest.raises(LoginRefused) as refused:
        login_with(sign(claims(**change)))
    assert refused.value.reason == why


def test_a_wrong_nonce_is_refused() -> None:
    with pytest.raises(LoginRefused) as refused:
        login_with(sign(claims()), nonce="the-nonce-of-another-login")
    assert refused.value.reason == "SuspiciousOperation"


def test_an_expired_token_is_refused() -> None:
    past = int(time.time()) - 600
    with pytest.raises(LoginRefused) as refused:
        login_with(sign(claims(iat=past - 60, exp=past)))
    assert refused.value.reason == "ExpiredSignatureError"


def test_a_token_signed_by_another_key_is_refused() -> None:
    with pytest.raises(LoginRefused):
        login_with(sign(claims(), key=OTHER_KEY))


def test_an_unsigned_token_is_refused() -> None:
    unsigned = jwt.encode(claims(), key=None, algorithm="none")
    with pytest.raises(LoginRefused):
        login_with(unsigned)


def test_an_hmac_token_made_with_the_public_key_is_refused() -> None:
    # The algorithm confusion attack: HS256 keyed with the provider's public key.
    header = jwt.api_jws.base64url_encode(b'{"alg":"HS256","typ":"JWT","kid":"k1"}')
    import hashlib
    import hmac
    import json

    body = jwt.api_jws.base64url_encode(json.dumps(claims()).encode())
    signing_input = header + b"." + body
    signature = hmac.new(PUBLIC_PEM, signing_input, hashlib.sha256).digest()
    token = (signing_input + b"." + jwt.api_jws.base64url_encode(signature)).decode()
    with pytest.raises(LoginRefused):
        login_with(token)


@override_settings(CITIZEN_ACR="idporten-loa-substantial")
def test_a_service_set_to_substantial_takes_substantial_and_high() -> None:
    assert login_with(sign(claims(acr="idporten-loa-substantial")))["acr"]
    assert login_with(sign(claims(acr="idporten-loa-high")))["acr"]
