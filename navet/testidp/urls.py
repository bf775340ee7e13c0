"""Test-ID-porten's URLs, mounted at /test-idporten/ in demo mode only (navet/urls.py).

The provider's endpoints keep django-oauth-toolkit's namespace, which its views reverse."""

from __future__ import annotations

from django.urls import path, re_path
from oauth2_provider import views as provider

from navet.testidp import views

provider_patterns = [
    path("authorize/", views.TestIdPortenAuthorizationView.as_view(), name="authorize"),
    path("token/", provider.TokenView.as_view(), name="token"),
    re_path(
        r"^\.well-known/openid-configuration/?$",
        provider.ConnectDiscoveryInfoView.as_view(),
        name="oidc-connect-discovery-info",
    ),
    path(".well-known/jwks.json", provider.JwksInfoView.as_view(), name="jwks-info"),
    path("userinfo/", provider.UserInfoView.as_view(), name="user-info"),
    path("logout/", views.TestIdPortenLogoutView.as_view(), name="rp-initiated-logout"),
]

own_patterns = [
    path("logg-inn/", views.pick_person, name="pick"),
]
