"""SMS delivery, pluggable by setting (NAVET_SMS_BACKEND), as Django's e-mail backends are.

The demo writes each SMS to a file (or the console); a municipality plugs in its provider
with a class of its own that has the same `send` method."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


class SmsBackend:
    def send(self, *, to: str, text: str) -> None:
        raise NotImplementedError


class ConsoleBackend(SmsBackend):
    """For development: the text, and the number's last two digits only."""

    def send(self, *, to: str, text: str) -> None:
        sys.stdout.write(f"SMS to …{to[-2:]}: {text}\n")


class NotConfigured(SmsBackend):
    """Production without a provider: every SMS fails (recorded on its notice), and
    `check --deploy` says so."""

    def send(self, *, to: str, text: str) -> None:
        raise RuntimeError("NAVET_SMS_BACKEND is not set")


class FileBackend(SmsBackend):
    """One file per SMS in NAVET_SMS_FILE_PATH, as Django's file-based e-mail backend."""

    def send(self, *, to: str, text: str) -> None:
        folder = Path(settings.SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.txt"
        (folder / name).write_text(f"To: {to}\n\n{text}\n", encoding="utf-8")


class MemoryBackend(SmsBackend):
    """For the tests: what was sent, in `outbox`."""

    outbox: list[tuple[str, str]] = []

    def send(self, *, to: str, text: str) -> None:
        MemoryBackend.outbox.append((to, text))


def get_backend() -> SmsBackend:
    backend: SmsBackend = import_string(settings.SMS_BACKEND)()
    return backend
