from __future__ import annotations

from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "navet.letters"
    label = "letters"
