"""Every one of NAV's fixtures passes or fails exactly as NAV's own test suite intends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from navet.digisos.validation import (
    INNSYN,
    KLAGE,
    SCHEMA_DIR,
    SOKNAD,
    VEDLEGG,
    Problem,
    schema_problems,
)
from tests.digisos.nav import TESTDATA, load

FIXTURES = sorted(TESTDATA.rglob("*.json"))
ROOT_SCHEMAS = {"digisos/soker": INNSYN, "soknad": SOKNAD, "vedlegg": VEDLEGG}


def schema_for(fixture: Path) -> str:
    """testdata/X/Y/Z/file.json → X/Y/Z.json; a format's root folder → its root schema."""
    folder = fixture.parent.relative_to(TESTDATA).as_posix()
    return ROOT_SCHEMAS.get(folder, f"{folder}.json")


def must_fail(fixture: Path) -> bool:
    return fixture.name.startswith(("feil-", "ikkegyldig_"))


def test_all_102_fixtures_are_here_in_navs_groups() -> None:
    groups = {"soker root": 0, "soker parts": 0, "soknad": 0, "tidspunkt": 0, "vedlegg": 0}
    for fixture in FIXTURES:
        folder = fixture.parent.relative_to(TESTDATA).as_posix()
        if folder == "digisos/soker":
            groups["soker root"] += 1
        elif folder.startswith("digisos/soker/parts"):
            groups["soker parts"] += 1
        else:
            groups[folder.split("/")[0].replace("types", "tidspunkt")] += 1
    assert len(FIXTURES) == 102
    assert groups == {
        "soker root": 6,
        "soker parts": 39,
        "soknad": 41,
        "tidspunkt": 7,
        "vedlegg": 9,
    }
    assert (TESTDATA / "LICENSE").read_text().startswith("MIT License")


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.relative_to(TESTDATA).as_posix())
def test_the_fixture_passes_or_fails_as_nav_intends(fixture: Path) -> None:
    problems = schema_problems(load(fixture), schema_for(fixture))
    if must_fail(fixture):
        assert problems, "NAV says this file must fail"
        for problem in problems:
            assert problem.path.startswith("$")
            assert "valid under" not in problem.message  # no oneOf/anyOf blob
    else:
        assert problems == []


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "digisos/soker/parts/hendelse/tildeltNavKontor/feil-navKontor-har-tre-siffer.json",
            [Problem("$.navKontor", "does not match the pattern ^[0-9][0-9][0-9][0-9]$")],
        ),
        (
            "digisos/soker/parts/hendelse/feil-hendelse-eksisterer-ikke.json",
            [
                Problem(
                    "$.type",
                    "must be one of: tildeltNavKontor, soknadsStatus, vedtakFattet, "
                    "dokumentasjonEtterspurt, forelopigSvar, saksStatus, utbetaling, vilkar, "
                    "dokumentasjonkrav, rammevedtak",
                )
            ],
        ),
        (
            "digisos/soker/parts/hendelse/feil-hendelse-er-tom.json",
            [Problem("$", "'hendelsestidspunkt' is required"), Problem("$", "'type' is required")],
        ),
        (
            "digisos/soker/parts/hendelse/vedtakFattet/feil-mangler-vedtaksfil-referanse.json",
            [Problem("$.vedtaksfil", "'referanse' is required")],
        ),
        (
            "soknad/familie/sivilstatus/feil-sivilstatus-gift-mangler-ektefelle.json",
            [Problem("$", "'ektefelle' is required")],
        ),
        (
            "soknad/parts/adresse/feil-ugyldig-adressetype.json",
            [
                Problem(
                    "$.type",
                    "must be one of: gateadresse, matrikkeladresse, postboks, ustrukturert",
                )
            ],
        ),
        (
            "soknad/feil-minimal-mangler-version.json",
            # NAV's file also has a driftsinformasjon that is not an object (digisos.md § 6.8).
            [
                Problem("$", "'version' is required"),
                Problem("$.driftsinformasjon", "must be of type object"),
            ],
        ),
        (
            "vedlegg/ikkegyldig_ugyldigfil.json",
            [
                Problem("$.vedlegg[0].filer[0]", "must be of type object"),
                Problem("$.vedlegg[0].filer[1]", "must be of type object"),
            ],
        ),
    ],
)
def test_a_failing_fixture_names_the_field(fixture: str, expected: list[Problem]) -> None:
    assert schema_problems(load(fixture), schema_for(TESTDATA / fixture)) == expected


def test_the_58_schemas_are_vendored_with_licence_and_source() -> None:
    schemas = sorted(SCHEMA_DIR.rglob("*.json"))
    assert len(schemas) == 58
    for schema in schemas:
        document = json.loads(schema.read_text(encoding="utf-8"))
        assert document["$schema"] == "http://json-schema.org/draft-06/schema#", schema
    for root in (SOKNAD, VEDLEGG, INNSYN, KLAGE):
        assert (SCHEMA_DIR / root).is_file()
    assert (SCHEMA_DIR / "LICENSE").read_text().startswith("MIT License")
    readme = (SCHEMA_DIR / "README.md").read_text()
    assert "navikt/soknadsosialhjelp-filformat" in readme
    assert "e7112daa6f577a0b9ef178805609f55b239d2082" in readme


def test_an_unknown_schema_is_refused() -> None:
    with pytest.raises(ValueError, match="no Digisos schema"):
        schema_problems({}, "soknad/nothing.json")
    with pytest.raises(ValueError, match="no Digisos schema"):
        schema_problems({}, "../../settings.py")
