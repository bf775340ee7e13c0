"""What a document is, read from its bytes, never from its name.

Navet stores and shows PDFs and photos. A file whose name ends in `.pdf` but whose bytes
are HTML, a script or anything else is refused, wherever it comes from (an upload, a
Digisos folder). `filetype` matches the magic numbers at the start of the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO

import filetype

# The document types Navet accepts, by the media type read from the content, with the file
# name endings that may carry them.
ACCEPTED_TYPES: dict[str, frozenset[str]] = {
    "application/pdf": frozenset({".pdf"}),
    "image/jpeg": frozenset({".jpg", ".jpeg"}),
    "image/png": frozenset({".png"}),
}
# What a citizen may send from the portal: the same, and the photos a phone camera takes
# (HEIC/HEIF, the iPhone's default).
CITIZEN_TYPES: dict[str, frozenset[str]] = {
    **ACCEPTED_TYPES,
    "image/heic": frozenset({".heic", ".heif"}),
}
ACCEPTED_ENDINGS = frozenset(ending for endings in ACCEPTED_TYPES.values() for ending in endings)
# filetype needs at most this many bytes from the start of a file.
HEAD_BYTES = 8192


def detect_media_type(head: bytes) -> str | None:
    """The media type the bytes are, or None when they are none of the known kinds."""
    kind = filetype.guess(head[:HEAD_BYTES])
    return None if kind is None else str(kind.mime)


def read_head(stream: IO[bytes]) -> bytes:
    """The first bytes of an open file, leaving its position where it was."""
    position = stream.tell()
    try:
        stream.seek(0)
        return stream.read(HEAD_BYTES)
    finally:
        stream.seek(position)


def accepted_document(
    name: str, head: bytes, accepted: Mapping[str, frozenset[str]] = ACCEPTED_TYPES
) -> bool:
    """True when the content is an accepted type and the name's ending agrees with it."""
    media_type = detect_media_type(head)
    if media_type is None or media_type not in accepted:
        return False
    lowered = name.lower()
    return any(lowered.endswith(ending) for ending in accepted[media_type])
