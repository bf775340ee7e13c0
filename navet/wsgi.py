"""WSGI entry point for gunicorn and other servers."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "navet.settings")
application = get_wsgi_application()

# An application server runs no system checks, so the one that guards every login is
# repeated here: outside demo mode, Navet does not start while an account has the demo
# password.
if not settings.DEMO_MODE:
    from navet.core.demo_passwords import demo_password_problem

    _problem = demo_password_problem()
    if _problem is not None:
        raise ImproperlyConfigured(_problem)
