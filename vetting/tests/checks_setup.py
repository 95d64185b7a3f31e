"""Shared set-up for the vetting checks' tests: an application in vetting, its checks requested
by the recruitment team as start_vetting does (placements)."""

from placements.enums import ApplicationStatus
from placements.services.work_experience import start_vetting
from placements.tests.work_experience_factories import ApplicationFactory
from vetting.services.checks import checks_of

SENTINEL = "SENTINEL-9f3c-private-vetting-note"


def application_in_vetting(recruiter, **kwargs):
    application = ApplicationFactory(status=ApplicationStatus.SHORTLISTED, **kwargs)
    return start_vetting(application, by=recruiter)


def check_of(application, check_type):
    return checks_of(application).get(check_type=check_type)
