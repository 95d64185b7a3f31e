"""The placement days (seed 001, the Work Experience Protocol): escorting officers record
activities and DRAs for their own participants (3.5.5, 3.5.6); the Corporate Recruitment
Team assigns them, keeps the Student Placement Risk Assessment (3.5.4) and the daily
register; the applicant confirms attendance (3.3.2) and keeps a diary (3.4.3).
Thin views: scoped selector -> form -> service -> redirect."""

from datetime import date
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from rules.contrib.views import permission_required

from accounts.queues import in_queue, queue_named
from kentplacements.workflow import DomainError

from ..enums import ActivityKind
from ..forms.placement_days import (
    ActivityForm,
    DiaryForm,
    DraForm,
    EscortingOfficerForm,
    RegisterForm,
    RiskAssessmentForm,
    RiskAttachmentForm,
    RiskReviewForm,
    SecurityBriefingForm,
)
from ..models import RiskAssessment, SecurityBriefing, WorkExperienceProgramme
from ..selectors.placement_days import ON_PLACEMENT, own_applications, participants_for, register_rows
from ..selectors.work_experience import eligibility_answers
from ..services import placement_days as services

escorts = permission_required("placements.escort_participants", raise_exception=True)
supervises = permission_required("placements.supervise_placement_days", raise_exception=True)
keeps_own = permission_required("placements.keep_own_placement", raise_exception=True)


def _posted(request):
    """The submitted fields, even when none were filled in; None for a GET."""
    return request.POST if request.method == "POST" else None


def _form(request, name, form_class, **kwargs):
    """One of several forms on a page: bound only when its own button was pressed."""
    data = request.POST if request.POST.get("save") == name else None
    return form_class(data, prefix=name, **kwargs)


def _saved(request, form, service, *, message: str):
    """A bound, valid form: run the service with its fields and say ``message``. A
    refusal is shown on the form, with everything typed kept."""
    if not form.is_bound or not form.is_valid():
        return False
    try:
        service(**form.cleaned_data)
    except DomainError as error:
        form.add_error(None, str(error))
        return False
    messages.success(request, message)
    return True


def _record_of(application):
    return {
        "application": application,
        "activities": application.activities.select_related("escorting_officer", "off_site_confirmed_by"),
        "dras": application.dynamic_risk_assessments.select_related("recorded_by"),
        "assessment": RiskAssessment.objects.filter(application=application)
        .select_related("owner")
        .prefetch_related("attachments")
        .first(),
        "briefing": SecurityBriefing.objects.filter(application=application).first(),
    }


def _briefing_form(request, application, briefing):
    """Protocol 3.4.1: offered until the briefing is recorded (once, on a programme day)."""
    if briefing is not None or application.status not in ON_PLACEMENT:
        return None
    return _form(request, "briefing", SecurityBriefingForm, programme=application.programme)


def _start_of_placement(request, application, record, by):
    """The forms of the start of the placement, on the escort's and the supervisors' pages:
    the security briefing (3.4.1) and the Student Placement Risk Assessment (3.5.4).
    Returns the forms and whether one of them was saved."""
    assessment = record["assessment"]
    briefing = _briefing_form(request, application, record["briefing"])
    risk, review = _risk_form(request, application, assessment)
    attachment = _attachment_form(request, assessment)
    saved = (
        briefing is not None
        and _saved(
            request,
            briefing,
            partial(services.record_security_briefing, application, by=by),
            message="The security briefing is recorded.",
        )
    ) or _saved(request, risk, review, message="The Student Placement Risk Assessment is saved.")
    saved = saved or (
        attachment is not None
        and _saved(
            request,
            attachment,
            partial(services.add_risk_attachment, assessment, by=by),
            message="The attachment is added to the risk assessment.",
        )
    )
    return {"briefing_form": briefing, "risk_form": risk, "attachment_form": attachment}, saved


def _attachment_form(request, assessment):
    """Protocol 3.5.4: the areas the assessment does not cover yet, once it exists."""
    if assessment is None:
        return None
    covered = {attachment.kind for attachment in assessment.attachments.all()}
    if len(covered) == len(ActivityKind.values):
        return None
    return _form(request, "attachment", RiskAttachmentForm, covered=covered)


# --- escorting officers ------------------------------------------------------------------


@login_required
@escorts
def escort_participants(request):
    # ?queue=: the staff home's counts of the officer's participants open this list filtered (issue 9)
    slug = request.GET.get("queue")
    participants = in_queue(participants_for(request.user), slug, request.user)
    context = {
        "participants": participants.order_by("programme__starts_on", "applicant__full_name"),
        "queue": queue_named(slug, request.user),
    }
    return render(request, "placements/placement_days/escort_list.html", context)


@login_required
@escorts
def escort_participant(request, application_id):
    application = get_object_or_404(participants_for(request.user), pk=application_id)
    by = request.user
    if not by.has_perm("placements.record_for_participant", application):
        # A participant who has withdrawn, completed or been discontinued: the record
        # is shown, with nothing to add to it (issue 8 §6).
        if request.method == "POST":
            raise PermissionDenied
        context = {**_record_of(application), "read_only": True}
        return render(request, "placements/placement_days/escort_participant.html", context)
    record = _record_of(application)
    start_forms, started = _start_of_placement(request, application, record, by)
    activity = _form(request, "activity", ActivityForm, programme=application.programme)
    dra = _form(request, "dra", DraForm, programme=application.programme)
    if (
        started
        or _saved(
            request,
            activity,
            partial(services.record_activity, application, by=by),
            message="The activity is recorded.",
        )
        or _saved(request, dra, partial(services.record_dra, application, by=by), message="The DRA is recorded.")
    ):
        return redirect(request.path)
    context = {**record, **start_forms, "activity_form": activity, "dra_form": dra}
    return render(request, "placements/placement_days/escort_participant.html", context)


# --- the supervisors (Corporate Recruitment Team) ---------------------------------------------


def _risk_form(request, application, assessment):
    if assessment is None:
        form = _form(request, "risk", RiskAssessmentForm)
        service = partial(services.record_risk_assessment, application, by=request.user, owner=request.user)
    else:
        initial = {"summary": assessment.summary}
        form = _form(request, "risk", RiskReviewForm, initial=initial)
        service = partial(services.review_risk_assessment, assessment, by=request.user)
    return form, service


@login_required
@supervises
def staff_participant(request, application_id):
    application = get_object_or_404(participants_for(request.user), pk=application_id)
    record = _record_of(application)
    officer = _form(request, "officer", EscortingOfficerForm, initial={"officer": application.escorting_officer})
    assign = partial(services.assign_escorting_officer, application, by=request.user)
    start_forms, started = _start_of_placement(request, application, record, request.user)
    if _saved(request, officer, assign, message="The escorting officer is assigned.") or started:
        return redirect(request.path)
    context = {**record, **start_forms, "officer_form": officer, "attendance": application.attendance.all()}
    context["answers"] = eligibility_answers(application)
    return render(request, "placements/placement_days/staff_participant.html", context)


def _programme_day(programme_id, day):
    programme = get_object_or_404(WorkExperienceProgramme, pk=programme_id)
    try:
        day = date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    if not programme.starts_on <= day <= programme.ends_on:
        raise Http404
    return programme, day


@login_required
@supervises
def attendance_register(request, programme_id, day):
    programme, day = _programme_day(programme_id, day)
    form = RegisterForm(_posted(request), rows=list(register_rows(programme, day)))
    if form.is_bound and form.is_valid():
        services.record_register(by=request.user, date=day, entries=form.entries())
        messages.success(request, f"The register for {day:%-d %B} is saved.")
        return redirect(request.path)
    return render(
        request, "placements/placement_days/register.html", {"programme": programme, "day": day, "form": form}
    )


# --- the applicant ------------------------------------------------------------------------------


@login_required
@keeps_own
def confirm_attendance(request, application_id):
    application = get_object_or_404(own_applications(request.user), pk=application_id)
    if request.method == "POST":
        try:
            services.confirm_attendance(application, by=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Thank you: you have confirmed you will attend.")
        return redirect(request.path)
    deadline = services.attendance_deadline(application.programme)
    context = {
        "application": application,
        "programme": application.programme,
        "deadline": deadline,
        "awaits_attendance": services.awaits_attendance(application),
    }
    return render(request, "placements/placement_days/confirm_attendance.html", context)


@login_required
@keeps_own
def diary(request, application_id):
    application = get_object_or_404(own_applications(request.user).filter(status__in=ON_PLACEMENT), pk=application_id)
    form = DiaryForm(_posted(request), writer=request.user)
    entry = partial(services.add_diary_entry, application, by=request.user)
    if _saved(request, form, entry, message="Your notes are saved."):
        return redirect(request.path)
    return render(
        request,
        "placements/placement_days/diary.html",
        {"application": application, "entries": application.diary.all(), "form": form},
    )


urlpatterns = [
    path("work-experience/escort/", escort_participants, name="escort_participants"),
    path("work-experience/escort/<int:application_id>/", escort_participant, name="escort_participant"),
    path("work-experience/staff/participants/<int:application_id>/", staff_participant, name="staff_participant"),
    path(
        "work-experience/staff/programmes/<int:programme_id>/register/<str:day>/",
        attendance_register,
        name="attendance_register",
    ),
    path("work-experience/attendance/<int:application_id>/", confirm_attendance, name="confirm_attendance"),
    path("work-experience/diary/<int:application_id>/", diary, name="work_experience_diary"),
]
