"""Vetting a volunteer (issue 11; DOMAIN.md §1 and §3: vetting in line with Force Policy
P04, its detail seen by the vetting officer alone). The recruitment team starts it once the
steps before it are done (next_stage); the vetting officer's decisions come back through
volunteers/vetted.py: every check cleared makes the offer (volunteers.services.offers), one
refused ends the application with a reason that says nothing of the checks."""

from django.db import transaction

from kentplacements.workflow import DomainError
from vetting.enums import VOLUNTEER_CHECKS
from vetting.services.checks import request_checks

from ..enums import VolunteerApplicationStatus, next_stage
from .applications import email_applicant, locked_application, move_application

S = VolunteerApplicationStatus
# The rejection's reason when a check is refused (volunteers/vetted.py), which the candidate
# reads: the outcome, never a reason from vetting.
VETTING_REFUSED_REASON = "We cannot offer you a place after the vetting checks."


def vetting_due(application) -> bool:
    return next_stage(application) == S.VETTING


@transaction.atomic
def start_vetting(application, *, by):
    """The checks every volunteer needs (VOLUNTEER_CHECKS) are requested of the vetting
    officer; the candidate is told vetting has started, and nothing of what it checks."""
    application = locked_application(application)
    if application.status == S.VETTING:
        raise DomainError("Vetting has already started for this application.")
    if not vetting_due(application):
        raise DomainError("This application is not ready for vetting: the steps before it are not all done.")
    application = move_application(application, S.VETTING, by=by, action="start_vetting")
    request_checks(application, VOLUNTEER_CHECKS, by=by)
    email_applicant(application, "vetting_started")
    return application
