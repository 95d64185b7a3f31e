"""Vetting's demo data, loaded by `manage.py seed_demo` (accounts). Idempotent. Issue 10:
the demo vetting officer finds an application in vetting with one check cleared and one
in progress, on their home ("Vetting to decide") and their vetting page."""

from .enums import WORK_EXPERIENCE_CHECKS
from .services.checks import checks_of, clear_check, request_checks, start_check


def seed_vetting_demo(*, record, vetting_officer):
    """The record's required checks: the first cleared, the second in progress. Through the
    services (the action log tells the story); none of these moves sends an email."""
    if checks_of(record).exists():
        return
    first, second = request_checks(record, WORK_EXPERIENCE_CHECKS, by=vetting_officer)
    start_check(first, by=vetting_officer)
    clear_check(first, by=vetting_officer)
    start_check(second, by=vetting_officer)
