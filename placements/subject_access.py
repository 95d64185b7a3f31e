"""What placements holds about a person, for subject access and erasure (accounts.personal_data,
issue 13): work-experience applications and what happened on the placement, expressions of
interest, partner contacts, student officers and their placements."""

from django.utils import timezone

from accounts.personal_data import ERASED_NAME, Ending, PersonalData, erased_email, register
from vetting.subject_access import CLOSED_WITH_IT, check_entry

from .enums import APPLICATION_WORKFLOW, ApplicationStatus
from .models import PresentationInvitation, WorkExperienceApplication
from .services.work_experience import APPLICATION_FIELDS, EMPTY_ANSWERS, withdraw_for_erasure

SAFETY_KEPT = (
    "A record of the participant's safety on placement (risk assessments, dynamic risk assessments,"
    " attendance and activities) is kept for its retention period (seed 001 §3.5, §8.3); it names the"
    " person only through the application, which is anonymised."
)
EMPLOYEE_KEPT = (
    "A student officer's training record is kept by the force as their employer; erasure does not"
    " apply to it while they are employed."
)
APPLICANT = "application__applicant"


def _replies(user, email):
    if user is None:
        return PresentationInvitation.objects.none()
    return PresentationInvitation.objects.filter(partner__contacts__user=user).distinct()


def _applications(user):
    return WorkExperienceApplication.objects.filter(applicant=user)


register(
    PersonalData(
        "placements.WorkExperienceApplication",
        "Work-experience applications",
        fields=(
            "programme",
            "status",
            *APPLICATION_FIELDS,
            "decline_reason",
            "status_reason",
            "created_at",
            "submitted_at",
        ),
        user="applicant",
        # what the applicant typed, emptied as the draft form leaves it; the status stays
        erase={**{name: EMPTY_ANSWERS.get(name, "") for name in APPLICATION_FIELDS}, "status_reason": ""},
        # every application not yet ended, the draft included: nothing of theirs is left open
        ending=Ending(
            live=lambda rows: rows.filter(status__in=APPLICATION_WORKFLOW.leading_to(ApplicationStatus.WITHDRAWN)),
            end=withdraw_for_erasure,
            noun="work-experience application",
            ended_as="withdrawn",
            then=f"a confirmed place goes back to its programme; {CLOSED_WITH_IT}",
        ),
    ),
    check_entry("Vetting checks on work-experience applications", WorkExperienceApplication, _applications),
    PersonalData(
        "placements.DiaryEntry", "Work-experience diary", fields=("date", "text"), user=APPLICANT, delete=True
    ),
    PersonalData(
        "placements.AttendanceRecord",
        "Work-experience attendance",
        fields=("date", "present", "note"),
        user=APPLICANT,
        kept=SAFETY_KEPT,
    ),
    PersonalData(
        "placements.Activity",
        "Work-experience activities",
        fields=("date", "kind", "location", "escorting_officer", "notes"),
        user=APPLICANT,
        kept=SAFETY_KEPT,
    ),
    PersonalData(
        "placements.SecurityBriefing",
        "Security briefings",
        fields=("given_by", "given_on"),
        user=APPLICANT,
        kept=SAFETY_KEPT,
    ),
    PersonalData(
        "placements.RiskAssessment",
        "Risk assessments",
        fields=("assessed_on", "review_due", "summary", "last_reviewed_on"),
        user=APPLICANT,
        kept=SAFETY_KEPT,
    ),
    PersonalData(
        "placements.RiskAttachment",
        "Risk assessments of attachments",
        fields=("kind", "findings"),
        user="assessment__application__applicant",
        kept=SAFETY_KEPT,
    ),
    PersonalData(
        "placements.DynamicRiskAssessment",
        "Dynamic risk assessments",
        fields=("occurred_at", "event", "hazards", "controls", "outcome"),
        user=APPLICANT,
        kept=SAFETY_KEPT,
    ),
    PersonalData(
        "placements.DiscretionaryException",
        "Exceptions made to the protocol",
        fields=("rule", "rationale"),
        user=APPLICANT,
        kept="A decision to depart from the protocol is kept so that the force can account for it (seed 001 §7.1).",
    ),
    PersonalData(
        "placements.ExpressionOfInterest",
        "Interest in work experience",
        fields=("full_name", "email", "created_at", "unsubscribed_at"),
        email="email",
        delete=True,
    ),
    PersonalData(
        "placements.PartnerContact",
        "Partner organisation contacts",
        fields=("organisation", "full_name", "email", "phone", "is_primary", "invited_at", "joined_at"),
        user="user",
        email="email",
        erase={"full_name": ERASED_NAME, "email": erased_email, "phone": ""},
    ),
    # a partner's reply to a presentation invitation: its representatives' names and access
    # needs, typed by one of its contacts; found through the contact's account
    PersonalData(
        "placements.PresentationInvitation",
        "Replies to presentation invitations",
        fields=("session", "rsvp_status", "attendees", "attendee_names", "access_needs", "replied_at"),
        find=_replies,
        erase={"attendee_names": "", "access_needs": ""},
        kept="A reply to a session still to come is kept until the session: its seats and access needs are"
        " arranged for the people named.",
        keep=lambda rows: rows.filter(session__date__gte=timezone.localdate()),
    ),
    PersonalData(
        "placements.StudentOfficer",
        "Student officer record",
        fields=("cohort", "staff_number", "full_name", "email"),
        user="user",
        email="email",
        kept=EMPLOYEE_KEPT,
    ),
    PersonalData(
        "placements.CommunityPlacement",
        "Community placements",
        fields=("partner", "placement_type", "starts_on", "ends_on", "status"),
        user="officer__user",
        kept=EMPLOYEE_KEPT,
    ),
    PersonalData(
        "placements.PlacementReflection",
        "Placement reflections and presentations",
        fields=("placement", "summary", "reflection", "presentation_file", "submitted_at"),
        user="placement__officer__user",
        files=("presentation_file",),
        kept=EMPLOYEE_KEPT,
    ),
    PersonalData(
        "placements.PlacementFeedback",
        "Partners' feedback on placements",
        fields=("placement", "rating", "comment", "submitted_at"),
        user="placement__officer__user",
        kept=EMPLOYEE_KEPT,
    ),
)
