"""An authentication backend that counts how often a password is checked (thread-safe)."""

from __future__ import annotations

import threading
from typing import Any

from django.contrib.auth.backends import ModelBackend

_lock = threading.Lock()
calls = 0


def reset() -> None:
    global calls
    with _lock:
        calls = 0


class CountingBackend(ModelBackend):
    def authenticate(
        self, request: Any, username: Any = None, password: Any = None, **kwargs: Any
    ) -> Any:
        global calls
        with _lock:
            calls += 1
        return super().authenticate(request, username=username, password=password, **kwargs)
