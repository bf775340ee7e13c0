"""Who may see which person: the one place that decides.

The rules follow Nav's tilgangsmaskin (reference/regelverk.md § 7), in this order:

1. strengt fortrolig adresse            - needs the strictly-confidential authorisation
2. strengt fortrolig adresse i utlandet - needs the same authorisation
3. fortrolig adresse                    - needs the confidential authorisation
4. skjermet (Nav employees and family)  - needs the shielded authorisation
5. habilitet: the employee's own person, parent, child, partner (current or former),
   sibling, or someone they have a child with
   Rules 1-5 can never be overridden.
6. office: the person belongs to one of the employee's offices, or the employee holds an
   active, reasoned access override for the person.

An administrator who is neither caseworker nor leader sees no person at all.

`check_person_access` answers for one person (with the rule that refused, so the UI can
offer an override only where the law allows one); `visible_persons_filter` is the same
policy as a database filter for lists. A test asserts the two always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Q

from navet.access.models import AccessOverride
from navet.people.models import (
    STRICT_PROTECTIONS,
    AddressProtection,
    FamilyRelation,
    Person,
    PersonQuerySet,
)

if TYPE_CHECKING:
    from navet.core.models import Employee


class Rule(StrEnum):
    NO_PERSON_ROLE = "no_person_role"
    STRICTLY_CONFIDENTIAL = "strengt_fortrolig"
    STRICTLY_CONFIDENTIAL_ABROAD = "strengt_fortrolig_utland"
    CONFIDENTIAL = "fortrolig"
    SHIELDED = "skjermet"
    HABILITET = "habilitet"
    OFFICE = "office"


OVERRIDABLE_RULES = frozenset({Rule.OFFICE})


@dataclass(frozen=True)
class AccessDecision:
    allowed: bool
    refused_by: Rule | None = None
    via_override: bool = False
    override_reason: str = ""

    @property
    def overridable(self) -> bool:
        return not self.allowed and self.refused_by in OVERRIDABLE_RULES


def close_family_ids(employee: Employee) -> set[UUID]:
    """The employee's own person and their close family, in both directions of a relation."""
    if employee.person_id is None:
        return set()
    cached: set[UUID] | None = getattr(employee, "_close_family_ids", None)
    if cached is not None:
        return cached
    own = employee.person_id
    ids: set[UUID] = {own}
    for person_id, relative_id in FamilyRelation.objects.filter(
        Q(person_id=own) | Q(relative_id=own)
    ).values_list("person_id", "relative_id"):
        ids.add(person_id)
        ids.add(relative_id)
    employee._close_family_ids = ids  # type: ignore[attr-defined]
    return ids


def _active_override_person_ids(employee: Employee) -> Q:
    return Q(pk__in=AccessOverride.objects.active().filter(employee=employee).values("person_id"))


def visible_persons(employee: Employee) -> PersonQuerySet:
    """Only the persons this employee may see: the queryset every list of persons starts from."""
    return Person.objects.filter(visible_persons_filter(employee))


def check_person_access(employee: Employee, person: Person) -> AccessDecision:
    """May this employee see this person? The first refusing rule is named."""
    if not employee.works_with_persons:
        return AccessDecision(False, Rule.NO_PERSON_ROLE)
    protection = person.address_protection
    if protection == AddressProtection.STRICTLY_CONFIDENTIAL:
        if not employee.may_see_strictly_confidential:
            return AccessDecision(False, Rule.STRICTLY_CONFIDENTIAL)
    elif protection == AddressProtection.STRICTLY_CONFIDENTIAL_ABROAD:
        if not employee.may_see_strictly_confidential:
            return AccessDecision(False, Rule.STRICTLY_CONFIDENTIAL_ABROAD)
    elif protection == AddressProtection.CONFIDENTIAL and not employee.may_see_confidential:
        return AccessDecision(False, Rule.CONFIDENTIAL)
    if person.shielded and not employee.may_see_shielded:
        return AccessDecision(False, Rule.SHIELDED)
    if person.pk in close_family_ids(employee):
        return AccessDecision(False, Rule.HABILITET)
    if person.office_id in employee.office_ids():
        return AccessDecision(True)
    reason = (
        AccessOverride.objects.active()
        .filter(employee=employee, person=person)
        .values_list("reason", flat=True)
        .first()
    )
    if reason is not None:
        return AccessDecision(True, via_override=True, override_reason=reason)
    return AccessDecision(False, Rule.OFFICE)


def visible_persons_filter(employee: Employee) -> Q:
    """The policy above as one database filter (for every list of persons)."""
    if not employee.works_with_persons:
        return Q(pk__in=[])
    hidden = Q()
    if not employee.may_see_strictly_confidential:
        hidden |= Q(address_protection__in=list(STRICT_PROTECTIONS))
    if not employee.may_see_confidential:
        hidden |= Q(address_protection=AddressProtection.CONFIDENTIAL)
    if not employee.may_see_shielded:
        hidden |= Q(shielded=True)
    family = close_family_ids(employee)
    if family:
        hidden |= Q(pk__in=family)
    allowed = Q(office__in=employee.office_ids()) | _active_override_person_ids(employee)
    return allowed & ~hidden if hidden else allowed


def may_see_address(employee: Employee, person: Person) -> bool:
    """A protected address is shown only to an employee authorised for that grading.

    Visibility already requires the authorisation, so this matters where a protected
    person's address could reach a screen some other way (a household list, a letter).
    """
    if person.address_protection in STRICT_PROTECTIONS:
        return employee.may_see_strictly_confidential
    if person.address_protection == AddressProtection.CONFIDENTIAL:
        return employee.may_see_confidential
    return True
