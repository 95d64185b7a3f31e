"""A campaign's dashboard for the recruitment team (issue 11), linked from each campaign on
the team's campaign list, and its figures as a CSV (volunteers.dashboard builds both)."""

import csv

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from kentplacements.spreadsheets import escape_formula

from ..dashboard import campaign_dashboard
from ..selectors import staff_campaigns
from .staff import _team_page

# The CSV's columns: one line per figure, so every figure keeps its labels in a spreadsheet
# whatever its section's table looks like.
CSV_COLUMNS = ("Section", "Row", "Figure", "Value")


def _campaign(campaign_id):
    return get_object_or_404(staff_campaigns(), pk=campaign_id)


@_team_page
@require_GET
def dashboard(request, campaign_id):
    campaign = _campaign(campaign_id)
    context = {"campaign": campaign, "sections": campaign_dashboard(campaign, timezone.now())}
    return render(request, "volunteers/staff/dashboard.html", context)


@_team_page
@require_GET
def dashboard_csv(request, campaign_id):
    """The page's tables, figure by figure, in words (stage names, not codes). A figure with
    nothing to measure (no finished stay) is an empty cell, as "—" is on the page."""
    campaign = _campaign(campaign_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="volunteer-campaign-{campaign.pk}-dashboard.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for section in campaign_dashboard(campaign, timezone.now()):
        for label, *values in section.rows:
            for figure, value in zip(section.columns[1:], values, strict=True):
                cells = (section.title, label, figure, "" if value is None else value)
                writer.writerow([escape_formula(cell) for cell in cells])
    return response


urlpatterns = [
    path("staff/volunteering/<int:campaign_id>/dashboard/", dashboard, name="volunteer_staff_dashboard"),
    path("staff/volunteering/<int:campaign_id>/dashboard.csv", dashboard_csv, name="volunteer_staff_dashboard_csv"),
]
