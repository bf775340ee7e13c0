"""Read a schema-valid vedlegg.json (the list of attachments sent with a søknad or later).

Nothing in the format is required, so every field may be absent and is read as ``""``.
An unknown ``status`` or ``type`` is kept as given (reference/digisos.md § 3.3).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from navet.digisos.validation import json_path


@dataclass(frozen=True)
class AttachmentFile:
    filename: str
    sha512: str


@dataclass(frozen=True)
class AttachmentSpec:
    """One attachment: a type/tilleggsinfo pair, its status and its files."""

    type: str
    extra_info: str
    status: str
    files: tuple[AttachmentFile, ...]
    event_type: str
    event_reference: str
    path: str


def parse_vedlegg(document: Mapping[str, Any]) -> tuple[AttachmentSpec, ...]:
    """The attachments in ``document``, which has passed ``schema_problems(..., VEDLEGG)``."""
    rows = document.get("vedlegg")
    if not isinstance(rows, list):
        return ()
    return tuple(
        AttachmentSpec(
            type=_text(row.get("type")),
            extra_info=_text(row.get("tilleggsinfo")),
            status=_text(row.get("status")),
            files=_files(row.get("filer")),
            event_type=_text(row.get("hendelseType")),
            event_reference=_text(row.get("hendelseReferanse")),
            path=json_path(("vedlegg", index)),
        )
        for index, row in enumerate(rows)
        if isinstance(row, Mapping)
    )


def _files(value: object) -> tuple[AttachmentFile, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        AttachmentFile(filename=_text(file.get("filnavn")), sha512=_text(file.get("sha512")))
        for file in value
        if isinstance(file, Mapping)
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
