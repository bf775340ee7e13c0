"""The person's messages with the office (dialog), and where notices of new ones go."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from navet.applications.models import Application
from navet.citizen.access import CitizenRequest, citizen_required, get_thread_for_citizen
from navet.citizen.views import portal_page
from navet.dialog import actions, presenters
from navet.dialog.forms import NewThreadForm, NotificationContactForm, ReplyForm
from navet.dialog.models import Message, NotificationContact, Thread


@citizen_required
@require_http_methods(["GET"])
def threads(request: CitizenRequest) -> HttpResponse:
    found = list(
        Thread.objects.of_person(request.citizen)
        .select_related("office")
        .with_unread_for_person()
        .newest_first()
    )
    rows = []
    for thread in found:
        state, variant = presenters.person_state(thread)
        rows.append(
            {
                "thread": thread,
                "state": state,
                "variant": variant,
                "when": presenters.when(thread.last_message_at),
                "unread": thread.unread_for_person,  # type: ignore[attr-defined]
            }
        )
    return portal_page(request, "citizen/threads.html", {"threads": rows})


@citizen_required
@require_http_methods(["GET", "POST"])
def new_thread(request: CitizenRequest) -> HttpResponse:
    applications = list(Application.objects.of_person(request.citizen).order_by("-received_at"))
    form = NewThreadForm(
        request.POST if request.method == "POST" else None, applications=applications
    )
    if request.method == "POST" and form.is_valid():
        thread = actions.person_starts_thread(
            person=request.citizen,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            application=form.chosen_application(),
        )
        messages.success(request, _("Meldingen er sendt til Nav-kontoret."))
        return redirect("citizen:thread", thread_id=thread.pk)
    status = 400 if request.method == "POST" else 200
    return portal_page(request, "citizen/thread_new.html", {"form": form}, status=status)


def _thread_page(
    request: CitizenRequest, thread: Thread, form: ReplyForm, status: int = 200
) -> HttpResponse:
    found = list(Message.objects.filter(thread=thread))
    state, variant = presenters.person_state(thread)
    context = {
        "thread": thread,
        "state": state,
        "variant": variant,
        "messages_shown": presenters.person_messages(thread, found),
        "form": form,
    }
    return portal_page(request, "citizen/thread.html", context, status=status)


@citizen_required
@require_http_methods(["GET"])
def thread_detail(request: CitizenRequest, thread_id: str) -> HttpResponse:
    thread = get_thread_for_citizen(request, thread_id)
    actions.person_reads(thread=thread)
    return _thread_page(request, thread, ReplyForm())


@citizen_required
@require_POST
def thread_reply(request: CitizenRequest, thread_id: str) -> HttpResponse:
    thread = get_thread_for_citizen(request, thread_id)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _thread_page(request, thread, form, status=400)
    actions.person_replies(thread=thread, body=form.cleaned_data["body"])
    messages.success(request, _("Svaret er sendt til Nav-kontoret."))
    return redirect("citizen:thread", thread_id=thread.pk)


@citizen_required
@require_http_methods(["GET", "POST"])
def notification_contact(request: CitizenRequest) -> HttpResponse:
    contact = NotificationContact.objects.filter(person=request.citizen).first()
    initial = {"phone": contact.phone, "email": contact.email} if contact else {}
    form = NotificationContactForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        actions.set_notification_contact(
            person=request.citizen,
            phone=form.cleaned_data["phone"],
            email=form.cleaned_data["email"],
        )
        messages.success(request, _("Vi varsler deg her når du får en ny melding."))
        return redirect("citizen:notification-contact")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "registered": contact is not None}
    return portal_page(request, "citizen/notification_contact.html", context, status=status)
