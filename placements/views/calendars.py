"""iCalendar feeds of placements: one for each student officer, and one for each partner
contact showing their organisation's placements.

Calendar apps cannot log in, so each feed is reached by an unguessable token (a UUID
kept on the officer or the contact); it shows only names, dates and places. A feed
answers only while its owner's account is active (and, for a contact, still linked to
the organisation); the owner can replace the address from their page (issue 8 §5)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from kentplacements.calendars import ics_response
from kentplacements.pages import act

from ..calendars import placements_calendar
from ..models import PartnerContact, StudentOfficer
from ..selectors.officers import visible_placements
from ..selectors.partners_calendar import partner_calendar_placements, partner_calendar_presentations
from ..services.calendars import rotate_calendar_token
from .partner_portal import portal_page

NEW_ADDRESS = "Your calendar has a new address: subscribe to it in your calendar app. The old address no longer works."


def officer_calendar(request, token):
    officer = get_object_or_404(StudentOfficer, calendar_token=token, user__is_active=True)
    calendar = placements_calendar(
        f"{officer.full_name}: community placements",
        visible_placements(officer),
        summary=lambda p: f"{p.get_placement_type_display()} at {p.partner.name}",
        location=lambda p: f"{p.partner.address}, {p.partner.postcode}".strip(", "),
    )
    return ics_response(calendar, "community-placements.ics")


def partner_calendar(request, token):
    # ``user__is_active``: an unlinked contact has no user, a deactivated one is inactive.
    contact = get_object_or_404(
        PartnerContact.objects.select_related("organisation"), calendar_token=token, user__is_active=True
    )
    partner = contact.organisation
    calendar = placements_calendar(
        f"{partner.name}: student officers",
        partner_calendar_placements(partner),
        summary=lambda p: f"Student officer {p.officer.full_name} ({p.get_placement_type_display()})",
        location=lambda p: partner.postcode,
        presentations=partner_calendar_presentations(partner),
    )
    return ics_response(calendar, "student-officer-placements.ics")


@login_required
@permission_required("placements.view_own_placements", raise_exception=True)
@require_POST
def officer_calendar_rotate(request):
    officer = request.user.student_officer
    act(request, lambda: rotate_calendar_token(officer, by=request.user), NEW_ADDRESS)
    return redirect("my_placements")


@portal_page
@require_POST
def partner_calendar_rotate(request, partner_id):
    # Only the contact's own address; another organisation's is a 404 (STYLE.md).
    contact = get_object_or_404(PartnerContact, organisation_id=partner_id, user=request.user)
    act(request, lambda: rotate_calendar_token(contact, by=request.user), NEW_ADDRESS)
    return redirect("partner_placements", partner_id)


urlpatterns = [
    path("calendar/officer/<uuid:token>.ics", officer_calendar, name="officer_calendar"),
    path("calendar/partner/<uuid:token>.ics", partner_calendar, name="partner_calendar"),
    path("placements/mine/calendar/new-address/", officer_calendar_rotate, name="officer_calendar_rotate"),
    path(
        "partners/portal/<int:partner_id>/calendar/new-address/",
        partner_calendar_rotate,
        name="partner_calendar_rotate",
    ),
]
