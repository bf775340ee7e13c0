"""Numbers from a request's query string, read one way everywhere (dates come through
forms, whose fields carry their own ranges).

A value that cannot be read, or lies outside the range the page allows, is a bad request:
`BadParameter` becomes a 400 page that says which parameter and what it must be, never a
500 and never the value itself (it could be anything, a fødselsnummer included).
`str.isdigit()` is not a test for `int()`: "²" is a digit to the one and not to the other,
so only ASCII digits are read, and at most `MAX_DIGITS` of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

MAX_DIGITS = 18  # below 2**63, so every accepted number fits a bigint column
_INTEGER = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")


class BadParameter(BadRequest):
    """A query parameter Navet cannot use; the message is safe to show."""


def int_param(
    params: Mapping[str, str],
    name: str,
    *,
    default: int | None,
    minimum: int,
    maximum: int,
) -> int | None:
    """The whole number in `params[name]`, or `default` when it is absent or empty."""
    raw = params.get(name, "")
    if raw == "":
        return default
    if not _INTEGER.fullmatch(raw) or not minimum <= int(raw) <= maximum:
        raise BadParameter(
            _("Parameteren «%(name)s» må være et helt tall fra %(minimum)s til %(maximum)s.")
            % {"name": name, "minimum": minimum, "maximum": maximum}
        )
    return int(raw)
