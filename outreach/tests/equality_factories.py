"""Equality monitoring answers for tests, given as a person gives them: through the
invitation that follows their application and the one service (issue 12)."""

from outreach.equality.characteristics import FIELDS
from outreach.equality.invitations import invitation_token
from outreach.equality.services import record_equality_answers

SOME_ANSWERS = {
    "age_band": "25_34",
    "disability": "no",
    "ethnic_group": "black",
    "religion_or_belief": "prefer_not_to_say",
    "sex": "female",
}


def answer(record, **answers):
    """The person who sent ``record`` answers (SOME_ANSWERS unless told), the rest left out."""
    given = answers or SOME_ANSWERS
    return record_equality_answers(invitation_token(record), {field: given.get(field, "") for field in FIELDS})
