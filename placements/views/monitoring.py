"""The Head of Resourcing's monitoring page (seed 001, 7.1): the figures of every
work-experience programme, each section as a chart and the same figures as a table, and
the protocol's review: when it was last reviewed, when the next is due, a form to record a
review and one to change the date."""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from kentplacements.pages import run_service
from kentplacements.spreadsheets import escape_formula

from ..forms.monitoring import NextReviewForm, ProtocolReviewForm
from ..models.monitoring import REVIEW_REMINDER_LEAD
from ..selectors.monitoring import current_review, work_experience_monitoring
from ..services.monitoring import record_protocol_review, reschedule_protocol_review
from .partner_staff import staff_page

PERMISSION = "placements.monitor_work_experience"


def _page(request, *, review_form=None, next_form=None):
    """The page; a form sent with a mistake is drawn bound, its messages next to its fields."""
    review = current_review()
    today = timezone.localdate()
    context = {
        "monitoring": work_experience_monitoring(),
        "review": review,
        "due": review is not None and review.is_due(today),
        "overdue": review is not None and review.is_overdue(today),
        "reminder_days": REVIEW_REMINDER_LEAD.days,
        "review_form": review_form or ProtocolReviewForm(),
        "next_form": next_form or (NextReviewForm(reviewed_on=review.reviewed_on) if review is not None else None),
    }
    return render(request, "placements/monitoring/page.html", context)


@staff_page(PERMISSION)
@require_GET
def monitoring_page(request):
    return _page(request)


# The CSV's columns: one line per figure, so every figure keeps its labels in a spreadsheet.
CSV_COLUMNS = ("Section", "Programme", "Figure", "Count")


@staff_page(PERMISSION)
@require_GET
def monitoring_csv(request):
    """The page's figures (the tables, totals included) as a CSV. Titles are typed by staff:
    a cell that would start a formula is escaped (kentplacements.spreadsheets)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="work-experience-monitoring.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for breakdown in work_experience_monitoring().breakdowns:
        for row in [*breakdown.rows, breakdown.totals]:
            figures = zip(breakdown.columns, row.counts, strict=True)
            for figure, count in [*figures, *([("Total", row.total)] if breakdown.totalled else [])]:
                writer.writerow([escape_formula(breakdown.caption), escape_formula(row.label), figure, count])
    return response


@staff_page(PERMISSION)
@require_POST
def record_review(request):
    form = ProtocolReviewForm(request.POST)
    if form.is_valid():
        record = lambda: record_protocol_review(by=request.user, **form.cleaned_data)  # noqa: E731
        if run_service(request, form, record, "The review is recorded, and the date of the next one set."):
            return redirect("we_monitoring")
    return _page(request, review_form=form)


@staff_page(PERMISSION)
@require_POST
def change_next_review(request):
    review = current_review()
    if review is None:
        messages.error(request, "Record a review first: until then there is no next review to move.")
        return redirect("we_monitoring")
    form = NextReviewForm(request.POST, reviewed_on=review.reviewed_on)
    if form.is_valid():
        data = form.cleaned_data
        success = f"The next review is now due on {data['next_review_on']:%-d %B %Y}."
        if run_service(request, form, lambda: reschedule_protocol_review(review, by=request.user, **data), success):
            return redirect("we_monitoring")
    return _page(request, next_form=form)


urlpatterns = [
    path("work-experience/staff/monitoring/", monitoring_page, name="we_monitoring"),
    path("work-experience/staff/monitoring/figures.csv", monitoring_csv, name="we_monitoring_csv"),
    path("work-experience/staff/monitoring/review/", record_review, name="we_monitoring_review"),
    path("work-experience/staff/monitoring/next-review/", change_next_review, name="we_monitoring_next_review"),
]
