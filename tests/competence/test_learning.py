"""The learning area: modules load, progress and answers are recorded with their audit
events, exercises are scored, the leader sees counts (never reflections), and only a
leader sets a module as required for new employees."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction
from navet.competence import actions
from navet.competence.models import ExerciseAnswer, ModuleProgress, ReflectionAnswer
from navet.competence.modules import all_modules, module
from tests.conftest import World, client_for
from tests.factories import make_employee
from tests.queries import assert_queries_flat

SECRET = "Jeg synes vi er for strenge med unge søkere"
FNR = re.compile(r"\b\d{11}\b")


def test_the_modules_load_in_three_languages() -> None:
    modules = all_modules()
    assert [m.key for m in modules] == [
        "formal",
        "forvaltning",
        "kartlegging",
        "individuell-vurdering",
        "etikk",
    ]
    for item in modules:
        assert item.reflections and item.exercises
        for language in ("nb", "nn", "en"):
            assert item.title[language] and len(item.paragraphs(language)) >= 2
            for exercise in item.exercises:
                assert exercise.case[language] and exercise.explanation[language]
                assert not FNR.search(exercise.case[language])  # synthetic, no fødselsnummer
        assert len({m.title["nn"] for m in modules}) == len(modules)


def test_an_exercise_is_scored() -> None:
    exercise = module("forvaltning").exercise("forelopig-svar")  # type: ignore[union-attr]
    assert exercise is not None
    assert exercise.is_correct("a") and not exercise.is_correct("b")


def test_it_records_progress_answers_and_audit_events(world: World) -> None:
    employee = world.caseworker_oslo
    client = client_for(employee)
    url = reverse("learning:module", args=["forvaltning"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"then": "reflections", "begrunnelse": SECRET, "frister": ""})
    assert response.status_code == 302
    assert ReflectionAnswer.objects.own(employee, "forvaltning").get().text == SECRET
    progress = ModuleProgress.objects.of_employee(employee).get()
    assert progress.started_at and progress.completed_at is None

    client.post(
        url, {"then": "exercise", "exercise": "forelopig-svar", "forelopig-svar-choice": "b"}
    )
    answer = ExerciseAnswer.objects.get(employee=employee, exercise="forelopig-svar")
    assert (answer.choice, answer.correct) == ("b", False)
    client.post(
        url, {"then": "exercise", "exercise": "forelopig-svar", "forelopig-svar-choice": "a"}
    )
    answer.refresh_from_db()
    assert (answer.choice, answer.correct) == ("a", True)
    assert "Du svarte riktig." in client.get(url).content.decode()

    assert client.post(url, {"then": "complete"}).status_code == 302
    progress.refresh_from_db()
    assert progress.completed_at is not None

    recorded = set(AuditEvent.objects.filter(actor_id=employee.pk).values_list("action", flat=True))
    assert {
        AuditAction.COMPETENCE_MODULE_STARTED,
        AuditAction.COMPETENCE_REFLECTION_SAVED,
        AuditAction.COMPETENCE_EXERCISE_ANSWERED,
        AuditAction.COMPETENCE_MODULE_COMPLETED,
    } <= recorded
    # The trail says what happened, never what was written.
    assert not any(SECRET in str(e.data) for e in AuditEvent.objects.all())


def test_an_unknown_module_or_exercise_is_not_found(world: World) -> None:
    client = client_for(world.caseworker_oslo)
    assert client.get("/laering/finnes-ikke/").status_code == 404
    url = reverse("learning:module", args=["etikk"])
    response = client.post(url, {"then": "exercise", "exercise": "nei", "nei-choice": "a"})
    assert response.status_code == 404


def test_the_leader_sees_counts_and_never_reflections(world: World) -> None:
    formal = module("formal")
    assert formal is not None
    actions.save_reflections(
        module=formal, employee=world.caseworker_oslo, answers={"hverdag": SECRET}
    )
    actions.complete_module(module=formal, employee=world.caseworker_oslo)
    other = make_employee("veileder.oslo2", offices=[world.oslo], is_caseworker=True)
    actions.start_module(module=formal, employee=other)
    # Bergen's progress is not Oslo's.
    actions.complete_module(module=formal, employee=world.caseworker_bergen)

    page = client_for(world.leader_oslo).get(reverse("learning:office")).content.decode()
    oslo_staff = world.oslo.employees.filter(user__is_active=True).exclude(
        is_caseworker=False, is_leader=False
    )
    total = oslo_staff.distinct().count()
    row = re.search(r"Formålet med sosialtjenesteloven</td>(.*?)</tr>", page, re.S)
    assert row is not None
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row.group(1))
    assert cells[:2] == [f"2 / {total}", f"1 / {total}"]
    assert SECRET not in page
    assert world.caseworker_oslo.name not in page


def test_the_leader_view_lists_in_bounded_queries(world: World) -> None:
    client = client_for(world.leader_oslo)
    modules = all_modules()

    def add(n: int) -> None:
        employee = make_employee(f"laerer{n}", offices=[world.oslo], is_caseworker=True)
        for item in modules:
            actions.complete_module(module=item, employee=employee)

    assert_queries_flat(client, reverse("learning:office"), add, bound=12)


def test_the_module_list_lists_in_bounded_queries(world: World) -> None:
    client = client_for(world.caseworker_oslo)
    modules = list(all_modules())

    def add(n: int) -> None:
        if n < len(modules):
            actions.start_module(module=modules[n], employee=world.caseworker_oslo)

    assert_queries_flat(client, reverse("learning:modules"), add, bound=12)


def test_only_a_leader_sets_a_required_module(world: World) -> None:
    url = reverse("learning:office")
    data = {"module": "kartlegging", "due_days": "14", "required": "1"}
    for employee in (world.caseworker_oslo, world.admin):
        assert client_for(employee).get(url).status_code == 403
        assert client_for(employee).post(url, data).status_code == 403
    response = client_for(world.leader_oslo).post(url, data)
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=AuditAction.COMPETENCE_REQUIRED_SET)
    assert event.data == {"module": "kartlegging", "office": world.oslo.pk, "due_days": 14}

    # A new employee of the office sees it first, flagged with its due date.
    new = make_employee("ny.oslo", offices=[world.oslo], is_caseworker=True)
    page = client_for(new).get(reverse("learning:modules")).content.decode()
    due = (timezone.localdate() + timedelta(days=14)).strftime("%d.%m.%Y")
    assert "Obligatorisk for deg, frist" in page and due in page
    assert page.index("Kartlegging av situasjonen") < page.index("Formålet med sosialtjenesteloven")
    # Not in Bergen.
    bergen = client_for(world.caseworker_bergen).get(reverse("learning:modules")).content.decode()
    assert "Obligatorisk for deg" not in bergen

    client_for(world.leader_oslo).post(url, {"module": "kartlegging", "required": "0"})
    assert AuditEvent.objects.filter(action=AuditAction.COMPETENCE_REQUIRED_UNSET).count() == 1
    assert (
        "Obligatorisk for deg"
        not in client_for(new).get(reverse("learning:modules")).content.decode()
    )


def test_a_required_module_needs_its_due_days(world: World) -> None:
    response = client_for(world.leader_oslo).post(
        reverse("learning:office"), {"module": "etikk", "required": "1", "due_days": ""}
    )
    assert response.status_code == 400


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_module_speaks_the_readers_language(world: World, language: str) -> None:
    employee = world.caseworker_oslo
    employee.language = language
    employee.save(update_fields=["language"])
    item = module("individuell-vurdering")
    assert item is not None
    page = client_for(employee).get(reverse("learning:module", args=[item.key])).content.decode()
    assert item.exercises[0].case[language].split(" (")[0] in page
    assert 'href="/lov/stl-18/"' in page
