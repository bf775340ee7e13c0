"""Read one received søknad folder: soknad.json, an optional vedlegg.json, and the files.

``read_folder`` checks everything before anything is used: both documents against NAV's
schemas, every listed file present under a plain name, and its SHA-512 when one is given.
It returns a :class:`Bundle` only when there is no problem at all.
"""

from __future__ import annotations

import hashlib
import json
import stat
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from navet.digisos.soknad import Soknad, parse_soknad
from navet.digisos.validation import SOKNAD, VEDLEGG, Problem, schema_problems
from navet.digisos.vedlegg import AttachmentSpec, parse_vedlegg

SOKNAD_FILE = "soknad.json"
VEDLEGG_FILE = "vedlegg.json"
MAX_JSON_BYTES = 20 * 1024 * 1024  # a søknad is kilobytes; anything this big is not one
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Bundle:
    """A checked søknad folder: the document, its parsed form and its verified files."""

    path: Path
    raw: Mapping[str, Any]
    content_hash: str
    soknad: Soknad
    attachments: tuple[AttachmentSpec, ...]
    files: Mapping[str, Path]


def read_folder(path: Path) -> tuple[Bundle | None, list[Problem]]:
    """The folder's bundle and no problems, or None and every problem found."""
    folder = path.name or str(path)
    if not path.exists():
        return None, [Problem("$", "the folder does not exist", folder)]
    if not path.is_dir():
        return None, [Problem("$", "is not a folder", folder)]

    problems: list[Problem] = []
    raw = _read_json(path / SOKNAD_FILE, problems, required=True)
    if raw is not None:
        problems += [replace(p, file=SOKNAD_FILE) for p in schema_problems(raw, SOKNAD)]

    attachments: tuple[AttachmentSpec, ...] = ()
    files: dict[str, Path] = {}
    vedlegg = _read_json(path / VEDLEGG_FILE, problems, required=False)
    if vedlegg is not None:
        vedlegg_problems = [
            replace(p, file=VEDLEGG_FILE) for p in schema_problems(vedlegg, VEDLEGG)
        ]
        problems += vedlegg_problems
        if not vedlegg_problems:
            attachments = parse_vedlegg(vedlegg)
            files = _check_files(path, attachments, problems)

    if problems or not isinstance(raw, Mapping):
        return None, problems
    bundle = Bundle(
        path=path,
        raw=raw,
        content_hash=content_hash(raw),
        soknad=parse_soknad(raw),
        attachments=attachments,
        files=MappingProxyType(files),
    )
    return bundle, []


def content_hash(document: Mapping[str, Any]) -> str:
    """SHA-256 of the document in a canonical form (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _read_json(file: Path, problems: list[Problem], *, required: bool) -> Any:
    """The parsed JSON in ``file``, or None after adding a problem (or when it is absent).

    Messages say where the JSON breaks (line and column), never what it says there.
    """
    name = file.name
    try:
        info = file.stat()
    except FileNotFoundError:
        if required:
            problems.append(Problem("$", "the file is missing", name))
        return None
    if not stat.S_ISREG(info.st_mode):
        problems.append(Problem("$", "is not a regular file", name))
        return None
    if info.st_size > MAX_JSON_BYTES:
        problems.append(Problem("$", f"is larger than {MAX_JSON_BYTES} bytes", name))
        return None
    data = file.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.append(Problem("$", f"is not valid UTF-8 (at byte {error.start})", name))
        return None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        message = f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        problems.append(Problem("$", message, name))
    except ValueError:
        problems.append(Problem("$", "is not valid JSON: NaN and Infinity are not allowed", name))
    except RecursionError:
        problems.append(Problem("$", "is not valid JSON: nested too deeply", name))
    return None


def _refuse_constant(constant: str) -> Any:
    raise ValueError("NaN and Infinity are not JSON")


def _check_files(
    folder: Path, attachments: tuple[AttachmentSpec, ...], problems: list[Problem]
) -> dict[str, Path]:
    """Every listed file: a plain name, present in the folder, with the given SHA-512."""
    found: dict[str, Path] = {}
    digests: dict[str, str] = {}
    for spec in attachments:
        for index, listed in enumerate(spec.files):
            at = f"{spec.path}.filer[{index}]"
            name = listed.filename
            if not name:
                problems.append(
                    Problem(at, "'filnavn' is required for a listed file", VEDLEGG_FILE)
                )
                continue
            if not is_plain_filename(name):
                message = "is not a plain file name (no folders, no leading dot)"
                problems.append(Problem(f"{at}.filnavn", message, VEDLEGG_FILE))
                continue
            file = folder / name
            try:
                info = file.lstat()
            except FileNotFoundError:
                message = "names a file that is missing from the folder"
                problems.append(Problem(f"{at}.filnavn", message, VEDLEGG_FILE))
                continue
            if not stat.S_ISREG(info.st_mode):
                message = "names something that is not a regular file"
                problems.append(Problem(f"{at}.filnavn", message, VEDLEGG_FILE))
                continue
            if listed.sha512:
                if name not in digests:
                    digests[name] = _sha512(file)
                if digests[name] != listed.sha512.strip().lower():
                    message = "does not match the SHA-512 of the file"
                    problems.append(Problem(f"{at}.sha512", message, VEDLEGG_FILE))
                    continue
            found[name] = file
    return found


def is_plain_filename(name: str) -> bool:
    """A name for a file directly in the folder: no separators, not hidden, not . or .."""
    return bool(name) and not (
        "/" in name or "\\" in name or "\x00" in name or name.startswith(".")
    )


def _sha512(file: Path) -> str:
    digest = hashlib.sha512()
    with file.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
