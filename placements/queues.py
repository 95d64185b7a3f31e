"""The placements' work queues on the staff home (issue 9, accounts.queues): whose work
each one is follows DOMAIN.md §1 — the Diversity Placements Officer's partners, cohorts,
placements and presentations; the Corporate Recruitment Team's applications and
participants; an escorting officer's own participants.
The Head of Resourcing sees, read-only, those whose lists their permissions open."""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse

from accounts.queues import Queue, register
from accounts.roles import Role

from .enums import (
    ApplicationStatus,
    PartnerResponse,
    PartnerStatus,
    PlacementStatus,
)
from .models import (
    CommunityPlacement,
    PartnerContact,
    PartnerOrganisation,
    PresentationSession,
    RiskAssessment,
    WorkExperienceApplication,
)
from .selectors.cohorts import officers_missing_a_placement
from .selectors.monitoring import review_due
from .selectors.placement_days import ON_PLACEMENT
from .services.placement_days import overdue_risk_reviews
from .services.work_experience import AGREEMENT_SIGNED, JOINING_REQUIREMENTS, meeting

DPO = Role.DIVERSITY_PLACEMENTS_OFFICER
TEAM = Role.RECRUITMENT_TEAM
HEAD = Role.HEAD_OF_RESOURCING


def _admin_list(model: str, slug: str):
    return lambda: f"{reverse(f'admin:placements_{model}_changelist')}?queue={slug}"


def _partners_without_contact(user, today):
    # "active contact": someone who can still log in and answer for the organisation
    answering = PartnerContact.objects.filter(organisation=OuterRef("pk"), user__is_active=True)
    return PartnerOrganisation.objects.filter(status=PartnerStatus.ACTIVE).exclude(Exists(answering))


def _awaiting_reply(user, today):
    return CommunityPlacement.objects.filter(
        status=PlacementStatus.CONFIRMED, partner_response=PartnerResponse.AWAITING
    )


def _presentations_this_week(user, today):
    return PresentationSession.objects.filter(date__gte=today, date__lt=today + timedelta(days=7))


def _applications(status):
    return lambda user, today: WorkExperienceApplication.objects.filter(status=status)


def _before_joining_instructions():
    # Protocol 3.3.2: once the joining instructions have gone the place waits on the
    # applicant's answer ("Attendance not confirmed", "Places to confirm") instead.
    return WorkExperienceApplication.objects.filter(
        status=ApplicationStatus.AGREEMENT_PENDING, joining_instructions_sent_at__isnull=True
    )


def _agreements_awaiting_signature(user, today):
    # a signed agreement waits on nobody's signature, whatever else the place waits for
    return _before_joining_instructions().exclude(AGREEMENT_SIGNED.where())


def _joining_instructions_to_send(user, today):
    # Protocol 3.3.2 and 3.4.1: the checks, references and agreement are in; the team sends them
    return _before_joining_instructions().filter(meeting(JOINING_REQUIREMENTS))


def _places_to_confirm(user, today):
    # Protocol 3.3.2: the applicant has confirmed they will attend; the team confirms the place.
    return WorkExperienceApplication.objects.filter(
        status=ApplicationStatus.AGREEMENT_PENDING, attendance_confirmed_at__isnull=False
    )


def _without_risk_assessment(applications):
    # Protocol 3.5.4: the Student Placement Risk Assessment comes before the placement.
    return applications.filter(status__in=ON_PLACEMENT).exclude(
        Exists(RiskAssessment.objects.filter(application=OuterRef("pk")))
    )


def _attendance_not_confirmed(user, today):
    """Protocol 3.3.2: past the deadline to confirm attendance, the team has been told
    (chase_attendance_confirmations flags it), the place waits on the answer and the
    placement is still to come."""
    return WorkExperienceApplication.objects.filter(
        status=ApplicationStatus.AGREEMENT_PENDING,
        attendance_confirmed_at__isnull=True,
        attendance_flagged_at__isnull=False,
        programme__starts_on__gte=today,
    )


def _own_overdue_reviews(user, today):
    # the participants (one assessment each), so that their list can be filtered by it
    overdue = overdue_risk_reviews(today).filter(application__escorting_officer=user)
    return WorkExperienceApplication.objects.filter(pk__in=overdue.values("application"))


def _escort_list(slug):
    return lambda: f"{reverse('escort_participants')}?queue={slug}"


register(
    Queue(
        "partner_registrations",
        "Partner registrations to review",
        frozenset({DPO, HEAD}),
        "placements.review_partners",
        lambda user, today: PartnerOrganisation.objects.filter(status=PartnerStatus.INTERESTED),
        lambda: f"{reverse('staff_partner_list')}?status={PartnerStatus.INTERESTED}",
    ),
    Queue(
        "partners_without_contact",
        "Active partners without a contact",
        frozenset({DPO, HEAD}),
        "placements.view_partnerorganisation",
        _partners_without_contact,
        _admin_list("partnerorganisation", "partners_without_contact"),
    ),
    Queue(
        "officers_unplaced",
        "Officers of a cohort without a 2-day or 4-day placement",
        frozenset({DPO, HEAD}),
        # The cohort list counts them per cohort and links each cohort's page, where staff see why each
        # officer waits and re-allocate those at risk (issue 9); the back office's list of officers showed
        # the names alone, with nothing to act on.
        "placements.view_allocation",
        # while there is time: until the cohort's 4-day window has closed
        lambda user, today: officers_missing_a_placement().filter(cohort__four_day_window_end__gte=today),
        lambda: reverse("allocation_cohorts"),
    ),
    Queue(
        "awaiting_partner_reply",
        "Placements awaiting the partner's reply",
        frozenset({DPO, HEAD}),
        "placements.view_communityplacement",
        _awaiting_reply,
        _admin_list("communityplacement", "awaiting_partner_reply"),
    ),
    Queue(
        "presentations_this_week",
        "Presentations in the next 7 days",
        frozenset({DPO, HEAD}),
        "placements.view_presentationsession",
        _presentations_this_week,
        _admin_list("presentationsession", "presentations_this_week"),
    ),
    Queue(
        "applications_to_shortlist",
        "Applications to shortlist",
        frozenset({TEAM}),
        "placements.view_workexperienceapplication",
        _applications(ApplicationStatus.APPLIED),
        _admin_list("workexperienceapplication", "applications_to_shortlist"),
    ),
    # The vetting officer's queues ("Vetting to decide") are vetting's own (vetting/queues.py, issue 10).
    # Likewise the Work Placement Agreement (issue 10): the applications waiting for it.
    Queue(
        "agreements_awaiting_signature",
        "Agreements awaiting signature",
        frozenset({TEAM}),
        "placements.view_workexperienceapplication",
        _agreements_awaiting_signature,
        _admin_list("workexperienceapplication", "agreements_awaiting_signature"),
    ),
    Queue(
        "joining_instructions_to_send",
        "Joining instructions to send",
        frozenset({TEAM}),
        "placements.view_workexperienceapplication",
        _joining_instructions_to_send,
        _admin_list("workexperienceapplication", "joining_instructions_to_send"),
    ),
    Queue(
        "places_to_confirm",
        "Places to confirm",
        frozenset({TEAM}),
        "placements.view_workexperienceapplication",
        _places_to_confirm,
        _admin_list("workexperienceapplication", "places_to_confirm"),
    ),
    Queue(
        "without_risk_assessment",
        "Participants without a risk assessment",
        frozenset({TEAM}),
        "placements.view_workexperienceapplication",
        lambda user, today: _without_risk_assessment(WorkExperienceApplication.objects.all()),
        _admin_list("workexperienceapplication", "without_risk_assessment"),
    ),
    Queue(
        "overdue_risk_reviews",
        "Overdue risk reviews",
        frozenset({TEAM}),
        "placements.view_riskassessment",
        lambda user, today: overdue_risk_reviews(today),
        _admin_list("riskassessment", "overdue_risk_reviews"),
    ),
    Queue(
        "attendance_not_confirmed",
        "Attendance not confirmed",
        frozenset({TEAM}),
        "placements.view_workexperienceapplication",
        _attendance_not_confirmed,
        _admin_list("workexperienceapplication", "attendance_not_confirmed"),
    ),
    Queue(
        "protocol_review_due",
        "Review of the Work Experience Protocol due",
        frozenset({HEAD}),
        "placements.monitor_work_experience",
        lambda user, today: review_due(today),
        lambda: f"{reverse('we_monitoring')}#review",
    ),
    # An escorting officer's own participants (protocol 3.5.4), on their own list, filtered.
    Queue(
        "own_without_risk_assessment",
        "Your participants without a risk assessment",
        frozenset({Role.ESCORTING_OFFICER}),
        "placements.escort_participants",
        lambda user, today: _without_risk_assessment(WorkExperienceApplication.objects.filter(escorting_officer=user)),
        _escort_list("own_without_risk_assessment"),
    ),
    Queue(
        "own_overdue_risk_reviews",
        "Your participants' overdue risk reviews",
        frozenset({Role.ESCORTING_OFFICER}),
        "placements.escort_participants",
        _own_overdue_reviews,
        _escort_list("own_overdue_risk_reviews"),
    ),
)
