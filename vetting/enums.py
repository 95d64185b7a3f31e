"""Statuses of vetting's records, each with its one transition table (STYLE.md)."""

from django.db import models

from kentplacements.workflow import Workflow


class ReferenceStatus(models.TextChoices):
    """A reference's lifecycle (protocol 3.3.2: "once the necessary checks and references
    have been completed"). An unanswered link running out is not a status: the link says
    so ("Expired", SingleUseLink.link_state) and staff withdraw it and ask again."""

    REQUESTED = "requested", "Requested"
    RECEIVED = "received", "Received"
    WITHDRAWN = "withdrawn", "Withdrawn"


_R = ReferenceStatus
REFERENCE_WORKFLOW = Workflow(
    {
        _R.REQUESTED: {_R.RECEIVED, _R.WITHDRAWN},
        _R.RECEIVED: set(),
        _R.WITHDRAWN: set(),
    }
)
# A request that still counts: the same referee is not asked twice for one record.
LIVE_REFERENCE_STATUSES = (_R.REQUESTED, _R.RECEIVED)


class Recommendation(models.TextChoices):
    YES = "yes", "Yes"
    WITH_RESERVATIONS = "with_reservations", "Yes, with reservations (please explain below)"
    NO = "no", "No"
