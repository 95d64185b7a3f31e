"""Volunteer recruitment (seed 002): the public campaign pages, applying with an account,
and the applicant's own applications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from kentplacements.anonymous_cache import anonymous_cache
from kentplacements.workflow import DomainError
from outreach.equality.invitations import equality_invitation_url

from ..enums import APPLICATION_WORKFLOW, LIVE_APPLICATIONS, VolunteerApplicationStatus
from ..forms import VolunteerApplicationForm
from ..selectors import applications_of, open_campaigns, public_campaigns
from ..services.applications import closed_problem, submit_application, withdraw_application
from ..services.medical import can_upload
from .training_parts import APPLICANT_PREFETCH, applicant_parts

SENT_MESSAGE = "Your application has been sent. We have emailed you to confirm."


@require_GET
@anonymous_cache
def campaign_list(request):
    return render(request, "volunteers/campaigns.html", {"campaigns": open_campaigns()})


@require_GET
@anonymous_cache
def campaign_page(request, campaign_id):
    campaign = get_object_or_404(public_campaigns().prefetch_related("role__powers"), pk=campaign_id)
    return render(request, "volunteers/campaign.html", {"campaign": campaign, "closed": closed_problem(campaign)})


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, campaign_id):
    campaign = get_object_or_404(public_campaigns(), pk=campaign_id)
    if applications_of(request.user).filter(campaign=campaign, status__in=LIVE_APPLICATIONS).exists():
        messages.info(request, f"You have already applied to {campaign}.")
        return redirect("volunteer_my_applications")
    if problem := closed_problem(campaign):
        return render(request, "volunteers/closed.html", {"campaign": campaign, "problem": problem})
    form = VolunteerApplicationForm(request.POST if request.method == "POST" else None, campaign=campaign)
    if form.is_valid():
        try:
            application = submit_application(campaign, request.user, form.answers())
        except DomainError as exc:  # closed meanwhile, or a double click: said above the form
            form.add_error(None, str(exc))
        else:
            messages.success(request, SENT_MESSAGE)
            # issue 12: the optional equality questions, then their applications
            return redirect(equality_invitation_url(application))
    return render(request, "volunteers/apply.html", {"campaign": campaign, "form": form})


@login_required
@require_GET
def my_applications(request):
    rows = [
        {
            "application": application,
            # an offer is answered with its own buttons: declining it withdraws (issue 11)
            "can_withdraw": APPLICATION_WORKFLOW.can(application.status, VolunteerApplicationStatus.WITHDRAWN)
            and application.status != VolunteerApplicationStatus.OFFERED,
            "can_upload_medical": can_upload(application),
            **applicant_parts(application),
        }
        for application in applications_of(request.user)
        .select_related("medical_certificate")
        .prefetch_related(*APPLICANT_PREFETCH)
        .order_by("-submitted_at", "-pk")
    ]
    return render(request, "volunteers/my_applications.html", {"rows": rows})


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
        return redirect("volunteer_my_applications")
    return render(request, "volunteers/withdraw.html", {"application": application})


urlpatterns = [
    path("volunteering/", campaign_list, name="volunteer_campaigns"),
    path("volunteering/<int:campaign_id>/", campaign_page, name="volunteer_campaign"),
    path("volunteering/<int:campaign_id>/apply/", apply, name="volunteer_apply"),
    path("volunteering/applications/", my_applications, name="volunteer_my_applications"),
    path("volunteering/applications/<int:application_id>/withdraw/", withdraw, name="volunteer_withdraw"),
]
