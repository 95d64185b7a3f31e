"""The Diversity Placements Officer's outreach pages (DOMAIN.md §1: "runs positive-action
workshops"): every event with its places taken and waiting list, and an event's page with
who registered, who waits, who cancelled, and its attendance register once it starts.
Events are added, published, resized and cancelled in the back office (outreach/admin.py)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.queues import in_queue
from kentplacements.pages import run_service
from kentplacements.pagination import page_of

from ..enums import HOLDING_A_PLACE, EventStatus, RegistrationStatus
from ..forms import AttendanceForm
from ..models import OutreachEvent
from ..selectors import staff_events, with_waiting
from ..services.registrations import record_attendance, register_of

RUN = "outreach.run_events"
R = RegistrationStatus


def _team_page(view):
    return login_required(permission_required(RUN, raise_exception=True)(view))


@_team_page
@require_GET
def event_list(request):
    """``?queue=`` opens the staff home's count (accounts.queues)."""
    rows = in_queue(staff_events(), request.GET.get("queue"), request.user)
    page = page_of(request, rows)
    return render(request, "outreach/staff/events.html", {"page": page, "now": timezone.now()})


def _event(event_id):
    return get_object_or_404(with_waiting(OutreachEvent.objects.all()), pk=event_id)


def _render_event(request, event, *, bound=None):
    """The event's page, with ``bound`` (the register as sent, with its problem) when given.
    One query for the registrations, however many."""
    registrations = list(event.registrations.order_by("registered_at", "pk"))
    holding = sorted((r for r in registrations if r.status in HOLDING_A_PLACE), key=lambda r: (r.full_name, r.pk))
    form = bound
    register_open = event.status == EventStatus.PUBLISHED and event.starts_at <= timezone.now()
    if form is None and register_open:
        attended = [r.pk for r in holding if r.status == R.ATTENDED]
        form = AttendanceForm(people=register_of(event), attended_ids=attended)
    if form is not None:
        form.form_action = reverse("outreach_staff_attendance", args=[event.pk])
    context = {
        "event": event,
        "holding": holding,
        "waiting": sorted((r for r in registrations if r.status == R.WAITING), key=lambda r: (r.waiting_since, r.pk)),
        "cancelled": [r for r in registrations if r.status == R.CANCELLED],
        "register_form": form,
        "unrecorded": sum(r.status == R.REGISTERED for r in registrations),
    }
    return render(request, "outreach/staff/event.html", context)


@_team_page
@require_GET
def event_page(request, event_id):
    return _render_event(request, _event(event_id))


@_team_page
@require_POST
def attendance(request, event_id):
    """The register: ticked people attended, the others did not."""
    event = _event(event_id)
    form = AttendanceForm(request.POST, people=register_of(event), attended_ids=[])
    if form.is_valid() and run_service(
        request,
        form,
        lambda: record_attendance(event, {r.pk for r in form.cleaned_data["attended"]}, by=request.user),
        "The register is saved.",
    ):
        return redirect("outreach_staff_event", event.pk)
    return _render_event(request, event, bound=form)


urlpatterns = [
    path("staff/outreach/events/", event_list, name="outreach_staff_events"),
    path("staff/outreach/events/<int:event_id>/", event_page, name="outreach_staff_event"),
    path("staff/outreach/events/<int:event_id>/attendance/", attendance, name="outreach_staff_attendance"),
]
