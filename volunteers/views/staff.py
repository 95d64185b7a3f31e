"""The recruitment team's volunteer pages (seed 002; DOMAIN.md §1: the Corporate Recruitment
Team "recruits volunteers"): the campaigns, each campaign's applications filtered by status,
and an application's page with its Shortlist, Reject and Start vetting buttons. The vetting
officer reads the application they vet, from its checks, and moves nothing here (issue 11,
as issue 10 for work experience)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.audit import history_in_words
from accounts.queues import in_queue
from kentplacements.forms import SearchForm
from kentplacements.pages import act
from kentplacements.pagination import page_of
from kentplacements.workflow import DomainError
from vetting.selectors import outcome_for

from ..enums import APPLICATION_WORKFLOW, VolunteerApplicationStatus
from ..forms import RejectForm
from ..interview_forms import InterviewOutcomeForm
from ..models import VolunteerApplication
from ..selectors import staff_applications, staff_campaigns, team_campaigns
from ..services.applications import reject_application, shortlist_application
from ..services.fitness import fitness_test_due
from ..services.interviews import record_interview_outcome
from ..services.vetting import start_vetting, vetting_due
from .training_parts import staff_parts

S = VolunteerApplicationStatus
REVIEW = "volunteers.review_applications"
READ = "volunteers.view_application"


def _team_page(view):
    return login_required(permission_required(REVIEW, raise_exception=True)(view))


def _read_page(view):
    """The team's page, which the vetting officer may read too (READ)."""
    return login_required(permission_required(READ, raise_exception=True)(view))


class ApplicationFilter(SearchForm):
    button_label = "Show"
    # the names alone: counting each campaign's applications to shortlist read every
    # application for the list's filter (issue 13)
    campaign = forms.ModelChoiceField(
        label="Campaign", queryset=team_campaigns(), required=False, empty_label="Every campaign"
    )
    status = forms.ChoiceField(label="Status", choices=[("", "Any status"), *S.choices], required=False)


@_team_page
@require_GET
def campaigns(request):
    return render(request, "volunteers/staff/campaigns.html", {"campaigns": staff_campaigns()})


@_team_page
@require_GET
def applications(request):
    """Applications by campaign and status; ``?queue=`` opens the staff home's count."""
    form = ApplicationFilter(request.GET)
    rows = in_queue(staff_applications(), request.GET.get("queue"), request.user)
    if form.is_valid():
        filters = {name: value for name, value in form.cleaned_data.items() if value}
        rows = rows.filter(**filters)
    page = page_of(request, rows)
    return render(request, "volunteers/staff/applications.html", {"form": form, "page": page})


def _application(application_id):
    return get_object_or_404(
        VolunteerApplication.objects.select_related("campaign__role", "applicant", "interview_slot"), pk=application_id
    )


def _outcome_due(application):
    """Issue 11: the team records the outcome of an interview that has taken place."""
    slot = getattr(application, "interview_slot", None)
    return application.status == S.INTERVIEW_BOOKED and slot is not None and slot.starts_at <= timezone.now()


def _render_application(request, application, *, form=None, outcome_form=None):
    decides = request.user.has_perm(REVIEW)
    if outcome_form is None and _outcome_due(application):
        outcome_form = InterviewOutcomeForm()
    if outcome_form is not None:
        outcome_form.form_action = reverse("volunteer_staff_interview_outcome", args=[application.pk])
    context = {
        "application": application,
        # the vetting officer reads the page: the team's steps are not offered to them
        "decides": decides,
        "history": history_in_words(application, request.user),
        "can_shortlist": application.status == S.SUBMITTED,
        "can_reject": APPLICATION_WORKFLOW.can(application.status, S.REJECTED),
        "form": form or RejectForm(),
        "interview": getattr(application, "interview_slot", None),
        "outcome_form": outcome_form,
        "fitness_due": fitness_test_due(application),
        "fitness_test": getattr(application, "fitness_test", None),
        "certificate": getattr(application, "medical_certificate", None),
        # issue 10 and 11: "cleared / not cleared / in progress", never a check's detail
        "vetting": outcome_for(application, request.user),
        "vetting_due": decides and vetting_due(application),
        **staff_parts(application),
    }
    return render(request, "volunteers/staff/application.html", context)


@_read_page
@require_http_methods(["GET", "POST"])
def application_page(request, application_id):
    if request.method == "POST" and not request.user.has_perm(REVIEW):
        raise PermissionDenied  # the vetting officer reads; only the team rejects
    application = _application(application_id)
    form = RejectForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            reject_application(application, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The application is rejected; we have emailed the applicant.")
            return redirect("volunteer_staff_application", application.pk)
    return _render_application(request, application, form=form)


@_team_page
@require_POST
def shortlist(request, application_id):
    application = _application(application_id)
    try:
        shortlist_application(application, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "The application is shortlisted; we have emailed the applicant.")
    return redirect("volunteer_staff_application", application.pk)


@_team_page
@require_POST
def begin_vetting(request, application_id):
    """Issue 11: once the steps the role needs are done, the team asks for the vetting checks."""
    application = _application(application_id)
    act(
        request,
        lambda: start_vetting(application, by=request.user),
        "Vetting has started: the vetting officer has the checks, and we have emailed the candidate.",
    )
    return redirect("volunteer_staff_application", application.pk)


@_team_page
@require_POST
def interview_outcome(request, application_id):
    """Passed moves the application on; not passed rejects it with the reason (issue 11)."""
    application = _application(application_id)
    form = InterviewOutcomeForm(request.POST)
    if form.is_valid():
        passed = form.cleaned_data["outcome"] == "passed"
        try:
            record_interview_outcome(application, by=request.user, passed=passed, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "The outcome of the interview is recorded; we have emailed the candidate.")
        return redirect("volunteer_staff_application", application.pk)
    return _render_application(request, application, outcome_form=form)


urlpatterns = [
    path("staff/volunteering/", campaigns, name="volunteer_staff_campaigns"),
    path("staff/volunteering/applications/", applications, name="volunteer_staff_applications"),
    path("staff/volunteering/applications/<int:application_id>/", application_page, name="volunteer_staff_application"),
    path(
        "staff/volunteering/applications/<int:application_id>/shortlist/",
        shortlist,
        name="volunteer_staff_shortlist",
    ),
    path(
        "staff/volunteering/applications/<int:application_id>/start-vetting/",
        begin_vetting,
        name="volunteer_staff_start_vetting",
    ),
    path(
        "staff/volunteering/applications/<int:application_id>/interview-outcome/",
        interview_outcome,
        name="volunteer_staff_interview_outcome",
    ),
]
