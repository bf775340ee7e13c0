"""Schema problems are field-level and never repeat a value; the innsyn project rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft6Validator

from navet.digisos.validation import (
    INNSYN,
    SOKNAD,
    Problem,
    format_date,
    format_timestamp,
    innsyn_problems,
    json_path,
    parse_date,
    parse_timestamp,
    schema_problems,
)
from tests.digisos.nav import load

ELEVEN_DIGITS = "^" + "[0-9]" * 11 + "$"
FOUR_DIGITS = "^" + "[0-9]" * 4 + "$"
TIDSPUNKT = "types/tidspunkt.json"
DATO = "types/dato.json"


def messages(problems: list[Problem]) -> list[str]:
    return [str(problem) for problem in problems]


# --- Problem and paths -----------------------------------------------------------------


def test_a_problem_reads_as_file_path_and_message() -> None:
    problem = Problem(
        "$.data.personalia.kontonummer.verdi",
        "does not match the pattern ^[0-9]{11}$",
        "soknad.json",
    )
    assert str(problem) == (
        "soknad.json $.data.personalia.kontonummer.verdi: does not match the pattern ^[0-9]{11}$"
    )
    assert str(Problem("$", "'version' is required")) == "$: 'version' is required"


def test_json_paths_index_arrays_and_quote_odd_keys() -> None:
    assert json_path(()) == "$"
    assert json_path(("hendelser", 1, "navKontor")) == "$.hendelser[1].navKontor"
    assert json_path(("a b", 0)) == '$["a b"][0]'


# --- Field-level schema problems -------------------------------------------------------


def test_an_invalid_kontonummer_is_reported_at_its_path() -> None:
    soknad = load("soknad/brukerdata.json")
    soknad["data"]["personalia"]["kontonummer"]["verdi"] = "1234.56.78903"
    assert schema_problems(soknad, SOKNAD) == [
        Problem(
            "$.data.personalia.kontonummer.verdi", f"does not match the pattern {ELEVEN_DIGITS}"
        )
    ]


def test_a_missing_required_field_is_named() -> None:
    soknad = load("soknad/minimal.json")
    del soknad["version"]
    del soknad["data"]["begrunnelse"]["hvaSokesOm"]
    assert schema_problems(soknad, SOKNAD) == [
        Problem("$", "'version' is required"),
        Problem("$.data.begrunnelse", "'hvaSokesOm' is required"),
    ]


def test_an_address_problem_is_reported_in_the_variant_its_type_names() -> None:
    soknad = load("soknad/brukerdata.json")
    personalia = soknad["data"]["personalia"]
    personalia["folkeregistrertAdresse"]["postnummer"] = 598  # gateadresse
    personalia["oppholdsadresse"]["adresse"] = "Under en bro i Oslo"  # ustrukturert
    assert schema_problems(soknad, SOKNAD) == [
        Problem("$.data.personalia.folkeregistrertAdresse.postnummer", "must be of type string"),
        Problem("$.data.personalia.oppholdsadresse.adresse", "must be of type array"),
    ]


def test_an_enum_problem_lists_the_allowed_values() -> None:
    soker = load("digisos/soker/minimal.json")
    soker["hendelser"][0]["status"] = "MOTATT"
    assert schema_problems(soker, INNSYN) == [
        Problem(
            "$.hendelser[0].status",
            "must be one of: MOTTATT, UNDER_BEHANDLING, FERDIGBEHANDLET, BEHANDLES_IKKE",
        )
    ]


def test_a_dependency_names_the_missing_field() -> None:
    soknad = load("soknad/brukerdata.json")
    soknad["data"]["arbeid"]["kommentarTilArbeidsforhold"] = {"kilde": "bruker", "verdi": "…"}
    assert schema_problems(soknad, SOKNAD) == [
        Problem(
            "$.data.arbeid", "'forhold' is required when 'kommentarTilArbeidsforhold' is present"
        )
    ]


def with_hendelser(*hendelser: dict[str, Any]) -> dict[str, Any]:
    soker: dict[str, Any] = load("digisos/soker/minimal.json")
    soker["hendelser"].extend(hendelser)
    return soker


def at(minute: int, second: str = "00.000") -> str:
    return f"2024-03-01T10:{minute:02d}:{second}Z"


def test_a_bad_hendelse_field_is_reported_at_its_path_not_as_a_oneof_blob() -> None:
    soker = with_hendelser(
        {"type": "tildeltNavKontor", "hendelsestidspunkt": at(1), "navKontor": "31"}
    )
    expected = [Problem("$.hendelser[1].navKontor", f"does not match the pattern {FOUR_DIGITS}")]
    assert schema_problems(soker, INNSYN) == expected
    assert innsyn_problems(soker) == expected


def test_a_nested_filreferanse_problem_is_reported_in_its_variant() -> None:
    svarut_without_nr = {"type": "svarut", "id": "12345678-9abc-def0-1234-56789abcdea1"}
    vedtak = {
        "type": "vedtakFattet",
        "hendelsestidspunkt": at(2),
        "saksreferanse": "S1",
        "vedtaksfil": {"referanse": svarut_without_nr},
    }
    soker = with_hendelser(
        {
            "type": "saksStatus",
            "hendelsestidspunkt": at(1),
            "referanse": "S1",
            "tittel": "Livsopphold",
        },
        vedtak,
    )
    assert innsyn_problems(soker) == [
        Problem("$.hendelser[2].vedtaksfil.referanse", "'nr' is required")
    ]


def test_an_unknown_hendelse_type_gives_one_problem_on_type() -> None:
    soker = with_hendelser({"type": "klageMottatt", "hendelsestidspunkt": at(1)})
    problems = innsyn_problems(soker)
    assert [p.path for p in problems] == ["$.hendelser[1].type"]
    assert problems[0].message.startswith("must be one of: tildeltNavKontor, soknadsStatus,")


def test_a_missing_required_field_of_a_hendelse_replaces_the_oneof_error() -> None:
    soker = with_hendelser(
        {"type": "utbetaling", "hendelsestidspunkt": at(1), "annenMottaker": False}
    )
    assert innsyn_problems(soker) == [
        Problem("$.hendelser[1]", "'utbetalingsreferanse' is required")
    ]


def test_problems_are_sorted_by_path_with_numeric_indexes() -> None:
    soker = with_hendelser(
        *(
            {"type": "tildeltNavKontor", "hendelsestidspunkt": at(minute), "navKontor": "1"}
            for minute in range(1, 12)
        )
    )
    paths = [p.path for p in schema_problems(soker, INNSYN)]
    assert paths == [f"$.hendelser[{index}].navKontor" for index in range(1, 12)]


# --- Privacy: never the value ----------------------------------------------------------

FNR = "24017312345"


def test_a_failing_national_id_never_appears_in_a_message() -> None:
    soknad = load("soknad/brukerdata.json")
    personalia = soknad["data"]["personalia"]
    personalia["personIdentifikator"] = {"kilde": FNR, "verdi": int(FNR)}
    personalia["kontonummer"]["verdi"] = f"{FNR}9"
    personalia["navn"] = {"kilde": "system", "fornavn": FNR}
    problems = schema_problems(soknad, SOKNAD)
    # jsonschema's own messages would have leaked it: the test can fail.
    raw = [e.message for e in Draft6Validator({"type": "string"}).iter_errors(int(FNR))]
    assert any(FNR in message for message in raw)
    assert len(problems) >= 4
    for problem in problems:
        assert FNR not in str(problem)
        assert FNR not in repr(problem)


@settings(max_examples=100, deadline=None)
@given(value=st.from_regex(r"[0-9]{6}[ .-]?[0-9]{5,6}", fullmatch=True))
def test_no_failing_kontonummer_appears_in_a_message(value: str) -> None:
    soknad = load("soknad/systemdata.json")
    soknad["data"]["personalia"]["kontonummer"]["verdi"] = value
    soker = with_hendelser(
        {
            "type": "utbetaling",
            "hendelsestidspunkt": at(1),
            "utbetalingsreferanse": "U1",
            "annenMottaker": False,
            "kontonummer": value,
        }
    )
    for problem in [*schema_problems(soknad, SOKNAD), *innsyn_problems(soker)]:
        assert value not in str(problem)


# --- Innsyn project rules --------------------------------------------------------------


def good_sequence() -> dict[str, Any]:
    """MOTTATT, sak, vedtak, payment, vilkår, krav, FERDIGBEHANDLET: as innsyn wants it."""
    return with_hendelser(
        {"type": "soknadsStatus", "hendelsestidspunkt": at(1), "status": "UNDER_BEHANDLING"},
        {
            "type": "saksStatus",
            "hendelsestidspunkt": at(2),
            "referanse": "S1",
            "tittel": "Livsopphold",
            "status": "UNDER_BEHANDLING",
        },
        {
            "type": "vedtakFattet",
            "hendelsestidspunkt": at(3),
            "saksreferanse": "S1",
            "utfall": "INNVILGET",
            "vedtaksfil": {
                "referanse": {"type": "dokumentlager", "id": "12345678-9abc-def0-1234-56789abcdef0"}
            },
        },
        {
            "type": "utbetaling",
            "hendelsestidspunkt": at(4),
            "utbetalingsreferanse": "U1",
            "saksreferanse": "S1",
            "status": "PLANLAGT_UTBETALING",
            "belop": 6550,
            "annenMottaker": False,
            "kontonummer": "12345678903",
        },
        {
            "type": "vilkar",
            "hendelsestidspunkt": at(5),
            "vilkarreferanse": "V1",
            "saksreferanse": "S1",
            "utbetalingsreferanse": ["U1"],
            "tittel": "Søke bostøtte",
            "status": "RELEVANT",
        },
        {
            "type": "dokumentasjonkrav",
            "hendelsestidspunkt": at(6),
            "dokumentasjonkravreferanse": "D1",
            "saksreferanse": "S1",
            "utbetalingsreferanse": ["U1"],
            "tittel": "Husleie",
            "frist": at(59),
            "status": "RELEVANT",
        },
        {"type": "soknadsStatus", "hendelsestidspunkt": at(7), "status": "FERDIGBEHANDLET"},
    )


def test_a_well_formed_sequence_has_no_problems() -> None:
    assert innsyn_problems(good_sequence()) == []


@pytest.mark.parametrize("name", ["minimal.json", "kan-ha-nye-felter.json"])
def test_navs_valid_files_follow_the_project_rules(name: str) -> None:
    assert innsyn_problems(load(f"digisos/soker/{name}")) == []


def test_navs_komplett_breaks_exactly_the_ordering_and_reference_rules() -> None:
    """NAV's komplett.json is schema-valid but not a file innsyn reads as meant.

    - the vedtakFattet for SAK1 (index 6) comes before SAK1's saksStatus (index 8);
    - many hendelser share 2018-10-12T13:37:00.134Z, and 14, 15 and 17 go back in time.
    """
    komplett = load("digisos/soker/komplett.json")
    assert schema_problems(komplett, INNSYN) == []
    order = "must be later than the hendelsestidspunkt of $.hendelser[{}] (strictly increasing)"
    assert innsyn_problems(komplett) == [
        Problem(
            "$.hendelser[6].saksreferanse", "refers to no saksStatus referanse earlier in the list"
        ),
        *(
            Problem(f"$.hendelser[{index}].hendelsestidspunkt", order.format(index - 1))
            for index in (7, 8, 9, 10, 11, 13, 14, 15, 17)
        ),
    ]


def test_the_first_hendelse_must_be_mottatt() -> None:
    soker = good_sequence()
    soker["hendelser"][0]["status"] = "UNDER_BEHANDLING"
    soker["hendelser"][1]["status"] = "MOTTATT"
    assert messages(innsyn_problems(soker)) == [
        "$.hendelser[0]: the first hendelse must be soknadsStatus MOTTATT"
    ]


@pytest.mark.parametrize(
    ("first", "second", "in_order"),
    [
        (at(1), at(2), True),
        (at(1), at(1), False),
        (at(2), at(1), False),
        (at(1, "00.1"), at(1, "00.100"), False),  # the same instant, written differently
        (at(1, "00.05"), at(1, "00.1"), True),  # not a string comparison
        (at(1, "00.123456789"), at(1, "00.123456790"), True),  # nanoseconds count
    ],
)
def test_hendelsestidspunkt_must_strictly_increase(first: str, second: str, in_order: bool) -> None:
    soker = good_sequence()
    soker["hendelser"][0]["hendelsestidspunkt"] = first
    soker["hendelser"][1]["hendelsestidspunkt"] = second
    for hendelse in soker["hendelser"][2:]:
        hendelse["hendelsestidspunkt"] = hendelse["hendelsestidspunkt"].replace("10:", "11:")
    expected = (
        []
        if in_order
        else [
            Problem(
                "$.hendelser[1].hendelsestidspunkt",
                "must be later than the hendelsestidspunkt of $.hendelser[0] (strictly increasing)",
            )
        ]
    )
    assert innsyn_problems(soker) == expected


@pytest.mark.parametrize(("index", "kind"), [(5, "vilkar"), (6, "dokumentasjonkrav")])
@pytest.mark.parametrize("field", ["status", "saksreferanse", "tittel"])
def test_vilkar_and_krav_need_status_sak_and_title(index: int, kind: str, field: str) -> None:
    soker = good_sequence()
    del soker["hendelser"][index][field]
    assert innsyn_problems(soker) == [
        Problem(f"$.hendelser[{index}]", f"'{field}' is required on {kind} (innsyn needs it)")
    ]


def test_a_sak_needs_its_title() -> None:
    soker = good_sequence()
    del soker["hendelser"][2]["tittel"]
    assert messages(innsyn_problems(soker)) == [
        "$.hendelser[2]: 'tittel' is required on saksStatus (innsyn erases the title without it)"
    ]


def test_a_payment_says_whether_someone_else_is_paid() -> None:
    soker = good_sequence()
    del soker["hendelser"][4]["annenMottaker"]
    [problem] = innsyn_problems(soker)
    assert problem.path == "$.hendelser[4]"
    assert problem.message.startswith("'annenMottaker' is required on utbetaling")


@pytest.mark.parametrize("index", [3, 4, 5, 6])
def test_a_saksreferanse_must_name_an_earlier_sak(index: int) -> None:
    soker = good_sequence()
    soker["hendelser"][index]["saksreferanse"] = "S2"
    assert innsyn_problems(soker) == [
        Problem(
            f"$.hendelser[{index}].saksreferanse",
            "refers to no saksStatus referanse earlier in the list",
        )
    ]


def test_a_payment_without_a_sak_is_allowed() -> None:
    soker = good_sequence()
    del soker["hendelser"][4]["saksreferanse"]
    assert innsyn_problems(soker) == []


def test_a_sak_emitted_later_does_not_count() -> None:
    soker = good_sequence()
    hendelser = soker["hendelser"]
    hendelser[2], hendelser[3] = hendelser[3], hendelser[2]
    hendelser[2]["hendelsestidspunkt"], hendelser[3]["hendelsestidspunkt"] = at(2), at(3)
    assert messages(innsyn_problems(soker)) == [
        "$.hendelser[2].saksreferanse: refers to no saksStatus referanse earlier in the list"
    ]


@pytest.mark.parametrize("index", [5, 6])
def test_an_utbetalingsreferanse_must_name_an_earlier_payment(index: int) -> None:
    soker = good_sequence()
    soker["hendelser"][index]["utbetalingsreferanse"] = ["U1", "U2"]
    assert innsyn_problems(soker) == [
        Problem(
            f"$.hendelser[{index}].utbetalingsreferanse[1]",
            "refers to no utbetaling earlier in the list",
        )
    ]


def test_no_referanse_may_be_default() -> None:
    soker = good_sequence()
    for hendelse in soker["hendelser"]:
        for key in ("referanse", "saksreferanse"):
            if key in hendelse:
                hendelse[key] = "default"
    soker["hendelser"][5]["utbetalingsreferanse"] = ["U1", "default"]
    default = 'must not be "default" (innsyn treats it as a fallback sak)'
    payment = "refers to no utbetaling earlier in the list"
    assert messages(innsyn_problems(soker)) == [
        f"$.hendelser[2].referanse: {default}",
        f"$.hendelser[3].saksreferanse: {default}",
        f"$.hendelser[4].saksreferanse: {default}",
        f"$.hendelser[5].saksreferanse: {default}",
        f"$.hendelser[5].utbetalingsreferanse[1]: {default}",
        f"$.hendelser[5].utbetalingsreferanse[1]: {payment}",
        f"$.hendelser[6].saksreferanse: {default}",
    ]


def test_a_null_is_reported_wherever_it_is() -> None:
    soker = good_sequence()
    soker["hendelser"][4]["belop"] = None
    soker["hendelser"][5]["utbetalingsreferanse"] = ["U1", None]
    soker["avsender"]["kommentar"] = None  # an unknown field: still no null
    assert messages(innsyn_problems(soker)) == [
        "$.avsender.kommentar: must not be null: leave the key out instead",
        "$.hendelser[4].belop: must be of type number",
        "$.hendelser[4].belop: must not be null: leave the key out instead",
        "$.hendelser[5].utbetalingsreferanse[1]: must be of type string",
        "$.hendelser[5].utbetalingsreferanse[1]: must not be null: leave the key out instead",
    ]


@pytest.mark.parametrize(
    "document", [None, [], {}, {"hendelser": "none"}, {"hendelser": [1, None]}]
)
def test_a_broken_document_gives_problems_not_an_exception(document: object) -> None:
    assert innsyn_problems(document)


# --- Timestamps and dates --------------------------------------------------------------


def test_a_timestamp_always_has_milliseconds_and_z() -> None:
    assert format_timestamp(datetime(2024, 3, 1, 10, 0, tzinfo=UTC)) == "2024-03-01T10:00:00.000Z"
    moment = datetime(2024, 3, 1, 10, 0, 5, 123999, tzinfo=UTC)
    assert format_timestamp(moment) == "2024-03-01T10:00:05.123Z"


def test_a_timestamp_in_another_zone_is_converted_to_utc() -> None:
    oslo_summer = datetime(2024, 7, 1, 0, 30, tzinfo=ZoneInfo("Europe/Oslo"))
    assert format_timestamp(oslo_summer) == "2024-06-30T22:30:00.000Z"
    plus_two = datetime(2024, 1, 1, 1, 0, 0, 250000, tzinfo=timezone(timedelta(hours=2)))
    assert format_timestamp(plus_two) == "2023-12-31T23:00:00.250Z"


def test_a_naive_timestamp_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        format_timestamp(datetime(2024, 3, 1, 10, 0))


@settings(max_examples=200, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime(1900, 1, 2),
        max_value=datetime(2200, 1, 1),
        timezones=st.sampled_from([UTC, ZoneInfo("Europe/Oslo"), timezone(timedelta(hours=-5))]),
    )
)
def test_every_formatted_timestamp_passes_the_schema_and_reads_back(moment: datetime) -> None:
    text = format_timestamp(moment)
    assert schema_problems(text, TIDSPUNKT) == []
    parsed = parse_timestamp(text)
    assert parsed is not None
    assert parsed == moment.astimezone(UTC).replace(microsecond=moment.microsecond // 1000 * 1000)


def test_isoformat_fails_the_schema_which_is_why_format_timestamp_exists() -> None:
    assert schema_problems(datetime(2024, 3, 1, tzinfo=UTC).isoformat(), TIDSPUNKT)


def test_a_date_is_written_as_yyyy_mm_dd() -> None:
    assert format_date(date(2024, 1, 5)) == "2024-01-05"
    assert schema_problems(format_date(date(987, 1, 5)), DATO) == []
    with pytest.raises(TypeError):
        format_date(datetime(2024, 1, 5, tzinfo=UTC))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018-10-04T13:37:00.134Z", datetime(2018, 10, 4, 13, 37, 0, 134000, tzinfo=UTC)),
        ("2018-10-04T13:37:00.123456789Z", datetime(2018, 10, 4, 13, 37, 0, 123456, tzinfo=UTC)),
        ("2018-10-04T13:37:00Z", None),
        ("2018-10-04T13:37:00.134+01:00", None),
        ("2018-13-04T13:37:00.134Z", None),
        (None, None),
    ],
)
def test_parse_timestamp(text: str | None, expected: datetime | None) -> None:
    assert parse_timestamp(text) == expected


def test_parse_date_gives_none_for_an_impossible_date() -> None:
    assert parse_date("2017-12-01") == date(2017, 12, 1)
    assert parse_date("2017-13-01") is None
    assert parse_date("1.1.2017") is None
