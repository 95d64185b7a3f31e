"""The training and designated-power pages of the recruitment team (issue 11; seed 002:
"training ... over five weekends over a 10 week period"; the powers of the Policing and
Crime Bill 2017). A campaign's training page sets up the course, lists its weekends (each
with a link to change its dates), keeps each weekend's register and completes the training
of the trainees who attended every weekend. On an active volunteer's application page the
team grants a power of their role, or withdraws one."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kentplacements.pages import act, posted, run_service

from ..enums import VolunteerApplicationStatus as S
from ..models import GrantedPower, TrainingAttendance, TrainingCourse, TrainingSession
from ..selectors import staff_campaigns
from ..services.powers import grant_power, grantable_powers, withdraw_power
from ..services.training import (
    complete_training,
    missing_weekends,
    record_register,
    reschedule_session,
    set_up_training,
    trainees,
)
from ..training_forms import GrantPowerForm, RegisterForm, SessionForm, SetUpTrainingForm, WithdrawPowerForm
from .staff import _application, _team_page

STAFF_PAGE = "volunteer_staff_application"
TRAINING_PAGE = "volunteer_staff_training"


def _registers(sessions, people, attendance, bound):
    """(session, its register form or None before the weekend starts) for each weekend;
    ``bound`` replaces the form of the weekend it was sent for (to show its errors)."""
    now = timezone.now()
    registers = []
    for session in sessions:
        form = None
        if bound is not None and bound.session.pk == session.pk:
            form = bound
        elif session.starts_at <= now:
            ticked = [pk for (session_id, pk), attended in attendance.items() if session_id == session.pk and attended]
            form = RegisterForm(session=session, trainees=people, attended_ids=ticked)
        if form is not None:
            form.form_action = reverse("volunteer_staff_training_register", args=[session.pk])
        registers.append((session, form))
    return registers


def _trainee_rows(sessions, people, attendance):
    """Each trainee with the weekends they attended and what still keeps them in training."""
    rows = []
    for trainee in people:
        theirs = {session_id: attended for (session_id, pk), attended in attendance.items() if pk == trainee.pk}
        missing = missing_weekends(sessions, theirs)
        rows.append({"trainee": trainee, "attended": sum(theirs.values()), "missing": missing})
    return rows


def _render_training(request, campaign, *, setup_form=None, bound=None):
    """The page; a form sent with a problem (``setup_form``, ``bound``) is shown with it.
    A fixed number of queries, whatever the number of trainees."""
    course = TrainingCourse.objects.filter(campaign=campaign).first()
    context = {"campaign": campaign, "course": course}
    if course is None:
        form = setup_form or SetUpTrainingForm(initial={"starts_on": campaign.training_starts_on})
        form.form_action = reverse("volunteer_staff_training_set_up", args=[campaign.pk])
        return render(request, "volunteers/staff/training.html", {**context, "setup_form": form})
    sessions = list(course.sessions.all())
    people = trainees(campaign).order_by("applicant__full_name", "pk")
    attendance = {
        (session_id, application_id): attended
        for session_id, application_id, attended in TrainingAttendance.objects.filter(
            session__course=course, application__in=people
        ).values_list("session_id", "application_id", "attended")
    }
    context |= {
        "sessions": sessions,
        "registers": _registers(sessions, people, attendance, bound),
        "rows": _trainee_rows(sessions, people, attendance),
        "completed": campaign.applications.filter(status=S.ACTIVE).select_related("applicant"),
        "bound": bound,
    }
    return render(request, "volunteers/staff/training.html", context)


def _campaign(campaign_id):
    return get_object_or_404(staff_campaigns(), pk=campaign_id)


@_team_page
@require_GET
def campaign_training(request, campaign_id):
    return _render_training(request, _campaign(campaign_id))


@_team_page
@require_POST
def set_up(request, campaign_id):
    campaign = _campaign(campaign_id)
    if TrainingCourse.objects.filter(campaign=campaign).exists():  # sent again from an old page
        messages.info(request, f"The training for {campaign} is already set up.")
        return redirect(TRAINING_PAGE, campaign.pk)
    form = SetUpTrainingForm(request.POST)
    done = "The training is set up: change each weekend's times and place below if they differ."
    if form.is_valid() and run_service(
        request, form, lambda: set_up_training(campaign, by=request.user, **form.cleaned_data), done
    ):
        return redirect(TRAINING_PAGE, campaign.pk)
    return _render_training(request, campaign, setup_form=form)


def _session(session_id):
    return get_object_or_404(TrainingSession.objects.select_related("course__campaign__role"), pk=session_id)


@_team_page
@require_http_methods(["GET", "POST"])
def session_page(request, session_id):
    """A weekend's times and place, typed by the team; the trainees are emailed the change."""
    session = _session(session_id)
    campaign = session.course.campaign
    form = SessionForm(
        posted(request), initial={name: getattr(session, name) for name in ("starts_at", "ends_at", "location")}
    )
    done = "The weekend is changed; we have emailed the trainees."
    if form.is_valid() and run_service(
        request, form, lambda: reschedule_session(session, by=request.user, **form.cleaned_data), done
    ):
        return redirect(TRAINING_PAGE, campaign.pk)
    context = {"session": session, "campaign": campaign, "form": form, "kept": session.attendance.exists()}
    return render(request, "volunteers/staff/training_session.html", context)


@_team_page
@require_POST
def register(request, session_id):
    """One weekend's register: ticked trainees attended, the others did not."""
    session = _session(session_id)
    campaign = session.course.campaign
    form = RegisterForm(request.POST, session=session, trainees=trainees(campaign), attended_ids=[])
    saturday = f"{timezone.localtime(session.starts_at):%-d %B %Y}"
    if form.is_valid() and run_service(
        request,
        form,
        lambda: record_register(session, {t.pk for t in form.cleaned_data["attended"]}, by=request.user),
        f"The register of {saturday} is saved.",
    ):
        return redirect(TRAINING_PAGE, campaign.pk)
    return _render_training(request, campaign, bound=form)


@_team_page
@require_POST
def complete(request, application_id):
    application = _application(application_id)
    name = application.applicant.full_name or application.applicant.email
    act(
        request,
        lambda: complete_training(application, by=request.user),
        f"{name} has completed the training and is now an active volunteer; we have emailed them a welcome.",
    )
    return redirect(TRAINING_PAGE, application.campaign_id)


def _step(request, form, application, title):
    return render(request, "volunteers/staff/step.html", {"application": application, "form": form, "title": title})


@_team_page
@require_POST
def grant(request, application_id):
    """The form is on the application page; sent with a problem, it is shown on its own."""
    application = _application(application_id)
    form = GrantPowerForm(request.POST, application=application, powers=grantable_powers(application))
    if form.is_valid() and run_service(
        request,
        form,
        lambda: grant_power(
            application, form.cleaned_data["power"], by=request.user, granted_on=form.cleaned_data["granted_on"]
        ),
        "The power is granted; we have emailed the volunteer.",
    ):
        return redirect(STAFF_PAGE, application.pk)
    return _step(request, form, application, "Grant a designated power")


@_team_page
@require_http_methods(["GET", "POST"])
def withdraw(request, grant_id):
    held = get_object_or_404(
        GrantedPower.objects.select_related("power", "application__campaign__role", "application__applicant"),
        pk=grant_id,
        withdrawn_on__isnull=True,
    )
    application = held.application
    form = WithdrawPowerForm(posted(request))
    if form.is_valid() and run_service(
        request,
        form,
        lambda: withdraw_power(held, by=request.user, reason=form.cleaned_data["reason"]),
        "The power is withdrawn; we have emailed the volunteer.",
    ):
        return redirect(STAFF_PAGE, application.pk)
    return _step(request, form, application, f"Withdraw a power: {held.power}")


_STAFF = "staff/volunteering/"
urlpatterns = [
    path(f"{_STAFF}<int:campaign_id>/training/", campaign_training, name=TRAINING_PAGE),
    path(f"{_STAFF}<int:campaign_id>/training/set-up/", set_up, name="volunteer_staff_training_set_up"),
    path(f"{_STAFF}training/weekends/<int:session_id>/", session_page, name="volunteer_staff_training_session"),
    path(f"{_STAFF}training/weekends/<int:session_id>/register/", register, name="volunteer_staff_training_register"),
    path(
        f"{_STAFF}applications/<int:application_id>/complete-training/",
        complete,
        name="volunteer_staff_complete_training",
    ),
    path(f"{_STAFF}applications/<int:application_id>/powers/", grant, name="volunteer_staff_grant_power"),
    path(f"{_STAFF}powers/<int:grant_id>/withdraw/", withdraw, name="volunteer_staff_withdraw_power"),
]
