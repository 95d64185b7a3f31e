"""Permission-matrix rows for presentations, reflections, feedback and cohort reports."""

from django.core.files.uploadedfile import SimpleUploadedFile

from placements.enums import PlacementStatus, PlacementType
from placements.models import StudentOfficer
from placements.services.presentations import submit_reflection
from tests.matrix import LOGIN, MFA, audience, by_persona, saved

from .factories import PartnerFactory, StudentOfficerFactory
from .presentation_factories import PresentationInvitationFactory, contact_of, finished_placement, offer_in_window

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def only(persona, *, otherwise="403", **more):
    """The persona (and ``more``) see the page; other signed-in people get ``otherwise``."""
    return by_persona(otherwise, anonymous=LOGIN, staff_without_mfa=MFA, **{persona: "200"}, **more)


STAFF_REPORT = only("diversity_officer", head_of_resourcing="200")

MATRIX = {
    "partner_presentations": only("partner_contact"),
    "presentation_rsvp": only("partner_contact"),
    "placement_feedback": only("partner_contact"),
    "placement_reflection": only("student_officer"),
    # the uploaded file does not exist for anyone but its officer and the Diversity
    # Placements Officer: not even the Head of Resourcing, who reads the summaries
    "presentation_file": only("student_officer", otherwise="404", diversity_officer="200"),
    "cohort_reflections": STAFF_REPORT,
    "record_presentation_given": audience("405", "405", "405"),  # a button: see POST_MATRIX
    "cohort_reports": STAFF_REPORT,
    "cohort_report": STAFF_REPORT,
    # issue 9: the sessions' replies and waiting lists; only the officer moves a session
    "staff_presentations": STAFF_REPORT,
    "staff_presentation_session": STAFF_REPORT,
    "staff_presentation_change": only("diversity_officer"),
}


def _finished_placement_of(user, partner):
    """A finished placement of the persona's officer record, of a type they do not have
    yet (the placements part of the matrix may have given them a record, or more)."""
    officer = StudentOfficer.objects.filter(user=user).first() or StudentOfficerFactory(user=user)
    taken = set(officer.placements.exclude(status=PlacementStatus.CANCELLED).values_list("placement_type", flat=True))
    placement_type = PlacementType.FOUR_DAY if PlacementType.TWO_DAY in taken else PlacementType.TWO_DAY
    offer = offer_in_window(officer.cohort, placement_type, partner=partner)
    return finished_placement(officer=officer, offer=offer)


def url_arguments(people):
    # Our own organisation: the partners part may link the same contact to another one.
    organisation = PartnerFactory()
    contact_of(organisation, people["partner_contact"])
    placement = _finished_placement_of(people["student_officer"], organisation)
    submit_reflection(
        placement,
        by=people["student_officer"],
        summary="What I learned",
        reflection="A great deal",
        upload=SimpleUploadedFile("slides.pdf", PDF),
    )
    invitation = PresentationInvitationFactory(session__cohort=placement.officer.cohort, partner=organisation)
    placement_id = {"placement_id": str(placement.pk)}
    cohort_id = {"cohort_id": str(placement.officer.cohort_id)}
    return {
        "presentation_rsvp": {"invitation_id": str(invitation.pk)},
        "placement_feedback": placement_id,
        "placement_reflection": placement_id,
        "presentation_file": placement_id,
        "record_presentation_given": placement_id,
        "cohort_reflections": cohort_id,
        "cohort_report": cohort_id,
        "staff_presentation_session": {"session_id": str(invitation.session_id)},
        "staff_presentation_change": {"session_id": str(invitation.session_id)},
    }


STAFF_READ_ONLY_POST = by_persona(
    "403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer="405", head_of_resourcing="405"
)
POST_MATRIX = {
    **{key: MATRIX[key] for key in ("partner_presentations", "presentation_rsvp", "placement_feedback")},
    **{key: MATRIX[key] for key in ("placement_reflection", "presentation_file")},
    **{key: MATRIX[key] for key in ("cohort_reflections", "cohort_reports", "cohort_report")},
    "record_presentation_given": by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer=saved("→cohort_reflections")
    ),
    # pages to read: whoever may read them cannot POST to them
    "staff_presentations": STAFF_READ_ONLY_POST,
    "staff_presentation_session": STAFF_READ_ONLY_POST,
    # an empty form: shown again with its errors, nothing moved and nobody emailed
    "staff_presentation_change": MATRIX["staff_presentation_change"],
}
POST_DATA = {}
