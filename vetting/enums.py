"""Vetting's statuses and kinds (DOMAIN.md §3 "Vetting, consent and agreements")."""

from django.db import models

from kentplacements.workflow import Workflow


class CheckType(models.TextChoices):
    """The checks a vetting officer records. Protocol 3.3.1 says only that the vetting checks
    are "in line with Force Policy P04: Vetting"; the protocol names no sub-checks, so the
    kinds below are ours: the identity check P04 vetting rests on, the P04 force vetting
    itself, and Non Police Personnel Vetting level 1 for roles that need it (volunteers).
    References are not a check here: they have their own record (issue 10, References)."""

    IDENTITY = "identity", "Identity check"
    FORCE_VETTING = "force_vetting", "Force vetting (Force Policy P04)"
    NPPV_1 = "nppv_1", "Non Police Personnel Vetting, level 1"


# Protocol 3.3.1: the checks every work-experience applicant needs before clearance. NPPV
# level 1 is not asked of a participant who is escorted at all times (3.5.1); a vetting
# officer may still request it for one application.
WORK_EXPERIENCE_CHECKS = (CheckType.IDENTITY, CheckType.FORCE_VETTING)
# Issue 11: the checks every volunteer needs before an offer. Seed 002's Community Policing
# Volunteers wear the uniform, work unescorted alongside officers and Community Safety Units,
# support victims and may be granted designated powers: the unescorted access NPPV level 1
# is for, on top of the identity check and P04 force vetting every applicant has.
VOLUNTEER_CHECKS = (CheckType.IDENTITY, CheckType.FORCE_VETTING, CheckType.NPPV_1)


class CheckStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    IN_PROGRESS = "in_progress", "In progress"
    CLEARED = "cleared", "Cleared"
    REFUSED = "refused", "Refused"
    WITHDRAWN = "withdrawn", "Withdrawn"


_C = CheckStatus
CHECK_WORKFLOW = Workflow(
    {
        _C.REQUESTED: {_C.IN_PROGRESS, _C.WITHDRAWN},
        _C.IN_PROGRESS: {_C.CLEARED, _C.REFUSED, _C.WITHDRAWN},
        # A clearance that will lapse before the placement ends is withdrawn and the check
        # requested again (issue 10: "clearances expiring before the placement are flagged").
        _C.CLEARED: {_C.WITHDRAWN},
        _C.REFUSED: set(),
        _C.WITHDRAWN: set(),
    }
)
# Not yet decided: the vetting officer's work.
OPEN_CHECKS = (_C.REQUESTED, _C.IN_PROGRESS)
DECIDED_CHECKS = (_C.CLEARED, _C.REFUSED, _C.WITHDRAWN)
# At most one of these per type per record (a withdrawn or refused one leaves room for a new request).
LIVE_CHECKS = (*OPEN_CHECKS, _C.CLEARED)


class Clearance(models.TextChoices):
    """What everyone but the vetting officer may know of a record's vetting (issue 10:
    "Others see cleared / not cleared / in progress")."""

    CLEARED = "cleared", "Cleared"
    NOT_CLEARED = "not_cleared", "Not cleared"
    IN_PROGRESS = "in_progress", "In progress"


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
