"""What the placements back office exports (CSV and JSON): each column declared, with a
header people read and names and labels rather than IDs, codes or JSON; never a token
or key (issue 8; kentplacements/spreadsheets.py checks it)."""

from accounts.audit import WITHHELD, with_withheld_copy
from kentplacements.spreadsheets import ExportResource, column, date_column, datetime_column, yes_no_column

from ..models import (
    Activity,
    AttendanceRecord,
    Cohort,
    CommunityPlacement,
    DynamicRiskAssessment,
    ExpressionOfInterest,
    HostingOffer,
    PartnerOrganisation,
    PlacementFeedback,
    PresentationSession,
    RiskAssessment,
    WorkExperienceApplication,
    WorkExperienceProgramme,
)
from ..selectors.work_experience import eligibility_answers_text

# --- partners and community placements (seed 000) ------------------------------------


class PartnerOrganisationResource(ExportResource):
    organisation = column("Organisation", "name")
    kind = column("Kind", "get_kind_display")
    kica = yes_no_column("KICA member", "kica_member")
    number = column("Charity or company number", "registration_number")
    communities = column("Communities served")
    other = column("Other community served", "other_community")
    address = column("Address", "address")
    postcode = column("Postcode", "postcode")
    district = column("District", "get_district_display")
    accessibility = column("Accessibility of the premises", "premises_accessibility")
    placement = column("What a placement would involve", "placement_description")
    status = column("Status", "get_status_display")
    reason = column("Why declined or withdrawn", "status_reason")
    registered = datetime_column("Registered", "created_at")
    prefetch = ("communities",)

    class Meta:
        model = PartnerOrganisation
        fields = (
            "organisation",
            "kind",
            "kica",
            "number",
            "communities",
            "other",
            "address",
            "postcode",
            "district",
            "accessibility",
            "placement",
            "status",
            "reason",
            "registered",
        )

    def dehydrate_communities(self, partner):
        return ", ".join(str(community) for community in partner.communities.all())


class CohortResource(ExportResource):
    cohort = column("Cohort", "name")
    course_start = date_column("Course starts", "course_start")
    two_day_from = date_column("2-day window from", "two_day_window_start")
    two_day_until = date_column("2-day window until", "two_day_window_end")
    four_day_from = date_column("4-day window from", "four_day_window_start")
    four_day_until = date_column("4-day window until", "four_day_window_end")

    class Meta:
        model = Cohort
        fields = ("cohort", "course_start", "two_day_from", "two_day_until", "four_day_from", "four_day_until")


class HostingOfferResource(ExportResource):
    partner = column("Partner organisation", "partner")
    placement_type = column("Placement type", "get_placement_type_display")
    places = column("Places", "places")
    taken = column("Places taken", "places_taken")
    available_from = date_column("Available from", "available_from")
    available_until = date_column("Available until", "available_until")
    notes = column("Notes", "notes")
    offered = datetime_column("Offered", "created_at")
    related = ("partner",)

    class Meta:
        model = HostingOffer
        fields = (
            "partner",
            "placement_type",
            "places",
            "taken",
            "available_from",
            "available_until",
            "notes",
            "offered",
        )


class CommunityPlacementResource(ExportResource):
    officer = column("Student officer", "officer")
    staff_number = column("Staff number", "officer__staff_number")
    cohort = column("Cohort", "officer__cohort")
    partner = column("Partner organisation", "partner")
    placement_type = column("Placement type", "get_placement_type_display")
    starts = date_column("Starts", "starts_on")
    ends = date_column("Ends", "ends_on")
    status = column("Status", "get_status_display")
    response = column("Partner's response", "get_partner_response_display")
    response_reason = column("Partner's reason", "partner_response_reason")
    cancel_reason = column("Why cancelled", "cancel_reason")
    confirmed = datetime_column("Confirmed", "confirmed_at")
    related = ("officer__cohort", "partner")

    class Meta:
        model = CommunityPlacement
        fields = (
            "officer",
            "staff_number",
            "cohort",
            "partner",
            "placement_type",
            "starts",
            "ends",
            "status",
            "response",
            "response_reason",
            "cancel_reason",
            "confirmed",
        )


class PresentationSessionResource(ExportResource):
    cohort = column("Cohort", "cohort")
    placement_type = column("Placement type", "get_placement_type_display")
    date = date_column("Date", "date")
    starts_at = column("Starts at", "starts_at")
    venue = column("Venue", "venue")
    room = column("Room", "room")
    capacity = column("Seats", "capacity")
    seats_taken = column("Seats taken", "seats_taken")
    rsvp_cutoff = datetime_column("Replies until", "rsvp_cutoff")
    related = ("cohort",)

    class Meta:
        model = PresentationSession
        fields = (
            "cohort",
            "placement_type",
            "date",
            "starts_at",
            "venue",
            "room",
            "capacity",
            "seats_taken",
            "rsvp_cutoff",
        )

    def dehydrate_starts_at(self, session):
        return f"{session.starts_at:%H:%M}"


class PlacementFeedbackResource(ExportResource):
    officer = column("Student officer", "placement__officer")
    partner = column("Partner organisation", "placement__partner")
    placement_type = column("Placement type", "placement__get_placement_type_display")
    rating = column("Rating (1–5)", "rating")
    comment = column("Comment", "comment")
    submitted_by = column("Given by", "submitted_by")
    submitted = datetime_column("Given", "submitted_at")
    related = ("placement__officer", "placement__partner", "submitted_by")

    class Meta:
        model = PlacementFeedback
        fields = ("officer", "partner", "placement_type", "rating", "comment", "submitted_by", "submitted")


# --- work experience (seed 001) ------------------------------------------------------


class WorkExperienceProgrammeResource(ExportResource):
    programme = column("Programme", "title")
    starts = date_column("Starts", "starts_on")
    ends = date_column("Ends", "ends_on")
    venue = column("Venue", "venue")
    capacity = column("Places", "capacity")
    confirmed = column("Places confirmed", "places_confirmed")
    minimum_age = column("Minimum age", "minimum_age")
    opens = datetime_column("Applications open", "applications_open_at")
    closes = datetime_column("Applications close", "applications_close_at")
    status = column("Status", "get_status_display")

    class Meta:
        model = WorkExperienceProgramme
        fields = (
            "programme",
            "starts",
            "ends",
            "venue",
            "capacity",
            "confirmed",
            "minimum_age",
            "opens",
            "closes",
            "status",
        )


class WorkExperienceApplicationResource(ExportResource):
    programme = column("Programme", "programme")
    applicant = column("Applicant", "applicant")
    email = column("Applicant's email", "applicant__email")
    status = column("Status", "get_status_display")
    decline_reason = column("Why declined", "get_decline_reason_display")
    status_reason = column("Note on the status", "status_reason")
    date_of_birth = date_column("Date of birth", "date_of_birth")
    school = column("School or college", "school")
    school_email = column("School or college email", "school_email")
    answers = column("Eligibility answers")
    statement = column("Personal statement", "statement")
    adjustments = column("Reasonable adjustments", "reasonable_adjustments")
    emergency_name = column("Emergency contact", "emergency_contact_name")
    emergency_phone = column("Emergency contact's phone", "emergency_contact_phone")
    guardian_name = column("Parent or guardian", "guardian_name")
    guardian_email = column("Parent or guardian's email", "guardian_email")
    guardian_phone = column("Parent or guardian's phone", "guardian_phone")
    escort = column("Escorting officer", "escorting_officer")
    submitted = datetime_column("Sent", "submitted_at")
    related = ("programme", "applicant", "escorting_officer")
    prefetch = ("programme__questions",)

    class Meta:
        model = WorkExperienceApplication
        fields = (
            "programme",
            "applicant",
            "email",
            "status",
            "decline_reason",
            "status_reason",
            "date_of_birth",
            "school",
            "school_email",
            "answers",
            "statement",
            "adjustments",
            "emergency_name",
            "emergency_phone",
            "guardian_name",
            "guardian_email",
            "guardian_phone",
            "escort",
            "submitted",
        )

    def filter_export(self, queryset, **kwargs):
        return with_withheld_copy(super().filter_export(queryset, **kwargs), "status_reason", self.viewer)

    def dehydrate_answers(self, application):
        return eligibility_answers_text(application)

    def dehydrate_status_reason(self, application):
        # a conduct reason, for the roles that may read it (issue 9, accounts.audit)
        return WITHHELD if application.status_reason_withheld else application.status_reason


class ExpressionOfInterestResource(ExportResource):
    name = column("Name", "full_name")
    email = column("Email", "email")
    registered = datetime_column("Registered", "created_at")
    unsubscribed = datetime_column("Unsubscribed", "unsubscribed_at")

    class Meta:
        model = ExpressionOfInterest
        fields = ("name", "email", "registered", "unsubscribed")


# --- placement days (protocol 3.2.5–3.5.6) --------------------------------------------

PARTICIPANT = ("application__applicant", "application__programme")


class ActivityResource(ExportResource):
    date = date_column("Date", "date")
    participant = column("Participant", "application__applicant")
    programme = column("Programme", "application__programme")
    activity = column("Activity", "get_kind_display")
    escort = column("Escorting officer", "escorting_officer")
    notes = column("Notes", "notes")
    related = (*PARTICIPANT, "escorting_officer")

    class Meta:
        model = Activity
        fields = ("date", "participant", "programme", "activity", "escort", "notes")


class RiskAssessmentResource(ExportResource):
    participant = column("Participant", "application__applicant")
    programme = column("Programme", "application__programme")
    owner = column("Owner", "owner")
    assessed = date_column("Assessed", "assessed_on")
    review_due = date_column("Review due", "review_due")
    reviewed = date_column("Last reviewed", "last_reviewed_on")
    summary = column("Summary", "summary")
    related = (*PARTICIPANT, "owner")

    class Meta:
        model = RiskAssessment
        fields = ("participant", "programme", "owner", "assessed", "review_due", "reviewed", "summary")


class DynamicRiskAssessmentResource(ExportResource):
    occurred = datetime_column("When", "occurred_at")
    participant = column("Participant", "application__applicant")
    programme = column("Programme", "application__programme")
    recorded_by = column("Recorded by", "recorded_by")
    event = column("Incident or event", "event")
    hazards = column("Hazards", "hazards")
    controls = column("What was done to keep the participant safe", "controls")
    outcome = column("Outcome", "outcome")
    related = (*PARTICIPANT, "recorded_by")

    class Meta:
        model = DynamicRiskAssessment
        fields = ("occurred", "participant", "programme", "recorded_by", "event", "hazards", "controls", "outcome")


class AttendanceRecordResource(ExportResource):
    date = date_column("Date", "date")
    participant = column("Participant", "application__applicant")
    programme = column("Programme", "application__programme")
    present = yes_no_column("Present", "present")
    note = column("Note", "note")
    recorded_by = column("Recorded by", "recorded_by")
    related = (*PARTICIPANT, "recorded_by")

    class Meta:
        model = AttendanceRecord
        fields = ("date", "participant", "programme", "present", "note", "recorded_by")
