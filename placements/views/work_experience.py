"""Work experience (seed 001): the public pages (programmes, registering interest,
unsubscribing), the applicant's application and account page, and the recruitment
team's programme dashboard."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from accounts.audit import histories_for
from kentplacements.anonymous_cache import anonymous_cache
from kentplacements.pages import posted
from kentplacements.pagination import page_of
from kentplacements.ratelimits import limit_address, limit_email, limit_token_page
from kentplacements.workflow import DomainError
from outreach.equality.invitations import equality_invitation_url
from vetting.selectors import agreements_for
from vetting.services.references import references_page

from ..enums import APPLICATION_WORKFLOW, ApplicationStatus
from ..forms.work_experience import SEND, ApplicationForm, InterestForm
from ..models import ExpressionOfInterest, WorkExperienceProgramme
from ..selectors.placement_days import ON_PLACEMENT
from ..selectors.work_experience import (
    applications_of,
    eligibility_answers,
    open_programmes,
    programme_applications,
    programme_applications_in_checks,
    programme_dashboard,
    programme_days,
    programme_participants,
    public_programmes,
    staff_programmes,
)
from ..services.placement_days import awaits_attendance
from ..services.work_experience import (
    ApplicationAlreadySent,
    closed_problem,
    register_interest,
    save_draft,
    submit_application,
    unsubscribe_interest,
    withdraw_application,
)
from .partner_staff import staff_page

INTEREST_MESSAGE = (
    "Thank you. We have emailed you to confirm. We will email you when a work experience programme opens."
)
SENT_MESSAGE = "Your application has been sent. We have emailed you to confirm."


@require_GET
@anonymous_cache
def index(request):
    """Open programmes, and the way to register interest in future ones. Form-free, so an
    anonymous visitor is served it from the cache: a form's CSRF token belongs to one
    visitor's cookie (kentplacements/anonymous_cache.py)."""
    return render(request, "placements/work_experience/index.html", {"programmes": open_programmes()})


@require_http_methods(["GET", "POST"])
def interest(request):
    """Protocol 3.2.3: register interest to hear about future programmes."""
    if refused := limit_address(request, "work_experience_interest"):  # it sends emails (issue 13)
        return refused
    form = InterestForm(posted(request))
    if form.is_valid():
        if not form.is_spam:
            if refused := limit_email(request, "work_experience_interest", form.cleaned_data["email"]):
                return refused
            register_interest(full_name=form.cleaned_data["full_name"], email=form.cleaned_data["email"])
        # The same answer for a new address, one already on the list and a robot (issue 8).
        messages.success(request, INTEREST_MESSAGE)
        return redirect("we_index")
    return render(request, "placements/work_experience/interest.html", {"form": form})


@limit_token_page
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Opening the link only asks (mail scanners open links); the button unsubscribes."""
    interest = get_object_or_404(ExpressionOfInterest, unsubscribe_token=token)
    if request.method == "POST":
        unsubscribe_interest(interest)
    return render(request, "placements/work_experience/unsubscribe.html", {"interest": interest})


@require_GET
@anonymous_cache
def programme_page(request, programme_id):
    programme = get_object_or_404(public_programmes(), pk=programme_id)
    context = {"programme": programme, "closed": closed_problem(programme), "questions": programme.questions.all()}
    return render(request, "placements/work_experience/programme.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, programme_id):
    programme = get_object_or_404(public_programmes(), pk=programme_id)
    application = applications_of(request.user).filter(programme=programme).first()
    if application is not None and application.status != ApplicationStatus.DRAFT:
        messages.info(request, "You have already sent your application for this programme.")
        return redirect("we_my_applications")
    if problem := closed_problem(programme, application=application):
        return render(request, "placements/work_experience/closed.html", {"programme": programme, "problem": problem})
    sending = SEND in request.POST
    initial = ApplicationForm.initial_from(application) if application else {}
    form = ApplicationForm(posted(request), programme=programme, sending=sending, initial=initial)
    if form.is_valid():
        try:
            application = _save(request, programme, form.answers(), sending)
        except ApplicationAlreadySent:  # a double click: the first click sent it
            messages.success(request, SENT_MESSAGE)
            return redirect("we_my_applications")
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            # issue 12: once sent, the optional equality questions, then their applications
            return redirect(equality_invitation_url(application)) if sending else redirect("we_apply", programme.pk)
    return render(request, "placements/work_experience/apply.html", {"programme": programme, "form": form})


def _save(request, programme, answers, sending):
    application = save_draft(programme, request.user, answers)
    if sending:
        submit_application(application, by=request.user)
        messages.success(request, SENT_MESSAGE)
    else:
        messages.success(request, "Your draft is saved. You can come back to it until applications close.")
    return application


@login_required
@require_GET
def my_applications(request):
    # The same few queries however many applications (issue 8: this page ran one
    # history query per application).
    applications = list(
        applications_of(request.user).exclude(status=ApplicationStatus.DRAFT).prefetch_related("programme__questions")
    )
    histories = histories_for(applications)
    # an agreement no longer needed is not offered (issue 10): its application has ended
    agreements = agreements_for(applications, include_void=False)
    rows = [
        {
            "application": application,
            "history": _plain_history(histories[application.pk]),
            "answers": eligibility_answers(application),
            "can_withdraw": APPLICATION_WORKFLOW.can(application.status, ApplicationStatus.WITHDRAWN),
            # the joining instructions sent: they confirm they will attend (3.3.2), and
            # once the place is confirmed the page still says when they did
            "attendance_page": awaits_attendance(application)
            or (application.status in ON_PLACEMENT and application.attendance_confirmed_at is not None),
            # a place confirmed: the diary is open to them (3.4.3)
            "on_placement": application.status in ON_PLACEMENT,
            # the Work Placement Agreement to read and sign, then download (protocol 3.4.1)
            "agreement": agreements.get(application.pk),
        }
        for application in applications
    ]
    drafts = applications_of(request.user).filter(status=ApplicationStatus.DRAFT)
    return render(request, "placements/work_experience/my_applications.html", {"rows": rows, "drafts": drafts})


def _plain_history(entries):
    """Each move of the application, in plain English: when, and the status it reached."""
    return [(entry.created_at, ApplicationStatus(entry.to_state).label) for entry in entries if entry.to_state]


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, application_id):
    """Asks first; the button withdraws. Another person's application is a 404."""
    application = get_object_or_404(applications_of(request.user), pk=application_id)
    if request.method == "POST":
        try:
            withdraw_application(application, by=request.user)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Your application has been withdrawn.")
        return redirect("we_my_applications")
    return render(request, "placements/work_experience/withdraw.html", {"application": application})


@staff_page("placements.view_programme_dashboard")
@require_GET
def programmes(request):
    """Every programme, newest first: the recruitment team's way to each dashboard (issue 9)."""
    return render(request, "placements/work_experience/programmes.html", {"programmes": staff_programmes()})


@staff_page("placements.view_programme_dashboard")
@require_GET
def dashboard(request, programme_id):
    programme = get_object_or_404(WorkExperienceProgramme, pk=programme_id)
    summary = programme_dashboard(programme)
    # issue 13: each list a page at a time (5,000 applications to a programme rendered in a
    # second), each counted in the summary's aggregate rather than a query of its own
    listed = summary.pop("listed")
    participants = page_of(
        request, programme_participants(programme), count=listed["participants"], parameter="participants_page"
    )
    agreements = agreements_for(participants.object_list)
    in_checks = page_of(
        request, programme_applications_in_checks(programme), count=listed["in_checks"], parameter="checks_page"
    )
    context = {
        "programme": programme,
        **summary,
        # each with their Work Placement Agreement, whose signed PDF the team downloads (issue 10)
        "participants": participants,
        "participant_rows": [{"application": a, "agreement": agreements.get(a.pk)} for a in participants],
        "may_download_agreements": request.user.has_perm("vetting.download_agreement"),
        # issue 10: each row opens the application's page, where the team takes its next step
        "applications": page_of(request, programme_applications(programme), count=listed["applications"]),
        # issue 10: the recruitment team asks for and reads references from here
        "in_checks": in_checks,
        "in_checks_rows": [(a, references_page(a)) for a in in_checks],
        "days": programme_days(programme),
        # the registers and participant pages are the supervisors'; the Head of Resourcing
        # reads the names only (rules.has_perm: no model-permission queries)
        "supervises": rules.has_perm("placements.supervise_placement_days", request.user),
    }
    return render(request, "placements/work_experience/dashboard.html", context)


urlpatterns = [
    path("work-experience/", index, name="we_index"),
    path("work-experience/interest/", interest, name="we_interest"),
    path("work-experience/interest/unsubscribe/<uuid:token>/", unsubscribe, name="we_unsubscribe"),
    path("work-experience/my-applications/", my_applications, name="we_my_applications"),
    path("work-experience/my-applications/<int:application_id>/withdraw/", withdraw, name="we_withdraw"),
    path("work-experience/staff/programmes/", programmes, name="we_programmes"),
    path("work-experience/staff/programmes/<int:programme_id>/", dashboard, name="we_programme_dashboard"),
    path("work-experience/<int:programme_id>/", programme_page, name="we_programme"),
    path("work-experience/<int:programme_id>/apply/", apply, name="we_apply"),
]
