"""Volunteer applications (seed 002): one function per state change (STYLE.md). Each
checks APPLICATION_WORKFLOW, writes inside a transaction, records the action and emails
the applicant. This foundation submits, shortlists, rejects and withdraws; the interview,
fitness, medical, vetting, offer and training moves follow next_stage() (volunteers.enums).
An application that ends closes whatever vetting still has open for it (subject_closed)."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.audit import move_status, record_action
from accounts.personal_data import check_may_erase
from accounts.roles import Role, has_role
from accounts.services import assign_role
from kentplacements.workflow import DomainError, TransitionNotAllowed
from notifications.services import notify
from vetting.services.closing import subject_closed

from ..enums import (
    APPLICATION_WORKFLOW,
    ENDED_APPLICATIONS,
    LIVE_APPLICATIONS,
    CampaignStatus,
    VolunteerApplicationStatus,
)
from ..models import InterviewSlot, RecruitmentCampaign, VolunteerApplication

S = VolunteerApplicationStatus
# The answers an applicant gives, as the form and submit_application take them.
APPLICATION_FIELDS = (
    "date_of_birth",
    "lives_or_works_in_area",
    "can_give_hours",
    "right_to_volunteer",
    "motivation",
    "availability",
)
# A date of birth that makes the applicant older than this is a typing slip (1900).
OLDEST_PLAUSIBLE_AGE = 100


def age_on(born, day) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def closed_problem(campaign, now=None) -> str:
    """Why this campaign takes no application now, or "". Closing is enforced to the minute
    (issue 11): once closes_at has passed, no application is taken even if nobody has
    closed the campaign yet."""
    now = now or timezone.now()
    if campaign.status != CampaignStatus.OPEN or now < campaign.opens_at:
        return f"{campaign} is not open for applications."
    if now >= campaign.closes_at:
        return f"Applications for {campaign} closed at {timezone.localtime(campaign.closes_at):%-H:%M on %-d %B %Y}."
    return ""


def eligibility_problems(campaign, answers: dict, today=None) -> dict[str, str]:
    """Field name -> why the answer does not meet the role's requirements (seed 002: "open
    to all adults aged 18 or above who are able to commit to 16 hours a month"), in words the
    applicant can act on; shown next to the field."""
    today = today or timezone.localdate()
    role = campaign.role
    problems = {}
    if born := answers.get("date_of_birth"):
        age = age_on(born, today)
        if born > today or age > OLDEST_PLAUSIBLE_AGE:
            problems["date_of_birth"] = "Check your date of birth: enter the date you were born, for example 27 3 1990."
        elif age < role.minimum_age:
            problems["date_of_birth"] = (
                f"You need to be {role.minimum_age} or over to apply to be a {role}. "
                f"On {today:%-d %B %Y} you are {age}."
            )
    if answers.get("lives_or_works_in_area") is False:
        problems["lives_or_works_in_area"] = f"You need to live or work in the campaign's area: {campaign.area}."
    if answers.get("can_give_hours") is False:
        problems["can_give_hours"] = f"The role needs {role.monthly_hours} hours a month."
    if answers.get("right_to_volunteer") is False:
        problems["right_to_volunteer"] = "You need the right to volunteer in the UK."
    return problems


def _my_applications_url() -> str:
    return settings.SITE_URL + reverse("volunteer_my_applications")


def applicant_message(application, name, *, key_suffix="", **extra) -> dict:
    """The email ``name`` to the applicant, as ``notify`` (and ``notify_many``) take it.
    ``key_suffix`` tells apart emails of a step that may happen again (an interview booked
    again, a fitness test moved, another certificate, a month's hours reminder)."""
    campaign = application.campaign
    return dict(
        recipient=application.applicant.email,
        template=f"volunteers/volunteer_{name}",
        context={
            "applicant_name": application.applicant.get_short_name(),
            "campaign": str(campaign),
            "role": campaign.role.name,
            "my_applications_url": _my_applications_url(),
            **extra,
        },
        key=f"volunteer-{name}-{application.pk}{key_suffix}",
        related=application,
    )


def email_applicant(application, name, *, key_suffix="", **extra) -> None:
    notify(**applicant_message(application, name, key_suffix=key_suffix, **extra))


@transaction.atomic
def submit_application(campaign, applicant, answers: dict) -> VolunteerApplication:
    """A new application, submitted. The campaign row is locked so an application and the
    campaign's closing cannot cross; one live application per person per campaign (the
    database enforces it too: a double click is refused, not doubled)."""
    campaign = RecruitmentCampaign.objects.select_for_update().select_related("role").get(pk=campaign.pk)
    if problem := closed_problem(campaign):
        raise DomainError(problem)
    if problems := eligibility_problems(campaign, answers):
        raise DomainError(" ".join(problems.values()))
    if campaign.applications.filter(applicant=applicant, status__in=LIVE_APPLICATIONS).exists():
        raise DomainError(f"You have already applied to {campaign}.")
    try:
        with transaction.atomic():
            application = VolunteerApplication.objects.create(
                campaign=campaign, applicant=applicant, **{name: answers[name] for name in APPLICATION_FIELDS}
            )
    except IntegrityError as exc:
        raise DomainError(f"You have already applied to {campaign}.") from exc
    record_action(application, action="submit", by=applicant, to_state=S.SUBMITTED)
    if not has_role(applicant, Role.VOLUNTEER):
        assign_role(applicant, Role.VOLUNTEER, by=applicant, reason="applied to volunteer")
    email_applicant(application, "submitted")
    return application


@transaction.atomic
def locked_application(application) -> VolunteerApplication:
    """The application, locked for a state change, with what its emails read."""
    return (
        VolunteerApplication.objects.select_for_update(of=("self",))
        .select_related("campaign__role", "applicant")
        .get(pk=application.pk)
    )


@transaction.atomic
def move_application(application, target, *, by, action, reason="", only_from=None, **changes) -> VolunteerApplication:
    """``only_from``: the stages this action starts from, when the table allows more (the
    table's interview_booked → shortlisted is the candidate's cancel, not the team's shortlist)."""
    application = locked_application(application)
    if only_from and application.status not in only_from:
        raise TransitionNotAllowed(f"This record cannot move from “{application.status}” to “{target}”.")
    move_status(application, target, workflow=APPLICATION_WORKFLOW, by=by, action=action, reason=reason, **changes)
    if target in ENDED_APPLICATIONS:  # a withdrawn or rejected candidate's coming interview is free for another
        InterviewSlot.objects.filter(application=application, starts_at__gt=timezone.now()).update(application=None)
        # issue 11, as issue 10 for work experience: no vetting check is left open for the vetting officer
        subject_closed(application, by=by)
    return application


@transaction.atomic
def shortlist_application(application, *, by) -> VolunteerApplication:
    application = move_application(application, S.SHORTLISTED, by=by, action="shortlist", only_from={S.SUBMITTED})
    email_applicant(application, "shortlisted")
    return application


@transaction.atomic
def reject_application(application, *, by, reason: str) -> VolunteerApplication:
    """From any live stage, always with a reason (the database refuses one without)."""
    reason = reason.strip()
    if not reason:
        raise DomainError("Give the reason the application is not taken further.")
    application = move_application(
        application, S.REJECTED, by=by, action="reject", reason=reason, rejection_reason=reason
    )
    email_applicant(application, "rejected", reason=reason)
    return application


@transaction.atomic
def withdraw_application(application, *, by) -> VolunteerApplication:
    """Only the applicant withdraws their own application, at any live stage."""
    if by != application.applicant:
        raise DomainError("Only the applicant can withdraw their application.")
    application = move_application(application, S.WITHDRAWN, by=by, action="withdraw")
    email_applicant(application, "withdrawn")
    return application


@transaction.atomic
def withdraw_for_erasure(application, *, by) -> VolunteerApplication:
    """The applicant asked for their personal data to be erased (issue 13): the Head of
    Resourcing's erasure withdraws the application first, on their behalf, so it leaves the
    campaign's queues, a booked interview time is free for another candidate and vetting closes
    what it has open. No email to the applicant: they asked to be forgotten, and the erasure
    deletes the outbox rows to their address anyway."""
    check_may_erase(by)
    return move_application(application, S.WITHDRAWN, by=by, action="withdraw_for_erasure")
