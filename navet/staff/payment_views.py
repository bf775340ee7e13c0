"""The office's payments: runs (prepare, approve, cancel, download the file, mark as sent),
what waits for someone (rejected by the bank, no account), one payment (stop, annul, paid
by hand, another recipient) and the leader's review of changed recipients.

Access: employees who work with persons, for their own offices. A run's lines name only the
persons the reader may see (navet.access.policy); the others are counted but not named.
Every person a page names is an audited read (`person.listed`)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from navet.access.permissions import get_person_for_user
from navet.access.policy import visible_persons
from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.http import AuthedRequest
from navet.core.models import Employee, Office
from navet.iso20022.answers import AnswerFileError
from navet.payments import presenters
from navet.payments.accounting import accounting_csv
from navet.payments.actions import (
    CHANGEABLE,
    annul_payment,
    change_recipient,
    record_paid_by_hand,
    review_change,
    save_payment_settings,
    send_again,
    settings_for,
    stop_payment,
)
from navet.payments.bank import import_bank_file
from navet.payments.errors import PaymentError
from navet.payments.files import generate_file
from navet.payments.forms import (
    BankFileForm,
    EndPaymentForm,
    PaidByHandForm,
    PaymentSettingsForm,
    PrepareRunForm,
    RecipientForm,
)
from navet.payments.models import (
    Method,
    Payment,
    PaymentChange,
    PaymentRun,
    PaymentState,
    RunState,
)
from navet.payments.runs import approve_run, cancel_run, mark_sent, prepare_run

RUNS_SHOWN = 50
# The lists of payments waiting for someone show this many, the oldest first.
FOLLOWUP_SHOWN = 50
FILE_STATES = (RunState.APPROVED, RunState.GENERATED, RunState.SENT, RunState.SETTLED)


def _office(employee: Employee) -> Office:
    """The office whose payments the employee works with: their first office."""
    if not employee.works_with_persons:
        raise PermissionDenied
    office = employee.offices.order_by("number").first()
    if office is None:
        raise PermissionDenied
    return office


def _run(request: AuthedRequest, run_id: UUID) -> PaymentRun:
    employee = request.employee
    if not employee.works_with_persons:
        raise PermissionDenied
    run = (
        PaymentRun.objects.select_related(
            "office", "prepared_by", "approved_by", "sent_by", "cancelled_by"
        )
        .defer("file")
        .filter(pk=run_id, office_id__in=employee.office_ids())
        .first()
    )
    if run is None:
        raise Http404
    return run


@require_http_methods(["GET", "POST"])
def runs(request: AuthedRequest) -> HttpResponse:
    office = _office(request.employee)
    form = PrepareRunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = prepare_run(
                office=office, due_by=form.cleaned_data["due_by"], actor=request.employee
            )
        except PaymentError as error:
            form.add_error("due_by", str(error))
        else:
            done = _("Utbetalingskjøring %(reference)s er laget.")
            messages.success(request, done % {"reference": run.reference})
            return redirect("payments:run-detail", run.pk)
    return runs_page(request, office, form=form)


def runs_page(
    request: AuthedRequest,
    office: Office,
    *,
    form: PrepareRunForm | None = None,
    import_form: BankFileForm | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    waiting = Payment.objects.filter(
        office=office, state__in=[PaymentState.PLANNED, PaymentState.REJECTED]
    )
    summary = waiting.aggregate(
        due=Count("pk", filter=Q(due_on__lte=today)),
        missing_account=Count("pk", filter=Q(account="", method=Method.BANK)),
        rejected=Count("pk", filter=Q(state=PaymentState.REJECTED)),
    )
    rejected = list(
        waiting.filter(state=PaymentState.REJECTED)
        .select_related("person")
        .with_reason_code()
        .order_by("due_on", "reference")[:FOLLOWUP_SHOWN]
    )
    no_account = list(
        waiting.filter(state=PaymentState.PLANNED, method=Method.BANK, account="")
        .select_related("person")
        .order_by("due_on", "reference")[:FOLLOWUP_SHOWN]
    )
    due_without_run = list(
        waiting.filter(state=PaymentState.PLANNED, method=Method.BANK, due_on__lte=today)
        .exclude(account="")
        .select_related("person")
        .order_by("due_on", "reference")[:FOLLOWUP_SHOWN]
    )
    persons = {p.person for p in rejected + no_account + due_without_run}
    shown = list(visible_persons(request.employee).filter(pk__in=[p.pk for p in persons]))
    trail.record_many(actor=request.employee, action=AuditAction.PERSON_LISTED, persons=shown)
    visible = {p.pk for p in shown}
    run_list = (
        PaymentRun.objects.filter(office=office)
        .select_related("prepared_by", "approved_by")
        .annotate(line_count=Count("attempts"), line_total=Sum("attempts__amount"))
        .order_by("-prepared_at")[:RUNS_SHOWN]
    )
    form = form or PrepareRunForm()
    import_form = import_form or BankFileForm()
    context: dict[str, Any] = {
        "office": office,
        "form": form,
        "import_form": import_form,
        "summary": summary,
        "run_columns": presenters.run_columns(),
        "run_rows": presenters.run_rows(run_list),
        "followup_columns": presenters.followup_columns(),
        "rejected_rows": presenters.followup_rows(rejected, visible),
        "no_account_rows": presenters.followup_rows(no_account, visible),
        "due_rows": presenters.followup_rows(due_without_run, visible),
        "changes_waiting": PaymentChange.objects.for_review_in([office.pk])
        .exclude(changed_by=request.employee)
        .count()
        if may_review_changes(request.employee)
        else None,
    }
    status = 400 if form.errors or import_form.errors else 200
    return render(request, "payments/run_list.html", context, status=status)


@require_POST
def bank_import(request: AuthedRequest) -> HttpResponse:
    """Read in a file from the bank (status report or debit notification)."""
    office = _office(request.employee)
    form = BankFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return runs_page(request, office, import_form=form)
    upload = form.cleaned_data["file"]
    try:
        result = import_bank_file(
            content=upload.read(),
            filename=str(upload.name),
            actor=request.employee,
            office_ids=request.employee.office_ids(),
        )
    except AnswerFileError as error:
        form.add_error("file", presenters.answer_problem(error))
        return runs_page(request, office, import_form=form)
    messages.success(request, presenters.import_summary(result))
    return redirect("payments:runs")


@require_http_methods(["GET"])
def run_detail(request: AuthedRequest, run_id: UUID) -> HttpResponse:
    run = _run(request, run_id)
    employee = request.employee
    attempts = list(run.attempts.select_related("payment").order_by("id"))
    person_ids = {a.payment.person_id for a in attempts}
    shown = list(visible_persons(employee).filter(pk__in=person_ids))
    trail.record_many(actor=employee, action=AuditAction.PERSON_LISTED, persons=shown)
    visible = {p.pk for p in shown}
    total = sum(a.amount for a in attempts)
    context = {
        "run": run,
        "state_variant": presenters.RUN_VARIANTS[run.state],
        "summary": presenters.run_summary(run, count=len(attempts), total=total),
        "line_columns": presenters.line_columns(),
        "line_rows": presenters.line_rows(attempts, visible),
        "can_approve": run.state == RunState.DRAFT
        and employee.may_approve_payments
        and run.prepared_by_id != employee.pk,
        "waits_for_other": run.state == RunState.DRAFT and run.prepared_by_id == employee.pk,
        "can_cancel": run.state in (RunState.DRAFT, RunState.APPROVED, RunState.GENERATED),
        "accounts_missing": run.state in FILE_STATES
        and not settings_for(run.office).grant_account_code,
        "has_file": run.state
        in (RunState.APPROVED, RunState.GENERATED, RunState.SENT, RunState.SETTLED),
        "can_mark_sent": run.state in (RunState.APPROVED, RunState.GENERATED),
    }
    return render(request, "payments/run_detail.html", context)


def _step(request: AuthedRequest, run_id: UUID, step: Any, done: str) -> HttpResponse:
    run = _run(request, run_id)
    try:
        step(run=run, actor=request.employee)
    except PaymentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("payments:run-detail", run.pk)


@require_POST
def run_approve(request: AuthedRequest, run_id: UUID) -> HttpResponse:
    return _step(request, run_id, approve_run, _("Utbetalingskjøringen er godkjent."))


@require_POST
def run_cancel(request: AuthedRequest, run_id: UUID) -> HttpResponse:
    return _step(request, run_id, cancel_run, _("Utbetalingskjøringen er avbrutt."))


@require_POST
def run_sent(request: AuthedRequest, run_id: UUID) -> HttpResponse:
    return _step(request, run_id, mark_sent, _("Utbetalingskjøringen er merket som sendt."))


@require_http_methods(["GET"])
def run_file(request: AuthedRequest, run_id: UUID) -> HttpResponse:
    """The bank file; generated now if the background job has not done it yet (the same
    bytes either way)."""
    run = _run(request, run_id)
    try:
        run = generate_file(run)
    except PaymentError as error:
        messages.error(request, str(error))
        return redirect("payments:run-detail", run.pk)
    trail.record(
        actor=request.employee,
        action=AuditAction.PAYMENT_FILE_DOWNLOADED,
        target=run,
        data={"run": run.reference, "sha256": run.file_sha256},
    )
    response = HttpResponse(run.stored_file(), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{run.message_id}.xml"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def payment_settings(request: AuthedRequest, office_id: int) -> HttpResponse:
    """The administrator sets an office's payment day and the account it pays from."""
    if not request.employee.is_administrator:
        raise PermissionDenied
    office = get_object_or_404(Office, pk=office_id)
    form = PaymentSettingsForm(request.POST or None, instance=settings_for(office))
    if request.method == "POST" and form.is_valid():
        save_payment_settings(settings=form.instance, actor=request.employee)
        done = _("Innstillingene for utbetalinger ved %(office)s er lagret.")
        messages.success(request, done % {"office": office.name})
        return redirect("decisions:rate-sets")
    status = 400 if request.method == "POST" else 200
    title = _("Innstillinger for utbetalinger ved %(office)s") % {"office": office.name}
    return render(request, "core/admin_form.html", {"form": form, "title": title}, status=status)


@require_http_methods(["GET"])
def run_accounting(request: AuthedRequest, run_id: UUID) -> HttpResponse:
    """The run's accounting file (CSV) for the municipality's ERP."""
    run = _run(request, run_id)
    if run.state not in FILE_STATES:
        raise Http404
    trail.record(
        actor=request.employee,
        action=AuditAction.PAYMENT_ACCOUNTING_EXPORTED,
        target=run,
        data={"run": run.reference},
    )
    response = HttpResponse(accounting_csv(run), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{run.reference}-regnskap.csv"'
    response["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------------------------------
# One payment
# ---------------------------------------------------------------------------------------


def get_payment_for_user(request: AuthedRequest, payment_id: UUID) -> Payment:
    """The payment if the employee may see its person (an audited read of the person),
    else 404."""
    payment = (
        Payment.objects.select_related("decision__case__application", "office", "stopped_by")
        .filter(pk=payment_id)
        .first()
    )
    if payment is None:
        raise Http404
    payment.person = get_person_for_user(request, payment.person_id)
    return payment


def may_change(employee: Employee, payment: Payment) -> bool:
    """Caseworkers of the payment's office change a payment that has not gone to the bank."""
    return (
        employee.is_caseworker
        and payment.office_id in employee.office_ids()
        and payment.state in CHANGEABLE
    )


def may_review_changes(employee: Employee) -> bool:
    return employee.is_leader or employee.may_approve_payments


def _recipient_initial(payment: Payment) -> dict[str, Any]:
    return {
        "method": payment.method,
        "recipient": RecipientForm.OTHER if payment.other_recipient else RecipientForm.APPLICANT,
        "account": presenters.account_text(payment.account),
        "recipient_name": payment.recipient_name if payment.other_recipient else "",
        "kid": payment.kid,
        "text": payment.text,
    }


def payment_page(
    request: AuthedRequest,
    payment: Payment,
    *,
    end_form: EndPaymentForm | None = None,
    hand_form: PaidByHandForm | None = None,
    recipient_form: RecipientForm | None = None,
) -> HttpResponse:
    employee = request.employee
    changeable = may_change(employee, payment)
    by_hand = changeable and payment.method != Method.BANK and payment.state == PaymentState.PLANNED
    forms_ = {
        "end_form": end_form or EndPaymentForm(prefix="stopp"),
        "hand_form": hand_form or PaidByHandForm(prefix="hand"),
        "recipient_form": recipient_form
        or RecipientForm(prefix="mottaker", initial=_recipient_initial(payment)),
    }
    context = {
        "payment": payment,
        "state_tags": presenters.state_tags(payment),
        "summary": presenters.payment_summary(payment),
        "history_columns": presenters.history_columns(),
        "history_rows": presenters.history_rows(payment.events.select_related("actor")),
        "attempt_columns": presenters.attempt_columns(),
        "attempt_rows": presenters.attempt_rows(
            payment.attempts.select_related("run").defer("run__file").order_by("id")
        ),
        "change_columns": presenters.change_columns(),
        "change_rows": presenters.change_rows(
            payment.changes.select_related("changed_by", "reviewed_by")
        ),
        "changeable": changeable,
        "by_hand": by_hand,
        "rejected_reason": presenters.reason_text(
            payment.attempts.order_by("-id").values_list("reason_code", flat=True).first() or ""
        )
        if payment.state == PaymentState.REJECTED
        else "",
        **forms_,
    }
    invalid = any(f.is_bound and f.errors for f in forms_.values())
    return render(request, "payments/payment_detail.html", context, status=400 if invalid else 200)


@require_GET
def payment_detail(request: AuthedRequest, payment_id: UUID) -> HttpResponse:
    return payment_page(request, get_payment_for_user(request, payment_id))


def _changing(request: AuthedRequest, payment_id: UUID) -> Payment:
    payment = get_payment_for_user(request, payment_id)
    if not request.employee.is_caseworker or payment.office_id not in request.employee.office_ids():
        raise PermissionDenied
    return payment


def _refused(request: AuthedRequest, payment: Payment, error: PaymentError) -> HttpResponse:
    """What the rules of payments refuse (a payment that went to a run meanwhile, nothing
    changed) is said at the top of the payment's page, which shows its state now."""
    messages.error(request, str(error))
    return redirect("payments:payment-detail", payment.pk)


def _done(request: AuthedRequest, payment: Payment, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("payments:payment-detail", payment.pk)


@require_POST
def payment_end(request: AuthedRequest, payment_id: UUID) -> HttpResponse:
    payment = _changing(request, payment_id)
    form = EndPaymentForm(request.POST, prefix="stopp")
    if not form.is_valid():
        return payment_page(request, payment, end_form=form)
    annul = form.cleaned_data["what"] == EndPaymentForm.ANNUL
    end = annul_payment if annul else stop_payment
    try:
        end(payment=payment, actor=request.employee, reason=form.cleaned_data["reason"])
    except PaymentError as error:
        return _refused(request, payment, error)
    return _done(
        request,
        payment,
        _("Utbetalingen er annullert.") if annul else _("Utbetalingen er stoppet."),
    )


@require_POST
def payment_send_again(request: AuthedRequest, payment_id: UUID) -> HttpResponse:
    payment = _changing(request, payment_id)
    try:
        send_again(payment=payment, actor=request.employee)
    except PaymentError as error:
        return _refused(request, payment, error)
    return _done(request, payment, _("Utbetalingen går med i neste utbetalingskjøring."))


@require_POST
def payment_paid_by_hand(request: AuthedRequest, payment_id: UUID) -> HttpResponse:
    payment = _changing(request, payment_id)
    form = PaidByHandForm(request.POST, prefix="hand")
    if not form.is_valid():
        return payment_page(request, payment, hand_form=form)
    try:
        record_paid_by_hand(
            payment=payment, actor=request.employee, paid_on=form.cleaned_data["paid_on"]
        )
    except PaymentError as error:
        return _refused(request, payment, error)
    return _done(request, payment, _("Utbetalingen er registrert som utbetalt."))


@require_POST
def payment_recipient(request: AuthedRequest, payment_id: UUID) -> HttpResponse:
    payment = _changing(request, payment_id)
    form = RecipientForm(request.POST, prefix="mottaker")
    if not form.is_valid():
        return payment_page(request, payment, recipient_form=form)
    data = form.cleaned_data
    try:
        change_recipient(
            payment=payment,
            actor=request.employee,
            method=data["method"],
            other_recipient=data["recipient"] == RecipientForm.OTHER,
            recipient_name=data["recipient_name"],
            account=data["account"],
            kid=data["kid"],
            text=data["text"],
            reason=data["reason"],
            consent=data["consent"],
        )
    except PaymentError as error:
        return _refused(request, payment, error)
    return _done(
        request, payment, _("Mottakeren er endret. Lederen ser endringen og går gjennom den.")
    )


# ---------------------------------------------------------------------------------------
# The leader's review of changed recipients and accounts
# ---------------------------------------------------------------------------------------

CHANGES_SHOWN = 100


@require_GET
def changes(request: AuthedRequest) -> HttpResponse:
    employee = request.employee
    if not may_review_changes(employee):
        raise PermissionDenied
    waiting = list(
        PaymentChange.objects.for_review_in(employee.office_ids())
        .select_related("payment__person", "changed_by", "reviewed_by")
        .order_by("changed_at", "id")[:CHANGES_SHOWN]
    )
    shown = list(visible_persons(employee).filter(pk__in={c.payment.person_id for c in waiting}))
    trail.record_many(actor=employee, action=AuditAction.PERSON_LISTED, persons=shown)
    visible = {p.pk for p in shown}
    context = {"items": presenters.change_items(waiting, visible=visible, reader_id=employee.pk)}
    return render(request, "payments/change_list.html", context)


@require_POST
def change_review(request: AuthedRequest, change_id: int) -> HttpResponse:
    employee = request.employee
    if not employee.works_with_persons:
        raise PermissionDenied
    change = (
        PaymentChange.objects.for_review_in(employee.office_ids())
        .select_related("payment__decision")
        .filter(pk=change_id)
        .first()
    )
    if change is None:
        raise Http404
    if not may_review_changes(employee):
        raise PermissionDenied
    if not visible_persons(employee).filter(pk=change.payment.person_id).exists():
        raise Http404  # a change is reviewed by someone who may see the person
    try:
        review_change(change=change, actor=employee)
    except PaymentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Endringen er merket som gått gjennom."))
    return redirect("payments:changes")
