"""What "Your account" lists of a person's own things in placements (issue 9, "Your account
lists the person's own things"), each linked to its page: their work-experience
applications, the organisations they speak for, their community placements and the
participants they escort. Each list is offered to whom the bar offers its page
(accounts.navigation.GATES)."""

from django.urls import reverse

from accounts.navigation import NavEntry, OwnThings, register_own_things

from .enums import ApplicationStatus
from .selectors.officers import visible_placements
from .selectors.partners import partners_of
from .selectors.placement_days import participants_for
from .selectors.work_experience import applications_of


def _applications(user):
    entries = []
    for application in applications_of(user).order_by("-programme__starts_on", "pk"):
        if application.status == ApplicationStatus.DRAFT:
            # a draft is carried on where it was started
            url = reverse("we_apply", args=[application.programme_id])
        else:
            url = f"{reverse('we_my_applications')}#application-{application.pk}"
        entries.append(NavEntry(f"{application.programme.title}: {application.get_status_display()}", url))
    return entries


def _organisations(user):
    portal = reverse("partner_portal")
    return [NavEntry(partner.name, f"{portal}#partner-{partner.pk}") for partner in partners_of(user)]


def _placements(user):
    # the placements the officer has been told of, as their page shows them (issue 9)
    page = reverse("my_placements")
    return [
        NavEntry(
            f"{p.get_placement_type_display()} at {p.partner.name}, from {p.starts_on:%-d %B %Y}",
            f"{page}#placement-{p.pk}",
        )
        for p in visible_placements(user.student_officer)
    ]


def _participants(user):
    # the ones this person escorts, even for the Corporate Recruitment Team, who sees them all
    return [
        NavEntry(
            f"{application.applicant.full_name}, {application.programme.title}",
            reverse("escort_participant", args=[application.pk]),
        )
        for application in participants_for(user).filter(escorting_officer=user).order_by("-programme__starts_on")
    ]


register_own_things(
    OwnThings(
        "Your work experience applications",
        "we_my_applications",
        _applications,
        none="You have not applied for work experience.",
    ),
    OwnThings(
        "Your partner organisations",
        "partner_portal",
        _organisations,
        none="Your account is not linked to an organisation yet.",
    ),
    OwnThings(
        "Your community placements",
        "my_placements",
        _placements,
        none="You have no confirmed placements yet.",
    ),
    OwnThings(
        "The participants you escort",
        "escort_participants",
        _participants,
        none="Nobody is assigned to you at the moment.",
    ),
)
