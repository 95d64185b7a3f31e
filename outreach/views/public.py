"""The public outreach pages (seed 004: "come along and join us at one of our workshops ...
register your interest to attend"): the coming events, an event's page and calendar
file, registering without an account, and cancelling from the emailed link."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from kentplacements.anonymous_cache import anonymous_cache
from kentplacements.calendars import ics_response
from kentplacements.pages import posted
from kentplacements.ratelimits import limit_address, limit_email, limit_token_page
from kentplacements.workflow import DomainError
from vetting.links import LinkNotFound

from ..calendars import ICS_FILENAME, event_calendar
from ..emails import POSITIVE_ACTION_EMAIL
from ..equality.invitations import equality_invitation_url
from ..forms import RegistrationForm
from ..selectors import coming_events, public_events
from ..services.registrations import cancel_from_link, open_cancel_link, register, registration_problem

# The address typed on the form, kept for the page that follows it ("We have emailed ...").
REGISTERED_AS = "outreach_registered_as"


@require_GET
@anonymous_cache
def event_list(request):
    return render(request, "outreach/events.html", {"events": coming_events()})


def _event(event_id):
    return get_object_or_404(public_events(), pk=event_id)


@require_GET
@anonymous_cache
def event_page(request, event_id):
    event = _event(event_id)
    return render(request, "outreach/event.html", {"event": event, "closed": registration_problem(event)})


@require_GET
def event_ics(request, event_id):
    """Issue 12: "an .ics link" — the event for any calendar app: names, times, places."""
    return ics_response(event_calendar(_event(event_id)), ICS_FILENAME)


@require_http_methods(["GET", "POST"])
def register_page(request, event_id):
    event = _event(event_id)
    if problem := registration_problem(event):
        return render(request, "outreach/closed.html", {"event": event, "problem": problem})
    # A public form that sends email: limited per address and per email address typed
    # (settings.ACCOUNT_RATE_LIMITS["outreach_register"], kentplacements/ratelimits.py).
    if refused := limit_address(request, "outreach_register"):
        return refused
    form = RegistrationForm(posted(request), full=event.is_full)
    if form.is_valid():
        if form.is_spam:
            return redirect("outreach_registered", event.pk)  # a robot is thanked, and nothing is kept
        if refused := limit_email(request, "outreach_register", form.cleaned_data["email"]):
            return refused
        try:
            registration = register(event, **form.details())
        except DomainError as exc:  # the event started or was called off meanwhile
            form.add_error(None, str(exc))
        else:
            request.session[REGISTERED_AS] = {"event": event.pk, "email": form.cleaned_data["email"]}
            # issue 12: the optional equality questions, then the page saying what was emailed
            return redirect(equality_invitation_url(registration))
    return render(request, "outreach/register.html", {"event": event, "form": form})


@require_GET
def registered(request, event_id):
    """The end of registering: the same page whether the person now has a place, waits, or
    had registered already, so it tells nobody about anyone else (their email says which)."""
    event = _event(event_id)
    typed = request.session.get(REGISTERED_AS) or {}
    email = typed.get("email") if typed.get("event") == event.pk else None
    return render(request, "outreach/registered.html", {"event": event, "email": email})


def _link_problem(request, error):
    status = 404 if isinstance(error, LinkNotFound) else 410
    context = {"message": str(error), "contact_email": POSITIVE_ACTION_EMAIL}
    return render(request, "outreach/link_problem.html", context, status=status)


@limit_token_page
@require_http_methods(["GET", "POST"])
def cancel(request, token):
    """Issue 12: "registrants cancel from a link (GET shows a page, POST cancels)": a mail
    scanner opening the link changes nothing."""
    try:
        registration = open_cancel_link(token)
    except DomainError as error:
        return _link_problem(request, error)
    if request.method == "POST":
        try:
            cancel_from_link(token)
        except DomainError as error:  # a second click, or the event started meanwhile
            return _link_problem(request, error)
        return render(request, "outreach/cancelled.html", {"registration": registration})
    return render(request, "outreach/cancel.html", {"registration": registration})


urlpatterns = [
    path("positive-action/events/", event_list, name="outreach_events"),
    path("positive-action/events/<int:event_id>/", event_page, name="outreach_event"),
    path("positive-action/events/<int:event_id>/event.ics", event_ics, name="outreach_event_ics"),
    path("positive-action/events/<int:event_id>/register/", register_page, name="outreach_register"),
    path("positive-action/events/<int:event_id>/registered/", registered, name="outreach_registered"),
    path("positive-action/cancel/<str:token>/", cancel, name="outreach_cancel"),
]
