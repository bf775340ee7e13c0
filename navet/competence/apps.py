from __future__ import annotations

from django.apps import AppConfig


class CompetenceConfig(AppConfig):
    """Competence in the Act: explanations of the legal references Navet shows, and a
    learning area with modules, reflection questions and exercises (issue 14)."""

    name = "navet.competence"
    label = "competence"
    verbose_name = "Navet competence"
