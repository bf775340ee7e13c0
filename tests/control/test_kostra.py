"""KOSTRA 11F from Navet's own data: a record for each person paid (booked) in the year and
none for others, the monthly amounts equal the booked payments, the situation, conditions
and § 20 a exemptions flow into their fields, SSB's rules run before the file is offered,
and the page and the command behave for the leader."""

from __future__ import annotations

import calendar
import itertools
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from navet.audit.models import AuditEvent
from navet.control.kostra import Unit, build, journal_number
from navet.decisions.models import Condition, ConditionKind, DecisionState
from navet.followup import actions as followup_actions
from navet.kostra.layout import layout
from navet.kostra.record import read_record
from navet.payments.models import Payment, PaymentState
from navet.people.models import HouseholdRole, Person
from tests.conftest import World, client_for
from tests.factories import (
    make_application,
    make_case,
    make_decision,
    make_household,
    make_person,
)

YEAR = 2026
OSLO = Unit("0301", "02")
LAYOUT = layout("11F", YEAR)
_refs = itertools.count(1)


@pytest.fixture(autouse=True)
def oslo_district(world: World) -> None:
    world.oslo.district_number = "02"
    world.oslo.save()


def granted(world: World, person: Person, **overrides: Any) -> Any:
    application = make_application(person=person)
    case = make_case(application=application)
    return make_decision(
        case=case,
        drafted_by=world.caseworker_oslo,
        state=DecisionState.MADE,
        period_from=date(YEAR, 1, 1),
        period_to=date(YEAR, 12, 31),
        **overrides,
    )


def pay(
    decision: Any,
    month: int,
    amount: int,
    *,
    form: str = "grant",
    state: str = PaymentState.PAID,
    year: int = YEAR,
) -> Payment:
    person = decision.case.application.person
    last = calendar.monthrange(year, month)[1]
    return Payment.objects.create(
        reference=f"U-{next(_refs)}",
        decision=decision,
        person=person,
        office=person.office,
        amount=amount,
        form=form,
        period_from=date(year, month, 1),
        period_to=date(year, month, last),
        due_on=date(year, month, 1),
        recipient_name=person.full_name,
        state=state,
        paid_on=date(year, month, 2) if state == PaymentState.PAID else None,
    )


def situation(world: World, person: Person, **values: str) -> None:
    followup_actions.record_situation(
        person=person,
        employee=world.caseworker_oslo,
        values={
            "recorded_on": date(YEAR, 11, 1),
            "civil_status": "1",
            "main_income": "5",
            "benefit": "12",
            "work": "07",
            "housing": "1",
            "financial_counselling": "no",
            "individual_plan": "no",
            **values,
        },
    )


def fields(export: Any, person: Person) -> dict[str, str]:
    wanted = journal_number(person.pk)
    for line in export.text.splitlines():
        record = read_record(LAYOUT, line)
        if record["PERSON_JOURNALNR"] == wanted:
            return {k: v.strip() for k, v in record.items()}
    raise AssertionError("no record for the person")


def test_a_record_for_each_person_paid_in_the_year_and_none_for_others(world: World) -> None:
    paid = world.citizen_oslo
    decision = granted(world, paid)
    pay(decision, 1, 4000)
    planned_only = make_person(office=world.oslo)
    pay(granted(world, planned_only), 2, 3000, state=PaymentState.PLANNED)
    rejected = make_person(office=world.oslo)
    pay(granted(world, rejected), 3, 3000, state=PaymentState.REJECTED)
    last_year = make_person(office=world.oslo)
    pay(granted(world, last_year), 12, 3000, year=YEAR - 1)
    pay(granted(world, world.citizen_bergen), 4, 5000)  # another municipality
    export = build(YEAR, OSLO)
    assert [r.person.pk for r in export.recipients] == [paid.pk]
    assert len(export.text.splitlines()) == 1
    assert all(len(line) == 338 for line in export.text.splitlines())
    assert export.text.isascii() and export.text.endswith("\n")


def test_monthly_amounts_are_the_booked_payments(world: World) -> None:
    person = world.citizen_oslo
    decision = granted(world, person)
    pay(decision, 1, 4000)
    pay(decision, 3, 2500)
    pay(granted(world, person, form="loan"), 3, 1500, form="loan")
    situation(world, person)
    record = fields(build(YEAR, OSLO), person)
    assert (record["BIDRAG"], record["LAAN"]) == ("6500", "1500")
    assert (record["BIDRAG_JAN"], record["BIDRAG_MARS"], record["LAAN_MARS"]) == (
        "4000",
        "2500",
        "1500",
    )
    assert record["BIDRAG_FEB"] == record["LAAN_JAN"] == ""
    months = [record[f"STMND_{n}"] for n in range(1, 13)]
    assert months == ["01", "", "03", *[""] * 9]
    booked = Payment.objects.filter(person=person, state=PaymentState.PAID)
    assert sum(p.amount for p in booked) == int(record["BIDRAG"]) + int(record["LAAN"])


def test_the_person_and_the_situation_at_the_last_contact_fill_their_fields(
    world: World,
) -> None:
    person = world.citizen_oslo
    child = make_person(office=world.oslo, birth_date=date(2015, 4, 1))
    grown = make_person(office=world.oslo, birth_date=date(2005, 4, 1))
    make_household(
        [(person, HouseholdRole.APPLICANT), (child, HouseholdRole.CHILD)],
        valid_from=date(2020, 1, 1),
    )
    make_household(
        [(person, "other_adult"), (grown, HouseholdRole.CHILD)],
        valid_from=date(2019, 1, 1),
        valid_to=date(2019, 12, 31),
    )
    pay(granted(world, person), 5, 4000)
    situation(world, person, main_income="3", benefit="13", work="04", housing="2")
    situation(world, person, recorded_on=date(YEAR - 1, 5, 1), main_income="1", work="01")
    record = fields(build(YEAR, OSLO), person)
    assert record["KOMMUNE_NR"] == "0301" and record["BYDELSNR"] == "02"
    assert record["VERSION"] == "26"
    assert record["PERSON_FODSELSNR"] == person.national_id
    assert record["FODSELSDATO"] == person.birth_date.strftime("%d%m%Y")
    assert record["KJONN"] == ("1" if int(person.national_id[8]) % 2 else "2")
    assert (record["BU18"], record["ANTBU18"]) == ("1", "1")
    assert (record["VKLO"], record["TRYGDESIT"], record["ARBSIT"], record["BOSIT"]) == (
        "3",
        "13",
        "04",
        "2",
    )
    assert (record["GITT_OKONOMIRAD"], record["FAAT_INDIVIDUELL_PLAN"]) == ("2", "2")
    assert record["SAKSBEHANDLER"] == world.caseworker_oslo.nav_ident


def test_conditions_and_exemptions_come_from_the_decisions(world: World) -> None:
    person = world.citizen_oslo
    decision = granted(world, person, made_at=timezone.make_aware(datetime(YEAR, 2, 3, 12)))
    for code in ("16", "19"):
        Condition.objects.create(
            decision=decision,
            kind=ConditionKind.ACTIVITY,
            text="Møt opp.",
            consequence="Redusert stønad.",
            kostra_category=code,
            reference=f"V-{code}",
        )
    Condition.objects.create(
        decision=decision,
        kind=ConditionKind.DOCUMENTATION,
        text="Send kontrakten.",
        consequence="Avslag.",
        reference="V-doc",
    )
    pay(decision, 2, 4000)
    situation(world, person)
    young = make_person(office=world.oslo, birth_date=date(2001, 6, 1))
    exempt = granted(
        world,
        young,
        made_at=timezone.make_aware(datetime(YEAR, 4, 9, 12)),
        no_activity_conditions_reason="Sykmeldt.",
        activity_exemption="03",
    )
    pay(exempt, 4, 4000)
    situation(world, young)
    export = build(YEAR, OSLO)
    record = fields(export, person)
    assert record["VILKARSOSLOV"] == "1" and record["VILKARSAMEKT"] == "2"
    assert (record["UTBETDATO"], record["UTBETTOMDATO"]) == ("03022026", "31122026")
    assert (record["VILKARARBEID"], record["VILKARDIGPLAN"]) == ("16", "19")
    assert record["VILKARANNET"] == "" and record["VEDTAKDATO"] == ""
    exempted = fields(export, young)
    assert exempted["VILKARSOSLOV"] == "2"
    assert (exempted["VEDTAKDATO"], exempted["VEDTAKHELSE"]) == ("09042026", "03")
    assert export.final, export.findings


def test_a_missing_situation_is_an_error_that_links_to_where_it_is_recorded(
    world: World,
) -> None:
    person = world.citizen_oslo
    pay(granted(world, person), 6, 4000)
    client = client_for(world.leader_oslo)
    url = reverse("control:kostra")
    page = client.get(url, {"aar": YEAR, "kommune": "0301-02"})
    assert page.status_code == 200
    html = page.content.decode()
    fix_url = reverse("people:person-situation", args=[person.pk])
    assert fix_url in html and person.full_name in html
    assert person.national_id not in html
    assert reverse("control:kostra-file") not in html
    refused = client.get(reverse("control:kostra-file"), {"aar": YEAR, "kommune": "0301-02"})
    assert refused.status_code == 409
    assert not AuditEvent.objects.filter(action="kostra.reported").exists()

    response = client_for(world.caseworker_oslo).post(
        fix_url,
        {
            "recorded_on": "01.11.2026",
            "civil_status": "1",
            "main_income": "5",
            "benefit": "12",
            "work": "07",
            "housing": "1",
            "financial_counselling": "no",
            "individual_plan": "no",
        },
    )
    assert response.status_code == 302
    html = client.get(url, {"aar": YEAR, "kommune": "0301-02"}).content.decode()
    assert "Ingen feil" in html
    download = client.get(reverse("control:kostra-file"), {"aar": YEAR, "kommune": "0301-02"})
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="kostra_11F_2026_030102.dat"'
    lines = download.content.decode("ascii").splitlines()
    assert [len(line) for line in lines] == [338]
    assert AuditEvent.objects.filter(action="kostra.reported", person=person).count() == 1


def test_the_situation_form_refuses_what_ssb_would_refuse(world: World) -> None:
    person = world.citizen_oslo
    url = reverse("people:person-situation", args=[person.pk])
    client = client_for(world.caseworker_oslo)
    base = {
        "recorded_on": "01.11.2026",
        "civil_status": "1",
        "main_income": "1",
        "benefit": "12",
        "work": "07",
        "housing": "1",
        "financial_counselling": "no",
        "individual_plan": "no",
    }
    response = client.post(url, base)  # work income but unemployed: SSB's Kontroll 15
    assert response.status_code == 400
    assert "passer ikke med arbeidssituasjonen" in response.content.decode()
    assert client.post(url, {}).status_code == 400
    impossible = client.post(url, {**base, "recorded_on": "31.02.2026"})
    assert impossible.status_code == 400
    assert "31.02.2026 er ikke en dato som finnes." in impossible.content.decode()
    assert not person.situations.exists()
    assert client.post(url, {**base, "work": "02"}).status_code == 302
    assert person.situations.count() == 1
    assert AuditEvent.objects.filter(action="situation.recorded", person=person).exists()


def test_a_municipality_without_recipients_gets_the_single_space_file(world: World) -> None:
    export = build(YEAR, Unit("5501"))
    assert export.text == " " and export.final and export.recipients == []


def test_bergen_has_a_blank_district_and_passes(world: World) -> None:
    pay(granted(world, world.citizen_bergen), 4, 5000)
    situation(world, world.citizen_bergen)
    export = build(YEAR, Unit("4601"))
    assert export.final, export.findings
    record = fields(export, world.citizen_bergen)
    assert record["KOMMUNE_NR"] == "4601" and record["BYDELSNR"] == ""
    assert export.filename == "kostra_11F_2026_460100.dat"


def test_only_leaders_and_only_their_municipalities(world: World) -> None:
    url = reverse("control:kostra")
    assert client_for(world.caseworker_oslo).get(url).status_code == 403
    assert client_for(world.caseworker_oslo).get(reverse("control:kostra-file")).status_code == 403
    leader = client_for(world.leader_oslo)
    assert leader.get(url).status_code == 200
    assert leader.get(url, {"aar": YEAR, "kommune": "4601"}).status_code == 400
    assert leader.get(url, {"aar": "1999", "kommune": "0301"}).status_code == 400
    assert (
        leader.get(reverse("control:kostra-file"), {"aar": YEAR, "kommune": "4601"}).status_code
        == 400
    )


def test_the_export_reads_a_bounded_number_of_queries(world: World) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            build(YEAR, OSLO)
        return len(queries)

    person = make_person(office=world.oslo)
    pay(granted(world, person), 1, 1000)
    one = count()
    for _ in range(5):
        other = make_person(office=world.oslo)
        decision = granted(world, other)
        pay(decision, 1, 1000)
        pay(decision, 2, 1000, form="loan")
        situation(world, other)
    assert count() == one <= 12


def test_the_command_writes_a_checked_file_or_nothing(world: World, tmp_path: Path) -> None:
    person = world.citizen_oslo
    pay(granted(world, person), 6, 4000)
    out = tmp_path / "11f.dat"
    args = ["--form", "11F", "--year", str(YEAR), "--municipality", "0301", "--district", "02"]
    args += ["--out", str(out)]
    with pytest.raises(CommandError, match="errors and was not written"):
        call_command("export_kostra", *args, stdout=open(tmp_path / "log", "w"))  # noqa: SIM115
    assert not out.exists()
    situation(world, person)
    call_command("export_kostra", *args, stdout=open(tmp_path / "log", "w"))  # noqa: SIM115
    assert [len(line) for line in out.read_text(encoding="ascii").splitlines()] == [338]
    log = (tmp_path / "log").read_text()
    assert person.national_id not in log and person.full_name not in log
    for bad, message in (
        (["--form", "11C"], "--form"),
        (["--year", "20x6"], "--year"),
        (["--year", "1999"], "--year"),
        (["--municipality", "301"], "--municipality"),
        (["--district", "16"], "bydel"),
        (["--out", str(tmp_path / "no" / "such.dat")], "--out"),
    ):
        changed = list(args)
        changed[changed.index(bad[0]) + 1] = bad[1]
        with pytest.raises(CommandError, match=message):
            call_command("export_kostra", *changed)


def test_an_office_gets_a_district_number_only_in_oslo(world: World) -> None:
    from navet.core.admin_forms import OfficeForm

    def errors(municipality: str, district: str) -> list[str]:
        data = {"number": "0399", "name": "Nav Test", "municipality_number": municipality}
        form = OfficeForm({**data, "district_number": district, "phone": "55 55 33 33"})
        form.is_valid()
        return list(form.errors)

    assert errors("0301", "02") == []
    assert errors("0301", "16") == ["district_number"]
    assert errors("4601", "02") == ["district_number"]
    assert errors("4601", "") == []


def test_a_condition_from_before_the_categories_is_given_one_once(world: World) -> None:
    person = world.citizen_oslo
    decision = granted(world, person)
    condition = Condition.objects.create(
        decision=decision,
        kind=ConditionKind.OTHER,
        text="Søk bostøtte.",
        consequence="Redusert stønad.",
        reference="V-old",
    )
    pay(decision, 3, 4000)
    situation(world, person)
    export = build(YEAR, OSLO)
    assert {f.rule for f in export.errors} == {"43"}
    leader = client_for(world.leader_oslo)
    html = leader.get(reverse("control:kostra"), {"aar": YEAR, "kommune": "0301-02"}).content
    decisions_tab = reverse(
        "applications:application-decisions", args=[decision.case.application.pk]
    )
    assert decisions_tab in html.decode()

    caseworker = client_for(world.caseworker_oslo)
    assert (
        f"kategori-{condition.pk}-kostra_category" in caseworker.get(decisions_tab).content.decode()
    )
    url = reverse("decisions:condition-category", args=[condition.pk])
    field = f"kategori-{condition.pk}-kostra_category"
    assert caseworker.post(url, {field: ""}).status_code == 400
    assert caseworker.post(url, {field: "10"}).status_code == 302
    condition.refresh_from_db()
    assert condition.kostra_category == "10"
    assert AuditEvent.objects.filter(action="decision.condition_categorised").count() == 1
    assert caseworker.post(url, {field: "15"}).status_code == 409  # never a change
    condition.refresh_from_db()
    assert condition.kostra_category == "10"
    assert build(YEAR, OSLO).final


def test_children_who_only_visit_or_belong_to_a_lodger_do_not_count(world: World) -> None:
    from navet.people.models import ChildResidence

    person = world.citizen_oslo
    lodger = make_person(office=world.oslo)
    today = date(YEAR, 1, 29)
    visiting = make_person(office=world.oslo, birth_date=date(2015, 1, 1))
    almost_18 = make_person(office=world.oslo, birth_date=date(YEAR - 18, 1, 30))
    household = make_household(
        [(person, HouseholdRole.APPLICANT), (lodger, HouseholdRole.OTHER_ADULT)],
        valid_from=date(2020, 1, 1),
    )
    from navet.people.models import HouseholdMember

    for child, residence in ((visiting, ChildResidence.VISITATION), (almost_18, "fast")):
        HouseholdMember.objects.create(
            household=household,
            person=child,
            role=HouseholdRole.CHILD,
            child_residence=residence,
            valid_from=date(2020, 1, 1),
        )
    pay(granted(world, person), today.month, 4000)
    pay(granted(world, lodger), today.month, 4000)
    # Paid the day before the child turns 18 (born on the 30th): still a child.
    Payment.objects.update(paid_on=today)
    export = build(YEAR, OSLO)
    assert (fields(export, person)["BU18"], fields(export, person)["ANTBU18"]) == ("1", "1")
    assert fields(export, lodger)["BU18"] == "2"


def test_a_changed_decision_keeps_its_conditions_categories(world: World) -> None:
    from navet.decisions import actions as decision_actions

    decision = granted(world, world.citizen_oslo)
    Condition.objects.create(
        decision=decision,
        kind=ConditionKind.OTHER,
        text="Søk bostøtte.",
        consequence="Redusert stønad.",
        kostra_category="10",
        reference="V-keep",
    )
    draft = decision_actions.change_decision(decision=decision, actor=world.caseworker_oslo)
    assert [c.kostra_category for c in draft.conditions.all()] == ["10"]


def test_a_leader_reports_for_her_own_offices_and_oslo_by_district(world: World) -> None:
    from tests.factories import make_office

    frogner = make_office("0312", "Nav Frogner", "0301", "Frogner")
    frogner.district_number = "05"
    frogner.save()
    elsewhere = make_person(office=frogner, given_name="Annen", family_name="Bydel")
    pay(granted(world, elsewhere), 2, 3000)
    mine = world.citizen_oslo
    pay(granted(world, mine), 2, 3000)
    assert [r.person.pk for r in build(YEAR, OSLO).recipients] == [mine.pk]
    assert [r.person.pk for r in build(YEAR, Unit("0301", "05")).recipients] == [elsewhere.pk]
    with pytest.raises(Exception, match="bydel"):
        build(YEAR, Unit("0301"))
    leader = client_for(world.leader_oslo)
    html = leader.get(reverse("control:kostra"), {"aar": YEAR, "kommune": "0301-02"}).content
    assert "Annen Bydel" not in html.decode() and mine.full_name in html.decode()
    refused = leader.get(reverse("control:kostra"), {"aar": YEAR, "kommune": "0301-05"})
    assert refused.status_code == 400  # not one of her offices' districts


def test_sanctions_are_what_the_caseworker_recorded_at_the_follow_up(world: World) -> None:
    from navet.decisions.condition_actions import follow_up_condition
    from navet.decisions.models import FollowUpResult

    recorded = {}
    for sanction in ("01", "02", "none"):
        person = make_person(office=world.oslo)
        decision = granted(world, person, made_at=timezone.make_aware(datetime(YEAR, 1, 5)))
        condition = Condition.objects.create(
            decision=decision,
            kind=ConditionKind.ACTIVITY,
            text="Møt opp.",
            consequence="Redusert stønad.",
            kostra_category="08",
            reference=f"V-s{sanction}",
        )
        follow_up_condition(
            condition=condition,
            result=FollowUpResult.NOT_MET,
            assessed_on=date(YEAR, 3, 1),
            note="Møtte ikke.",
            sanction=sanction,
            actor=world.caseworker_oslo,
        )
        pay(decision, 2, 4000)
        recorded[sanction] = person
    export = build(YEAR, OSLO)
    pairs = {
        s: (fields(export, p)["SANKSJONRED"], fields(export, p)["SANKSJONANDRE"])
        for s, p in recorded.items()
    }
    assert pairs == {"01": ("01", ""), "02": ("", "02"), "none": ("", "")}
