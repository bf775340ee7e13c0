"""The override flow (enkelttilgang) and the leader's review of overrides."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from navet.access import actions
from navet.access.forms import OverrideForm, ReviewForm
from navet.access.models import AccessOverride, ReviewStatus
from navet.access.offers import override_candidate
from navet.access.permissions import get_override_for_review
from navet.access.policy import visible_persons
from navet.audit.describe import action_label, describe_seen, target_names
from navet.audit.models import AuditEvent
from navet.core.http import AuthedRequest
from navet.core.models import Employee
from navet.core.tables import Cell

REVIEW_PAGE = 50
# What the employee did during one override: a few hours' work fits many times over.
DURING_LIMIT = 200


@require_http_methods(["GET", "POST"])
def override_new(request: AuthedRequest) -> HttpResponse:
    """Ask for time-limited access to the person a fødselsnummer search found in another
    office. The person comes from the session, never from the URL."""
    employee = request.employee
    person = override_candidate(request, employee, key=request.GET.get("s", ""))
    if person is None:
        raise Http404
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.create_override(
            employee=employee,
            person=person,
            reason=form.cleaned_data["reason"],
            hours=form.cleaned_data["hours"],
        )
        messages.success(request, _("Du har fått midlertidig tilgang. Tilgangen er logget."))
        return redirect(person)
    return render(request, "access/override_new.html", {"form": form})


@require_GET
def override_review(request: AuthedRequest) -> HttpResponse:
    leader = request.employee
    if not leader.is_leader:
        raise PermissionDenied
    overrides = list(
        AccessOverride.objects.for_review_by(leader)
        .select_related("employee", "person__office", "reviewed_by")
        .prefetch_related("employee__offices")
        .pending_first()[:REVIEW_PAGE]
    )
    visible = set(
        visible_persons(leader)
        .filter(pk__in=[o.person_id for o in overrides])
        .values_list("pk", flat=True)
    )
    context = {
        "columns": [
            _("Gitt"),
            _("Ansatt"),
            _("Ansattes kontor"),
            _("Person"),
            _("Begrunnelse"),
            _("Status"),
        ],
        "rows": [
            [
                Cell(
                    _when(o.created_at),
                    href=reverse("access:override-review-detail", args=[o.pk]),
                ),
                o.employee.name,
                _offices(o.employee),
                _person_label(o, o.person_id in visible),
                _reason(o, o.person_id in visible),
                o.get_review_status_display(),
            ]
            for o in overrides
        ],
    }
    return render(request, "access/override_review.html", context)


def _offices(employee: Employee) -> str:
    """The employee's offices, read from a prefetch (`employee__offices`)."""
    names = sorted(office.name for office in employee.offices.all())
    return ", ".join(names) or _("Uten kontor")


def _during(override: AccessOverride) -> list[AuditEvent]:
    """What the employee did about the person while the access lasted."""
    end = override.revoked_at or override.expires_at
    return list(
        AuditEvent.objects.about(override.person)
        .by_actor(override.employee_id)
        .between(override.created_at, end + timedelta(seconds=1))
        .order_by("id")[:DURING_LIMIT]
    )


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _reason(override: AccessOverride, visible: bool) -> str:
    """The free-text reason may name the person: shown only where the person is visible."""
    if visible:
        return override.reason
    return _("Skjult fordi du ikke har tilgang til personen")


def _person_label(override: AccessOverride, visible: bool) -> str:
    """The person's name only where the leader may see the person; otherwise their office."""
    if visible:
        return override.person.full_name
    return _("Person ved %(office)s") % {"office": override.person.office.name}


@require_http_methods(["GET", "POST"])
def override_review_detail(request: AuthedRequest, override_id: UUID) -> HttpResponse:
    override = get_override_for_review(request.employee, override_id)
    can_review = override.review_status == ReviewStatus.PENDING
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and not can_review:
        messages.error(request, _("Tilgangen er allerede vurdert. En vurdering er endelig."))
        return redirect("access:override-review-detail", override_id=override.pk)
    if request.method == "POST" and form.is_valid():
        actions.review_override(
            override=override,
            reviewer=request.employee,
            status=form.cleaned_data["status"],
            comment=form.cleaned_data["comment"],
        )
        messages.success(request, _("Vurderingen er lagret."))
        return redirect("access:override-review")
    visible = visible_persons(request.employee).filter(pk=override.person_id).exists()
    facts = [
        (_("Ansatt"), override.employee.name),
        (_("Ansattes kontor"), _offices(override.employee)),
        (_("Person"), _person_label(override, visible)),
        (_("Gitt"), _when(override.created_at)),
        (_("Utløper"), _when(override.expires_at)),
        (_("Begrunnelse"), _reason(override, visible)),
        (_("Status"), override.get_review_status_display()),
    ]
    if override.reviewed_by is not None:
        facts.append((_("Vurdert av"), override.reviewed_by.name))
        facts.append((_("Kommentar"), override.review_comment))
    during = _during(override)
    names = target_names(during)
    context = {
        "override": override,
        "form": form,
        "facts": facts,
        "can_review": can_review,
        "during_columns": [_("Tidspunkt"), _("Hva"), _("Hva ble sett eller endret")],
        "during_rows": [
            [_when(e.occurred_at), action_label(e), describe_seen(e, names)] for e in during
        ],
        "during_more": len(during) == DURING_LIMIT,
    }
    return render(request, "access/override_review_detail.html", context)
