"""Read one received søknad folder: soknad.json, an optional vedlegg.json, and the files.

``read_folder`` checks everything before anything is used: both documents against NAV's
schemas, every value something Navet can store (no number beyond what it can read, no NUL
or unpaired surrogate, no nesting deeper than :data:`MAX_DEPTH`), every listed file present
under a plain name, a PDF, JPEG or PNG by its content, and its SHA-512 when one is given.
It returns a :class:`Bundle` only when there is no problem at all; ``read_contents`` also
gives what could be read of a folder that has problems, so a caller can add its own.
"""

from __future__ import annotations

import hashlib
import json
import math
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar

from navet.digisos.soknad import Soknad, parse_soknad
from navet.digisos.validation import (
    SOKNAD,
    VEDLEGG,
    JsonPath,
    Problem,
    json_path,
    schema_problems,
)
from navet.digisos.vedlegg import AttachmentSpec, parse_vedlegg
from navet.filetypes import CITIZEN_TYPES, HEAD_BYTES, accepted_document, detect_media_type

SOKNAD_FILE = "soknad.json"
VEDLEGG_FILE = "vedlegg.json"
MAX_JSON_BYTES = 20 * 1024 * 1024  # a søknad is kilobytes; anything this big is not one
# A søknad nests about ten levels. The bound keeps every later walk of the document
# (schema, hashing, the database's JSON) far from Python's recursion limit.
MAX_DEPTH = 64
# No amount, count or code in a søknad comes near; Python's int() stops at 4300 digits.
MAX_NUMBER_DIGITS = 100
_CHUNK = 1024 * 1024


class _NoDocument:
    """What ``_read_json`` returns when there is no document to check (the file is absent,
    or unreadable and a problem says so), so that a document that is JSON ``null`` is one."""


_NO_DOCUMENT = _NoDocument()


@dataclass(frozen=True)
class Bundle:
    """A checked søknad folder: the document, its parsed form and its verified files."""

    path: Path
    raw: Mapping[str, Any]
    content_hash: str
    soknad: Soknad
    attachments: tuple[AttachmentSpec, ...]
    files: Mapping[str, Path]


@dataclass(frozen=True)
class FolderContents:
    """What could be read of a folder, and every problem found in it.

    ``soknad`` is there when soknad.json has no problem, ``attachments`` when vedlegg.json
    has none (or is absent), and ``bundle`` only when the whole folder has none.
    """

    bundle: Bundle | None
    soknad: Soknad | None
    attachments: tuple[AttachmentSpec, ...]
    problems: tuple[Problem, ...]


def read_folder(path: Path) -> tuple[Bundle | None, list[Problem]]:
    """The folder's bundle and no problems, or None and every problem found."""
    contents = read_contents(path)
    return contents.bundle, list(contents.problems)


def read_contents(path: Path) -> FolderContents:
    """Everything that can be read of the folder at ``path``, with every problem found."""
    folder = path.name or str(path)
    if not path.exists():
        return FolderContents(None, None, (), (Problem("$", "the folder does not exist", folder),))
    if not path.is_dir():
        return FolderContents(None, None, (), (Problem("$", "is not a folder", folder),))

    problems: list[Problem] = []
    raw = _read_document(path / SOKNAD_FILE, SOKNAD, problems, required=True)
    soknad = parse_soknad(raw) if isinstance(raw, Mapping) and not problems else None

    attachments: tuple[AttachmentSpec, ...] = ()
    files: dict[str, Path] = {}
    before = len(problems)
    vedlegg = _read_document(path / VEDLEGG_FILE, VEDLEGG, problems, required=False)
    if isinstance(vedlegg, Mapping) and len(problems) == before:
        attachments = parse_vedlegg(vedlegg)
        files = _check_files(path, attachments, problems)

    if problems or soknad is None or not isinstance(raw, Mapping):
        return FolderContents(None, soknad, attachments, tuple(problems))
    bundle = Bundle(
        path=path,
        raw=raw,
        content_hash=content_hash(raw),
        soknad=soknad,
        attachments=attachments,
        files=MappingProxyType(files),
    )
    return FolderContents(bundle, soknad, attachments, ())


def content_hash(document: Mapping[str, Any]) -> str:
    """SHA-256 of the document in a canonical form (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _read_document(file: Path, schema: str, problems: list[Problem], *, required: bool) -> Any:
    """The JSON in ``file``, after adding every problem it has to ``problems``: what Navet
    cannot store or walk, then what breaks the schema (where the first has not said it)."""
    document = _read_json(file, problems, required=required)
    if isinstance(document, _NoDocument):
        return None
    unstorable = [
        Problem(json_path(at), message, file.name) for at, message in _unstorable(document)
    ]
    said = {problem.path for problem in unstorable}
    problems += unstorable
    problems += [
        replace(p, file=file.name) for p in schema_problems(document, schema) if p.path not in said
    ]
    return document


def _read_json(file: Path, problems: list[Problem], *, required: bool) -> Any:
    """The parsed JSON in ``file`` (``null`` too), or no document after adding a problem
    (or when it is absent and not required).

    Messages say where the JSON breaks (line and column), never what it says there.
    """
    name = file.name
    try:
        info = file.stat()
    except FileNotFoundError:
        if required:
            problems.append(Problem("$", "the file is missing", name))
        return _NO_DOCUMENT
    except OSError:
        problems.append(Problem("$", "cannot be read", name))
        return _NO_DOCUMENT
    if not stat.S_ISREG(info.st_mode):
        problems.append(Problem("$", "is not a regular file", name))
        return _NO_DOCUMENT
    if info.st_size > MAX_JSON_BYTES:
        problems.append(Problem("$", f"is larger than {MAX_JSON_BYTES} bytes", name))
        return _NO_DOCUMENT
    try:
        data = file.read_bytes()
    except OSError:
        problems.append(Problem("$", "cannot be read", name))
        return _NO_DOCUMENT
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.append(Problem("$", f"is not valid UTF-8 (at byte {error.start})", name))
        return _NO_DOCUMENT
    if not text.strip():
        problems.append(Problem("$", "is empty: it holds no JSON document", name))
        return _NO_DOCUMENT
    try:
        return json.loads(
            text, parse_constant=_refuse_constant, parse_int=_read_int, parse_float=_read_float
        )
    except json.JSONDecodeError as error:
        message = f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        problems.append(Problem("$", message, name))
    except ValueError:
        problems.append(Problem("$", "is not valid JSON: NaN and Infinity are not allowed", name))
    except RecursionError:
        problems.append(Problem("$", "is not valid JSON: nested too deeply", name))
    return _NO_DOCUMENT


def _refuse_constant(constant: str) -> Any:
    raise ValueError("NaN and Infinity are not JSON")


class _Unreadable(int):
    """A JSON number Navet cannot hold. It is read as 0, so the schema still checks the
    rest of the document, and ``_unstorable`` reports it where it stands."""

    message: ClassVar[str]


class _TooManyDigits(_Unreadable):
    message = f"is a number with more than {MAX_NUMBER_DIGITS} digits"


class _BeyondFloat(_Unreadable):
    message = "is a number too large to be read (beyond a floating-point number's range)"


def _read_int(text: str) -> int:
    return _TooManyDigits(0) if len(text.lstrip("-")) > MAX_NUMBER_DIGITS else int(text)


def _read_float(text: str) -> float:
    value = float(text)
    return value if math.isfinite(value) else _BeyondFloat(0)


_UNSTORABLE_TEXT = "contains a character Navet cannot store (NUL or an unpaired surrogate)"


def _unstorable(document: object) -> Iterator[tuple[JsonPath, str]]:
    """Where the document holds what Navet cannot store or walk safely, in document order:
    nesting deeper than MAX_DEPTH, unreadable numbers, and text (values and property
    names) with NUL, which PostgreSQL refuses, or an unpaired surrogate, which is not
    UTF-8. Walked with a stack, not recursion, whatever the depth."""
    stack: list[tuple[object, JsonPath]] = [(document, ())]
    while stack:
        value, at = stack.pop()
        if len(at) > MAX_DEPTH:
            yield at, f"is nested deeper than {MAX_DEPTH} levels"
        elif isinstance(value, _Unreadable):
            yield at, value.message
        elif isinstance(value, str) and not _storable(value):
            yield at, _UNSTORABLE_TEXT
        elif isinstance(value, Mapping):
            for key, item in reversed(list(value.items())):
                if _storable(key):
                    stack.append((item, (*at, key)))
                else:
                    yield at, f"has a property name that {_UNSTORABLE_TEXT}"
        elif isinstance(value, list):
            stack.extend((item, (*at, index)) for index, item in reversed(list(enumerate(value))))


def _storable(text: str) -> bool:
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_files(
    folder: Path, attachments: tuple[AttachmentSpec, ...], problems: list[Problem]
) -> dict[str, Path]:
    """Every listed file: a plain name, present in the folder, a PDF, JPEG or PNG by its
    content (and named for it), with the given SHA-512."""
    found: dict[str, Path] = {}
    digests: dict[str, str] = {}
    kinds: dict[str, str] = {}  # file name → its problem as a document, or ""
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
            except OSError:  # a name too long for the file system, a folder not readable
                problems.append(Problem(f"{at}.filnavn", _UNREADABLE_FILE, VEDLEGG_FILE))
                continue
            if not stat.S_ISREG(info.st_mode):
                message = "names something that is not a regular file"
                problems.append(Problem(f"{at}.filnavn", message, VEDLEGG_FILE))
                continue
            if name not in kinds:
                kinds[name] = _document_problem(file, name)
            ok = not kinds[name]
            if kinds[name]:
                problems.append(Problem(f"{at}.filnavn", kinds[name], VEDLEGG_FILE))
            if listed.sha512 and kinds[name] != _UNREADABLE_FILE:
                if name not in digests:
                    digests[name] = _sha512(file)
                if digests[name] != listed.sha512.strip().lower():
                    message = "does not match the SHA-512 of the file"
                    problems.append(Problem(f"{at}.sha512", message, VEDLEGG_FILE))
                    ok = False
            if ok:
                found[name] = file
    return found


# What a søknad may carry: the documents Navet accepts, and a phone's HEIC photos (the
# portal's own applications come this way too; navet.citizen.apply).
_ACCEPTED = ", ".join(sorted(CITIZEN_TYPES))
_UNREADABLE_FILE = "names a file that cannot be read"


def _document_problem(file: Path, name: str) -> str:
    """What is wrong with the file as a document, read from its content, or ""."""
    try:
        with file.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return _UNREADABLE_FILE
    if accepted_document(name, head, CITIZEN_TYPES):
        return ""
    media_type = detect_media_type(head)
    if media_type in CITIZEN_TYPES:
        endings = ", ".join(sorted(CITIZEN_TYPES[media_type]))
        return f"names a file whose content is {media_type}, so its name must end in {endings}"
    return f"names a file whose content is not a document Navet accepts ({_ACCEPTED})"


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
