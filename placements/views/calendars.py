"""iCalendar feeds of placements, one for each officer and each partner organisation.

Calendar apps cannot log in, so each feed is reached by an unguessable token (a UUID
kept on the officer or organisation); it shows only names, dates and places."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path

from ..calendars import placements_calendar
from ..models import PartnerOrganisation, StudentOfficer
from ..selectors.officers import visible_placements
from ..selectors.partners_calendar import partner_calendar_placements


def _ics(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def officer_calendar(request, token):
    officer = get_object_or_404(StudentOfficer, calendar_token=token)
    calendar = placements_calendar(
        f"{officer.full_name}: community placements",
        visible_placements(officer),
        summary=lambda p: f"{p.get_placement_type_display()} at {p.partner.name}",
        location=lambda p: f"{p.partner.address}, {p.partner.postcode}".strip(", "),
    )
    return _ics(calendar, "community-placements.ics")


def partner_calendar(request, token):
    partner = get_object_or_404(PartnerOrganisation, calendar_token=token)
    calendar = placements_calendar(
        f"{partner.name}: student officers",
        partner_calendar_placements(partner),
        summary=lambda p: f"Student officer {p.officer.full_name} ({p.get_placement_type_display()})",
        location=lambda p: partner.postcode,
    )
    return _ics(calendar, "student-officer-placements.ics")


urlpatterns = [
    path("calendar/officer/<uuid:token>.ics", officer_calendar, name="officer_calendar"),
    path("calendar/partner/<uuid:token>.ics", partner_calendar, name="partner_calendar"),
]
