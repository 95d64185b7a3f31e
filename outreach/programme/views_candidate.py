"""The candidate's side of the programme: the open intakes, applying with an account, and
"Your Positive Action Programme" (their buddy, the dates of their one-to-one sessions but
never the notes, the workshops they attended and the familiarisation visits they booked)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kentplacements.pages import act, posted
from kentplacements.workflow import DomainError
from outreach.equality.invitations import equality_invitation_url

from ..enums import EventKind, RegistrationStatus
from ..models import EventRegistration, ProgrammeIntake
from .enums import ENROLMENT_WORKFLOW, LIVE_ENROLMENTS, EnrolmentStatus
from .forms import BookVisitForm, ProgrammeApplicationForm
from .models import SupportSession
from .selectors import enrolments_of, open_intakes
from .services import apply_to_programme, book_familiarisation, closed_problem, withdraw_enrolment

SENT_MESSAGE = "Your application has been sent. We have emailed you to confirm."


@require_GET
def intake_list(request):
    return render(request, "outreach/programme/intakes.html", {"intakes": open_intakes(timezone.localdate())})


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, intake_id):
    intake = get_object_or_404(ProgrammeIntake, pk=intake_id)
    if enrolments_of(request.user).filter(intake=intake, status__in=LIVE_ENROLMENTS).exists():
        messages.info(request, f"You have already applied to {intake}.")
        return redirect("programme_mine")
    if problem := closed_problem(intake):
        return render(request, "outreach/programme/closed.html", {"intake": intake, "problem": problem})
    form = ProgrammeApplicationForm(posted(request), intake=intake)
    if form.is_valid():
        try:
            enrolment = apply_to_programme(intake, request.user, form.answers())
        except DomainError as exc:  # closed meanwhile, or a double click
            form.add_error(None, str(exc))
        else:
            messages.success(request, SENT_MESSAGE)
            # issue 12: the optional equality questions, then their programme page
            return redirect(equality_invitation_url(enrolment))
    return render(request, "outreach/programme/apply.html", {"intake": intake, "form": form})


def registrations_of(user):
    """The events registered for with the account's address (booked from this page or not)."""
    return EventRegistration.objects.filter(email__iexact=user.email).select_related("event")


@login_required
@require_GET
def mine(request):
    return _render_mine(request)


def _render_mine(request, book_form=None):
    enrolments = list(enrolments_of(request.user).order_by("-applied_at", "-pk"))
    # the dates and ways only: a session's notes are never read for this page
    sessions = {}
    for row in SupportSession.objects.filter(enrolment__in=enrolments).values("enrolment_id", "held_on", "channel"):
        sessions.setdefault(row["enrolment_id"], []).append(row)
    rows = [
        {
            "enrolment": enrolment,
            "sessions": sessions.get(enrolment.pk, []),
            "can_withdraw": ENROLMENT_WORKFLOW.can(enrolment.status, EnrolmentStatus.WITHDRAWN),
        }
        for enrolment in enrolments
    ]
    enrolled = next((e for e in enrolments if e.status == EnrolmentStatus.ENROLLED), None)
    book_form = book_form or (BookVisitForm() if enrolled else None)
    if book_form is not None:
        book_form.form_action = reverse("programme_book", args=[enrolled.pk])
    registrations = list(registrations_of(request.user).order_by("event__starts_at", "pk"))
    context = {
        "rows": rows,
        "intakes": open_intakes(timezone.localdate()),
        "workshops": [
            r
            for r in registrations
            if r.status == RegistrationStatus.ATTENDED and r.event.kind != EventKind.FAMILIARISATION
        ],
        "visits": [r for r in registrations if r.event.kind == EventKind.FAMILIARISATION],
        "enrolled": enrolled,
        "book_form": book_form,
    }
    return render(request, "outreach/programme/mine.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, enrolment_id):
    """Asks first; the button withdraws. Another person's enrolment is a 404."""
    enrolment = get_object_or_404(enrolments_of(request.user), pk=enrolment_id)
    if request.method == "POST":
        act(request, lambda: withdraw_enrolment(enrolment, by=request.user), "You have withdrawn from the programme.")
        return redirect("programme_mine")
    return render(request, "outreach/programme/withdraw.html", {"enrolment": enrolment})


@login_required
@require_POST
def book(request, enrolment_id):
    """The candidate books a familiarisation visit (seed 004: "Familiarisation experience")."""
    enrolment = get_object_or_404(enrolments_of(request.user), pk=enrolment_id)
    form = BookVisitForm(request.POST)
    if form.is_valid():
        try:
            registration = book_familiarisation(enrolment, form.cleaned_data["event"], by=request.user)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Booked: {registration.event}. We have emailed you the details.")
            return redirect("programme_mine")
    return _render_mine(request, book_form=form)


urlpatterns = [
    path("positive-action/programme/", intake_list, name="programme_intakes"),
    path("positive-action/programme/<int:intake_id>/apply/", apply, name="programme_apply"),
    path("positive-action/programme/yours/", mine, name="programme_mine"),
    path("positive-action/programme/yours/<int:enrolment_id>/withdraw/", withdraw, name="programme_withdraw"),
    path("positive-action/programme/yours/<int:enrolment_id>/book/", book, name="programme_book"),
]
