"""pain.001 files: valid against the official XSDs, deterministic, and what the XSD cannot
see is caught; bad input is refused before a file exists."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navet.iso20022.numbers import luhn_check_digit, mod11_check_char
from navet.iso20022.pain001 import (
    SCHEMA_FILES,
    XSD_FOLDER,
    Debtor,
    PaymentFile,
    Transfer,
    build,
    semantic_problems,
    xsd_problems,
)
from tests.iso20022.elementtree_reference import build_with_elementtree

TODAY = date(2026, 12, 4)
LUHN_KID = "123456789" + luhn_check_digit("123456789")
MOD11_KID = "2345676" + mod11_check_char("2345676")


def a_file(version: str = "03", **changes: object) -> PaymentFile:
    base = PaymentFile(
        message_id="NAVET-0315-2026-U0001",
        created_at=datetime(2026, 12, 4, 9, 30, 12, 123456, tzinfo=UTC),
        execution_date=date(2026, 12, 18),
        debtor=Debtor("Nav Grünerløkka – sosialtjenesten", "12345678903", "912345602"),
        transfers=(
            Transfer("a" * 32, Decimal("9034"), "Kari Hansen", "86011117947", text="Stønad"),
            Transfer("b" * 32, Decimal("7300.50"), "Utleie AS", "86011117947", kid=LUHN_KID),
            Transfer("c" * 32, Decimal("900"), "Kraft AS", "86011117947", kid=MOD11_KID),
        ),
        version=version,  # type: ignore[arg-type]
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("version", ["03", "09"])
def test_a_file_is_valid_and_the_same_every_time(version: str) -> None:
    xml = build(a_file(version))
    assert xsd_problems(xml) == []
    assert semantic_problems(xml, today=TODAY) == []
    assert build(a_file(version)) == xml
    assert f"pain.001.001.{version}".encode() in xml
    assert b"<CtrlSum>17234.50</CtrlSum>" in xml and b"<Cd>SCOR</Cd>" in xml
    assert "Grünerløkka".encode() in xml  # UTF-8, Norwegian letters kept


def test_tampering_is_caught() -> None:
    xml = build(a_file())
    assert semantic_problems(xml.replace(b"17234.50", b"17234.00", 1), today=TODAY)
    assert semantic_problems(xml.replace(b"b" * 32, b"a" * 32), today=TODAY)
    assert semantic_problems(xml.replace(b"86011117947", b"86011117948", 1), today=TODAY)
    assert semantic_problems(xml.replace(LUHN_KID.encode(), b"1234567890"), today=TODAY)
    assert semantic_problems(xml, today=date(2026, 12, 19))  # execution date passed
    assert xsd_problems(xml.replace(b"<MsgId>", b"<MsgIdent>").replace(b"</MsgId>", b"</MsgIdent>"))
    assert xsd_problems(b"not xml") and xsd_problems(b"<Document xmlns='urn:x'/>")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"transfers": ()}, "no transfers"),
        ({"debtor": Debtor("Oslo", "12345678904", "912345602")}, "debtor account"),
        ({"message_id": "X" * 40}, "message id"),
    ],
)
def test_bad_files_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build(a_file(**changes))


@pytest.mark.parametrize(
    ("transfer", "message"),
    [
        (Transfer("x", Decimal("0"), "A", "86011117947"), "positive"),
        (Transfer("x", Decimal("1.005"), "A", "86011117947"), "two decimals"),
        (Transfer("x", Decimal("1"), "A", "86011117948"), "creditor account"),
        (Transfer("x", Decimal("1"), "A", "86011117947", kid="1234567891"), "check digit"),
        (Transfer("x", Decimal("1"), "A", "86011117947", kid=LUHN_KID, text="t"), "not both"),
        (Transfer("x", Decimal("1"), "A", "86011117947", text="t" * 141), "140"),
        (Transfer("x" * 36, Decimal("1"), "A", "86011117947"), "end-to-end id"),
        (Transfer("x", Decimal("1"), " ", "86011117947"), "creditor name"),
    ],
)
def test_bad_transfers_are_refused(transfer: Transfer, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build(a_file(transfers=(transfer,)))


def test_the_same_end_to_end_id_twice_is_refused() -> None:
    twice = Transfer("x", Decimal("1"), "A", "86011117947")
    with pytest.raises(ValueError, match="more than once"):
        build(a_file(transfers=(twice, twice)))


def test_the_vendored_schemas_are_the_documented_ones() -> None:
    readme = (XSD_FOLDER / "README.md").read_text()
    for name in SCHEMA_FILES.values():
        digest = hashlib.sha256((XSD_FOLDER / name).read_bytes()).hexdigest()
        assert digest in readme, name


# Names and texts as people write them, with what XML must escape.
NAMES = st.text(
    alphabet=st.sampled_from("abcæøåÆØÅ &<>\"'-.,/()éü0123456789"), min_size=1, max_size=70
).filter(lambda name: name.strip() != "")


@settings(max_examples=60, deadline=None)
@given(
    version=st.sampled_from(["03", "09"]),
    debtor_name=NAMES,
    bic=st.sampled_from(["", "DNBANOKKXXX"]),
    lines=st.lists(
        st.tuples(
            NAMES,
            st.integers(min_value=1, max_value=10_000_000),
            st.sampled_from(["", LUHN_KID, MOD11_KID]),
            st.one_of(st.just(""), NAMES.map(lambda t: t[:140])),
        ),
        min_size=1,
        max_size=8,
    ),
)
def test_the_text_writer_writes_what_elementtree_wrote(
    version: str, debtor_name: str, bic: str, lines: list[tuple[str, int, str, str]]
) -> None:
    payment_file = a_file(
        version,
        debtor=Debtor(debtor_name, "12345678903", "912345602", bic=bic),
        transfers=tuple(
            Transfer(
                f"{n:032x}",
                Decimal(cents) / 100,
                name,
                "86011117947",
                kid=kid,
                text="" if kid else text,
            )
            for n, (name, cents, kid, text) in enumerate(lines)
        ),
    )
    xml = build(payment_file)
    assert xml == build_with_elementtree(payment_file)
    assert xsd_problems(xml) == [] and semantic_problems(xml, today=TODAY) == []
