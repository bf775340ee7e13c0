"""SSB's 11F control rules as ported: SSB's own example records pass, and every rule has a
record that breaks it and one that keeps it."""

from __future__ import annotations

from pathlib import Path

import pytest

from navet.kostra.controls import check_file, rule_ids
from navet.kostra.layout import layout
from navet.kostra.record import read_record

LAYOUT = layout("11F", 2026)
REGION = "030105"

# Appendix A of ../shared/reference/kostra.md (synthetic; Oslo, bydel 05), byte for byte.
OSLO_RECORDS = (
    (Path(__file__).parent / "appendix_a_11f.txt").read_text(encoding="ascii").split("\n")[:2]
)


def test_the_example_records_have_the_layout_width() -> None:
    assert [len(r) for r in OSLO_RECORDS] == [338, 338]
    assert LAYOUT.width == 338


def line(**changes: str | int) -> str:
    """SSB's first example record with some fields changed (ints right-aligned)."""
    fields = read_record(LAYOUT, OSLO_RECORDS[0])
    for name, value in changes.items():
        size = LAYOUT.field(name).size
        fields[name] = str(value).rjust(size) if isinstance(value, int) else value.ljust(size)
    return "".join(fields[f.name] for f in LAYOUT.fields)


def rules_broken(*lines: str, region: str = REGION) -> set[str]:
    text = "".join(f"{x}\n" for x in lines)
    return {f.rule for f in check_file(text, LAYOUT, region=region, has_recipients=True)}


def test_ssbs_example_records_pass_in_oslo_and_in_bergen() -> None:
    assert rules_broken(*OSLO_RECORDS) == set()
    bergen = ["460126  " + record[8:] for record in OSLO_RECORDS]
    assert rules_broken(*bergen, region="460100") == set()


NO_CONDITIONS = {"VILKARSOSLOV": "2", "UTBETDATO": "", "UTBETTOMDATO": "",
                 "VILKARARBEID": "", "VILKARDIGPLAN": ""}  # fmt: skip
NO_CHILDREN = {"BU18": "2", "ANTBU18": "", "TRYGDESIT": "12"}

# rule: (changes that break it, changes that keep it where the rule's condition holds)
CASES: dict[str, tuple[dict[str, str | int], dict[str, str | int]]] = {
    "002": ({"BOSIT": "9"}, {"BOSIT": "6"}),
    "03": ({"KOMMUNE_NR": "0302"}, {"KOMMUNE_NR": "0301"}),
    "03B": ({"BYDELSNR": "16"}, {"BYDELSNR": "05"}),
    "04": ({"VERSION": "25"}, {"VERSION": "26"}),
    "04A": ({"FODSELSDATO": "31022026"}, {"FODSELSDATO": "28022006"}),
    "05": ({"PERSON_FODSELSNR": "15839010008"}, {"PERSON_FODSELSNR": "15039000200"}),
    "06": ({"PERSON_FODSELSNR": "01811050047"}, {"PERSON_FODSELSNR": "01810850066"}),
    "07": ({"PERSON_FODSELSNR": "01813000160"}, {"PERSON_FODSELSNR": "01813100181"}),
    "08": ({"KJONN": "3"}, {"KJONN": "1"}),
    "09": ({"EKTSTAT": "6"}, {"EKTSTAT": "5"}),
    "10": ({"BU18": "", **{k: v for k, v in NO_CHILDREN.items() if k != "BU18"}}, NO_CHILDREN),
    "11": ({"ANTBU18": 0}, {"ANTBU18": 1}),
    "12": ({"BU18": "2", "TRYGDESIT": "12"}, {"BU18": "1"}),
    "13": ({"ANTBU18": 14}, {"ANTBU18": 13}),
    "14": ({"VKLO": "0"}, {"VKLO": "9"}),
    "15": ({"VKLO": "1", "ARBSIT": "03"}, {"VKLO": "1", "ARBSIT": "02"}),
    "16": ({"VKLO": "2", "ARBSIT": "01"}, {"VKLO": "2", "ARBSIT": "05"}),
    "17": ({"VKLO": "4", "ARBSIT": "01"}, {"VKLO": "4", "ARBSIT": "03"}),
    "18": ({"VKLO": "6", "ARBSIT": "01"}, {"VKLO": "6", "ARBSIT": "09"}),
    "19": ({"VKLO": "8", "ARBSIT": "01"}, {"VKLO": "8", "ARBSIT": "10"}),
    "20B": ({"VKLO": "3", "TRYGDESIT": "12"}, {"VKLO": "3", "TRYGDESIT": "13"}),
    "21": ({"VKLO": "5", "ARBSIT": "01"}, {"VKLO": "5", "ARBSIT": "08"}),
    "22": ({"TRYGDESIT": "03"}, {"TRYGDESIT": "12"}),
    "23A": (
        {"TRYGDESIT": "07", "ARBSIT": "04"},
        {"TRYGDESIT": "07", "ARBSIT": "04", "PERSON_FODSELSNR": "01816400038"},
    ),
    "23B": ({**NO_CHILDREN, "TRYGDESIT": "05"}, {"TRYGDESIT": "05"}),
    "23C": ({**NO_CHILDREN, "TRYGDESIT": "13"}, {"TRYGDESIT": "13"}),
    "24": ({"TRYGDESIT": "04", "ARBSIT": "01", "VKLO": "9"}, {"TRYGDESIT": "04", "ARBSIT": "04"}),
    "24B": (
        {"VKLO": "3", "TRYGDESIT": "11", "ARBSIT": "08"},
        {"VKLO": "3", "TRYGDESIT": "11", "ARBSIT": "07"},
    ),
    "25": ({"ARBSIT": "11"}, {"ARBSIT": "10", "VKLO": "8"}),
    "26": ({"STMND_1": "", "STMND_2": "", "STMND_3": ""}, {"STMND_1": "", "STMND_2": ""}),
    "27": (
        {"BIDRAG": 0, "BIDRAG_JAN": "", "BIDRAG_FEB": "", "BIDRAG_MARS": ""},
        {
            "BIDRAG": 0,
            "LAAN": 30000,
            "BIDRAG_JAN": "",
            "BIDRAG_FEB": "",
            "BIDRAG_MARS": "",
            "LAAN_JAN": 30000,
        },
    ),
    "30": (
        {"BIDRAG": 1_000_001, "BIDRAG_JAN": 1_000_001, "BIDRAG_FEB": "", "BIDRAG_MARS": ""},
        {"BIDRAG": 1_000_000, "BIDRAG_JAN": 1_000_000, "BIDRAG_FEB": "", "BIDRAG_MARS": ""},
    ),
    "31": (
        {"BIDRAG": 200, "BIDRAG_JAN": 200, "BIDRAG_FEB": "", "BIDRAG_MARS": ""},
        {"BIDRAG": 201, "BIDRAG_JAN": 201, "BIDRAG_FEB": "", "BIDRAG_MARS": ""},
    ),
    "32": ({"GITT_OKONOMIRAD": "3"}, {"GITT_OKONOMIRAD": "1"}),
    "33": ({"FAAT_INDIVIDUELL_PLAN": ""}, {"FAAT_INDIVIDUELL_PLAN": "1"}),
    "35": ({"BOSIT": "7"}, {"BOSIT": "4"}),
    "36": ({"BIDRAG_MARS": 9999}, {"BIDRAG_MARS": 10000}),
    "37": ({"LAAN_JAN": 100}, {"LAAN": 100, "LAAN_JAN": 100}),
    "38": (
        {"PERSON_FODSELSNR": "", "PERSON_DUF": "123456789000"},
        {"PERSON_FODSELSNR": "", "PERSON_DUF": "123456789002"},
    ),
    "39": ({"VILKARSOSLOV": "3"}, NO_CONDITIONS),
    "40": ({"VILKARSAMEKT": ""}, {"VILKARSAMEKT": "1"}),
    "41": ({"UTBETDATO": "32012026"}, {"UTBETDATO": "31012026"}),
    "42": ({"UTBETTOMDATO": ""}, {"UTBETTOMDATO": "31122026"}),
    "43": ({"VILKARARBEID": "", "VILKARDIGPLAN": ""}, {"VILKARARBEID": "", "VILKARHELSE": "14"}),
}


def test_every_ported_rule_has_a_case() -> None:
    assert set(rule_ids()) - {"000", "001", "05A", "05B"} == set(CASES)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_rule_catches_its_record_and_lets_the_good_one_pass(rule: str) -> None:
    breaking, keeping = CASES[rule]
    assert rule in rules_broken(line(**breaking)), breaking
    assert rule not in rules_broken(line(**keeping)), keeping


def test_a_duplicate_fnr_and_a_duplicate_journal_number_are_errors() -> None:
    first = line()
    second_same_person = line(PERSON_JOURNALNR="J0000009")
    assert "05A" in rules_broken(first, second_same_person)
    assert "05B" not in rules_broken(first, second_same_person)
    other_person_same_journal = line(PERSON_FODSELSNR="02910150017")
    assert "05B" in rules_broken(first, other_person_same_journal)
    assert {"05A", "05B"}.isdisjoint(
        rules_broken(first, line(PERSON_JOURNALNR="J0000009", PERSON_FODSELSNR="02910150017"))
    )


def test_a_wrong_length_or_a_tab_is_fatal_and_stops_the_rest() -> None:
    findings = check_file(line()[:-1] + "\n", LAYOUT, region=REGION, has_recipients=True)
    assert [(f.rule, f.severity) for f in findings] == [("001", "FATAL")]
    tabbed = line()[:-1] + "\t"
    findings = check_file(tabbed + "\n", LAYOUT, region=REGION, has_recipients=True)
    assert [f.rule for f in findings] == ["001"]
    assert check_file(line() + "\n", LAYOUT, region=REGION, has_recipients=True) == []


def test_the_attachment_must_match_whether_there_are_recipients() -> None:
    assert [f.rule for f in check_file(" ", LAYOUT, region=REGION, has_recipients=True)] == ["000"]
    assert check_file(" ", LAYOUT, region=REGION, has_recipients=False) == []
    findings = check_file(line() + "\n", LAYOUT, region=REGION, has_recipients=False)
    assert [f.rule for f in findings] == ["000"]


def test_findings_carry_the_journal_number_and_caseworker_to_link_back() -> None:
    [finding] = check_file(line(BOSIT="7") + "\n", LAYOUT, region=REGION, has_recipients=True)[-1:]
    assert (finding.journal_number, finding.caseworker, finding.line) == ("J0000001", "SB0001", 1)


def test_the_layouts_are_ssbs_files_with_their_licence() -> None:
    data = Path(__file__).resolve().parents[2] / "navet" / "kostra" / "data"
    assert "Statistisk sentralbyrå" in (data / "LICENSE.md").read_text(encoding="utf-8")
    assert layout("11F", 2025).width == 338
