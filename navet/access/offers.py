"""Offering an override after a fødselsnummer search found a person in another office.

The person found is remembered in the session under the search's random key, so the
override form never takes a person id (or a fødselsnummer) from the URL.
"""

from __future__ import annotations

from django.http import HttpRequest

from navet.access.policy import check_person_access
from navet.core.models import Employee
from navet.people.models import Person

SESSION_KEY = "override_candidates"
KEPT = 10


def offer_override(request: HttpRequest, employee: Employee, *, key: str, national_id: str) -> bool:
    """Remember the person if only the office rule refuses them; say whether to offer.

    Protected persons are refused by rules that can never be overridden, so they are never
    offered: the answer is the same as for a number nobody has."""
    person = Person.objects.filter(national_id=national_id).first()
    if person is None or not check_person_access(employee, person).overridable:
        return False
    candidates: dict[str, str] = request.session.get(SESSION_KEY, {})
    candidates[key] = str(person.pk)
    request.session[SESSION_KEY] = dict(list(candidates.items())[-KEPT:])
    return True


def override_candidate(request: HttpRequest, employee: Employee, *, key: str) -> Person | None:
    person_id = request.session.get(SESSION_KEY, {}).get(key)
    person = Person.objects.filter(pk=person_id).first() if person_id else None
    if person is None or not check_person_access(employee, person).overridable:
        return None
    return person
