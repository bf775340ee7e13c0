"""A received document is judged by its bytes, not its name: HTML or a script named
`.pdf` is refused, and so is a picture whose name says it is a PDF. Nothing is stored
when a file is refused."""

from __future__ import annotations

import struct
import zlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from navet.applications.models import Attachment
from navet.audit.models import AuditEvent
from tests.conftest import World, client_for

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# One white pixel.
MINIMAL_PNG = (
    b"\x89PNG\r\n\x1a\n"
    + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    + _png_chunk(b"IDAT", zlib.compress(b"\x00\xff"))
    + _png_chunk(b"IEND", b"")
)
MINIMAL_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def receive(application: Any) -> str:
    return reverse("applications:application-receive-document", args=[application.pk])


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> Any:
    return SimpleUploadedFile(name, content, content_type=content_type)


def post(world: World, application: Any, name: str, content: bytes) -> Any:
    return client_for(world.caseworker_oslo).post(
        receive(application), {"vedlegg-file": upload(name, content)}
    )


def assert_nothing_stored() -> None:
    assert not Attachment.objects.exists()
    assert not AuditEvent.objects.filter(action="application.document_received").exists()


@pytest.mark.parametrize(
    "name, content",
    [
        ("x.pdf", HTML),
        ("x.pdf", b"<!DOCTYPE html><html><body>Hei</body></html>"),
        ("bilde.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script>1</script></svg>"),
        ("x.jpg", b"#!/bin/sh\nrm -rf /\n"),
    ],
)
def test_it_refuses_a_file_whose_content_is_not_pdf_jpg_or_png(
    world: World, application: Any, name: str, content: bytes
) -> None:
    response = post(world, application, name, content)
    assert response.status_code == 400
    assert "Innholdet i filen er ikke PDF, JPG eller PNG." in response.content.decode()
    assert_nothing_stored()


def test_it_refuses_a_png_named_pdf(world: World, application: Any) -> None:
    response = post(world, application, "kontrakt.pdf", MINIMAL_PNG)
    assert response.status_code == 400
    assert "Filendelsen stemmer ikke med innholdet, som er PNG." in response.content.decode()
    assert_nothing_stored()


def test_it_refuses_a_pdf_named_jpg(world: World, application: Any) -> None:
    response = post(world, application, "kontrakt.jpg", MINIMAL_PDF)
    assert response.status_code == 400
    assert "Filendelsen stemmer ikke med innholdet, som er PDF." in response.content.decode()
    assert_nothing_stored()


@pytest.mark.parametrize(
    "name, content",
    [
        ("kontrakt.pdf", MINIMAL_PDF),
        ("KONTRAKT.PDF", MINIMAL_PDF),
        ("bilde.png", MINIMAL_PNG),
        ("bilde.jpg", MINIMAL_JPEG),
        ("bilde.jpeg", MINIMAL_JPEG),
    ],
)
def test_it_accepts_a_real_pdf_jpg_or_png_and_stores_every_byte(
    world: World, application: Any, name: str, content: bytes
) -> None:
    response = post(world, application, name, content)
    assert response.status_code == 302
    attachment = Attachment.objects.get(application=application)
    assert attachment.filename == name
    with attachment.file.open("rb") as stored:
        assert stored.read() == content


def test_the_browser_content_type_is_not_trusted(world: World, application: Any) -> None:
    response = client_for(world.caseworker_oslo).post(
        receive(application),
        {"vedlegg-file": upload("x.pdf", HTML, content_type="application/pdf")},
    )
    assert response.status_code == 400
    assert_nothing_stored()


def test_the_extension_and_size_checks_still_apply(world: World, application: Any) -> None:
    response = post(world, application, "kontrakt.exe", MINIMAL_PDF)
    assert response.status_code == 400
    assert "Filen må være PDF, JPG eller PNG." in response.content.decode()
    response = post(world, application, "tom.pdf", b"")
    assert response.status_code == 400
    assert_nothing_stored()
