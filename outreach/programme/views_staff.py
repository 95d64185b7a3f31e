"""The programme staff's pages (the Diversity Placements Officer): every enrolment, filtered
by intake, status and buddy, and an enrolment's page with its actions; and a buddy's own
list, "Candidates you buddy". A buddy who is not programme staff opens only the enrolments
they buddy (another is a 404), and reads those candidates' session notes."""

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.audit import describe, history_for
from accounts.queues import in_queue
from kentplacements.forms import SearchForm
from kentplacements.pages import act, run_service
from kentplacements.pagination import page_of

from ..models import ProgrammeIntake
from .enums import EnrolmentStatus
from .forms import BookVisitForm, BuddyChoice, BuddyForm, DeclineForm, SupportSessionForm
from .selectors import enrolments_for_staff, staff_members, with_sessions
from .services import (
    book_familiarisation,
    change_buddy,
    complete_enrolment,
    decline_enrolment,
    enrol,
    log_support_session,
)
from .views_candidate import registrations_of

RUN = "outreach.run_programme"
BUDDY = "outreach.buddy_candidates"
S = EnrolmentStatus


def _gate(permission):
    return lambda view: login_required(permission_required(permission, raise_exception=True)(view))


class EnrolmentFilter(SearchForm):
    button_label = "Filter"

    intake = forms.ModelChoiceField(label="Intake", queryset=ProgrammeIntake.objects.all(), required=False)
    status = forms.ChoiceField(label="Status", choices=[("", "Any"), *S.choices], required=False)
    buddy = BuddyChoice(label="Buddy", queryset=staff_members(), required=False)

    def filter(self, enrolments):
        if not self.is_valid():
            return enrolments
        for name in ("intake", "status", "buddy"):
            if value := self.cleaned_data.get(name):
                enrolments = enrolments.filter(**{name: value})
        return enrolments


def _list(request, template, enrolments, **context):
    page = page_of(request, with_sessions(enrolments).order_by("-applied_at", "-pk"))
    return render(request, template, {"page": page, **context})


@_gate(RUN)
@require_GET
def enrolment_list(request):
    """Every enrolment; ``?queue=`` opens the staff home's count (accounts.queues)."""
    filters = EnrolmentFilter(request.GET or None)
    enrolments = filters.filter(in_queue(enrolments_for_staff(request.user), request.GET.get("queue"), request.user))
    return _list(request, "outreach/programme/staff/enrolments.html", enrolments, filters=filters)


@_gate(BUDDY)
@require_GET
def buddied(request):
    """Candidates you buddy: those you are the buddy of, whoever you are."""
    enrolments = enrolments_for_staff(request.user).filter(buddy=request.user)
    return _list(request, "outreach/programme/staff/buddied.html", enrolments)


def _enrolment(request, enrolment_id):
    return get_object_or_404(enrolments_for_staff(request.user), pk=enrolment_id)


def _render(request, enrolment, **bound):
    runs = request.user.has_perm(RUN)
    open_ = enrolment.status in (S.APPLIED, S.ENROLLED)
    enrolled = enrolment.status == S.ENROLLED
    forms_ = {
        "buddy_form": BuddyForm(enrolled=enrolled) if runs and open_ else None,
        "decline_form": DeclineForm() if runs and enrolment.status == S.APPLIED else None,
        "session_form": SupportSessionForm() if enrolled else None,
        "book_form": BookVisitForm() if enrolled else None,
    }
    forms_.update(bound)
    actions = {
        "buddy_form": "programme_staff_buddy",
        "decline_form": "programme_staff_decline",
        "session_form": "programme_staff_session",
        "book_form": "programme_staff_book",
    }
    for name, form in forms_.items():
        if form is not None:
            form.form_action = reverse(actions[name], args=[enrolment.pk])
    registrations = list(registrations_of(enrolment.candidate).order_by("event__starts_at", "pk"))
    context = {
        "enrolment": enrolment,
        "sessions": enrolment.support_sessions.select_related("logged_by"),
        "registrations": registrations,
        "history": describe(history_for(enrolment), request.user),
        "can_complete": runs and enrolled,
        **forms_,
    }
    return render(request, "outreach/programme/staff/enrolment.html", context)


@_gate(BUDDY)
@require_GET
def enrolment_page(request, enrolment_id):
    return _render(request, _enrolment(request, enrolment_id))


def _post(request, enrolment_id, form_name, form, service, success):
    enrolment = _enrolment(request, enrolment_id)
    if form.is_valid() and run_service(request, form, lambda: service(enrolment, form.cleaned_data), success):
        return redirect("programme_staff_enrolment", enrolment.pk)
    return _render(request, enrolment, **{form_name: form})


@_gate(RUN)
@require_POST
def assign_buddy(request, enrolment_id):
    """Enrol an applicant with a buddy, or change an enrolled candidate's buddy."""
    enrolment = _enrolment(request, enrolment_id)
    enrolled = enrolment.status == S.ENROLLED
    service = change_buddy if enrolled else enrol
    return _post(
        request,
        enrolment_id,
        "buddy_form",
        BuddyForm(request.POST, enrolled=enrolled),
        lambda e, data: service(e, buddy=data["buddy"], by=request.user),
        "The buddy is changed; everyone concerned is emailed."
        if enrolled
        else "Enrolled; the candidate and the buddy are emailed.",
    )


@_gate(RUN)
@require_POST
def decline(request, enrolment_id):
    return _post(
        request,
        enrolment_id,
        "decline_form",
        DeclineForm(request.POST),
        lambda e, data: decline_enrolment(e, reason=data["reason"], by=request.user),
        "The application is declined; the candidate is emailed.",
    )


@_gate(RUN)
@require_POST
def complete(request, enrolment_id):
    enrolment = _enrolment(request, enrolment_id)
    act(
        request,
        lambda: complete_enrolment(enrolment, by=request.user),
        "Marked as completed; the candidate is emailed.",
    )
    return redirect("programme_staff_enrolment", enrolment.pk)


@_gate(BUDDY)
@require_POST
def log_session(request, enrolment_id):
    return _post(
        request,
        enrolment_id,
        "session_form",
        SupportSessionForm(request.POST),
        lambda e, data: log_support_session(e, by=request.user, **data),
        "The session is logged.",
    )


@_gate(BUDDY)
@require_POST
def book(request, enrolment_id):
    return _post(
        request,
        enrolment_id,
        "book_form",
        BookVisitForm(request.POST),
        lambda e, data: book_familiarisation(e, data["event"], by=request.user),
        "The visit is booked; the candidate is emailed the details.",
    )


urlpatterns = [
    path("staff/outreach/programme/", enrolment_list, name="programme_staff_enrolments"),
    path("staff/outreach/programme/buddy/", buddied, name="programme_staff_buddied"),
    path("staff/outreach/programme/<int:enrolment_id>/", enrolment_page, name="programme_staff_enrolment"),
    path("staff/outreach/programme/<int:enrolment_id>/buddy/", assign_buddy, name="programme_staff_buddy"),
    path("staff/outreach/programme/<int:enrolment_id>/decline/", decline, name="programme_staff_decline"),
    path("staff/outreach/programme/<int:enrolment_id>/complete/", complete, name="programme_staff_complete"),
    path("staff/outreach/programme/<int:enrolment_id>/session/", log_session, name="programme_staff_session"),
    path("staff/outreach/programme/<int:enrolment_id>/book/", book, name="programme_staff_book"),
]
