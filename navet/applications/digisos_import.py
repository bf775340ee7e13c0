"""Importing digital applications: folders with soknad.json, vedlegg.json and the files.

Everything is checked before anything is written: a run with a problem in any folder
writes nothing and reports every problem with its file and JSON path. An application
already imported (the same soknad.json content) is skipped, so a rerun is safe.

Person data: the applicant is matched on the identifier. A person Navet does not know is
created from the application when the identifier is a valid fødselsnummer or D-nummer
and the application names them; otherwise the application is refused as unknown person
data, because a case cannot be opened for nobody.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from navet.applications.actions import answer_due, local_day
from navet.applications.innsyn import append_event
from navet.applications.models import (
    Adults,
    Application,
    ApplicationStatus,
    Attachment,
    Channel,
    Fact,
    FactArea,
    FactSource,
)
from navet.audit import trail
from navet.core.models import Office
from navet.digisos.folder import Bundle, read_folder
from navet.digisos.soknad import Item, Soknad
from navet.digisos.validation import Problem
from navet.people.identifiers import IdentifierError, parse_id
from navet.people.models import Person

# Digisos type codes → the § 18 calculation's types (navet.rules). A code not listed
# here is kept as a fact and shown, but a caseworker decides whether it counts.
INCOME_TYPES = {
    "jobb": "salary",
    "sluttoppgjoer": "salary",
    "navytelse": "benefits",
    "skatteetaten": "salary",
    "barnebidrag": "child_support",
    "bostotte": "housing_benefit",
    "husbanken": "housing_benefit",
    "studielanOgStipend": "student_loan",
    "utbytte": "other",
    "salg": "other",
    "forsikring": "other",
    "annen": "other",
}
EXPENSE_TYPES = {
    "husleie": "rent",
    "strom": "electricity",
    "kommunalAvgift": "municipal_fees",
    "boliglanRenter": "mortgage_interest",
    "barnehage": "kindergarten",
    "sfo": "after_school",
    "oppvarming": "electricity",
}
AREA = {
    "income": FactArea.INCOME,
    "payout": FactArea.PAYOUT,
    "expense": FactArea.EXPENSE,
    "expense_detail": FactArea.EXPENSE_DETAIL,
    "asset": FactArea.ASSET,
    "housing_support": FactArea.HOUSING_SUPPORT,
}
COUPLE_STATUSES = {"gift", "samboer"}


@dataclass
class ImportReport:
    imported: list[Application] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class _Plan:
    bundle: Bundle
    office: Office
    person: Person | None


def import_folders(
    paths: Sequence[Path],
    *,
    fallback_office: Office | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Check every folder, then import all of them in one transaction, or none."""
    report = ImportReport()
    plans: list[_Plan] = []
    seen_hashes: set[str] = set()
    for number, path in enumerate(paths, start=1):
        bundle, problems = read_folder(path)
        if progress:
            progress(number, len(paths))
        if bundle is None:
            report.problems.extend(_in_folder(path, problems))
            continue
        if (
            bundle.content_hash in seen_hashes
            or Application.objects.filter(content_hash=bundle.content_hash).exists()
        ):
            report.skipped.append(path)
            continue
        seen_hashes.add(bundle.content_hash)
        plan, problems = _plan(bundle, fallback_office)
        report.problems.extend(_in_folder(path, problems))
        if plan is not None:
            plans.append(plan)
    if report.problems:
        return report
    with transaction.atomic():
        for plan in plans:
            report.imported.append(_import(plan))
    return report


def _in_folder(path: Path, problems: list[Problem]) -> list[Problem]:
    return [
        Problem(
            path=p.path, message=p.message, file=f"{path.name}/{p.file}" if p.file else path.name
        )
        for p in problems
    ]


def _plan(bundle: Bundle, fallback_office: Office | None) -> tuple[_Plan | None, list[Problem]]:
    problems: list[Problem] = []
    soknad = bundle.soknad
    office = (
        Office.objects.filter(number=soknad.office_number).first() if soknad.office_number else None
    )
    if office is None:
        office = fallback_office
    if office is None:
        problems.append(
            Problem(
                file="soknad.json",
                path="$.mottaker.enhetsnummer",
                message="names no Nav office known to Navet; give --office to route it",
            )
        )
    person = Person.objects.filter(national_id=soknad.national_id).first()
    if person is None:
        problems.extend(_new_person_problems(soknad))
    if problems or office is None:
        return None, problems
    return _Plan(bundle=bundle, office=office, person=person), []


def _new_person_problems(soknad: Soknad) -> list[Problem]:
    path = "$.data.personalia.personIdentifikator.verdi"
    try:
        parse_id(soknad.national_id, allow_synthetic=settings.ALLOW_SYNTHETIC_IDS)
    except IdentifierError:
        return [
            Problem(
                file="soknad.json",
                path=path,
                message="unknown person: no person with this identifier is known to Navet, "
                "and it is not a valid fødselsnummer or D-nummer",
            )
        ]
    if not soknad.given_name.strip() or not soknad.family_name.strip():
        return [
            Problem(
                file="soknad.json",
                path="$.data.personalia.navn",
                message="unknown person: the person is not known to Navet and the "
                "application gives no name to register them with",
            )
        ]
    return []


def _birth_date(soknad: Soknad) -> date:
    if soknad.birth_date is not None:
        return soknad.birth_date
    parsed = parse_id(soknad.national_id, allow_synthetic=settings.ALLOW_SYNTHETIC_IDS)
    assert parsed.birth_date is not None
    return parsed.birth_date


def _person(soknad: Soknad, office: Office) -> Person:
    person = Person(
        national_id=soknad.national_id,
        given_name=" ".join(p for p in (soknad.given_name, soknad.middle_name) if p).strip(),
        family_name=soknad.family_name.strip(),
        birth_date=_birth_date(soknad),
        phone=soknad.phone,
        office=office,
    )
    person.full_clean()
    person.save()
    trail.record(
        actor=None,
        action="person.registered",
        person=person,
        target=person,
        data={"via": "digisos_import"},
    )
    return person


def _rules_type(item: Item) -> str:
    if item.area in ("income", "payout"):
        return INCOME_TYPES.get(item.type, "")
    if item.area in ("expense", "expense_detail"):
        return EXPENSE_TYPES.get(item.type, "")
    return ""


def _import(plan: _Plan) -> Application:
    soknad = plan.bundle.soknad
    person = plan.person or _person(soknad, plan.office)
    received_at: datetime = soknad.submitted_at or timezone.now()
    children = [
        {"name": child.name, "birth_date": child.birth_date.isoformat()}
        for child in soknad.children
        if child.birth_date is not None and child.lives_with is not False
    ]
    application = Application.objects.create(
        person=person,
        office=plan.office,
        addressed_to=soknad.office_number,
        channel=Channel.DIGITAL,
        received_at=received_at,
        applied_for=soknad.applied_for,
        reason=soknad.reason,
        due_on=answer_due(local_day(received_at)),
        adults=Adults.COUPLE if soknad.marital_status in COUPLE_STATUSES else Adults.SINGLE,
        children=children,
        content_hash=plan.bundle.content_hash,
        soknad=dict(plan.bundle.raw),
        notices=list(soknad.notices),
        register_failures=list(soknad.register_failures),
    )
    Fact.objects.bulk_create(
        Fact(
            application=application,
            area=AREA.get(item.area, FactArea.OTHER),
            type=item.type[:60],
            title=item.title[:200],
            amount=item.amount,
            source=FactSource.REGISTER if item.source == "system" else FactSource.APPLICANT,
            rules_type="" if item.overridden else _rules_type(item),
            overridden_by_applicant=item.overridden,
            json_path=item.path[:200],
        )
        for item in soknad.items
    )
    if soknad.housing_type or soknad.household_size is not None:
        # How the applicant lives (bosituasjon): shown with the household, not counted.
        people = f", {soknad.household_size} personer" if soknad.household_size else ""
        Fact.objects.create(
            application=application,
            area=FactArea.HOUSEHOLD,
            type="bosituasjon",
            title=f"Bosituasjon: {soknad.housing_type or 'ikke oppgitt'}{people}",
            source=FactSource.APPLICANT,
            json_path="$.data.bosituasjon",
        )
    for spec in plan.bundle.attachments:
        if not spec.files:
            Attachment.objects.create(
                application=application,
                type=spec.type,
                extra_info=spec.extra_info,
                status=spec.status,
                event_type=spec.event_type,
                event_reference=spec.event_reference,
                received_at=received_at,
            )
        for attached in spec.files:
            path = plan.bundle.files[attached.filename]
            attachment = Attachment(
                application=application,
                type=spec.type,
                extra_info=spec.extra_info,
                status=spec.status,
                filename=attached.filename,
                sha512=attached.sha512,
                size=path.stat().st_size,
                event_type=spec.event_type,
                event_reference=spec.event_reference,
                received_at=received_at,
            )
            with path.open("rb") as handle:
                attachment.file.save(attached.filename, File(handle), save=False)
            attachment.save()
    append_event(application, "soknadsStatus", at=received_at, status=ApplicationStatus.RECEIVED)
    if soknad.office_number and soknad.office_number != plan.office.number:
        append_event(application, "tildeltNavKontor", navKontor=plan.office.number)
    trail.record(
        actor=None,
        action="application.imported",
        person=person,
        target=application,
        data={
            "channel": Channel.DIGITAL,
            "facts": len(soknad.items),
            "attachments": len(plan.bundle.attachments),
            "content_hash": plan.bundle.content_hash,
        },
    )
    return application
