"""Vetting a volunteer and the offer of a place (issue 11): the team starts vetting once the
steps the role needs are done, the vetting officer's decisions (through vetting's own
services) make the offer or end the application with a reason that says nothing of vetting,
and the candidate alone accepts or declines. An application that ends leaves no check open."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import ActionLog
from kentplacements.workflow import DomainError
from notifications.models import Notification
from tests.factories import UserFactory
from vetting import subjects
from vetting.enums import OPEN_CHECKS, CheckStatus, CheckType
from vetting.selectors import OPEN, waiting_records
from vetting.services.checks import checks_of, clear_check, refuse_check, request_check, start_check, withdraw_check
from volunteers.enums import VolunteerApplicationStatus
from volunteers.services.applications import reject_application, withdraw_application
from volunteers.services.offers import DECLINED_REASON, accept_offer, decline_offer, make_offer
from volunteers.services.vetting import VETTING_REFUSED_REASON, start_vetting

from .factories import (
    OfferedApplicationFactory,
    VolunteerApplicationFactory,
    clear_every_check,
    in_vetting,
    interviewed_application,
    offered_application,
)

pytestmark = pytest.mark.django_db
S = VolunteerApplicationStatus
NOTE = "PNC trace: a caution in 2019"


def email(name, application):
    return Notification.objects.get(template=f"volunteers/volunteer_{name}", related_id=str(application.pk))


def logged(application, action):
    return ActionLog.objects.get(
        content_type__model="volunteerapplication", object_id=str(application.pk), action=action
    )


# --- starting vetting -------------------------------------------------------------------


def test_starting_vetting_asks_for_the_volunteer_checks_and_tells_the_candidate_nothing_of_them(recruiter):
    application = in_vetting(by=recruiter)
    assert application.status == S.VETTING
    checks = checks_of(application)
    assert sorted(checks.values_list("check_type", flat=True)) == sorted(
        [CheckType.IDENTITY, CheckType.FORCE_VETTING, CheckType.NPPV_1]
    )
    assert all(check.status == CheckStatus.REQUESTED and check.required for check in checks)
    assert logged(application, "start_vetting").actor == recruiter
    sent = email("vetting_started", application)
    assert sent.recipient == application.applicant.email
    assert "vetting checks" in sent.body_text and reverse("volunteer_my_applications") in sent.body_text
    for detail in ("Identity", "Force vetting", "P04", "NPPV", "Non Police Personnel"):
        assert detail not in sent.subject + sent.body_text


@pytest.mark.parametrize(
    ("fitness", "medical", "status"),
    [(False, False, S.INTERVIEWED), (True, False, S.FITNESS_PASSED), (True, True, S.MEDICAL_RECEIVED)],
    ids=["no test nor certificate", "fitness test only", "both"],
)
def test_vetting_starts_once_the_steps_the_role_needs_are_done(recruiter, fitness, medical, status):
    application = interviewed_application(fitness=fitness, medical=medical, status=status)
    assert start_vetting(application, by=recruiter).status == S.VETTING


@pytest.mark.parametrize(
    ("fitness", "medical", "status", "problem"),
    [
        (False, False, S.SUBMITTED, "not ready for vetting"),
        (True, True, S.INTERVIEWED, "not ready for vetting"),  # the fitness test comes first
        (True, True, S.FITNESS_PASSED, "not ready for vetting"),  # and the medical certificate
        (False, False, S.VETTING, "already started"),
        (False, False, S.OFFERED, "not ready for vetting"),
    ],
)
def test_vetting_does_not_start_before_its_turn_nor_twice(recruiter, fitness, medical, status, problem):
    extra = {"offered_at": timezone.now()} if status == S.OFFERED else {}
    application = interviewed_application(fitness=fitness, medical=medical, status=status, **extra)
    with pytest.raises(DomainError, match=problem):
        start_vetting(application, by=recruiter)
    assert not checks_of(application).exists()
    assert not Notification.objects.filter(template="volunteers/volunteer_vetting_started").exists()


def test_vetting_knows_a_volunteer_as_an_adult_with_no_last_day():
    application = in_vetting(applicant__full_name="Val Jones")
    subject = subjects.describe(application)
    assert (subject.person_name, subject.email, subject.date_of_birth) == (
        "Val Jones",
        application.applicant.email,
        application.date_of_birth,
    )
    assert (subject.guardian_name, subject.guardian_email) == ("", "")
    assert subject.title == f"Volunteering: {application.campaign}"
    assert (subject.starts_on, subject.ends_on) == (application.campaign.training_starts_on, None)
    assert subject.account == application.applicant
    assert subject.staff_url == reverse("volunteer_staff_application", args=[application.pk])


# --- the vetting officer's decisions ----------------------------------------------------


def test_the_last_check_cleared_through_vetting_makes_the_offer_and_emails_it(vetting_officer):
    application = in_vetting()
    first = checks_of(application).first()
    clear_check(start_check(first, by=vetting_officer), by=vetting_officer, notes=NOTE)
    application.refresh_from_db()
    assert application.status == S.VETTING and application.offered_at is None  # not all cleared yet

    clear_every_check(application, vetting_officer)
    application.refresh_from_db()
    assert application.status == S.OFFERED and application.offered_at is not None
    assert logged(application, "make_offer").actor == vetting_officer
    offer = email("offer", application)
    assert offer.recipient == application.applicant.email
    assert application.campaign.role.name in offer.subject
    assert f"{application.campaign.training_starts_on:%-d %B %Y}" in offer.body_text
    assert reverse("volunteer_my_applications") in offer.body_text
    assert NOTE not in offer.body_text


def test_a_refused_check_ends_the_application_with_a_reason_that_says_nothing_of_vetting(vetting_officer):
    application = in_vetting()
    check = checks_of(application).get(check_type=CheckType.FORCE_VETTING)
    refuse_check(start_check(check, by=vetting_officer), by=vetting_officer, notes=NOTE)
    application.refresh_from_db()
    assert (application.status, application.rejection_reason) == (S.REJECTED, VETTING_REFUSED_REASON)
    assert not checks_of(application).filter(status__in=OPEN_CHECKS).exists()
    told = email("rejected", application)
    assert told.recipient == application.applicant.email and VETTING_REFUSED_REASON in told.body_text
    for detail in (NOTE, "Force vetting", "P04", "refused"):
        assert detail not in told.body_text
    assert logged(application, "reject").reason == VETTING_REFUSED_REASON


def test_a_check_cleared_again_after_the_offer_makes_no_second_offer(vetting_officer):
    """Only an application in vetting moves (volunteers/vetted.py)."""
    application = offered_application()
    check = checks_of(application).get(check_type=CheckType.NPPV_1)
    withdraw_check(check, by=vetting_officer)
    renewed = request_check(application, CheckType.NPPV_1, by=vetting_officer)
    clear_check(start_check(renewed, by=vetting_officer), by=vetting_officer)
    application.refresh_from_db()
    assert application.status == S.OFFERED
    assert Notification.objects.filter(template="volunteers/volunteer_offer").count() == 1


def test_the_offer_is_made_only_when_vetting_is_cleared(vetting_officer):
    application = in_vetting()
    with pytest.raises(DomainError, match="not all cleared"):
        make_offer(application, by=vetting_officer)
    application.refresh_from_db()
    assert application.status == S.VETTING


# --- an application that ends closes its checks -----------------------------------------


def test_withdrawing_closes_the_open_checks_and_the_vetting_officer_has_nothing_left_to_decide(vetting_officer):
    application = in_vetting()
    started = start_check(checks_of(application).first(), by=vetting_officer)
    assert waiting_records(OPEN).count() == 1

    withdraw_application(application, by=application.applicant)

    assert {check.status for check in checks_of(application)} == {CheckStatus.WITHDRAWN}
    assert waiting_records(OPEN).count() == 0
    started.refresh_from_db()
    assert started.status == CheckStatus.WITHDRAWN


def test_rejecting_an_application_in_vetting_closes_its_checks(recruiter):
    application = in_vetting()
    reject_application(application, by=recruiter, reason="We have filled every place in the pilot.")
    assert not checks_of(application).filter(status__in=OPEN_CHECKS).exists()


def test_an_application_ended_before_vetting_ends_as_before():
    application = VolunteerApplicationFactory()
    withdraw_application(application, by=application.applicant)
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN and not checks_of(application).exists()


# --- the candidate's answer -------------------------------------------------------------


def test_the_candidate_accepts_and_goes_on_to_training_with_its_date():
    application = offered_application()
    application = accept_offer(application, by=application.applicant)
    application.refresh_from_db()
    assert application.status == S.IN_TRAINING and application.offer_answered_at >= application.offered_at
    assert logged(application, "accept_offer").actor == application.applicant
    welcome = email("offer_accepted", application)
    assert welcome.recipient == application.applicant.email
    assert f"{application.campaign.training_starts_on:%A %-d %B %Y}" in welcome.body_text


@pytest.mark.parametrize("who", ["recruiter", "someone else"])
def test_only_the_applicant_answers_the_offer(recruiter, who):
    application = offered_application()
    by = recruiter if who == "recruiter" else UserFactory()
    for answer in (accept_offer, decline_offer):
        with pytest.raises(DomainError, match="Only the applicant"):
            answer(application, by=by)
    application.refresh_from_db()
    assert application.status == S.OFFERED and application.offer_answered_at is None


def application_at(status):
    """In vetting, or offered and then accepted (in training) or declined (withdrawn)."""
    if status == S.VETTING:
        return in_vetting()
    application = offered_application()
    answer = accept_offer if status == S.IN_TRAINING else decline_offer
    return answer(application, by=application.applicant)


@pytest.mark.parametrize("status", [S.VETTING, S.IN_TRAINING, S.WITHDRAWN])
def test_an_offer_is_answered_only_while_it_waits(status):
    application = application_at(status)
    for answer in (accept_offer, decline_offer):
        with pytest.raises(DomainError, match="no offer waiting"):
            answer(application, by=application.applicant)
    application.refresh_from_db()
    assert application.status == status


def test_an_offer_whose_check_is_being_done_again_is_not_accepted_yet(vetting_officer):
    """The vetting officer withdrew a clearance since the offer and asked for the check again."""
    application = offered_application()
    withdrawn = withdraw_check(checks_of(application).first(), by=vetting_officer)
    request_check(application, withdrawn.check_type, by=vetting_officer)
    with pytest.raises(DomainError, match="recruitment team will contact you"):
        accept_offer(application, by=application.applicant)
    application.refresh_from_db()
    assert application.status == S.OFFERED


def test_declining_withdraws_the_application_with_that_reason():
    application = offered_application()
    decline_offer(application, by=application.applicant)
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN and application.offer_answered_at is not None
    assert logged(application, "decline_offer").reason == DECLINED_REASON
    sent = email("offer_declined", application)
    assert sent.recipient == application.applicant.email and "decline" in sent.body_text


# --- the database holds the offer whole --------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"status": S.OFFERED},  # offered, but when?
        {"status": S.OFFERED, "offered_at": timezone.now(), "offer_answered_at": timezone.now()},  # answered
        {"status": S.IN_TRAINING, "offer_answered_at": timezone.now()},  # an answer to no offer
        {
            "status": S.IN_TRAINING,
            "offered_at": timezone.now(),
            "offer_answered_at": timezone.now() - timedelta(days=1),
        },
    ],
    ids=["offered with no time", "offered and answered", "answer without offer", "answer before offer"],
)
def test_the_database_refuses_an_offer_out_of_order(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        OfferedApplicationFactory(**{"offered_at": None, **fields})
