"""A digital application from the portal: the form's answers become a Digisos soknad.json
(with vedlegg.json and the files), checked against Nav's schema and received through the
same import as every other digital application (navet.applications.digisos_import)."""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone, translation

from navet.applications.digisos_import import import_folders
from navet.applications.models import Application
from navet.audit import trail
from navet.citizen.apply_forms import ASSETS, EXPENSES, INCOMES, ApplyForm, EmergencyForm
from navet.core.models import Office
from navet.digisos.folder import SOKNAD_FILE, VEDLEGG_FILE
from navet.digisos.validation import format_timestamp
from navet.people.models import Person

SCHEMA_VERSION = "1.0.11"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class NotReceived(Exception):
    """The import refused what the portal built: a fault in Navet, never the person's."""


def _row(source: str, type_: str, title: str, amount: int, key: str) -> dict[str, Any]:
    return {
        "kilde": source,
        "type": type_,
        "tittel": title,
        key: amount,
        "overstyrtAvBruker": False,
    }


def build_soknad(
    *, person: Person, office: Office, form: ApplyForm | EmergencyForm, received: datetime
) -> dict[str, Any]:
    data = form.cleaned_data
    emergency = isinstance(form, EmergencyForm)
    account = data.get("account") or ""
    incomes: list[dict[str, Any]] = []
    overview_costs: list[dict[str, Any]] = []
    other_costs: list[dict[str, Any]] = []
    assets: list[dict[str, Any]] = []
    if not emergency:
        for name, _kind, type_, title in INCOMES:
            if data.get(name):
                incomes.append(_row("bruker", type_, str(title), data[name], "netto"))
        for name, kind, type_, title in EXPENSES:
            if data.get(name):
                target = overview_costs if kind == "oversikt" else other_costs
                target.append(_row("bruker", type_, str(title), data[name], "belop"))
    for name, type_, title in ASSETS:
        if data.get(name) is not None and name in data:
            assets.append(_row("bruker", type_, str(title), data[name], "belop"))
    personalia: dict[str, Any] = {
        "personIdentifikator": {"kilde": "system", "verdi": person.national_id},
        "navn": {
            "kilde": "system",
            "fornavn": person.given_name,
            "mellomnavn": "",
            "etternavn": person.family_name,
        },
        "kontonummer": {"kilde": "bruker", "verdi": account}
        if account
        else {"kilde": "bruker", "harIkkeKonto": True},
    }
    if data.get("phone"):
        personalia["telefonnummer"] = {"kilde": "bruker", "verdi": data["phone"]}
    soknad_data: dict[str, Any] = {
        "soknadstype": "kort" if emergency else "standard",
        "personalia": personalia,
        "begrunnelse": {
            "kilde": "bruker",
            "hvaSokesOm": data["what"],
            "hvorforSoke": data.get("why") or "",
        },
        "okonomi": {
            "opplysninger": {"utbetaling": [], "utgift": other_costs},
            "oversikt": {"inntekt": incomes, "utgift": overview_costs, "formue": assets},
        },
    }
    if isinstance(form, ApplyForm):
        children = form.children()
        marital: dict[str, Any] = {"kilde": "bruker", "status": data["marital_status"]}
        if data["marital_status"] == "gift":
            marital["ektefelle"] = {
                "navn": {"fornavn": data["spouse_name"], "mellomnavn": "", "etternavn": ""}
            }
        soknad_data["familie"] = {
            "sivilstatus": marital,
            "forsorgerplikt": {
                "harForsorgerplikt": {"kilde": "bruker", "verdi": bool(children)},
                "ansvar": [
                    {
                        "barn": {
                            "kilde": "bruker",
                            "navn": {"fornavn": name, "mellomnavn": "", "etternavn": ""},
                            "fodselsdato": birth.isoformat(),
                        },
                        "borSammenMed": {"kilde": "bruker", "verdi": True},
                    }
                    for name, birth in children
                ],
            },
        }
        soknad_data["bosituasjon"] = {
            "kilde": "bruker",
            "botype": data["housing"],
            "antallPersoner": data["household_size"],
        }
    return {
        "version": SCHEMA_VERSION,
        "data": soknad_data,
        "mottaker": {
            "kommunenummer": office.municipality_number,
            "enhetsnummer": office.number,
            "navEnhetsnavn": office.name,
        },
        "driftsinformasjon": {"inntektFraSkatteetatenFeilet": False},
        "kompatibilitet": [],
        "innsendingstidspunkt": format_timestamp(received),
    }


def _safe_name(name: str, index: int) -> str:
    stem = _UNSAFE.sub("-", Path(name).name).strip(".-") or "vedlegg"
    return f"{index:02d}-{stem[-80:]}"


def submit(*, person: Person, form: ApplyForm | EmergencyForm) -> Application:
    """Build the søknad, write it as a Digisos folder and import it: valid against Nav's
    schema, or nothing is received (NotReceived)."""
    received = timezone.now()
    emergency = isinstance(form, EmergencyForm)
    # The items' titles are written for the office, in its working language.
    with translation.override(settings.LANGUAGE_CODE):
        soknad = build_soknad(person=person, office=person.office, form=form, received=received)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "soknad"
        path.mkdir()
        (path / SOKNAD_FILE).write_text(json.dumps(soknad, ensure_ascii=False), encoding="utf-8")
        files = []
        for index, upload in enumerate(form.cleaned_data.get("uploads") or [], start=1):
            upload.seek(0)
            content = upload.read()
            name = _safe_name(str(upload.name), index)
            (path / name).write_bytes(content)
            files.append({"filnavn": name, "sha512": hashlib.sha512(content).hexdigest()})
        if files:
            vedlegg = {
                "vedlegg": [
                    {
                        "type": "annet",
                        "tilleggsinfo": "annet",
                        "status": "LastetOpp",
                        "filer": files,
                    }
                ]
            }
            (path / VEDLEGG_FILE).write_text(json.dumps(vedlegg), encoding="utf-8")
        report = import_folders([path], emergency=emergency, actor_label=trail.CITIZEN_ACTOR)
    if report.problems or len(report.imported) != 1:
        raise NotReceived("; ".join(str(problem) for problem in report.problems))
    return report.imported[0]
