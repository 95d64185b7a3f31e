"""Where the rules of issue 13's later kinds stop (retention.tests.test_disposal runs each kind
through its period): a staff member's or a superuser's account is never disposed of, nor is
vetting on a record still going; an equality report whose answers went says so; erasure names
the periods it keeps records for."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from accounts.models import User
from accounts.personal_data import ERASED_DOMAIN, registered
from accounts.roles import Role
from outreach.equality.models import EqualityResponse
from placements.enums import ApplicationStatus
from retention.models import DisposalLog
from retention.registry import period_in_words
from retention.services import dispose_past_retention
from tests.factories import UserFactory
from vetting import subjects
from vetting.enums import CheckStatus, CheckType
from vetting.models import VettingCheck

from .kinds import KINDS, STARTS, _ended_application

pytestmark = pytest.mark.django_db

LONG_AFTER = STARTS + timedelta(days=max(settings.RETENTION.values()) + 2)


def _run(capture, when=LONG_AFTER):
    with time_machine.travel(when, tick=False), capture(execute=True):
        return dispose_past_retention()


@pytest.mark.parametrize(
    "closed", [{"roles": [Role.RECRUITMENT_TEAM]}, {"roles": [Role.STUDENT_OFFICER]}, {"is_superuser": True}]
)
def test_a_staff_members_account_is_never_disposed_of(closed, django_capture_on_commit_callbacks):
    with time_machine.travel(STARTS, tick=False):
        user = UserFactory(is_active=False, **closed)
        still_open = UserFactory(roles=[Role.APPLICANT])  # an active account: not closed
    # ... and used lately: no rule takes it
    User.objects.filter(pk=still_open.pk).update(last_login=LONG_AFTER - timedelta(days=1))
    assert _run(django_capture_on_commit_callbacks)["closed_accounts"] == 0
    for account in (user, still_open):
        account.refresh_from_db()
        assert not account.email.endswith(ERASED_DOMAIN) and account.full_name


def test_a_former_staff_members_account_is_kept_though_their_roles_were_taken_away(
    django_capture_on_commit_callbacks,
):
    with time_machine.travel(STARTS, tick=False):
        leaver = UserFactory(roles=[Role.VETTING_OFFICER])
        leaver.groups.clear()  # their roles taken away when they left, then the account closed
        leaver.is_active = False
        leaver.save()
        promoted = UserFactory(is_superuser=True)
        promoted.is_superuser, promoted.is_active = False, False
        promoted.save()
    assert _run(django_capture_on_commit_callbacks)["closed_accounts"] == 0
    leaver.refresh_from_db()
    assert not leaver.email.endswith(ERASED_DOMAIN)


def test_vetting_on_a_record_still_going_is_kept(django_capture_on_commit_callbacks):
    """A confirmed placement whose programme's dates passed long ago (nobody closed it) has not
    ended: its check stays, however old."""
    application = _ended_application(ApplicationStatus.CONFIRMED)
    VettingCheck.objects.create(
        **subjects.pointer(application),
        check_type=CheckType.IDENTITY,
        status=CheckStatus.CLEARED,
        requested_at=STARTS - timedelta(days=40),
        decided_at=STARTS - timedelta(days=30),
    )
    assert _run(django_capture_on_commit_callbacks)["vetting_checks"] == 0
    assert VettingCheck.objects.count() == 1 and not DisposalLog.objects.exists()


def test_an_equality_report_whose_answers_went_says_so(client, head_of_resourcing, django_capture_on_commit_callbacks):
    KINDS["equality_answers"]()
    event_id = EqualityResponse.objects.get().source_id
    url = reverse("equality_report", args=["event", event_id])
    assert _run(django_capture_on_commit_callbacks)["equality_answers"] == 1
    with time_machine.travel(LONG_AFTER, tick=False):
        client.force_login(head_of_resourcing)
        page = client.get(url).content.decode()
    assert "no longer kept" in page and "Nobody has answered" not in page and "<table" not in page


def test_erasure_names_the_periods_it_keeps_agreements_and_checks_for():
    kept = {entry.model: entry.kept for entry in registered()}
    assert (
        period_in_words("signed_agreements") == "6 years" == f"{settings.RETENTION['signed_agreements'] // 365} years"
    )
    assert "retention period, 6 years after the application ended" in kept["vetting.WorkPlacementAgreement"]
    assert "retention period, 1 year after the application ended" in kept["vetting.VettingCheck"]
    assert period_in_words("medical_certificates") == "180 days"
