"""Test-ID-porten keeps its rows in django-oauth-toolkit's tables (applications, grants,
tokens). This module exists so Django sends the app its post_migrate signal, which
registers the demo's client (navet.testidp.apps)."""
