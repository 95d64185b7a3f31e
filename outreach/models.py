# Positive-action events, enrolments and equality monitoring arrive with the outreach
# issue (DOMAIN.md §3 "Outreach and positive action").

# --- equality monitoring (issue 12): its table lives with its code in outreach/equality/ ---
from .equality.models import EqualityResponse  # noqa: F401
