"""The Positive Action Programme in the permission matrix (tests/test_permission_matrix.py;
issue 12). Anyone reads the open intakes; applying and "Your Positive Action Programme" need
an account (a candidate is any signed-in person). The programme staff (the Diversity
Placements Officer) open every enrolment; any other staff member opens those they buddy,
so another's is a 404 to them (none of the personas buddies the sample)."""

from tests.matrix import LOGIN, MFA, PUBLIC_PAGE, SIGNED_IN, STAFF_ONLY, by_persona, saved

from .factories import OutreachEventFactory
from .programme_factories import ProgrammeIntakeFactory, applied, enrolled

OFFICER_ONLY = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer="200")
STAFF_404 = {"recruiter", "vetting_officer", "escorting_officer", "student_officer", "head_of_resourcing"}
STAFF = {*STAFF_404, "diversity_officer"}
STAFF_405 = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, **dict.fromkeys(STAFF, "405"))


def _enrolment_page(officer):
    """Staff who do not buddy the sample: 404; the public: 403."""
    return by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer=officer, **dict.fromkeys(STAFF_404, "404")
    )


def _officer_post(officer):
    return by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer=officer)


# the person's own enrolment pages: another's enrolment is a 404 to everyone
OWN = by_persona("404", anonymous=LOGIN, staff_without_mfa=MFA)

MATRIX = {
    "programme_intakes": PUBLIC_PAGE,
    "programme_apply": SIGNED_IN,
    "programme_mine": SIGNED_IN,
    "programme_withdraw": OWN,
    "programme_book": by_persona("405", anonymous=LOGIN, staff_without_mfa=MFA),
    "programme_staff_enrolments": OFFICER_ONLY,
    "programme_staff_buddied": STAFF_ONLY,
    "programme_staff_enrolment": _enrolment_page("200"),
    "programme_staff_buddy": _officer_post("405"),
    "programme_staff_decline": _officer_post("405"),
    "programme_staff_complete": _officer_post("405"),
    # the buttons: GET is refused to every member of staff before the enrolment is looked up
    "programme_staff_session": STAFF_405,
    "programme_staff_book": STAFF_405,
}
POST_MATRIX = {
    # a page: the method is refused before the enrolment is looked up
    "programme_staff_enrolment": STAFF_405,
    # an empty form: its errors again, nothing saved
    "programme_apply": SIGNED_IN,
    "programme_withdraw": OWN,
    "programme_book": OWN,
    "programme_staff_buddy": _officer_post("200"),
    "programme_staff_decline": _officer_post("200"),
    # the button completes the sample (enrolled) candidate
    "programme_staff_complete": _officer_post(saved("→programme_staff_enrolment")),
    "programme_staff_session": _enrolment_page("200"),
    "programme_staff_book": _enrolment_page("200"),
}
POST_DATA = {}


def url_arguments(people):
    OutreachEventFactory(kind="familiarisation")
    sample = enrolled()
    on_sample = {"enrolment_id": sample.pk}
    ids = {
        "programme_apply": {"intake_id": ProgrammeIntakeFactory().pk},
        "programme_withdraw": on_sample,
        "programme_book": on_sample,
        "programme_staff_enrolment": on_sample,
        "programme_staff_buddy": {"enrolment_id": applied().pk},
        "programme_staff_decline": {"enrolment_id": applied().pk},
        "programme_staff_complete": on_sample,
        "programme_staff_session": on_sample,
        "programme_staff_book": on_sample,
    }
    return {name: {key: str(value) for key, value in kwargs.items()} for name, kwargs in ids.items()}
