"""Errors the rules raise on bad input: each names the field it is about."""

from __future__ import annotations


class RulesInputError(ValueError):
    """The facts given to a calculation are not usable; nothing was computed.

    ``field`` is a JSON-style path to the offending value (``household.children[1].birth_date``).
    The message never repeats personal data such as a fødselsnummer; it names the field and
    what is wrong with it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
