"""Equality monitoring's demo data (issue 12): answers from most of the demo's volunteer and
work-experience applicants, given through the same service as the questions page, so the
Head of Resourcing's and the Diversity Placements Officer's reports show counts, some of them
hidden. Every sixth applicant skipped the questions; some answers are "Prefer not to say" or
left out ("")."""

from .characteristics import CHARACTERISTICS
from .invitations import invitation_token, read_invitation
from .services import record_equality_answers
from .sources import registered

# One list per question, in CHARACTERISTICS' order; the n-th applicant who answers takes the
# n-th answer of each list, going round.
ANSWERS = (
    ("25_34", "35_44", "18_24", "45_54", "25_34", "55_64", "prefer_not_to_say", "35_44", "25_34"),
    ("no", "no", "yes", "no", "no", "prefer_not_to_say", "no", "no", ""),
    ("no", "no", "no", "no", "prefer_not_to_say", "no", "no", "no", "no"),
    ("married", "neither", "neither", "civil_partnership", "married", "neither", "", "married", "neither"),
    ("no", "no", "no", "no", "no", "prefer_not_to_say", "no", "no", "no"),
    ("white", "asian", "white", "black", "white", "mixed", "white", "prefer_not_to_say", "white"),
    ("none", "christian", "muslim", "none", "christian", "prefer_not_to_say", "none", "sikh", "none"),
    ("female", "male", "female", "female", "male", "female", "prefer_not_to_say", "male", "female"),
    ("straight", "straight", "gay_or_lesbian", "straight", "prefer_not_to_say", "straight", "bisexual", "straight", ""),
)
SKIP_EVERY = 6


def seed_equality_demo() -> None:
    answered = 0
    for registration in registered():
        for source in registration.source_model._default_manager.order_by("pk"):
            for number, record in enumerate(registration.records(source).order_by("pk"), start=1):
                token = invitation_token(record)
                if number % SKIP_EVERY == 0 or read_invitation(token).answered:
                    continue
                choice = {c.field: ANSWERS[i][answered % len(ANSWERS[i])] for i, c in enumerate(CHARACTERISTICS)}
                record_equality_answers(token, choice)
                answered += 1
