"""Equality monitoring's pages (issue 12): the optional questions a person is offered once
their application or registration is sent, and the reports the Head of Resourcing and the
Diversity Placements Officer read (counts only, small ones hidden)."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from kentplacements.pages import posted
from kentplacements.ratelimits import limit_token_page
from kentplacements.spreadsheets import escape_formula

from .forms import EqualityForm
from .invitations import InvitationExpired, InvitationNotFound, read_invitation
from .reports import CSV_COLUMNS, source_report, sources_with_answers
from .services import AlreadyAnswered, record_equality_answers
from .sources import source_of_kind

THANKS = "Thank you. Your answers are kept apart from your {noun}, and only ever counted with others'."
NOTHING_KEPT = "You left every question out, so nothing was kept."
READ_REPORTS = "outreach.view_equality_reports"


@limit_token_page
@require_http_methods(["GET", "POST"])
def questions(request, token):
    """Where a person is sent once their application or registration is saved
    (invitations.equality_invitation_url); "Skip these questions" leads on without keeping
    anything, as does sending every question left out."""
    try:
        invitation = read_invitation(token)
    except InvitationNotFound as exc:
        raise Http404(str(exc)) from exc
    except InvitationExpired as exc:
        return render(request, "outreach/equality/expired.html", {"problem": str(exc)})
    noun = invitation.registration.noun
    context = {"continue_url": invitation.continue_url, "noun": noun}
    if invitation.answered:
        return render(request, "outreach/equality/answered.html", context)
    form = EqualityForm(posted(request))
    if form.is_valid():
        try:
            kept = record_equality_answers(token, form.answers())
        except AlreadyAnswered:  # another tab, or a double click: the first one counted
            return render(request, "outreach/equality/answered.html", context)
        messages.success(request, THANKS.format(noun=noun) if kept else NOTHING_KEPT)
        return redirect(invitation.continue_url)
    return render(request, "outreach/equality/questions.html", {**context, "form": form})


def _report_page(view):
    return login_required(permission_required(READ_REPORTS, raise_exception=True)(view))


@_report_page
@require_GET
def reports(request):
    return render(request, "outreach/equality/reports.html", {"kinds": sources_with_answers()})


def _report(source_kind, source_id):
    registration = source_of_kind(source_kind)
    source = registration and registration.source_model._default_manager.select_related().filter(pk=source_id).first()
    if source is None:
        raise Http404("No such campaign, programme or event.")
    return source_report(registration, source)


@_report_page
@require_GET
def report(request, source_kind, source_id):
    return render(request, "outreach/equality/report.html", {"report": _report(source_kind, source_id)})


@_report_page
@require_GET
def report_csv(request, source_kind, source_id):
    """The page's tables, figure by figure, with the same small numbers hidden."""
    found = _report(source_kind, source_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="equality-{source_kind}-{source_id}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for row in found.csv_rows():
        writer.writerow([escape_formula(cell) for cell in row])
    return response


urlpatterns = [
    path("equality/<str:token>/", questions, name="equality_questions"),
    path("staff/equality/", reports, name="equality_reports"),
    path("staff/equality/<slug:source_kind>/<int:source_id>/", report, name="equality_report"),
    path("staff/equality/<slug:source_kind>/<int:source_id>/report.csv", report_csv, name="equality_report_csv"),
]
