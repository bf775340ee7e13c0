"""parse_vedlegg on NAV's valid attachment lists."""

from __future__ import annotations

import pytest

from navet.digisos.validation import VEDLEGG, schema_problems
from navet.digisos.vedlegg import AttachmentFile, AttachmentSpec, parse_vedlegg
from tests.digisos.nav import TESTDATA, load


def test_komplett_reads_every_field() -> None:
    specs = parse_vedlegg(load("vedlegg/gyldig_komplett.json"))
    assert specs[0] == AttachmentSpec(
        type="faktura",
        extra_info="sfo",
        status="LastetOpp",
        files=(
            AttachmentFile("endaenfil-u95sdfght.png", "sha512sha512sha512sha512sha1"),
            AttachmentFile("DCIM6666-ae94343bc.jpg", "sha512sha512sha512sha512sha2"),
        ),
        event_type="soknad",
        event_reference="",
        path="$.vedlegg[0]",
    )
    assert (specs[1].event_type, specs[1].event_reference) == (
        "dokumentasjonEtterspurt",
        "dokumentreferanse1",
    )
    assert specs[1].files[1] == AttachmentFile("alalla-ae94343bc.jpg", "")
    assert (specs[2].status, specs[2].files, specs[2].path) == (
        "VedleggAlleredeSendt",
        (),
        "$.vedlegg[2]",
    )


def test_absent_fields_read_as_empty() -> None:
    assert parse_vedlegg({"vedlegg": [{}]}) == (
        AttachmentSpec("", "", "", (), "", "", "$.vedlegg[0]"),
    )
    assert parse_vedlegg({}) == ()


@pytest.mark.parametrize(
    "name", sorted(p.name for p in (TESTDATA / "vedlegg").glob("gyldig_*.json"))
)
def test_every_valid_vedlegg_fixture_parses(name: str) -> None:
    document = load(f"vedlegg/{name}")
    assert schema_problems(document, VEDLEGG) == []
    specs = parse_vedlegg(document)
    assert len(specs) == len(document.get("vedlegg", []))
