"""The recruitment team's page for one work-experience application (issue 10): what they
need to decide, its history in words, and a form for each move they make (protocol
3.2–3.3, 2.4). Each form calls the one service of that move; the Head of Resourcing reads
the page (2.3, 7.1) and moves nothing."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.audit import history_in_words, visible_copy
from kentplacements.pages import act, posted, run_service
from vetting.selectors import outcome_for
from vetting.services.references import references_page

from ..enums import APPLICATION_WORKFLOW, ENDED_APPLICATIONS, ApplicationStatus
from ..forms.discretion import ExceptionForm
from ..forms.work_experience import ApplicationDeclineForm, DiscontinueForm
from ..models import WorkExperienceApplication
from ..selectors.discretion import exceptions_to
from ..selectors.work_experience import eligibility_answers, staff_applications
from ..services import work_experience as services
from ..services.discretion import grant_exception
from .partner_staff import staff_page

S = ApplicationStatus


@dataclass(frozen=True)
class Move:
    """A step that takes no more than a click: its service, where it leads, its words, and
    when it is offered (by default, when the workflow allows the move to ``target``)."""

    service: object
    target: ApplicationStatus
    button: str
    success: str
    offered: Callable[[WorkExperienceApplication], bool] | None = None

    def offered_for(self, application) -> bool:
        if self.offered is not None:
            return self.offered(application)
        return APPLICATION_WORKFLOW.can(application.status, self.target)


def _joining_instructions_due(application) -> bool:
    return application.status == S.AGREEMENT_PENDING and application.joining_instructions_sent_at is None


MOVES = {
    "shortlist": Move(services.shortlist_application, S.SHORTLISTED, "Shortlist", "{name} is shortlisted."),
    "start_vetting": Move(
        services.start_vetting, S.VETTING, "Start vetting", "Vetting checks have started for {name}."
    ),
    "request_agreement": Move(
        services.request_agreement,
        S.AGREEMENT_PENDING,
        "Ask for the Work Placement Agreement",
        "{name} has been asked to sign the Work Placement Agreement.",
    ),
    # Protocol 3.3.2: the joining instructions, then the applicant's answer, then the place.
    "send_joining_instructions": Move(
        services.send_joining_instructions,
        S.AGREEMENT_PENDING,
        "Send joining instructions",
        "The joining instructions have gone to {name}, who is asked to confirm they will attend.",
        offered=_joining_instructions_due,
    ),
    "confirm": Move(services.confirm_application, S.CONFIRMED, "Confirm the place", "{name}'s place is confirmed."),
    "mark_attending": Move(services.mark_attending, S.ATTENDING, "Mark as attending", "{name} is attending."),
    "complete": Move(services.complete_application, S.COMPLETED, "Placement completed", "{name} has completed."),
}


def _name(application) -> str:
    return application.applicant.full_name or application.applicant.email


@staff_page("placements.view_application")
@require_GET
def application_page(request, application_id):
    application = get_object_or_404(staff_applications(), pk=application_id)
    decides = request.user.has_perm("placements.decide_applications")
    can = lambda target: decides and APPLICATION_WORKFLOW.can(application.status, target)  # noqa: E731
    joining_due = decides and _joining_instructions_due(application)
    # Protocol 3.3.2: what the next of the two steps waits for, in words (one list at a time)
    joining_missing = services.missing_for_joining_instructions(application) if joining_due else []
    missing = services.missing_for_confirmation(application) if can(S.CONFIRMED) else []
    waiting = {"send_joining_instructions": joining_missing, "confirm": missing}
    context = {
        "application": application,
        "answers": eligibility_answers(application),
        # the page's permission lets this viewer read the application (and so its history)
        "history": history_in_words(application, request.user),
        "status_reason": visible_copy(application, application.status_reason, request.user),
        # a step that waits for something is not offered: the page lists what it waits for
        "moves": [
            (slug, move)
            for slug, move in MOVES.items()
            if decides and move.offered_for(application) and not waiting.get(slug)
        ],
        "joining_missing": joining_missing,
        "missing": missing,
        "joining_due": joining_due,
        "can_decline": can(S.DECLINED),
        "can_discontinue": can(S.DISCONTINUED),
        "exceptions": exceptions_to(application),
        "can_grant": request.user.has_perm("placements.grant_exceptions")
        and application.status not in ENDED_APPLICATIONS,
        # issue 10: "cleared / not cleared / in progress", never a check's detail
        "vetting": outcome_for(application, request.user),
        # where the team asks for a reference and reads it (protocol 3.3.2), for those who may
        "references_url": references_page(application) if request.user.has_perm("vetting.manage_references") else "",
    }
    return render(request, "placements/work_experience/staff_application.html", context)


@staff_page("placements.decide_applications")
@require_POST
def application_move(request, application_id, move):
    application = get_object_or_404(staff_applications(), pk=application_id)
    step = MOVES.get(move)
    if step is None:
        raise Http404("No such step.")
    act(request, lambda: step.service(application, by=request.user), step.success.format(name=_name(application)))
    return redirect("we_staff_application", application.pk)


def _decide(request, application_id, make_form, service, success, title):
    """A move that takes a form: ``make_form(data, application)``; the service gets its fields."""
    application = get_object_or_404(staff_applications(), pk=application_id)
    form = make_form(posted(request), application)
    if form.is_valid() and run_service(
        request,
        form,
        lambda: service(application, by=request.user, **form.cleaned_data),
        success.format(name=_name(application)),
    ):
        return redirect("we_staff_application", application.pk)
    context = {"application": application, "form": form, "title": title.format(name=_name(application))}
    return render(request, "placements/work_experience/staff_decide.html", context)


@staff_page("placements.decide_applications")
@require_http_methods(["GET", "POST"])
def application_decline(request, application_id):
    """Protocol 3.1.2, 3.2.2, and 2.4 (conduct, at any stage)."""
    return _decide(
        request,
        application_id,
        lambda data, application: ApplicationDeclineForm(data),
        services.decline_application,
        "{name}'s application is declined, and they have been emailed the reason.",
        "Decline {name}'s application",
    )


@staff_page("placements.decide_applications")
@require_http_methods(["GET", "POST"])
def application_discontinue(request, application_id):
    """Protocol 2.4: without notice, where standards are not met."""
    return _decide(
        request,
        application_id,
        lambda data, application: DiscontinueForm(data),
        services.discontinue_application,
        "{name}'s placement is discontinued. They, their parent or guardian and their school have been told.",
        "Discontinue {name}'s placement",
    )


@staff_page("placements.grant_exceptions")
@require_http_methods(["GET", "POST"])
def application_exception(request, application_id):
    """Protocol 2.3: the Head of HR Resourcing's discretion, for this application."""
    return _decide(
        request,
        application_id,
        lambda data, application: ExceptionForm(data, application=application),
        grant_exception,
        "The exception for {name} is recorded, and they have been emailed.",
        "Make an exception for {name}",
    )


urlpatterns = [
    path("work-experience/staff/applications/<int:application_id>/", application_page, name="we_staff_application"),
    path(
        "work-experience/staff/applications/<int:application_id>/decline/",
        application_decline,
        name="we_staff_decline",
    ),
    path(
        "work-experience/staff/applications/<int:application_id>/discontinue/",
        application_discontinue,
        name="we_staff_discontinue",
    ),
    path(
        "work-experience/staff/applications/<int:application_id>/exception/",
        application_exception,
        name="we_staff_exception",
    ),
    path(
        "work-experience/staff/applications/<int:application_id>/<slug:move>/",
        application_move,
        name="we_staff_move",
    ),
]
