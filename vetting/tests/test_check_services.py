"""Vetting checks' services (protocol 3.3.1; issue 10 "Vetting"): one per move of
CHECK_WORKFLOW, the application moved on through vetting.subjects' hooks, the notes never
in the log or an email."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit import history_for
from kentplacements.workflow import DomainError, TransitionNotAllowed
from notifications.models import Notification
from placements.enums import ApplicationStatus
from vetting.enums import WORK_EXPERIENCE_CHECKS, CheckStatus, CheckType, Clearance
from vetting.models import VettingCheck
from vetting.services import checks as services

from .checks_setup import SENTINEL, application_in_vetting, check_of

pytestmark = pytest.mark.django_db

ID, P04 = CheckType.IDENTITY, CheckType.FORCE_VETTING


def _last_email(application):
    return Notification.objects.filter(recipient=application.applicant.email).latest("pk")


def _clear(check, by, **kwargs):
    services.start_check(check, by=by)
    return services.clear_check(check, by=by, **kwargs)


def test_starting_vetting_requests_the_required_checks(recruiter):
    application = application_in_vetting(recruiter)
    checks = list(services.checks_of(application))
    assert [(c.check_type, c.status, c.required) for c in checks] == [
        (t, CheckStatus.REQUESTED, True) for t in WORK_EXPERIENCE_CHECKS
    ]
    assert checks[0].requested_by == recruiter and checks[0].needed_until == application.programme.ends_on
    assert services.clearance(application) == Clearance.IN_PROGRESS
    assert not services.vetting_cleared(application)


def test_requesting_a_live_check_again_asks_once(recruiter, vetting_officer):
    application = application_in_vetting(recruiter)
    again = services.request_check(application, ID, by=vetting_officer)
    assert again == check_of(application, ID)
    assert services.checks_of(application).count() == len(WORK_EXPERIENCE_CHECKS)


def test_clearing_the_last_required_check_clears_the_application(recruiter, vetting_officer):
    application = application_in_vetting(recruiter)
    _clear(check_of(application, ID), vetting_officer)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.VETTING  # one required check still open
    check = _clear(check_of(application, P04), vetting_officer, expires_on=date(2029, 1, 1), notes=SENTINEL)
    assert (check.status, check.decided_by, check.expires_on) == (
        CheckStatus.CLEARED,
        vetting_officer,
        date(2029, 1, 1),
    )
    assert check.decided_at is not None and SENTINEL in check.notes
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CLEARED
    assert services.vetting_cleared(application) and services.clearance(application) == Clearance.CLEARED
    assert [e.action for e in history_for(check).order_by("pk")] == ["request_check", "start_check", "clear_check"]
    assert "Your checks for" in _last_email(application).body_text


def test_an_extra_check_does_not_hold_clearance_but_counts_once_required(recruiter, vetting_officer):
    application = application_in_vetting(recruiter)
    extra = services.request_check(application, CheckType.NPPV_1, by=vetting_officer, required=False)
    for check_type in WORK_EXPERIENCE_CHECKS:
        _clear(check_of(application, check_type), vetting_officer)
    assert extra.status == CheckStatus.REQUESTED and services.vetting_cleared(application)


def test_a_refusal_ends_vetting_with_a_neutral_email(recruiter, vetting_officer):
    application = application_in_vetting(recruiter)
    check = check_of(application, P04)
    services.start_check(check, by=vetting_officer)
    services.refuse_check(check, by=vetting_officer, notes=SENTINEL)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.VETTING_REFUSED
    # the other open check has nothing left to decide
    assert check_of(application, ID).status == CheckStatus.WITHDRAWN
    assert services.clearance(application) == Clearance.NOT_CLEARED
    refused = _last_email(application)
    assert refused.template == "placements/we_vetting_refused"
    assert "unable to offer you a place" in refused.body_text
    # no reason, no check, no note reaches the applicant
    for word in (SENTINEL, "Force vetting", "P04", "refused", "because", "reason"):
        assert word not in refused.body_text + refused.subject


def test_notes_never_reach_the_action_log_or_history(recruiter, vetting_officer):
    application = application_in_vetting(recruiter)
    check = check_of(application, P04)
    services.start_check(check, by=vetting_officer, notes=SENTINEL)
    services.withdraw_check(check, by=vetting_officer, notes="second " + SENTINEL)
    check.refresh_from_db()
    assert check.notes == f"{SENTINEL}\n\nsecond {SENTINEL}"
    from accounts.models import ActionLog

    assert not ActionLog.objects.filter(reason__contains=SENTINEL).exists()
    assert not hasattr(check.history.model, "notes")


def test_a_clearance_lapsing_before_the_placement_ends_is_not_clearance(recruiter, vetting_officer):
    application = application_in_vetting(recruiter)
    _clear(check_of(application, ID), vetting_officer)
    ends = application.programme.ends_on
    lapsing = _clear(check_of(application, P04), vetting_officer, expires_on=ends - timedelta(days=1))
    assert services.lapses_early(lapsing)
    assert not services.vetting_cleared(application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.VETTING
    # withdrawn and requested again, then cleared for long enough: the application moves on
    services.withdraw_check(lapsing, by=vetting_officer)
    renewed = services.request_check(application, P04, by=vetting_officer)
    _clear(renewed, vetting_officer, expires_on=ends)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CLEARED


def test_moves_outside_the_table_are_refused(recruiter, vetting_officer):
    application = application_in_vetting(recruiter)
    check = check_of(application, P04)
    with pytest.raises(TransitionNotAllowed):
        services.clear_check(check, by=vetting_officer)  # not started
    services.start_check(check, by=vetting_officer)
    with pytest.raises(DomainError):
        services.clear_check(check, by=vetting_officer, expires_on=timezone.localdate() - timedelta(days=1))
    services.refuse_check(check, by=vetting_officer)
    with pytest.raises(TransitionNotAllowed):
        services.withdraw_check(check, by=vetting_officer)


def test_the_database_keeps_one_live_check_per_type_and_decided_at_with_a_decision(recruiter):
    application = application_in_vetting(recruiter)
    check = check_of(application, ID)
    fields = {f: getattr(check, f) for f in ("content_type_id", "object_id", "check_type", "requested_at")}
    with pytest.raises(IntegrityError), transaction.atomic():
        VettingCheck.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        VettingCheck.objects.filter(pk=check.pk).update(status=CheckStatus.CLEARED)
    with pytest.raises(IntegrityError), transaction.atomic():
        VettingCheck.objects.filter(pk=check.pk).update(status="lost")
    with pytest.raises(IntegrityError), transaction.atomic():
        VettingCheck.objects.filter(pk=check.pk).update(decided_at=timezone.now())
