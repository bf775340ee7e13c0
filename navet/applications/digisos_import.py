"""Importing digital applications: folders with soknad.json, vedlegg.json and the files.

Everything is checked before anything is written: a run with a problem in any folder
writes nothing and reports every problem with its file and JSON path. An application
already imported (the same soknad.json content) is skipped, so a rerun is safe.

Nav's schemas allow text of any length and numbers of any size; Navet's fields do not. Each
value the import writes is built once (the ``_*_fields`` functions below) and checked
against the model field it goes into, its max_length or integer range read from the field
itself, so the check cannot drift from the model. Dates must lie in the years
EARLIEST_DAY to LATEST_DAY: nobody alive was born before, and the date arithmetic (the
answer deadline, the local day) stays far from the calendar's ends.

Person data: the applicant is matched on the identifier. A person Navet does not know is
created from the application when the identifier is a valid fødselsnummer or D-nummer
and the application names them; otherwise the application is refused as unknown person
data, because a case cannot be opened for nobody.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from navet.applications.actions import answer_due, local_day, start_processing
from navet.applications.innsyn import append_event
from navet.applications.models import (
    Adults,
    Application,
    ApplicationStatus,
    Attachment,
    CaseKind,
    Channel,
    Fact,
    FactArea,
    FactSource,
)
from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Office
from navet.digisos.folder import SOKNAD_FILE, VEDLEGG_FILE, Bundle, read_contents
from navet.digisos.soknad import Child, Item, Soknad
from navet.digisos.validation import Problem
from navet.digisos.vedlegg import AttachmentFile, AttachmentSpec
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
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2099, 12, 31)


@dataclass
class ImportReport:
    imported: list[Application] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    refused: list[Path] = field(default_factory=list)  # the folders with problems


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
    emergency: bool = False,
    actor_label: str = "",
) -> ImportReport:
    """Check every folder, then import all of them in one transaction, or none.

    `emergency`: the applications ask for nødhjelp (the portal's short form); each is due
    the same day and gets its nødhjelp case at once, as one registered at the desk.
    `actor_label`: who sent them, when it is known (the person, from the portal)."""
    report = ImportReport()
    plans: list[_Plan] = []
    seen_hashes: set[str] = set()
    for number, path in enumerate(paths, start=1):
        contents = read_contents(path)
        if progress:
            progress(number, len(paths))
        bundle = contents.bundle
        if bundle is not None and (
            bundle.content_hash in seen_hashes
            or Application.objects.filter(content_hash=bundle.content_hash).exists()
        ):
            report.skipped.append(path)
            continue
        problems = list(contents.problems)
        problems += _attachment_problems(contents.attachments)
        office = person = None
        if contents.soknad is not None:
            office, person, found = _destination(contents.soknad, fallback_office)
            problems += found
        if bundle is None and not problems:
            # The reader gives a bundle or says why not; should it ever do neither, the
            # folder is still refused rather than passed over in silence.
            problems.append(Problem("$", "holds no application to import", SOKNAD_FILE))
        if problems:
            report.refused.append(path)
            report.problems.extend(_in_folder(path, problems))
        if bundle is not None:
            seen_hashes.add(bundle.content_hash)
            if not problems and office is not None:
                plans.append(_Plan(bundle=bundle, office=office, person=person))
    if report.problems:
        return report
    stored: list[FieldFile] = []
    try:
        with transaction.atomic():
            for plan in plans:
                report.imported.append(
                    _import(plan, stored, emergency=emergency, actor_label=actor_label)
                )
    except BaseException:
        # The rows are rolled back; the files copied so far must not stay behind.
        for field_file in stored:
            if field_file.name:
                field_file.storage.delete(field_file.name)
        raise
    return report


def _in_folder(path: Path, problems: list[Problem]) -> list[Problem]:
    """The problems with the folder as it was given (so the operator can find it), and the
    file in it where the problem is in soknad.json or vedlegg.json."""
    folder = str(path)
    return [
        replace(p, file=f"{folder}/{p.file}" if p.file in (SOKNAD_FILE, VEDLEGG_FILE) else folder)
        for p in problems
    ]


def _destination(
    soknad: Soknad, fallback_office: Office | None
) -> tuple[Office | None, Person | None, list[Problem]]:
    """The office and the known person the application goes to, and every problem with
    the søknad: no office, a person Navet cannot register, a value Navet cannot hold."""
    problems: list[Problem] = []
    office = (
        Office.objects.filter(number=soknad.office_number).first() if soknad.office_number else None
    )
    if office is None:
        office = fallback_office
    if office is None:
        problems.append(
            Problem(
                file=SOKNAD_FILE,
                path="$.mottaker.enhetsnummer",
                message="names no Nav office known to Navet; give --office to route it",
            )
        )
    person = Person.objects.filter(national_id=soknad.national_id).first()
    if person is None:
        problems.extend(_new_person_problems(soknad))
    problems.extend(_soknad_problems(soknad))
    return office, person, problems


def _new_person_problems(soknad: Soknad) -> list[Problem]:
    path = "$.data.personalia.personIdentifikator.verdi"
    try:
        parsed = parse_id(soknad.national_id, allow_synthetic=settings.ALLOW_SYNTHETIC_IDS)
    except IdentifierError:
        return [
            Problem(
                file=SOKNAD_FILE,
                path=path,
                message="unknown person: no person with this identifier is known to Navet, "
                "and it is not a valid fødselsnummer or D-nummer",
            )
        ]
    if not soknad.given_name.strip() or not soknad.family_name.strip():
        return [
            Problem(
                file=SOKNAD_FILE,
                path="$.data.personalia.navn",
                message="unknown person: the person is not known to Navet and the "
                "application gives no name to register them with",
            )
        ]
    if soknad.birth_date is None and parsed.birth_date is None:
        return [
            Problem(
                file=SOKNAD_FILE,
                path="$.data.personalia.fodselsdato",
                message="unknown person: the person is not known to Navet, the application "
                "gives no birth date, and the identifier does not tell it",
            )
        ]
    problems: list[Problem] = []
    if soknad.birth_date is not None and not _in_time(soknad.birth_date):
        problems.append(_out_of_time("$.data.personalia.fodselsdato"))
    person = Person(**_person_fields(soknad))
    person.refresh_name_keys()
    navn = "$.data.personalia.navn"
    # The given name Navet keeps is fornavn and mellomnavn together.
    given_alone = len(soknad.given_name.strip()) > _max_length(Person, "given_name")
    return problems + _unfit(
        person,
        SOKNAD_FILE,
        {
            "national_id": path,
            "given_name": f"{navn}.fornavn" if given_alone or not soknad.middle_name else navn,
            "family_name": f"{navn}.etternavn",
            "name_key": navn,  # the search key, longer than the name when ﬁ is written fi
            "phone": "$.data.personalia.telefonnummer.verdi",
        },
    )


def _soknad_problems(soknad: Soknad) -> list[Problem]:
    """Every value of the søknad that the application and its facts cannot hold."""
    days = [(child.birth_date, f"{child.path}.barn.fodselsdato") for child in _children(soknad)]
    if soknad.submitted_at is not None:
        days.append((soknad.submitted_at.date(), "$.innsendingstidspunkt"))
    problems = [_out_of_time(at) for day, at in days if day is not None and not _in_time(day)]
    if problems:
        # No deadline can be worked out from such a time; the other values are checked with
        # the time an application without one gets.
        soknad = replace(soknad, submitted_at=None)
    application = Application(**_application_fields(soknad))
    problems += _unfit(
        application,
        SOKNAD_FILE,
        {
            "addressed_to": "$.mottaker.enhetsnummer",
            "applied_for": "$.data.begrunnelse.hvaSokesOm",
            "reason": "$.data.begrunnelse.hvorforSoke",
        },
    )
    for item in soknad.items:
        title = "beskrivelse" if item.area == "housing_support" else "tittel"
        problems += _unfit(
            Fact(**_item_fields(item)),
            SOKNAD_FILE,
            {
                "type": f"{item.path}.type",
                "title": f"{item.path}.{title}",
                "amount": item.amount_path,
                "json_path": item.path,
            },
        )
    housing = _housing_fields(soknad)
    if housing is not None:
        problems += _unfit(Fact(**housing), SOKNAD_FILE, {"title": "$.data.bosituasjon"})
    return problems


def _attachment_problems(specs: Sequence[AttachmentSpec]) -> list[Problem]:
    """Every value of vedlegg.json that an Attachment cannot hold."""
    problems: list[Problem] = []
    for spec in specs:
        problems += _unfit(
            Attachment(**_attachment_fields(spec, None)),
            VEDLEGG_FILE,
            {
                "type": f"{spec.path}.type",
                "extra_info": f"{spec.path}.tilleggsinfo",
                "status": f"{spec.path}.status",
                "event_type": f"{spec.path}.hendelseType",
                "event_reference": f"{spec.path}.hendelseReferanse",
            },
        )
        for index, attached in enumerate(spec.files):
            at = f"{spec.path}.filer[{index}]"
            problems += _unfit(
                Attachment(**_attachment_fields(spec, attached)),
                VEDLEGG_FILE,
                {"filename": f"{at}.filnavn", "sha512": f"{at}.sha512"},
            )
    return problems


# --- What Navet's fields can hold --------------------------------------------------------


def _unfit(instance: models.Model, file: str, paths: Mapping[str, str]) -> list[Problem]:
    """A problem at its JSON path for every field in ``paths`` that cannot hold the value
    the instance has for it. The limits are the fields' own: max_length, and the integer
    range every database Navet runs on holds (SQLite would take more than PostgreSQL)."""
    problems: list[Problem] = []
    for name, at in paths.items():
        model_field = instance._meta.get_field(name)
        assert isinstance(model_field, models.Field)
        value = getattr(instance, model_field.attname)
        limit = model_field.max_length
        if isinstance(value, str) and limit is not None and len(value) > limit:
            message = f"longer than the {limit} characters Navet can hold"
            problems.append(Problem(path=at, message=message, file=file))
        bounds = BaseDatabaseOperations.integer_field_ranges.get(model_field.get_internal_type())
        if isinstance(value, int) and bounds is not None and not bounds[0] <= value <= bounds[1]:
            message = f"outside the range Navet can hold ({bounds[0]} to {bounds[1]})"
            problems.append(Problem(path=at, message=message, file=file))
    return problems


def _max_length(model: type[models.Model], name: str) -> int:
    model_field = model._meta.get_field(name)
    assert isinstance(model_field, models.Field) and model_field.max_length is not None
    return model_field.max_length


def _in_time(day: date) -> bool:
    return EARLIEST_DAY <= day <= LATEST_DAY


def _out_of_time(at: str) -> Problem:
    message = f"a date outside the years {EARLIEST_DAY.year} to {LATEST_DAY.year} Navet accepts"
    return Problem(path=at, message=message, file=SOKNAD_FILE)


# --- The values written ------------------------------------------------------------------


def _birth_date(soknad: Soknad) -> date:
    if soknad.birth_date is not None:
        return soknad.birth_date
    parsed = parse_id(soknad.national_id, allow_synthetic=settings.ALLOW_SYNTHETIC_IDS)
    assert parsed.birth_date is not None  # _new_person_problems refused the søknad otherwise
    return parsed.birth_date


def _person_fields(soknad: Soknad) -> dict[str, Any]:
    return {
        "national_id": soknad.national_id,
        "given_name": " ".join(p for p in (soknad.given_name, soknad.middle_name) if p).strip(),
        "family_name": soknad.family_name.strip(),
        "birth_date": _birth_date(soknad),
        "phone": soknad.phone,
    }


def _children(soknad: Soknad) -> list[Child]:
    """The children the household has for the § 18 calculation."""
    return [
        child
        for child in soknad.children
        if child.birth_date is not None and child.lives_with is not False
    ]


def _application_fields(soknad: Soknad) -> dict[str, Any]:
    received_at: datetime = soknad.submitted_at or timezone.now()
    return {
        "addressed_to": soknad.office_number,
        "channel": Channel.DIGITAL,
        "received_at": received_at,
        "applied_for": soknad.applied_for,
        "reason": soknad.reason,
        "account_number": _account_digits(soknad.account_number),
        "due_on": answer_due(local_day(received_at)),
        "adults": Adults.COUPLE if soknad.marital_status in COUPLE_STATUSES else Adults.SINGLE,
        "children": [
            {"name": child.name, "birth_date": child.birth_date.isoformat()}
            for child in _children(soknad)
            if child.birth_date is not None
        ],
        "notices": list(soknad.notices),
        "register_failures": list(soknad.register_failures),
    }


def _account_digits(text: str) -> str:
    """The account as 11 digits (spaces and dots removed), or "" when it is not 11 digits:
    the caseworker then registers it before anything is paid."""
    digits = "".join(c for c in text if c not in " .")
    return digits if len(digits) == 11 and digits.isdigit() else ""


def _rules_type(item: Item) -> str:
    if item.area in ("income", "payout"):
        return INCOME_TYPES.get(item.type, "")
    if item.area in ("expense", "expense_detail"):
        return EXPENSE_TYPES.get(item.type, "")
    return ""


def _item_fields(item: Item) -> dict[str, Any]:
    return {
        "area": AREA.get(item.area, FactArea.OTHER),
        "type": item.type,
        "title": item.title,
        "amount": item.amount,
        "source": FactSource.REGISTER if item.source == "system" else FactSource.APPLICANT,
        "rules_type": "" if item.overridden else _rules_type(item),
        "overridden_by_applicant": item.overridden,
        "json_path": item.path,
    }


def _housing_fields(soknad: Soknad) -> dict[str, Any] | None:
    """How the applicant lives (bosituasjon): shown with the household, not counted."""
    if not soknad.housing_type and soknad.household_size is None:
        return None
    size = soknad.household_size
    people = f", {size} {'person' if size == 1 else 'personer'}" if size else ""
    return {
        "area": FactArea.HOUSEHOLD,
        "type": "bosituasjon",
        "title": f"Bosituasjon: {soknad.housing_type or 'ikke oppgitt'}{people}",
        "source": FactSource.APPLICANT,
        "json_path": "$.data.bosituasjon",
    }


def _attachment_fields(spec: AttachmentSpec, attached: AttachmentFile | None) -> dict[str, Any]:
    values = {
        "type": spec.type,
        "extra_info": spec.extra_info,
        "status": spec.status,
        "event_type": spec.event_type,
        "event_reference": spec.event_reference,
    }
    if attached is not None:
        values |= {"filename": attached.filename, "sha512": attached.sha512}
    return values


# --- Writing -----------------------------------------------------------------------------


def _person(soknad: Soknad, office: Office) -> Person:
    person = Person(**_person_fields(soknad), office=office)
    person.full_clean()
    person.save()
    trail.record(
        actor=None,
        action=AuditAction.PERSON_REGISTERED,
        person=person,
        target=person,
        data={"via": "digisos_import"},
    )
    return person


def _import(
    plan: _Plan, stored: list[FieldFile], *, emergency: bool = False, actor_label: str = ""
) -> Application:
    soknad = plan.bundle.soknad
    # Two folders in one run may register the same new person: the first one does.
    person = (
        plan.person
        or Person.objects.filter(national_id=soknad.national_id).first()
        or _person(soknad, plan.office)
    )
    application = Application(
        person=person,
        office=plan.office,
        content_hash=plan.bundle.content_hash,
        soknad=dict(plan.bundle.raw),
        **_application_fields(soknad),
    )
    if emergency:
        application.emergency = True
        application.due_on = local_day(application.received_at)
    application.assign_reference()
    application.save()
    received_at = application.received_at
    Fact.objects.bulk_create(
        Fact(application=application, **_item_fields(item)) for item in soknad.items
    )
    housing = _housing_fields(soknad)
    if housing is not None:
        Fact.objects.create(application=application, **housing)
    for spec in plan.bundle.attachments:
        if not spec.files:
            Attachment.objects.create(
                application=application, received_at=received_at, **_attachment_fields(spec, None)
            )
        for attached in spec.files:
            path = plan.bundle.files[attached.filename]
            attachment = Attachment(
                application=application,
                size=path.stat().st_size,
                received_at=received_at,
                **_attachment_fields(spec, attached),
            )
            with path.open("rb") as handle:
                attachment.file.save(attached.filename, File(handle), save=False)
            stored.append(attachment.file)
            attachment.save()
    append_event(application, "soknadsStatus", at=received_at, status=ApplicationStatus.RECEIVED)
    if soknad.office_number and soknad.office_number != plan.office.number:
        append_event(application, "tildeltNavKontor", navKontor=plan.office.number)
    trail.record(
        actor=None,
        action=AuditAction.APPLICATION_IMPORTED,
        person=person,
        target=application,
        data={
            "channel": Channel.DIGITAL,
            "facts": len(soknad.items),
            "attachments": len(plan.bundle.attachments),
            "content_hash": plan.bundle.content_hash,
            "emergency": emergency,
        },
        actor_label=actor_label,
    )
    if emergency:
        start_processing(application=application, actor=None, first_case=CaseKind.EMERGENCY)
    return application
