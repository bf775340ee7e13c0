"""The søknad tab: what the page shows, and its forms (facts, household, assignment,
cases, interim reply, documentation request, behandles ikke)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from navet.applications.models import (
    ApplicationStatus,
    CaseStatus,
    Document,
    DocumentKind,
    Fact,
    FactArea,
    FactSource,
    RequestedDocument,
)
from navet.audit.models import AuditEvent
from tests.conftest import World, client_for
from tests.factories import make_case, make_employee, make_fact
from tests.queries import count_queries


def detail(application: Any) -> str:
    return reverse("applications:application-detail", args=[application.pk])


def post(client: Client, name: str, application: Any, data: dict[str, Any]) -> Any:
    return client.post(reverse(f"applications:{name}", args=[application.pk]), data)


def audited(action: str) -> bool:
    return AuditEvent.objects.filter(action=action).exists()


# --- the page ------------------------------------------------------------------------


def test_it_shows_the_application_in_the_applicants_words(world: World, application: Any) -> None:
    make_fact(
        application=application,
        title="Strøm (fra register)",
        amount=800,
        source=FactSource.REGISTER,
        overridden_by_applicant=True,
        rules_type="",
    )
    response = client_for(world.caseworker_oslo).get(detail(application))
    content = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Søknad " + application.reference,
        "Penger til mat og husleie",
        "Jeg har mistet jobben.",
        "Merknader fra Nav til denne søknaden",
        "Navet ikke kjenner",
        "skattbar inntekt fra Skatteetaten",
        "Arbeidsavklaringspenger",
        "Fra register",
        "Fra søknaden",
        "<s>Strøm (fra register)</s>",
        "Endret av søkeren",
        'aria-current="page"',
    ):
        assert text in content, text
    assert world.citizen_oslo.national_id not in content
    assert AuditEvent.objects.filter(action="person.read", person=world.citizen_oslo).exists()


def test_leader_reads_but_gets_no_forms_and_cannot_post(world: World, application: Any) -> None:
    client = client_for(world.leader_oslo)
    content = client.get(detail(application)).content.decode()
    assert "Du kan lese søknaden, men ikke endre den." in content
    assert "application-add-fact" not in content and "/opplysninger/" not in content
    for name in (
        "application-add-fact",
        "application-household",
        "application-assign",
        "application-start",
        "application-add-case",
        "application-interim-reply",
        "application-request-documentation",
        "application-reject",
    ):
        assert post(client, name, application, {}).status_code == 403, name


def test_query_count_does_not_grow_with_facts_and_cases(world: World, application: Any) -> None:
    client = client_for(world.caseworker_oslo)
    url = detail(application)
    client.get(url)
    few = count_queries(client, url)
    for n in range(12):
        make_fact(application=application, title=f"Utgift {n}", area=FactArea.EXPENSE)
        make_fact(application=application, title=f"Formue {n}", area=FactArea.ASSET)
    for _n in range(3):
        make_case(application=application)
    many = count_queries(client, url)
    assert many == few
    assert many <= 22


# --- facts ---------------------------------------------------------------------------


def test_add_a_fact(world: World, application: Any) -> None:
    response = post(
        client_for(world.caseworker_oslo),
        "application-add-fact",
        application,
        {
            "fakta-area": FactArea.INCOME,
            "fakta-title": "Lønn fra deltidsjobb",
            "fakta-amount": "4000",
            "fakta-rules_type": "salary",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#opplysninger")
    fact = Fact.objects.get(title="Lønn fra deltidsjobb")
    assert (fact.source, fact.rules_type, fact.amount) == (FactSource.CASEWORKER, "salary", 4000)
    assert audited("application.fact_added")


def test_a_correction_supersedes_the_old_fact(world: World, application: Any) -> None:
    old = Fact.objects.get(application=application, title="Husleie")
    client = client_for(world.caseworker_oslo)
    post(
        client,
        "application-add-fact",
        application,
        {
            "fakta-area": FactArea.EXPENSE,
            "fakta-title": "Husleie (etter kontrakt)",
            "fakta-amount": "8500",
            "fakta-rules_type": "rent",
            "fakta-replaces": str(old.pk),
        },
    )
    old.refresh_from_db()
    assert old.superseded_by is not None and old.superseded_by.amount == 8500
    content = client.get(detail(application)).content.decode()
    assert "<s>Husleie</s>" in content and "Erstattet av en retting" in content


def test_a_fact_must_fit_its_area(world: World, application: Any) -> None:
    response = post(
        client_for(world.caseworker_oslo),
        "application-add-fact",
        application,
        {"fakta-area": FactArea.ASSET, "fakta-title": "Bil", "fakta-rules_type": "salary"},
    )
    assert response.status_code == 400
    assert "Bare inntekter og utgifter brukes i beregningen" in response.content.decode()
    assert not Fact.objects.filter(title="Bil").exists()


# --- household -----------------------------------------------------------------------


def test_set_the_household(world: World, application: Any) -> None:
    response = post(
        client_for(world.caseworker_oslo),
        "application-household",
        application,
        {
            "husstand-adults": "couple",
            "husstand-child_1_name": "Lise",
            "husstand-child_1_birth_date": "2018-03-01",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.adults == "couple"
    assert application.children == [{"name": "Lise", "birth_date": "2018-03-01"}]
    assert audited("application.household_changed")


def test_a_child_needs_a_birth_date(world: World, application: Any) -> None:
    response = post(
        client_for(world.caseworker_oslo),
        "application-household",
        application,
        {"husstand-adults": "single", "husstand-child_1_name": "Lise"},
    )
    assert response.status_code == 400
    assert "Skriv barnets fødselsdato." in response.content.decode()


# --- assignment, processing, cases ---------------------------------------------------


def test_take_and_assign(world: World, application: Any) -> None:
    client = client_for(world.caseworker_oslo)
    post(client, "application-assign", application, {"tildel-caseworker": world.caseworker_oslo.pk})
    application.refresh_from_db()
    assert application.caseworker == world.caseworker_oslo
    post(client, "application-assign", application, {"tildel-caseworker": ""})
    application.refresh_from_db()
    assert application.caseworker is None
    assert audited("application.assigned")


def test_only_a_caseworker_of_the_office_can_be_assigned(world: World, application: Any) -> None:
    response = post(
        client_for(world.caseworker_oslo),
        "application-assign",
        application,
        {"tildel-caseworker": world.caseworker_bergen.pk},
    )
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.caseworker is None


def test_start_processing(world: World, application: Any) -> None:
    application.status = ApplicationStatus.RECEIVED
    application.save(update_fields=["status"])
    application.cases.all().delete()
    response = post(client_for(world.caseworker_oslo), "application-start", application, {})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_PROGRESS
    assert application.cases.count() == 1
    assert audited("application.started")


def test_add_a_case(world: World, application: Any) -> None:
    post(
        client_for(world.caseworker_oslo),
        "application-add-case",
        application,
        {"sak-kind": "bolig", "sak-title": "Depositum"},
    )
    assert application.cases.filter(reference="S2", title="Depositum").exists()
    assert audited("case.created")


def test_a_closed_application_gets_no_new_case(world: World, application: Any) -> None:
    application.status = ApplicationStatus.DONE
    application.save(update_fields=["status"])
    response = post(
        client_for(world.caseworker_oslo),
        "application-add-case",
        application,
        {"sak-kind": "bolig"},
    )
    assert response.status_code == 409
    assert "Søknaden er avsluttet" in response.content.decode()
    assert application.cases.count() == 1


def test_change_a_case_status(world: World, application: Any) -> None:
    case = application.cases.get()
    response = client_for(world.caseworker_oslo).post(
        reverse("applications:case-status", args=[case.pk]),
        {"status-S1-status": CaseStatus.WITHDRAWN},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN
    assert audited("case.status_changed")


# --- letters and closing ---------------------------------------------------------------


def test_interim_reply_moves_the_deadline_and_writes_a_letter(
    world: World, application: Any
) -> None:
    later = timezone.localdate() + timedelta(days=40)
    response = post(
        client_for(world.caseworker_oslo),
        "application-interim-reply",
        application,
        {"svar-expected_by": later.isoformat(), "svar-reason": "Vi venter på svar fra NAV Arbeid."},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.due_on == later
    assert Document.objects.filter(application=application, kind=DocumentKind.INTERIM_REPLY)
    assert audited("application.interim_reply_sent")


def test_interim_reply_needs_a_future_date_and_a_reason(world: World, application: Any) -> None:
    response = post(
        client_for(world.caseworker_oslo),
        "application-interim-reply",
        application,
        {"svar-expected_by": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Datoen må være etter i dag." in content
    assert "id_svar-reason" in content
    assert not Document.objects.exists()


def test_documentation_request(world: World, application: Any) -> None:
    deadline = timezone.localdate() + timedelta(days=14)
    response = post(
        client_for(world.caseworker_oslo),
        "application-request-documentation",
        application,
        {
            "dok-document_1_type": "Husleiekontrakt",
            "dok-document_2_type": "Kontoutskrift",
            "dok-document_2_description": "Siste tre måneder",
            "dok-deadline": deadline.isoformat(),
        },
    )
    assert response.status_code == 302
    wanted = RequestedDocument.objects.filter(request__application=application)
    assert sorted(wanted.values_list("document_type", flat=True)) == [
        "Husleiekontrakt",
        "Kontoutskrift",
    ]
    assert Document.objects.filter(kind=DocumentKind.DOCUMENTATION_REQUEST).count() == 1
    assert audited("application.documentation_requested")


@pytest.mark.parametrize(
    "data",
    [
        {"dok-deadline": "2099-01-01"},
        {"dok-document_2_description": "uten dokument", "dok-document_1_type": "X"},
    ],
)
def test_documentation_request_validation(
    world: World, application: Any, data: dict[str, str]
) -> None:
    response = post(
        client_for(world.caseworker_oslo), "application-request-documentation", application, data
    )
    assert response.status_code == 400
    assert not RequestedDocument.objects.exists()


def test_reject_the_application(world: World, application: Any) -> None:
    client = client_for(world.caseworker_oslo)
    assert post(client, "application-reject", application, {}).status_code == 400
    response = post(
        client, "application-reject", application, {"avvis-reason": "Søkeren trakk søknaden."}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NOT_PROCESSED
    assert application.cases.get().status == CaseStatus.NOT_PROCESSED
    assert audited("application.not_processed")


def test_a_second_office_caseworker_can_work(world: World, application: Any) -> None:
    colleague = make_employee("veileder.oslo2", offices=[world.oslo], is_caseworker=True)
    content = client_for(colleague).get(detail(application)).content.decode()
    assert "Ta søknaden" in content


def test_a_case_with_a_decision_cannot_be_withdrawn(world: World, application: Any) -> None:
    from navet.decisions.models import DecisionState
    from tests.factories import make_decision

    case = application.cases.get()
    make_decision(case=case, drafted_by=world.caseworker_oslo, state=DecisionState.MADE)
    client = client_for(world.caseworker_oslo)
    content = client.get(detail(application)).content.decode()
    assert 'value="FEILREGISTRERT"' not in content
    response = client.post(
        reverse("applications:case-status", args=[case.pk]),
        {"status-S1-status": CaseStatus.WITHDRAWN},
    )
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS


def test_a_decided_case_reads_vedtak_fattet_not_under_behandling(
    world: World, application: Any
) -> None:
    from navet.decisions.models import DecisionState
    from tests.factories import make_decision

    case = application.cases.get()
    client = client_for(world.caseworker_oslo)
    assert "Vedtak fattet" not in client.get(detail(application)).content.decode()
    make_decision(case=case, drafted_by=world.caseworker_oslo, state=DecisionState.MADE)
    content = client.get(detail(application)).content.decode()
    assert "Vedtak fattet" in content
    assert case.status == "UNDER_BEHANDLING"  # what innsyn is told is unchanged


def test_the_soknad_tab_says_what_to_do_next(world: World, application: Any) -> None:
    from navet.decisions.models import DecisionState
    from tests.factories import make_decision

    client = client_for(world.caseworker_oslo)
    case = application.cases.get()
    assert "Neste steg: se over beregningen og start et vedtaksutkast." in (
        client.get(detail(application)).content.decode()
    )
    make_decision(case=case, drafted_by=world.caseworker_oslo)
    assert "Neste steg: fullfør vurderingen og fatt vedtaket." in (
        client.get(detail(application)).content.decode()
    )
    case.decisions.update(state=DecisionState.PROPOSED)
    assert "Vedtaket venter på godkjenning." in client.get(detail(application)).content.decode()
