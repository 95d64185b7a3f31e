"""The candidate's answer to the offer of a place (issue 11), from "Your volunteer
applications": Accept is a button there; Decline asks first, on its own page. Another
person's application is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from kentplacements.pages import act

from ..enums import VolunteerApplicationStatus
from ..selectors import applications_of
from ..services.offers import accept_offer, decline_offer

MY_APPLICATIONS = "volunteer_my_applications"


@login_required
@require_POST
def accept(request, application_id):
    application = get_object_or_404(applications_of(request.user), pk=application_id)
    act(
        request,
        lambda: accept_offer(application, by=request.user),
        "Welcome: you have accepted your place. We have emailed you to confirm.",
    )
    return redirect(MY_APPLICATIONS)


@login_required
@require_http_methods(["GET", "POST"])
def decline(request, application_id):
    """GET asks first (as withdrawing does); the button declines."""
    application = get_object_or_404(applications_of(request.user), pk=application_id)
    if application.status != VolunteerApplicationStatus.OFFERED:
        messages.info(request, "This application has no offer waiting for your answer.")
        return redirect(MY_APPLICATIONS)
    if request.method == "POST":
        act(
            request,
            lambda: decline_offer(application, by=request.user),
            "You have declined the offer, and your application is withdrawn.",
        )
        return redirect(MY_APPLICATIONS)
    return render(request, "volunteers/decline_offer.html", {"application": application})


urlpatterns = [
    path("volunteering/applications/<int:application_id>/accept-offer/", accept, name="volunteer_offer_accept"),
    path("volunteering/applications/<int:application_id>/decline-offer/", decline, name="volunteer_offer_decline"),
]
