"""The decision view tests share the application in progress of tests/applications."""

from __future__ import annotations

from tests.applications.conftest import application  # noqa: F401
