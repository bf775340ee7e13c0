"""parse_soknad on NAV's three valid søknader and on the forward-compatibility cases."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

import pytest

from navet.digisos.soknad import (
    PARSER_VERSION,
    Child,
    Confirmation,
    Employment,
    Item,
    Soknad,
    Spouse,
    parse_soknad,
)
from navet.digisos.validation import SOKNAD, schema_problems
from tests.digisos.nav import load


def parse(document: dict[str, Any]) -> Soknad:
    """Parse, after checking the document is schema-valid (the parser's precondition)."""
    assert schema_problems(document, SOKNAD) == []
    return parse_soknad(document)


def test_minimal_reads_as_empty_values() -> None:
    soknad = parse(load("soknad/minimal.json"))
    assert soknad == Soknad(
        version="1.0.0",
        national_id="12345678901",
        given_name="",
        middle_name="",
        family_name="",
        birth_date=None,
        phone="",
        account_number="",
        has_no_account=False,
        submitted_at=None,
        office_number="",
        office_name="",
        municipality_number="",
        kind="standard",
        applied_for="",
        reason="",
        marital_status="",
        spouse=None,
        children=(),
        has_maintenance_duty=None,
        child_support="",
        housing_type="",
        household_size=None,
        items=(),
        confirmations=(),
        employment=(),
        is_student=None,
        change_description="",
        notices=(),
        register_failures=(),
    )


def test_brukerdata_person_office_and_reason() -> None:
    soknad = parse(load("soknad/brukerdata.json"))
    assert soknad.version == "1.5.0"
    assert (soknad.given_name, soknad.middle_name, soknad.family_name) == (
        "Ola",
        "Mellom",
        "Nordmann",
    )
    assert soknad.phone == "+4711122333"
    assert (soknad.account_number, soknad.has_no_account) == ("12345678903", False)
    assert (soknad.office_number, soknad.municipality_number) == ("1161", "1161")
    assert soknad.office_name == "Eiganes og Tasta, Stavanger kommune"
    assert soknad.applied_for == "Søker om penger til..."
    assert soknad.reason == "Jeg søker fordi..."
    assert (soknad.housing_type, soknad.household_size, soknad.is_student) == ("annet", 3, True)
    assert soknad.submitted_at is None


def test_brukerdata_family() -> None:
    soknad = parse(load("soknad/brukerdata.json"))
    assert soknad.marital_status == "gift"
    assert soknad.spouse == Spouse("Kari K Nordmann", date(1991, 11, 30), "12345678901")
    assert soknad.has_maintenance_duty is True
    assert soknad.child_support == "betaler"
    assert soknad.children == (
        Child("Småen Nordmann", date(2010, 1, 1), "00000000000", False, None, 20),
        Child("Småen Den Andre Nordmann", date(2011, 10, 30), "11111111111", True, None, None),
    )


def test_brukerdata_economy() -> None:
    soknad = parse(load("soknad/brukerdata.json"))
    assert Counter(item.area for item in soknad.items) == {
        "income": 4,
        "expense": 6,
        "asset": 6,
        "payout": 5,
        "expense_detail": 11,
    }
    assert soknad.items[0] == Item(
        area="income",
        type="jobb",
        title="Lønnsinntekt",
        amount=25000,  # netto, not brutto 35000
        source="bruker",
        overridden=False,
        path="$.data.okonomi.oversikt.inntekt[0]",
    )
    by_path = {item.path: item for item in soknad.items}
    sfo = by_path["$.data.okonomi.oversikt.utgift[5]"]
    assert (sfo.area, sfo.type, sfo.title, sfo.amount) == ("expense", "sfo", "SFO", 1000)
    bsu = by_path["$.data.okonomi.oversikt.formue[1]"]
    assert (bsu.area, bsu.title, bsu.amount) == ("asset", "BSU", 12000)
    forsikring = by_path["$.data.okonomi.opplysninger.utbetaling[3]"]
    assert (forsikring.area, forsikring.title, forsikring.amount) == (
        "payout",
        "Forsikringsutbetaling",
        12333,
    )
    own_title = by_path["$.data.okonomi.opplysninger.utgift[3]"]
    assert (own_title.area, own_title.type, own_title.amount) == (
        "expense_detail",
        "annenBoutgift",
        123,
    )
    assert own_title.title == "Annen, bo (brukerangitt): Brukerdefinert tittel."
    assert soknad.confirmations[0] == Confirmation(
        "bostotte", "Søkt eller mottatt bostøtte fra Husbanken.", True
    )
    assert len(soknad.confirmations) == 6


def test_brukerdata_shows_the_kompatibilitet_text_for_our_version_only() -> None:
    # 1.0.0..1.4.0 holds 1.0.11; 1.3.0..1.4.0 does not.
    assert PARSER_VERSION == "1.0.11"
    assert parse(load("soknad/brukerdata.json")).notices == ("Statsborgerskap: Norge",)


def test_systemdata_register_values() -> None:
    soknad = parse(load("soknad/systemdata.json"))
    assert soknad.submitted_at == datetime(2018, 10, 4, 13, 37, 0, 134000, tzinfo=UTC)
    assert soknad.submitted_at.tzinfo is UTC
    assert soknad.spouse == Spouse("Kari K Nordmann", date(1991, 1, 1), "12345678901")
    # Registered at the same address: lives with the applicant. NAV's fixture spells the
    # shared-residence key "HarDeltBosted", which the schema does not know, so it is absent.
    assert soknad.children == (
        Child("Småen Nordmann", date(2010, 1, 1), "00000000000", True, None, 20),
        Child("Småen Den Andre Nordmann", date(2011, 1, 1), "11111111111", True, None, 50),
    )
    assert soknad.employment == (
        Employment("Firmaet AS", date(2010, 11, 1), date(2017, 12, 1), 80),
        Employment("Firmaet AS", date(2018, 1, 1), None, 0),
        Employment("Firmaet AS", date(2010, 10, 1), None, 50),  # NAV's "tom": "2017-13-01"
    )


def test_systemdata_payouts_and_housing_support() -> None:
    soknad = parse(load("soknad/systemdata.json"))
    assert [(i.area, i.type, i.title, i.amount, i.source) for i in soknad.items] == [
        ("payout", "utbytte", "Utbytte fra aksjer, obligasjoner eller fond", 1337, "bruker"),
        ("payout", "navytelse", "Sykepenger", 18201, "system"),  # netto 18201.0
        ("payout", "navytelse", "Pensjon", 14952, "system"),
        ("payout", "skatteopplysninger", "Lønn", 18452, "system"),  # only brutto
        ("payout", "husbanken", "Statlig bostøtte", 6000, "system"),
        ("housing_support", "husbanken", "husbanken", None, "system"),  # no beskrivelse
        ("housing_support", "husbanken", "Søknaden din er innvilget.", None, "system"),
    ]
    assert soknad.items[-1].path == "$.data.okonomi.opplysninger.bostotte.saker[1]"


def test_the_result_is_frozen_and_made_of_tuples() -> None:
    soknad = parse(load("soknad/brukerdata.json"))
    assert isinstance(soknad.items, tuple)
    assert isinstance(soknad.children, tuple)
    hash(soknad)
    with pytest.raises(AttributeError):
        soknad.phone = "+47"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("fields", "amount"),
    [
        ({"netto": 100.5, "belop": 7, "brutto": 9.0}, 101),  # netto first, half up
        ({"netto": 100.49}, 100),
        ({"netto": 0.0, "belop": 7}, 0),  # zero is an amount
        ({"belop": 7, "brutto": 9.0}, 7),
        ({"brutto": 2.5}, 3),
        ({}, None),
    ],
)
def test_a_payout_amount_is_netto_else_belop_else_brutto_in_whole_kroner(
    fields: dict[str, Any], amount: int | None
) -> None:
    soknad = load("soknad/minimal.json")
    row = {
        "kilde": "system",
        "type": "navytelse",
        "tittel": "Dagpenger",
        "overstyrtAvBruker": False,
    }
    soknad["data"]["okonomi"]["opplysninger"]["utbetaling"] = [row | fields]
    [item] = parse(soknad).items
    assert (item.area, item.amount) == ("payout", amount)


def test_an_income_amount_is_netto_else_brutto() -> None:
    soknad = load("soknad/minimal.json")
    base = {"kilde": "bruker", "type": "jobb", "tittel": "Lønn", "overstyrtAvBruker": False}
    soknad["data"]["okonomi"]["oversikt"]["inntekt"] = [base | {"brutto": 300}, base]
    assert [item.amount for item in parse(soknad).items] == [300, None]


def test_outdated_rows_are_left_out_everywhere() -> None:
    soknad = load("soknad/brukerdata.json")
    data = soknad["data"]
    data["okonomi"]["oversikt"]["inntekt"][0]["kilde"] = "utdatert"
    data["okonomi"]["opplysninger"]["utgift"][0]["kilde"] = "utdatert"
    data["okonomi"]["opplysninger"]["bekreftelse"][0]["kilde"] = "utdatert"
    data["personalia"]["telefonnummer"]["kilde"] = "utdatert"
    data["familie"]["forsorgerplikt"]["ansvar"][0]["barn"]["kilde"] = "utdatert"
    data["familie"]["forsorgerplikt"]["ansvar"][1]["borSammenMed"]["kilde"] = "utdatert"
    parsed = parse(soknad)
    paths = {item.path for item in parsed.items}
    assert "$.data.okonomi.oversikt.inntekt[0]" not in paths
    assert "$.data.okonomi.opplysninger.utgift[0]" not in paths
    assert "$.data.okonomi.oversikt.inntekt[1]" in paths
    assert len(parsed.items) == 30
    assert [c.type for c in parsed.confirmations] == [
        "verdi",
        "sparing",
        "utbetaling",
        "boutgifter",
        "barneutgifter",
    ]
    assert parsed.phone == ""
    assert [(c.name, c.lives_with) for c in parsed.children] == [("Småen Den Andre Nordmann", None)]


def test_unknown_codes_and_fields_are_kept_or_ignored() -> None:
    soknad = load("soknad/minimal.json")
    soknad["data"]["nyttFelt"] = {"kommer": "senere"}
    soknad["data"]["okonomi"]["oversikt"]["formue"] = [
        {
            "kilde": "system",
            "type": "kryptovaluta",
            "tittel": "Kryptovaluta (fra register)",
            "belop": 12,
            "overstyrtAvBruker": True,
            "nyttFelt": 1,
        }
    ]
    [item] = parse(soknad).items
    assert (item.area, item.type, item.title, item.amount, item.overridden) == (
        "asset",
        "kryptovaluta",
        "Kryptovaluta (fra register)",
        12,
        True,
    )


def test_a_short_soknad_carries_its_change() -> None:
    soknad = load("soknad/minimal.json")
    soknad["data"]["soknadstype"] = "kort"
    soknad["data"]["situasjonendring"] = {
        "kilde": "bruker",
        "harNoeEndretSeg": True,
        "hvaHarEndretSeg": "Ny jobb fra mars.",
    }
    parsed = parse(soknad)
    assert (parsed.kind, parsed.change_description) == ("kort", "Ny jobb fra mars.")


def test_failed_register_lookups_are_named() -> None:
    soknad = load("soknad/minimal.json")
    soknad["driftsinformasjon"]["inntektFraSkatteetatenFeilet"] = True
    soknad["driftsinformasjon"]["stotteFraHusbankenFeilet"] = True
    assert parse(soknad).register_failures == (
        "inntektFraSkatteetatenFeilet",
        "stotteFraHusbankenFeilet",
    )


@pytest.mark.parametrize(
    ("bounds", "shown"),
    [
        ({"minVersion": "1.0.9", "maxVersion": "1.0.20"}, True),  # not string order
        ({"minVersion": "1.0.11", "maxVersion": "1.0.11"}, True),  # inclusive
        ({"minVersion": "1.0.12"}, False),
        ({"maxVersion": "1.0.10"}, False),
        ({"maxVersion": "1.0.11-rc1"}, False),  # a pre-release comes before its release
        ({"minVersion": "1.0.11-rc1", "maxVersion": "2.0.0"}, True),
        ({}, True),  # both bounds open
        ({"minVersion": "snart"}, True),  # unreadable: shown, since it MUST be shown if it applies
    ],
)
def test_a_kompatibilitet_text_is_shown_when_its_range_holds_our_version(
    bounds: dict[str, str], shown: bool
) -> None:
    soknad = load("soknad/minimal.json")
    soknad["kompatibilitet"] = [bounds | {"text": "**Merk:** feltet er endret."}]
    assert parse(soknad).notices == (("**Merk:** feltet er endret.",) if shown else ())
