"""read_folder: a bundle only when soknad.json, vedlegg.json and every listed file check out."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from navet.digisos.folder import read_folder
from navet.digisos.validation import Problem
from tests.digisos.nav import load

PDF = b"%PDF-1.7\n" + b"x" * 3_000_000  # bigger than one hashing chunk
PNG = b"\x89PNG\r\n\x1a\n"


def sha512(data: bytes) -> str:
    return hashlib.sha512(data).hexdigest()


def vedlegg_for(files: dict[str, bytes]) -> dict[str, Any]:
    names = list(files)
    return {
        "vedlegg": [
            {
                "type": "husleiekontrakt",
                "tilleggsinfo": "husleiekontrakt",
                "status": "LastetOpp",
                "hendelseType": "soknad",
                "filer": [{"filnavn": names[0], "sha512": sha512(files[names[0]]).upper()}],
            },
            {"type": "annet", "tilleggsinfo": "annet", "status": "VedleggKreves", "filer": []},
            {
                "type": "faktura",
                "tilleggsinfo": "strom",
                "status": "LastetOpp",
                "filer": [{"filnavn": name} for name in names[1:]],  # no sha512 given
            },
        ]
    }


def make_folder(
    root: Path,
    *,
    soknad: Any = None,
    vedlegg: Any = None,
    files: dict[str, bytes] | None = None,
) -> Path:
    folder = root / "a1b2c3"
    folder.mkdir()
    document = load("soknad/brukerdata.json") if soknad is None else soknad
    (folder / "soknad.json").write_text(json.dumps(document, indent=2), encoding="utf-8")
    if vedlegg is not None:
        (folder / "vedlegg.json").write_text(json.dumps(vedlegg), encoding="utf-8")
    for name, data in (files or {}).items():
        (folder / name).write_bytes(data)
    return folder


def test_a_valid_folder_gives_a_bundle_with_verified_files(tmp_path: Path) -> None:
    files = {"husleie.pdf": PDF, "strom.png": PNG}
    folder = make_folder(tmp_path, vedlegg=vedlegg_for(files), files=files)
    bundle, problems = read_folder(folder)
    assert problems == []
    assert bundle is not None
    assert bundle.path == folder
    assert bundle.soknad.given_name == "Ola"
    assert bundle.raw == load("soknad/brukerdata.json")
    assert [(a.type, a.status) for a in bundle.attachments] == [
        ("husleiekontrakt", "LastetOpp"),
        ("annet", "VedleggKreves"),
        ("faktura", "LastetOpp"),
    ]
    assert dict(bundle.files) == {
        "husleie.pdf": folder / "husleie.pdf",
        "strom.png": folder / "strom.png",
    }


def test_the_content_hash_ignores_layout_and_key_order(tmp_path: Path) -> None:
    document = load("soknad/brukerdata.json")
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    bundle, _ = read_folder(make_folder(tmp_path, soknad=document))
    assert bundle is not None
    assert bundle.content_hash == hashlib.sha256(canonical.encode()).hexdigest()
    reordered = dict(reversed(list(document.items())))
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "soknad.json").write_text(json.dumps(reordered), encoding="utf-8")
    again, _ = read_folder(tmp_path / "other")
    assert again is not None
    assert again.content_hash == bundle.content_hash


def test_a_folder_without_vedlegg_json_has_no_attachments(tmp_path: Path) -> None:
    bundle, problems = read_folder(make_folder(tmp_path))
    assert problems == []
    assert bundle is not None
    assert (bundle.attachments, dict(bundle.files)) == ((), {})


def test_unknown_fields_are_accepted(tmp_path: Path) -> None:
    soknad = load("soknad/systemdata.json")
    soknad["nyttToppfelt"] = {"versjon": 2}
    soknad["data"]["personalia"]["nyttFelt"] = "x"
    vedlegg = load("vedlegg/gyldig_ekstrafelter.json")
    for spec in vedlegg["vedlegg"]:
        spec["filer"] = []
    vedlegg["nyttFelt"] = True
    bundle, problems = read_folder(make_folder(tmp_path, soknad=soknad, vedlegg=vedlegg))
    assert problems == []
    assert bundle is not None


def test_a_missing_folder_or_a_file_instead(tmp_path: Path) -> None:
    assert read_folder(tmp_path / "nope") == (
        None,
        [Problem("$", "the folder does not exist", "nope")],
    )
    (tmp_path / "plain").write_text("{}")
    assert read_folder(tmp_path / "plain") == (None, [Problem("$", "is not a folder", "plain")])


def test_a_missing_soknad_json(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "soknad.json").unlink()
    assert read_folder(folder) == (None, [Problem("$", "the file is missing", "soknad.json")])


def test_a_missing_listed_file(tmp_path: Path) -> None:
    files = {"husleie.pdf": PDF, "strom.png": PNG, "strom2.png": PNG}
    folder = make_folder(tmp_path, vedlegg=vedlegg_for(files), files=files)
    (folder / "strom2.png").unlink()
    assert read_folder(folder) == (
        None,
        [
            Problem(
                "$.vedlegg[2].filer[1].filnavn",
                "names a file that is missing from the folder",
                "vedlegg.json",
            )
        ],
    )


def test_a_file_whose_sha512_does_not_match(tmp_path: Path) -> None:
    files = {"husleie.pdf": PDF, "strom.png": PNG}
    folder = make_folder(tmp_path, vedlegg=vedlegg_for(files), files=files)
    (folder / "husleie.pdf").write_bytes(PDF + b"changed")
    assert read_folder(folder) == (
        None,
        [
            Problem(
                "$.vedlegg[0].filer[0].sha512",
                "does not match the SHA-512 of the file",
                "vedlegg.json",
            )
        ],
    )


def test_a_listed_file_without_a_name(tmp_path: Path) -> None:
    vedlegg = {"vedlegg": [{"status": "LastetOpp", "filer": [{"sha512": sha512(PNG)}]}]}
    _, problems = read_folder(make_folder(tmp_path, vedlegg=vedlegg))
    assert problems == [
        Problem("$.vedlegg[0].filer[0]", "'filnavn' is required for a listed file", "vedlegg.json")
    ]


@pytest.mark.parametrize(
    "name",
    ["../soknad.json", "sub/strom.png", "sub\\strom.png", ".", "..", ".hidden", "/etc/passwd"],
)
def test_a_name_that_is_not_a_plain_file_name_is_refused(tmp_path: Path, name: str) -> None:
    vedlegg = {"vedlegg": [{"status": "LastetOpp", "filer": [{"filnavn": name}]}]}
    folder = make_folder(tmp_path, vedlegg=vedlegg)
    (folder / "sub").mkdir()
    (folder / "sub" / "strom.png").write_bytes(PNG)
    (folder / ".hidden").write_bytes(PNG)
    assert read_folder(folder) == (
        None,
        [
            Problem(
                "$.vedlegg[0].filer[0].filnavn",
                "is not a plain file name (no folders, no leading dot)",
                "vedlegg.json",
            )
        ],
    )


def test_a_symbolic_link_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("not for the case system")
    vedlegg = {"vedlegg": [{"status": "LastetOpp", "filer": [{"filnavn": "link.txt"}]}]}
    folder = make_folder(tmp_path, vedlegg=vedlegg)
    os.symlink(outside, folder / "link.txt")
    _, problems = read_folder(folder)
    assert problems == [
        Problem(
            "$.vedlegg[0].filer[0].filnavn",
            "names something that is not a regular file",
            "vedlegg.json",
        )
    ]


def test_bad_json_is_reported_by_line_and_column_without_its_content(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "soknad.json").write_text(
        '{\n  "version": "1.0.0",\n  "fnr": 24017312345 24017312345\n}', encoding="utf-8"
    )
    bundle, problems = read_folder(folder)
    assert bundle is None
    assert problems == [
        Problem(
            "$", "is not valid JSON: Expecting ',' delimiter at line 3, column 22", "soknad.json"
        )
    ]
    assert "24017312345" not in str(problems[0])


def test_nan_is_not_json(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "soknad.json").write_text('{"version": NaN}', encoding="utf-8")
    _, problems = read_folder(folder)
    assert problems == [
        Problem("$", "is not valid JSON: NaN and Infinity are not allowed", "soknad.json")
    ]


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "soknad.json").write_bytes('{"version": "Søker"}'.encode("latin-1"))
    _, problems = read_folder(folder)
    assert problems == [Problem("$", "is not valid UTF-8 (at byte 14)", "soknad.json")]


def test_a_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    text = (folder / "soknad.json").read_text(encoding="utf-8")
    (folder / "soknad.json").write_text(text, encoding="utf-8-sig")
    bundle, problems = read_folder(folder)
    assert problems == []
    assert bundle is not None


def test_schema_problems_of_both_files_are_reported_per_file(tmp_path: Path) -> None:
    soknad = load("soknad/brukerdata.json")
    soknad["data"]["personalia"]["kontonummer"]["verdi"] = "1234"
    vedlegg = {"vedlegg": [{"hendelseType": "klage", "filer": []}]}
    bundle, problems = read_folder(make_folder(tmp_path, soknad=soknad, vedlegg=vedlegg))
    assert bundle is None
    assert [(p.file, p.path) for p in problems] == [
        ("soknad.json", "$.data.personalia.kontonummer.verdi"),
        ("vedlegg.json", "$.vedlegg[0].hendelseType"),
    ]
    assert all("1234" not in str(p) for p in problems)


def test_a_json_document_that_is_not_an_object(tmp_path: Path) -> None:
    bundle, problems = read_folder(make_folder(tmp_path, soknad=[1, 2]))
    assert bundle is None
    assert problems == [Problem("$", "must be of type object", "soknad.json")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("null", "must be of type object"),
        ("", "is empty: it holds no JSON document"),
        ("\ufeff\n", "is empty: it holds no JSON document"),
    ],
    ids=["null", "empty", "bom-only"],
)
def test_a_soknad_json_that_holds_nothing_is_a_problem(
    tmp_path: Path, text: str, expected: str
) -> None:
    folder = make_folder(tmp_path)
    (folder / "soknad.json").write_text(text, encoding="utf-8")
    assert read_folder(folder) == (None, [Problem("$", expected, "soknad.json")])
