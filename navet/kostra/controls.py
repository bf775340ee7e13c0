"""SSB's control rules for skjema 11F, ported rule by rule from SSB's control program
(statisticsnorway/kostra-kontrollprogram, MIT; described in ../shared/reference/kostra.md
§ 4). Each rule keeps SSB's number and severity. A file with an ERROR or FATAL finding is
not offered as final.

One deliberate difference, documented in docs/leader.md: SSB's 2026 pre-release marks
BYDELSNR mandatory (Kontroll 002) while Kontroll 03 requires it blank outside Oslo, so no
correct file from outside Oslo could pass; Navet follows Kontroll 03 and does not report a
blank BYDELSNR outside Oslo as missing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from navet.kostra import identity
from navet.kostra.layout import Layout
from navet.kostra.record import read_record

Severity = Literal["FATAL", "ERROR", "WARNING"]
OSLO = "0301"
MONTH_FIELDS = tuple(f"STMND_{n}" for n in range(1, 13))
MONTH_NAMES = (
    "JAN", "FEB", "MARS", "APRIL", "MAI", "JUNI", "JULI", "AUG", "SEPT", "OKT", "NOV", "DES",
)  # fmt: skip
GRANT_MONTHS = tuple(f"BIDRAG_{m}" for m in MONTH_NAMES)
LOAN_MONTHS = tuple(f"LAAN_{m}" for m in MONTH_NAMES)
CONDITION_FIELDS = (
    "VILKARARBEID", "VILKARKURS", "VILKARUTD", "VILKARJOBBLOG", "VILKARJOBBTILB",
    "VILKARSAMT", "VILKAROKRETT", "VILKARLIVSH", "VILKARHELSE", "VILKARANNET",
    "VILKARDIGPLAN", "VILKARNORSKSAMISKOPPL",
)  # fmt: skip


# What the leader reads for SSB's field names (the fields a record can miss or get wrong).
FIELD_LABELS = {
    "KOMMUNE_NR": gettext_lazy("Kommunenummer"),
    "VERSION": gettext_lazy("Årgang"),
    "BYDELSNR": gettext_lazy("Bydelsnummer"),
    "FODSELSDATO": gettext_lazy("Fødselsdato"),
    "PERSON_JOURNALNR": gettext_lazy("Journalnummer"),
    "PERSON_FODSELSNR": gettext_lazy("Fødselsnummer"),
    "KJONN": gettext_lazy("Kjønn"),
    "EKTSTAT": gettext_lazy("Sivilstand"),
    "BU18": gettext_lazy("Barn under 18 år"),
    "ANTBU18": gettext_lazy("Antall barn under 18 år"),
    "VKLO": gettext_lazy("Viktigste kilde til livsopphold"),
    "TRYGDESIT": gettext_lazy("Trygdesituasjon"),
    "ARBSIT": gettext_lazy("Arbeidssituasjon"),
    "BIDRAG": gettext_lazy("Bidrag i året"),
    "LAAN": gettext_lazy("Lån i året"),
    "GITT_OKONOMIRAD": gettext_lazy("Økonomisk rådgivning"),
    "FAAT_INDIVIDUELL_PLAN": gettext_lazy("Individuell plan"),
    "SAKSBEHANDLER": gettext_lazy("Saksbehandler"),
    "BOSIT": gettext_lazy("Bosituasjon"),
    "VILKARSOSLOV": gettext_lazy("Vilkår til mottakeren"),
    "VILKARSAMEKT": gettext_lazy("Vilkår til ektefelle eller samboer"),
    "UTBETDATO": gettext_lazy("Dato for utbetalingsvedtaket"),
    "UTBETTOMDATO": gettext_lazy("Utbetalingsvedtaket gjelder til"),
    "VEDTAKDATO": gettext_lazy("Dato for unntaket fra aktivitetsplikten"),
}


def field_label(name: str) -> str:
    label = FIELD_LABELS.get(name)
    if label is not None:
        return str(label)
    if name.startswith(("VILKAR", "VEDTAK", "SANKSJON")):
        return _("Vilkår, unntak og sanksjoner")
    return _("Beløp eller måned med stønad")


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    line: int  # 1-based; 0 for the file as a whole
    journal_number: str = ""
    caseworker: str = ""
    field: str = ""  # SSB's field name, for Kontroll 002

    @property
    def blocks(self) -> bool:
        return self.severity in ("FATAL", "ERROR")


@dataclass(frozen=True)
class Row:
    """One record as SSB's rules read it: raw field text, and the age from the fnr."""

    line: int
    fields: dict[str, str]
    age: int

    def text(self, name: str) -> str:
        return self.fields[name].strip()

    def number(self, name: str) -> int | None:
        text = self.text(name)
        try:
            return int(text) if text else None
        except ValueError:
            return None

    def amount(self, name: str) -> int:
        return self.number(name) or 0

    def is_date(self, name: str) -> bool:
        return parse_date(self.fields[name]) is not None


def parse_date(text: str) -> date | None:
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return datetime.strptime(text, "%d%m%Y").date()
    except ValueError:
        return None


Check = Callable[[Row], bool]  # True when the record breaks the rule


@dataclass(frozen=True)
class RecordRule:
    rule: str
    severity: Severity
    breaks: Check
    message: Callable[[Row], str]


def _in(row: Row, name: str, codes: tuple[str, ...]) -> bool:
    return row.text(name) in codes


def _children_yes_with_count(row: Row) -> bool:
    return row.text("BU18") == "1" and (row.number("ANTBU18") or 0) > 0


def _source_needs_work(source: str, work: tuple[str, ...]) -> Check:
    return lambda r: r.text("VKLO") == source and r.text("ARBSIT") not in work


def record_rules(year: int, region: str) -> tuple[RecordRule, ...]:
    """The record-level rules of SosialhjelpMain, in SSB's order."""
    municipality, district = region[:4], region[4:6]
    valid_benefits = ("01", "02", "04", "05", "06", "07", "09", "10", "11", "12", "13")
    valid_work = tuple(f"{n:02d}" for n in range(1, 11))
    return (
        RecordRule(
            "03",
            "ERROR",
            lambda r: r.text("KOMMUNE_NR") != municipality,
            lambda r: (
                _("Kommunenummeret %(found)s er ikke kommunens (%(expected)s).")
                % {"found": r.text("KOMMUNE_NR") or "–", "expected": municipality}
            ),
        ),
        RecordRule(
            "03B",
            "ERROR",
            lambda r: (
                (
                    r.text("BYDELSNR") not in tuple(f"{n:02d}" for n in range(1, 16))
                    or (bool(district.strip()) and r.text("BYDELSNR") != district)
                )
                if r.text("KOMMUNE_NR") == OSLO
                else bool(r.text("BYDELSNR"))
            ),
            lambda r: _("Bydelsnummeret skal være 01–15 i Oslo og tomt i andre kommuner."),
        ),
        RecordRule(
            "04",
            "ERROR",
            lambda r: r.text("VERSION") != f"{year % 100:02d}",
            lambda r: (
                _("Årgangen i posten (%(found)s) er ikke rapporteringsåret %(year)s.")
                % {"found": r.text("VERSION") or "–", "year": year}
            ),
        ),
        RecordRule(
            "04A",
            "ERROR",
            lambda r: not r.is_date("FODSELSDATO"),
            lambda r: _("Fødselsdatoen er ikke en gyldig dato (DDMMÅÅÅÅ)."),
        ),
        RecordRule(
            "05",
            "ERROR",
            lambda r: not identity.is_accepted(r.text("PERSON_FODSELSNR")),
            lambda r: _("Fødselsnummeret mangler eller er ugyldig."),
        ),
        RecordRule(
            "06",
            "WARNING",
            lambda r: r.age < 18,
            lambda r: _("Mottakeren er under 18 år (eller alderen kan ikke leses)."),
        ),
        RecordRule(
            "07",
            "WARNING",
            lambda r: r.age >= 96,
            lambda r: _("Mottakeren er %(age)s år. Er det riktig?") % {"age": r.age},
        ),
        RecordRule(
            "08",
            "ERROR",
            lambda r: not _in(r, "KJONN", ("1", "2")),
            lambda r: _("Kjønn mangler eller har en ugyldig kode."),
        ),
        RecordRule(
            "09",
            "ERROR",
            lambda r: not _in(r, "EKTSTAT", ("1", "2", "3", "4", "5")),
            lambda r: _("Sivilstand mangler eller har en ugyldig kode."),
        ),
        RecordRule(
            "10",
            "ERROR",
            lambda r: not _in(r, "BU18", ("1", "2")),
            lambda r: _("Om mottakeren har barn under 18 år mangler."),
        ),
        RecordRule(
            "11",
            "ERROR",
            lambda r: r.text("BU18") == "1" and (r.number("ANTBU18") or 0) <= 0,
            lambda r: _("Mottakeren har barn under 18 år, men antallet mangler."),
        ),
        RecordRule(
            "12",
            "ERROR",
            lambda r: (r.number("ANTBU18") or 0) > 0 and r.text("BU18") != "1",
            lambda r: _("Antall barn er oppgitt, men det står ikke at mottakeren har barn."),
        ),
        RecordRule(
            "13",
            "ERROR",
            lambda r: (r.number("ANTBU18") or 0) >= 14,
            lambda r: (
                _("%(count)s barn under 18 år er for mange. Er det riktig?")
                % {"count": r.number("ANTBU18")}
            ),
        ),
        RecordRule(
            "14",
            "ERROR",
            lambda r: not _in(r, "VKLO", tuple("123456789")),
            lambda r: _("Viktigste kilde til livsopphold mangler eller har en ugyldig kode."),
        ),
        *(
            RecordRule(
                rule,
                "ERROR",
                _source_needs_work(source, work),
                lambda r: _("Viktigste kilde til livsopphold passer ikke med arbeidssituasjonen."),
            )
            for rule, source, work in (
                ("15", "1", ("01", "02")),
                ("16", "2", ("03", "05", "06")),
                ("17", "4", ("03",)),
                ("18", "6", ("09",)),
                ("19", "8", ("10",)),
            )
        ),
        RecordRule(
            "20B",
            "ERROR",
            lambda r: (
                r.text("VKLO") == "3"
                and r.text("TRYGDESIT") not in tuple(c for c in valid_benefits if c != "12")
            ),
            lambda r: _("Livsoppholdet er trygd eller stønad: oppgi hvilken trygd."),
        ),
        RecordRule(
            "21",
            "WARNING",
            lambda r: (
                r.text("VKLO") == "5"
                and r.text("ARBSIT") not in ("02", "03", "04", "05", "06", "07", "08")
            ),
            lambda r: _("Sosialhjelp er viktigste kilde, men arbeidssituasjonen er uventet."),
        ),
        RecordRule(
            "22",
            "ERROR",
            lambda r: r.text("TRYGDESIT") not in valid_benefits,
            lambda r: _("Trygdesituasjonen mangler eller har en ugyldig kode."),
        ),
        RecordRule(
            "23A",
            "ERROR",
            lambda r: r.text("TRYGDESIT") == "07" and r.age < 62,
            lambda r: _("Alderspensjon, men mottakeren er under 62 år."),
        ),
        RecordRule(
            "23B",
            "ERROR",
            lambda r: r.text("TRYGDESIT") == "05" and not _children_yes_with_count(r),
            lambda r: _("Overgangsstønad, men mottakeren har ikke barn under 18 år oppgitt."),
        ),
        RecordRule(
            "23C",
            "ERROR",
            lambda r: r.text("TRYGDESIT") == "13" and not _children_yes_with_count(r),
            lambda r: _("Barnetrygd, men mottakeren har ikke barn under 18 år oppgitt."),
        ),
        RecordRule(
            "24",
            "WARNING",
            lambda r: (
                r.text("TRYGDESIT") in ("04", "07")
                and r.text("ARBSIT") not in ("02", "03", "04", "05", "06", "07")
            ),
            lambda r: _("Uføretrygd eller alderspensjon, men arbeidssituasjonen er uventet."),
        ),
        RecordRule(
            "24B",
            "ERROR",
            lambda r: (
                r.text("VKLO") == "3" and r.text("TRYGDESIT") == "11" and r.text("ARBSIT") == "08"
            ),
            lambda r: _("Arbeidsavklaringspenger passer ikke med «arbeidsledig, ikke registrert»."),
        ),
        RecordRule(
            "25",
            "ERROR",
            lambda r: r.text("ARBSIT") not in valid_work,
            lambda r: _("Arbeidssituasjonen mangler eller har en ugyldig kode."),
        ),
        RecordRule(
            "26",
            "ERROR",
            lambda r: not any(r.text(f) == f"{n:02d}" for n, f in enumerate(MONTH_FIELDS, start=1)),
            lambda r: _("Ingen måned med stønad er krysset av."),
        ),
        RecordRule(
            "27",
            "ERROR",
            lambda r: r.amount("BIDRAG") <= 0 and r.amount("LAAN") <= 0,
            lambda r: _("Verken bidrag eller lån er oppgitt for året."),
        ),
        RecordRule(
            "30",
            "WARNING",
            lambda r: r.amount("BIDRAG") + r.amount("LAAN") > 1_000_000,
            lambda r: _("Bidrag og lån er til sammen over 1 000 000 kroner."),
        ),
        RecordRule(
            "31",
            "WARNING",
            lambda r: r.amount("BIDRAG") + r.amount("LAAN") <= 200,
            lambda r: _("Bidrag og lån er til sammen 200 kroner eller mindre."),
        ),
        RecordRule(
            "32",
            "ERROR",
            lambda r: not _in(r, "GITT_OKONOMIRAD", ("1", "2")),
            lambda r: _("Om det er gitt økonomisk rådgivning mangler."),
        ),
        RecordRule(
            "33",
            "ERROR",
            lambda r: not _in(r, "FAAT_INDIVIDUELL_PLAN", ("1", "2")),
            lambda r: _("Om mottakeren har individuell plan mangler."),
        ),
        RecordRule(
            "35",
            "ERROR",
            lambda r: not _in(r, "BOSIT", tuple("123456")),
            lambda r: _("Bosituasjonen mangler eller har en ugyldig kode."),
        ),
        RecordRule(
            "36",
            "WARNING",
            lambda r: sum(r.amount(f) for f in GRANT_MONTHS) != r.amount("BIDRAG"),
            lambda r: _("Bidraget per måned summerer ikke til bidraget for året."),
        ),
        RecordRule(
            "37",
            "WARNING",
            lambda r: sum(r.amount(f) for f in LOAN_MONTHS) != r.amount("LAAN"),
            lambda r: _("Lånet per måned summerer ikke til lånet for året."),
        ),
        RecordRule(
            "38",
            "WARNING",
            lambda r: (
                not r.text("PERSON_FODSELSNR") and not identity.is_valid_duf(r.text("PERSON_DUF"))
            ),
            lambda r: _("Uten fødselsnummer må DUF-nummeret være gyldig."),
        ),
        RecordRule(
            "39",
            "ERROR",
            lambda r: not _in(r, "VILKARSOSLOV", ("1", "2")),
            lambda r: _("Om det er stilt vilkår til mottakeren mangler."),
        ),
        RecordRule(
            "40",
            "ERROR",
            lambda r: not _in(r, "VILKARSAMEKT", ("1", "2")),
            lambda r: _("Om det er stilt vilkår til ektefelle eller samboer mangler."),
        ),
        RecordRule(
            "41",
            "ERROR",
            lambda r: r.text("VILKARSOSLOV") == "1" and not r.is_date("UTBETDATO"),
            lambda r: _("Vilkår er stilt, men datoen for utbetalingsvedtaket mangler."),
        ),
        RecordRule(
            "42",
            "ERROR",
            lambda r: r.text("VILKARSOSLOV") == "1" and not r.is_date("UTBETTOMDATO"),
            lambda r: _("Vilkår er stilt, men til-og-med-datoen for vedtaket mangler."),
        ),
        RecordRule(
            "43",
            "ERROR",
            lambda r: (
                r.text("VILKARSOSLOV") == "1" and not any(r.text(f) for f in CONDITION_FIELDS)
            ),
            lambda r: _("Vilkår er stilt, men ingen vilkårskategori er krysset av."),
        ),
    )


SITUATION_RULES = ("15", "16", "17", "18", "19", "20B", "23A", "24B")


def situation_problems(*, main_income: str, benefit: str, work: str, age: int) -> list[str]:
    """SSB's errors on how the source of income, the benefit and the work situation (and
    the age, for old-age pension) fit together: checked where the caseworker records them,
    so the file to SSB does not find them months later."""
    fields = {"VKLO": main_income, "TRYGDESIT": benefit, "ARBSIT": work}
    row = Row(0, fields, age)
    return [
        rule.message(row)
        for rule in record_rules(2026, OSLO + "01")
        if rule.rule in SITUATION_RULES and rule.breaks(row)
    ]


def _field_checks(layout: Layout, row: Row) -> Iterator[tuple[str, str]]:
    """Kontroll 002: mandatory fields filled, numbers, dates and codes as the layout says;
    (field name, message) for each problem."""
    for field in layout.fields:
        text = row.fields[field.name].strip()
        label = field_label(field.name)
        if not text:
            outside_oslo_district = field.name == "BYDELSNR" and row.text("KOMMUNE_NR") != OSLO
            if field.mandatory and not outside_oslo_district:
                yield field.name, _("%(field)s mangler.") % {"field": label}
            continue
        if field.data_type == "INTEGER_TYPE" and row.number(field.name) is None:
            yield field.name, _("%(field)s er ikke et heltall.") % {"field": label}
        elif field.data_type == "DATE_TYPE" and parse_date(row.fields[field.name]) is None:
            yield field.name, _("%(field)s er ikke en gyldig dato.") % {"field": label}
        elif field.codes and text not in field.codes:
            yield field.name, _("%(field)s har en kode SSB ikke kjenner.") % {"field": label}


def check_file(text: str, layout: Layout, *, region: str, has_recipients: bool) -> list[Finding]:
    """Every finding SSB's program would report for the file, FATAL ones stopping the rest."""
    year = layout.year
    if text == " " or not text.strip():
        if has_recipients:
            return [Finding("000", "FATAL", _("Filen er tom, men kommunen har mottakere."), 0)]
        return []
    if not has_recipients:
        message = _("Kommunen har ingen mottakere, men filen har poster.")
        return [Finding("000", "FATAL", message, 0)]
    lines = [line.rstrip("\r") for line in text.split("\n")]
    lines = [line for line in lines if line]
    fatal = [
        Finding(
            "001",
            "FATAL",
            _("Linjen har %(length)s tegn, ikke %(width)s, eller har tabulator.")
            % {"length": len(line), "width": layout.width},
            number,
        )
        for number, line in enumerate(lines, start=1)
        if len(line) != layout.width or "\t" in line
    ]
    if fatal:
        return fatal
    rows = [
        Row(n, fields, identity.age(fields["PERSON_FODSELSNR"].strip(), year))
        for n, fields in ((n, read_record(layout, line)) for n, line in enumerate(lines, start=1))
    ]
    findings: list[Finding] = []

    def add(rule: str, severity: Severity, message: str, row: Row, field: str = "") -> None:
        findings.append(
            Finding(
                rule,
                severity,
                message,
                row.line,
                row.text("PERSON_JOURNALNR"),
                row.text("SAKSBEHANDLER"),
                field,
            )
        )

    for row in rows:
        for name, message in _field_checks(layout, row):
            add("002", "ERROR", message, row, name)
    numbers = Counter(
        row.text("PERSON_FODSELSNR")
        for row in rows
        if identity.has_valid_check_digits(row.text("PERSON_FODSELSNR"))
    )
    journals = Counter(row.text("PERSON_JOURNALNR") for row in rows)
    rules = record_rules(year, region)
    for row in rows:
        for rule in rules[:5]:  # 03 … 05, before the duplicate checks, as SSB runs them
            if rule.breaks(row):
                add(rule.rule, rule.severity, rule.message(row), row)
        if numbers.get(row.text("PERSON_FODSELSNR"), 0) > 1:
            add("05A", "ERROR", _("Fødselsnummeret står på flere linjer."), row)
        if journals[row.text("PERSON_JOURNALNR")] > 1:
            add("05B", "ERROR", _("Journalnummeret står på flere linjer."), row)
        for rule in rules[5:]:
            if rule.breaks(row):
                add(rule.rule, rule.severity, rule.message(row), row)
    return findings


def rule_ids(year: int = 2026) -> list[str]:
    """Every rule Navet runs, for the user guide and the test that each has a test."""
    return ["000", "001", "002", "05A", "05B", *(r.rule for r in record_rules(year, "030101"))]
