"""Equality monitoring in the permission matrix (tests/test_permission_matrix.py; issue 12).

The questions are opened with the token of the invitation that follows an application: anyone
holding it may answer (only the person who applied is ever given it) and nobody can read an
answer there. The reports are for the Head of Resourcing and the Diversity Placements Officer
alone; there is no page, admin or export of individual answers (test_equality_privacy.py)."""

from outreach.equality.invitations import invitation_token
from tests.matrix import LOGIN, MFA, by_persona
from volunteers.tests.factories import VolunteerApplicationFactory

from .equality_factories import answer

READERS = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, head_of_resourcing="200", diversity_officer="200")

MATRIX = {
    "equality_questions": by_persona("200", staff_without_mfa=MFA),
    "equality_reports": READERS,
    "equality_report": READERS,
    "equality_report_csv": READERS,
}
POST_MATRIX = {
    # every question left out: a skip, nothing kept; on to the applicant's applications page
    "equality_questions": by_persona("→volunteer_my_applications", anonymous=LOGIN, staff_without_mfa=MFA),
}
POST_DATA = {}


def url_arguments(people):
    offered = VolunteerApplicationFactory()
    answered = VolunteerApplicationFactory()
    answer(answered)
    report = {"source_kind": "campaign", "source_id": str(answered.campaign_id)}
    return {
        "equality_questions": {"token": invitation_token(offered)},
        "equality_report": report,
        "equality_report_csv": report,
    }
