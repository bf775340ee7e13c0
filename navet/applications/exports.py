"""Exports: innsyn event files and the document archive."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from navet.applications.innsyn import checked_innsyn_document
from navet.applications.models import Application, Document
from navet.digisos.validation import Problem


@dataclass
class EventExport:
    written: int = 0
    failed: dict[str, list[Problem]] = field(default_factory=dict)


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def events_filename(application: Application) -> str:
    return f"{application.digisos_id}.json"


def export_events(
    applications: Iterable[Application],
    out: Path,
    progress: Callable[[int], None] | None = None,
) -> EventExport:
    """One validated digisos-soker.json per application; a file with problems is not written."""
    out.mkdir(parents=True, exist_ok=True)
    result = EventExport()
    for number, application in enumerate(applications, start=1):
        document, problems = checked_innsyn_document(application)
        if problems:
            result.failed[str(application.pk)] = problems
        else:
            data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
            _write_atomically(out / events_filename(application), data)
            result.written += 1
        if progress:
            progress(number)
    return result


@dataclass
class DocumentExport:
    written: int = 0
    unchanged: int = 0


def export_documents(
    out: Path, progress: Callable[[int, int], None] | None = None
) -> DocumentExport:
    out.mkdir(parents=True, exist_ok=True)
    result = DocumentExport()
    documents = Document.objects.order_by("created_at", "id")
    total = documents.count()
    manifest = []
    for number, document in enumerate(documents.iterator(chunk_size=200), start=1):
        target = out / f"{document.id}.pdf"
        if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == document.sha256:
            result.unchanged += 1
        else:
            with document.file.open("rb") as handle:
                data = handle.read()
            if hashlib.sha256(data).hexdigest() != document.sha256:
                raise ValueError(
                    f"Document {document.id}: stored file does not match its checksum."
                )
            _write_atomically(target, data)
            result.written += 1
        manifest.append(
            {
                "id": str(document.id),
                "file": target.name,
                "application": str(document.application_id),
                "case": str(document.case_id) if document.case_id else None,
                "kind": document.kind,
                "title": document.title,
                "language": document.language,
                "created_at": document.created_at.isoformat(),
                "size": document.size,
                "sha256": document.sha256,
            }
        )
        if progress:
            progress(number, total)
    data = json.dumps({"documents": manifest}, ensure_ascii=False, indent=2).encode("utf-8")
    _write_atomically(out / "manifest.json", data)
    return result
