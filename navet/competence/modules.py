"""The learning area's modules as data (`data/modules.toml`): frozen, validated when
loaded, in bokmål, nynorsk and English side by side. Testable without a database."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from navet.competence.references import LANGUAGES, explanation

Text = dict[str, str]


def _text(raw: dict[str, str], where: str) -> Text:
    missing = [language for language in LANGUAGES if not str(raw.get(language, "")).strip()]
    if missing:
        raise ValueError(f"{where}: no text in {', '.join(missing)}")
    return {language: str(raw[language]).strip() for language in LANGUAGES}


@dataclass(frozen=True)
class Option:
    key: str
    text: Text


@dataclass(frozen=True)
class Exercise:
    """A multiple-choice exercise on an invented case, with one right answer."""

    key: str
    case: Text
    question: Text
    options: tuple[Option, ...]
    correct: str
    explanation: Text

    def __post_init__(self) -> None:
        keys = [option.key for option in self.options]
        if self.correct not in keys or len(set(keys)) != len(keys) or len(keys) < 2:
            raise ValueError(f"exercise {self.key}: the right answer must be one of its options")

    def is_correct(self, choice: str) -> bool:
        return choice == self.correct


@dataclass(frozen=True)
class Reflection:
    key: str
    text: Text


@dataclass(frozen=True)
class LearningModule:
    key: str
    valid_from: date
    title: Text
    summary: Text
    text: Text
    references: tuple[str, ...]
    reflections: tuple[Reflection, ...]
    exercises: tuple[Exercise, ...]

    def __post_init__(self) -> None:
        for key in self.references:
            if explanation(key, self.valid_from) is None:
                raise ValueError(f"module {self.key}: no explanation of {key}")

    def paragraphs(self, language: str) -> list[str]:
        text = self.text.get(language) or self.text["nb"]
        return [p.strip() for p in text.split("\n\n") if p.strip()]

    def exercise(self, key: str) -> Exercise | None:
        return next((e for e in self.exercises if e.key == key), None)


@cache
def all_modules() -> tuple[LearningModule, ...]:
    raw = tomllib.loads(
        resources.files("navet.competence.data").joinpath("modules.toml").read_text("utf-8")
    )
    modules = tuple(
        LearningModule(
            key=m["key"],
            valid_from=m["valid_from"],
            title=_text(m["title"], m["key"]),
            summary=_text(m["summary"], m["key"]),
            text=_text(m["text"], m["key"]),
            references=tuple(m.get("references", ())),
            reflections=tuple(
                Reflection(r["key"], _text(r["text"], f"{m['key']}/{r['key']}"))
                for r in m["reflections"]
            ),
            exercises=tuple(
                Exercise(
                    key=e["key"],
                    case=_text(e["case"], f"{m['key']}/{e['key']}"),
                    question=_text(e["question"], f"{m['key']}/{e['key']}"),
                    options=tuple(
                        Option(o["key"], _text(o["text"], f"{m['key']}/{e['key']}"))
                        for o in e["options"]
                    ),
                    correct=e["correct"],
                    explanation=_text(e["explanation"], f"{m['key']}/{e['key']}"),
                )
                for e in m["exercises"]
            ),
        )
        for m in raw["modules"]
    )
    if len({m.key for m in modules}) != len(modules):
        raise ValueError("two modules have the same key")
    return modules


def module(key: str) -> LearningModule | None:
    return next((m for m in all_modules() if m.key == key), None)
