"""Presentations and feedback (seed 000): partners reply to invitations to the officers'
presentations at Kent Police College and rate each placement they hosted; officers
write their reflection and send their presentation; staff read both and see a report
per cohort. Thin views: scoped selector -> form -> service -> redirect."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from kentplacements.workflow import DomainError

from ..charts import horizontal_bar_chart
from ..enums import RsvpStatus
from ..forms.presentations import FeedbackForm, ReflectionForm, RsvpForm
from ..models import Cohort, CommunityPlacement, PlacementReflection
from ..selectors.presentations import (
    cohorts_for_reports,
    finished_placements_of_officer,
    invitations_for_contact,
    placements_hosted_for_contact,
    reflections_and_feedback,
    with_optional,
)
from ..selectors.reports import cohort_report
from ..services.placements import mark_presented
from ..services.presentations import give_feedback, reply_to_invitation, submit_reflection, waiting_position


def _save(request, form, service, *, message, then: str):
    """POST with a valid form: run the service with the form's fields, say ``message``
    (or ``message(result)`` when it depends on the outcome) and redirect to ``then``.
    A refusal is shown on the form, with everything typed kept."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = service(**form.cleaned_data)
    except DomainError as error:
        form.add_error(None, str(error))
        return None
    messages.success(request, message(result) if callable(message) else message)
    return redirect(then)


# --- partners ---------------------------------------------------------------------------


@login_required
@permission_required("placements.reply_to_presentation", raise_exception=True)
def partner_presentations(request):
    invitations = invitations_for_contact(request.user).order_by("session__date", "partner__name")
    placements = with_optional(placements_hosted_for_contact(request.user), "feedback")
    context = {"invitations": invitations, "placements": placements, "now": timezone.now()}
    return render(request, "placements/presentations/partner_list.html", context)


@login_required
@permission_required("placements.reply_to_presentation", raise_exception=True)
def presentation_rsvp(request, invitation_id):
    invitation = get_object_or_404(invitations_for_contact(request.user), pk=invitation_id)
    form = RsvpForm(request.POST or None, initial=RsvpForm.initial_for(invitation))
    reply = partial(reply_to_invitation, invitation, by=request.user)
    if saved := _save(request, form, reply, message=_reply_message, then="partner_presentations"):
        return saved
    context = {"invitation": invitation, "form": form, "open": timezone.now() <= invitation.session.rsvp_cutoff}
    return render(request, "placements/presentations/rsvp.html", context)


def _reply_message(invitation) -> str:
    if invitation.rsvp_status == RsvpStatus.WAITING:
        # Issue 9: a full session is a waiting list, not a refusal; say where they stand.
        return (
            f"The session is full: you are on the waiting list, number {waiting_position(invitation)}. "
            "We have emailed you, and will email you again as soon as a seat is yours."
        )
    return "Thank you: your reply is saved and we have emailed you a copy."


@login_required
@permission_required("placements.give_placement_feedback", raise_exception=True)
def placement_feedback(request, placement_id):
    placement = get_object_or_404(placements_hosted_for_contact(request.user), pk=placement_id)
    given = getattr(placement, "feedback", None)
    initial = {"rating": given.rating, "comment": given.comment} if given else {}
    form = FeedbackForm(request.POST or None, initial=initial)
    feedback = partial(give_feedback, placement, by=request.user)
    message = f"Thank you for your feedback on {placement.officer}'s placement."
    if saved := _save(request, form, feedback, message=message, then="partner_presentations"):
        return saved
    return render(request, "placements/presentations/feedback.html", {"placement": placement, "form": form})


# --- the officer ------------------------------------------------------------------------


@login_required
@permission_required("placements.submit_reflection", raise_exception=True)
def placement_reflection(request, placement_id):
    placement = get_object_or_404(finished_placements_of_officer(request.user), pk=placement_id)
    given = getattr(placement, "reflection", None)
    initial = {"summary": given.summary, "reflection": given.reflection} if given else {}
    form = ReflectionForm(request.POST or None, request.FILES or None, initial=initial)
    reflection = partial(submit_reflection, placement, by=request.user)
    if saved := _save(request, form, reflection, message="Thank you: your reflection is saved.", then=request.path):
        return saved
    context = {"placement": placement, "reflection": given, "form": form}
    return render(request, "placements/presentations/reflection.html", context)


@login_required
def presentation_file(request, placement_id):
    """The uploaded presentation, as a download, to the officer and the Diversity
    Placements Officer only; to anyone else it does not exist. Files are never served
    from MEDIA_URL, which would skip this check."""
    reflection = get_object_or_404(
        PlacementReflection.objects.exclude(presentation_file="").select_related("placement__officer"),
        placement_id=placement_id,
    )
    placement = reflection.placement
    if not request.user.has_perm("placements.download_presentation", placement):
        raise Http404
    extension = reflection.presentation_file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        reflection.presentation_file.open("rb"),
        as_attachment=True,
        filename=f"presentation-{placement.officer.staff_number}-{placement.placement_type}.{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- staff --------------------------------------------------------------------------------


@login_required
@permission_required("placements.view_presentation_reports", raise_exception=True)
def cohort_reflections(request, cohort_id):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    context = {
        "cohort": cohort,
        "placements": reflections_and_feedback(cohort),
        "may_record": request.user.has_perm("placements.record_presentation_given"),
        "may_download": request.user.has_perm("placements.download_presentation"),
    }
    return render(request, "placements/reports/cohort_reflections.html", context)


@require_POST
@login_required
@permission_required("placements.record_presentation_given", raise_exception=True)
def record_presentation_given(request, placement_id):
    placement = get_object_or_404(CommunityPlacement.objects.select_related("officer"), pk=placement_id)
    try:
        mark_presented(placement, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Recorded that {placement.officer} has given their presentation.")
    return redirect("cohort_reflections", cohort_id=placement.officer.cohort_id)


@login_required
@permission_required("placements.view_presentation_reports", raise_exception=True)
def cohort_reports(request):
    return render(request, "placements/reports/cohort_list.html", {"cohorts": cohorts_for_reports()})


@login_required
@permission_required("placements.view_presentation_reports", raise_exception=True)
def cohort_report_page(request, cohort_id):
    report = cohort_report(get_object_or_404(Cohort, pk=cohort_id))
    chart = horizontal_bar_chart([(str(community), community.officers) for community in report.communities])
    return render(request, "placements/reports/cohort_report.html", {"report": report, "chart": chart})


urlpatterns = [
    path("partners/presentations/", partner_presentations, name="partner_presentations"),
    path("partners/presentations/<int:invitation_id>/rsvp/", presentation_rsvp, name="presentation_rsvp"),
    path("partners/placements/<int:placement_id>/feedback/", placement_feedback, name="placement_feedback"),
    path("placements/mine/<int:placement_id>/reflection/", placement_reflection, name="placement_reflection"),
    path("placements/<int:placement_id>/presentation-file/", presentation_file, name="presentation_file"),
    path("placements/staff/cohorts/<int:cohort_id>/reflections/", cohort_reflections, name="cohort_reflections"),
    path(
        "placements/staff/placements/<int:placement_id>/presented/",
        record_presentation_given,
        name="record_presentation_given",
    ),
    path("placements/staff/reports/", cohort_reports, name="cohort_reports"),
    path("placements/staff/reports/cohorts/<int:cohort_id>/", cohort_report_page, name="cohort_report"),
]
