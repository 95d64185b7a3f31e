"""Local businesses' interest in the permission matrix (tests/test_permission_matrix.py;
issue 12). Anyone registers a business's interest without an account; the Diversity
Placements Officer alone opens the list and the follow-up pages (outreach.businesses.rules)."""

from tests.matrix import LOGIN, MFA, PUBLIC_PAGE, by_persona, saved

from .business_factories import business_interest, contacted_business

OFFICER_ONLY = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer="200")
# a follow-up button: GET is refused once the person is known to be the officer
OFFICER_POSTS = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer="405")


def _officer_post(cell):
    return by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer=cell)


MATRIX = {
    "outreach_business_interest": PUBLIC_PAGE,
    "outreach_business_thanks": PUBLIC_PAGE,
    "outreach_staff_businesses": OFFICER_ONLY,
    "outreach_staff_business": OFFICER_ONLY,
    "outreach_staff_business_contacted": OFFICER_POSTS,
    "outreach_staff_business_supporting": OFFICER_POSTS,
    "outreach_staff_business_ntf": OFFICER_POSTS,
}
POST_MATRIX = {
    # an empty form: its errors again, nothing saved
    "outreach_business_interest": PUBLIC_PAGE,
    # no note: asked for one, nothing saved
    "outreach_staff_business_contacted": _officer_post("200"),
    # the note is optional: a contacted business is recorded as supporting, and thanked
    "outreach_staff_business_supporting": _officer_post(saved("→outreach_staff_business")),
    # no reason: asked for one, nothing saved
    "outreach_staff_business_ntf": _officer_post("200"),
}
POST_DATA = {}


def url_arguments(people):
    new = {"interest_id": business_interest().pk}
    ids = {
        "outreach_staff_business": new,
        "outreach_staff_business_contacted": new,
        "outreach_staff_business_supporting": {"interest_id": contacted_business().pk},
        "outreach_staff_business_ntf": new,
    }
    return {name: {key: str(value) for key, value in kwargs.items()} for name, kwargs in ids.items()}
