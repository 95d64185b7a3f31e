from django.db import models

from kentplacements.workflow import Workflow


class BusinessOffer(models.TextChoices):
    """What a local business can offer recruitment events (issue 12: "what they offer")."""

    VENUE = "venue", "A venue for an event"
    PROMOTION = "promotion", "Promoting events to our staff or customers"
    SPONSORSHIP = "sponsorship", "Sponsorship or refreshments"
    MENTORING = "mentoring", "Mentoring or talks"
    OTHER = "other", "Something else"


class BusinessInterestStatus(models.TextChoices):
    NEW = "new", "New: to follow up"
    CONTACTED = "contacted", "Contacted"
    SUPPORTING = "supporting", "Supporting recruitment"
    NOT_TAKEN_FORWARD = "not_taken_forward", "Not taken forward"


_B = BusinessInterestStatus
# The officer contacts each new business, then records whether it supports recruitment. An
# interest may be closed without contact too (outside Kent, or not a business): "not taken
# forward", always with a reason. Both outcomes are final: a business that comes back
# registers again, and is followed up afresh.
BUSINESS_INTEREST_WORKFLOW = Workflow(
    {
        _B.NEW: {_B.CONTACTED, _B.NOT_TAKEN_FORWARD},
        _B.CONTACTED: {_B.SUPPORTING, _B.NOT_TAKEN_FORWARD},
        _B.SUPPORTING: set(),
        _B.NOT_TAKEN_FORWARD: set(),
    }
)
# Being followed up: one of these per email address (a second form is the same interest).
OPEN = (_B.NEW, _B.CONTACTED)
# The officer has spoken to them.
CONTACTED_ONCE = (_B.CONTACTED, _B.SUPPORTING)
DECIDED = (_B.SUPPORTING, _B.NOT_TAKEN_FORWARD)
