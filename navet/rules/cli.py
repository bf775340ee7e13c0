"""``python -m navet.rules``: one JSON object in on stdin, one JSON object out on stdout.

Bad input prints ``{"error": {"field": ..., "message": ...}}`` on stdout, the same message
on stderr, and exits with status 2. See docs/rules.md for every calculation's JSON.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from typing import TextIO

from navet.rules.errors import RulesInputError
from navet.rules.requests import run


def main(
    stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr
) -> int:
    text = stdin.read()
    try:
        try:
            data = json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as error:
            raise RulesInputError(
                "input",
                f"is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})",
            ) from None
        result = run(data)
    except RulesInputError as error:
        json.dump(
            {"error": {"field": error.field, "message": error.message}}, stdout, ensure_ascii=False
        )
        stdout.write("\n")
        stderr.write(f"navet.rules: {error.field}: {error.message}\n")
        return 2
    json.dump(result, stdout, ensure_ascii=False, indent=2)
    stdout.write("\n")
    return 0
