"""Navet's URLs and one that fails, for the 500 page (tests/core/test_error_pages.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from navet.urls import handler400, handler403, handler404, handler500
from navet.urls import urlpatterns as navet_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]

FAILURE = "an unexpected failure that names 24017312345"


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(FAILURE)


urlpatterns = [path("feiler/", fail), *navet_urlpatterns]
