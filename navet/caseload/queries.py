"""The caseload's reads: the persons in follow-up an employee may see, in their scope (mine
or the office's), narrowed by the filters; all counters in one query; one page of the list
in one query (plus its count)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import OrderBy
from django.http import QueryDict
from django.utils.translation import gettext as _

from navet.access.policy import visible_persons_filter
from navet.caseload.filters import COUNTER_BY_KEY, COUNTERS, FILTER_BY_KEY, Moment
from navet.core.models import Employee
from navet.core.params import BadParameter
from navet.dialog.models import Thread, ThreadState
from navet.followup.models import Meeting
from navet.people.models import Person

PAGE_SIZE = 50
SCOPES = ("mine", "kontor")
KEYS = {"omfang", "teller", "filter", "veileder", "sorter", "side"}
SORTINGS: dict[str, tuple[str | OrderBy, ...]] = {
    "navn": ("family_name", "given_name", "pk"),
    "alder": ("-birth_date", "pk"),
    "veileder": (F("caseworker__name").asc(nulls_first=True), "family_name", "pk"),
    "venter": (F("waiting_since").asc(nulls_last=True), "pk"),
}


@dataclass
class Selection:
    """What the caseload page shows, read from (and written back to) the query string.
    Only these keys and values are ever accepted, so a saved filter cannot hold a name
    or a fødselsnummer."""

    scope: str = "mine"
    counter: str = ""
    filters: list[str] = field(default_factory=list)
    caseworker: int | None = None
    sort: str = ""
    page: int = 1

    @classmethod
    def parse(cls, params: QueryDict, *, strict: bool = False) -> Selection:
        """Read the selection; with `strict` (a filter to be saved) any other key is
        refused, so nothing but these keys is ever stored."""
        if strict and set(params) - KEYS:
            raise BadParameter(_("Et lagret filter kan bare inneholde filtrene på siden."))
        scope = params.get("omfang", "mine")
        counter = params.get("teller", "")
        filters = params.getlist("filter")
        sort = params.get("sorter", "")
        if scope not in SCOPES:
            raise BadParameter(_("Parameteren «omfang» må være «mine» eller «kontor»."))
        if counter and (
            counter not in COUNTER_BY_KEY
            or (COUNTER_BY_KEY[counter].office_only and scope == "mine")
        ):
            raise BadParameter(_("Parameteren «teller» er ikke en av tellerne på siden."))
        if any(key not in FILTER_BY_KEY for key in filters):
            raise BadParameter(_("Parameteren «filter» er ikke et av filtrene på siden."))
        if sort.lstrip("-") not in SORTINGS and sort:
            raise BadParameter(_("Parameteren «sorter» er ikke en av kolonnene."))
        caseworker = _int(params.get("veileder", ""), "veileder")
        page = _int(params.get("side", ""), "side") or 1
        return cls(scope, counter, sorted(set(filters)), caseworker, sort, page)

    def query(self, **changes: object) -> str:
        """This selection as a query string, with `changes` (None removes a key)."""
        values: dict[str, object] = {
            "omfang": self.scope,
            "teller": self.counter,
            "filter": self.filters,
            "veileder": self.caseworker,
            "sorter": self.sort,
            "side": self.page if self.page > 1 else None,
        }
        values.update(changes)
        pairs: list[tuple[str, str]] = []
        for key, value in values.items():
            if value in (None, "", []):
                continue
            if isinstance(value, list):
                pairs.extend((key, str(v)) for v in value)
            else:
                pairs.append((key, str(value)))
        return urlencode(pairs)

    def saved_query(self) -> str:
        return self.query(side=None, sorter=self.sort or None)


def _int(raw: str, name: str) -> int | None:
    if raw == "":
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 12:
        raise BadParameter(_("Parameteren «%(name)s» må være et helt tall.") % {"name": name})
    return int(raw)


def in_scope(employee: Employee, selection: Selection, moment: Moment) -> QuerySet[Person]:
    """The persons in ongoing follow-up the employee may see, in the scope and filters
    (every counter counts within this)."""
    persons = Person.objects.filter(
        visible_persons_filter(employee),
        follow_up__isnull=False,
        follow_up__ended_at__isnull=True,
    )
    if selection.scope == "mine":
        persons = persons.filter(caseworker=employee)
    else:
        persons = persons.filter(office__in=employee.office_ids())
    if selection.caseworker is not None:
        persons = persons.filter(caseworker_id=selection.caseworker)
    for key in selection.filters:
        persons = persons.filter(FILTER_BY_KEY[key].condition(moment))
    return persons


def counts(employee: Employee, selection: Selection, moment: Moment) -> dict[str, int]:
    """Every counter in one query: the number each would list, with the other filters."""
    shown = [c for c in COUNTERS if not (c.office_only and selection.scope == "mine")]
    totals = in_scope(employee, selection, moment).aggregate(
        alle=Count("pk"), **{c.key: Count("pk", filter=c.condition(moment)) for c in shown}
    )
    return {key: int(value or 0) for key, value in totals.items()}


def listed(employee: Employee, selection: Selection, moment: Moment) -> QuerySet[Person]:
    """The list behind a counter (or all), with what the columns show, in its order."""
    persons = in_scope(employee, selection, moment)
    if selection.counter:
        persons = persons.filter(COUNTER_BY_KEY[selection.counter].condition(moment))
    waiting = Thread.objects.filter(
        person=OuterRef("pk"), state=ThreadState.WAITING_FOR_NAV
    ).order_by("last_message_at")
    next_meeting = Meeting.objects.filter(
        person=OuterRef("pk"), cancelled_at__isnull=True, starts_at__gte=moment.day_start
    ).order_by("starts_at")
    persons = persons.select_related("caseworker", "follow_up").annotate(
        waiting_since=Subquery(waiting.values("last_message_at")[:1]),
        next_meeting=Subquery(next_meeting.values("starts_at")[:1]),
    )
    sort = selection.sort or ("venter" if selection.counter == "venter-nav" else "navn")
    order = SORTINGS[sort.lstrip("-")]
    if sort.startswith("-"):
        order = tuple(_reverse(o) for o in order)
    return persons.order_by(*order)


def _reverse(term: str | OrderBy) -> str | OrderBy:
    if isinstance(term, str):
        return term[1:] if term.startswith("-") else f"-{term}"
    if term.descending:
        return OrderBy(term.expression, nulls_first=True)
    return OrderBy(term.expression, descending=True, nulls_last=True)


def matching(employee: Employee, selection: Selection, moment: Moment) -> Q:
    """The list's persons as a filter, for a bulk assignment from a filtered page."""
    return Q(pk__in=listed(employee, selection, moment).values("pk"))
