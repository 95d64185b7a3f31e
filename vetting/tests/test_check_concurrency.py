"""Two vetting officers clear an application's last two required checks at the same moment:
the record's checks are locked in one order (services.checks._lock_record), so exactly one of
them sees every required check cleared and moves the application on, once. PostgreSQL only."""

import pytest

from accounts.audit import history_for
from accounts.roles import Role
from kentplacements.workflow import DomainError
from placements.enums import ApplicationStatus
from tests.concurrency import at_once, needs_postgresql
from tests.factories import UserFactory
from vetting.enums import WORK_EXPERIENCE_CHECKS, CheckStatus
from vetting.services.checks import checks_of, clear_check, start_check

from .checks_setup import application_in_vetting

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def test_the_last_two_checks_cleared_at_once_clear_the_application_once(recruiter):
    officers = [UserFactory(roles=[Role.VETTING_OFFICER]) for _ in WORK_EXPERIENCE_CHECKS]
    application = application_in_vetting(recruiter)
    checks = [start_check(check, by=officers[0]) for check in checks_of(application)]

    outcomes = at_once(
        lambda pair: clear_check(pair[0], by=pair[1]), list(zip(checks, officers, strict=True)), refusal=DomainError
    )

    assert [o.status for o in outcomes] == [CheckStatus.CLEARED] * len(checks)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CLEARED
    assert [e.action for e in history_for(application)].count("record_clearance") == 1
