"""Volunteers' hours (issue 11; seed 002: "commit to 16 hours a month"). The active volunteer's
"Your hours" page, reached from "Your volunteer applications": a duty logged, corrected or
removed, this month against the commitment, earlier months and the duties. The recruitment
team's "Volunteer hours": hours by volunteer and month, as a table, a chart and a CSV."""

import csv

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from kentplacements.forms import SearchForm
from kentplacements.pages import act, posted, run_service
from kentplacements.spreadsheets import escape_formula

from ..enums import CampaignStatus, VolunteerApplicationStatus
from ..hours_forms import DutyForm
from ..hours_report import CSV_COLUMNS, SHOWN_MONTHS, csv_lines, hours_table, own_hours
from ..models import RecruitmentCampaign
from ..months import hours_figure
from ..selectors import applications_of
from ..services.hours import correct_duty, first_open_month, log_duty, remove_duty
from .staff import _team_page

HOURS_PAGE = "volunteer_hours"


def _logged(data, verb) -> str:
    return f"Your duty on {data['date']:%-d %B %Y} is {verb}: {hours_figure(data['hours'])} hours."


@login_required
@require_http_methods(["GET", "POST"])
def hours_page(request, application_id):
    """The volunteer's own application only (another person's is a 404); until it is active
    there are no hours to log, and they are told so on their applications page."""
    application = get_object_or_404(applications_of(request.user), pk=application_id)
    if application.status != VolunteerApplicationStatus.ACTIVE:
        messages.info(request, "You log your hours here once you are an active volunteer.")
        return redirect("volunteer_my_applications")
    form = DutyForm(posted(request), application=application)
    if form.is_valid():
        log = lambda: log_duty(application, by=request.user, **form.cleaned_data)  # noqa: E731
        if run_service(request, form, log, _logged(form.cleaned_data, "logged")):
            return redirect(HOURS_PAGE, application.pk)
    context = {"application": application, "form": form, "hours": own_hours(application)}
    return render(request, "volunteers/hours.html", context)


def _open_duty(request, application_id, duty_id):
    """The volunteer's own duty (another person's is a 404), or None if its month is closed
    (they are told so on their hours page)."""
    applications = applications_of(request.user).filter(status=VolunteerApplicationStatus.ACTIVE)
    application = get_object_or_404(applications, pk=application_id)
    duty = get_object_or_404(application.duties.select_related("application"), pk=duty_id)
    if duty.date < first_open_month(timezone.localdate()):
        messages.info(request, f"The duty on {duty.date:%-d %B %Y} is in a closed month: it can no longer be changed.")
        return None
    return duty


@login_required
@require_http_methods(["GET", "POST"])
def change_duty(request, application_id, duty_id):
    duty = _open_duty(request, application_id, duty_id)
    if duty is None:
        return redirect(HOURS_PAGE, application_id)
    form = DutyForm(posted(request), application=duty.application, duty=duty)
    if form.is_valid():
        correct = lambda: correct_duty(duty, by=request.user, **form.cleaned_data)  # noqa: E731
        if run_service(request, form, correct, _logged(form.cleaned_data, "changed")):
            return redirect(HOURS_PAGE, application_id)
    return render(request, "volunteers/duty_change.html", {"duty": duty, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def remove(request, application_id, duty_id):
    """Asks first; the button removes."""
    duty = _open_duty(request, application_id, duty_id)
    if duty is None:
        return redirect(HOURS_PAGE, application_id)
    if request.method == "POST":
        act(request, lambda: remove_duty(duty, by=request.user), f"Your duty on {duty.date:%-d %B %Y} is removed.")
        return redirect(HOURS_PAGE, application_id)
    return render(request, "volunteers/duty_remove.html", {"duty": duty})


# --- the recruitment team ------------------------------------------------------------------


class HoursFilter(SearchForm):
    button_label = "Show"
    campaign = forms.ModelChoiceField(
        label="Campaign",
        queryset=RecruitmentCampaign.objects.exclude(status=CampaignStatus.DRAFT).select_related("role"),
        required=False,
        empty_label="Every campaign",
    )


def _table(request):
    form = HoursFilter(request.GET)
    campaign = form.cleaned_data["campaign"] if form.is_valid() else None
    return form, hours_table(campaign)


@_team_page
@require_GET
def staff_hours(request):
    form, table = _table(request)
    context = {"form": form, "table": table, "chart": table.chart(), "shown": SHOWN_MONTHS}
    return render(request, "volunteers/staff/hours.html", context)


@_team_page
@require_GET
def staff_hours_csv(request):
    """The table's figures, a line per volunteer and month; names and campaign titles are
    typed by people, so a cell that would start a formula is escaped."""
    _form, table = _table(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="volunteer-hours.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    writer.writerows([escape_formula(cell) for cell in line] for line in csv_lines(table))
    return response


_OWN = "volunteering/applications/<int:application_id>/hours/"
urlpatterns = [
    path(_OWN, hours_page, name=HOURS_PAGE),
    path(f"{_OWN}<int:duty_id>/change/", change_duty, name="volunteer_duty_change"),
    path(f"{_OWN}<int:duty_id>/remove/", remove, name="volunteer_duty_remove"),
    path("staff/volunteering/hours/", staff_hours, name="volunteer_staff_hours"),
    path("staff/volunteering/hours/hours.csv", staff_hours_csv, name="volunteer_staff_hours_csv"),
]
