"""Interview pages (issue 11): the candidate books, moves or cancels their interview from
"Your volunteer applications"; the recruitment team publishes a campaign's interview times
and sees who booked each."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from kentplacements.workflow import DomainError

from ..enums import VolunteerApplicationStatus
from ..interview_forms import BookInterviewForm, PublishSlotsForm
from ..selectors import applications_of, free_slots, staff_campaigns, staff_slots
from ..services.interviews import book_interview, cancel_interview, move_interview, publish_slots
from .staff import _team_page

S = VolunteerApplicationStatus
# what the page does, by the application's stage: the button and the service
CHOOSING = {
    S.SHORTLISTED: ("Book this interview", book_interview, "Your interview is booked"),
    S.INTERVIEW_BOOKED: ("Move my interview to this time", move_interview, "Your interview has moved"),
}


@login_required
@require_http_methods(["GET", "POST"])
def interview(request, application_id):
    """Free times as a radio list; the button books (shortlisted) or moves (booked).
    Another person's application is a 404."""
    application = get_object_or_404(applications_of(request.user), pk=application_id)
    if application.status not in CHOOSING:
        messages.info(request, f"Your application to {application.campaign} is {application.get_status_display()}.")
        return redirect("volunteer_my_applications")
    label, service, done = CHOOSING[application.status]
    form = BookInterviewForm(
        request.POST if request.method == "POST" else None, slots=free_slots(application.campaign), button_label=label
    )
    if form.is_valid():
        try:
            slot = service(application, form.cleaned_data["slot"], by=request.user)
        except DomainError as exc:  # taken meanwhile: said above the list, which is drawn again
            form.add_error("slot", str(exc))
        else:
            messages.success(request, f"{done}: {slot}. We have emailed you the details.")
            return redirect("volunteer_my_applications")
    booked = getattr(application, "interview_slot", None)
    return render(request, "volunteers/interview.html", {"application": application, "form": form, "booked": booked})


@login_required
@require_POST
def cancel(request, application_id):
    application = get_object_or_404(applications_of(request.user), pk=application_id)
    try:
        cancel_interview(application, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Your interview is cancelled. You can book another time when you are ready.")
    return redirect("volunteer_my_applications")


@_team_page
@require_http_methods(["GET", "POST"])
def campaign_interviews(request, campaign_id):
    campaign = get_object_or_404(staff_campaigns(), pk=campaign_id)
    form = PublishSlotsForm(request.POST if request.method == "POST" else None, campaign=campaign)
    if form.is_valid():
        try:
            slots = publish_slots(campaign, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{len(slots)} interview times published.")
            return redirect("volunteer_staff_interviews", campaign.pk)
    context = {"campaign": campaign, "slots": staff_slots(campaign), "form": form}
    return render(request, "volunteers/staff/interviews.html", context)


urlpatterns = [
    path("volunteering/applications/<int:application_id>/interview/", interview, name="volunteer_interview"),
    path("volunteering/applications/<int:application_id>/interview/cancel/", cancel, name="volunteer_interview_cancel"),
    path("staff/volunteering/<int:campaign_id>/interviews/", campaign_interviews, name="volunteer_staff_interviews"),
]
