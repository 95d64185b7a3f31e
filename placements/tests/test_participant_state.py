"""The placement days fold in the participant's state (issue 8 §5 and §6): a withdrawn,
completed or discontinued participant is read-only to their escort, overdue risk-review
reminders stop once the placement is over, and the daily register and diary entries are
in the action log (IDs and what happened, never what was written)."""

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.audit import history_for
from accounts.models import ActionLog
from kentplacements.workflow import DomainError
from notifications.models import Notification
from placements.enums import ApplicationStatus, ProgrammeStatus
from placements.models import Activity, DynamicRiskAssessment, RiskAssessment
from placements.services.placement_days import (
    add_diary_entry,
    record_activity,
    record_attendance,
    record_dra,
    record_risk_assessment,
    remind_overdue_risk_reviews,
    review_risk_assessment,
)

from .matrix_placement_days import on_placement

pytestmark = pytest.mark.django_db

ENDED = [ApplicationStatus.WITHDRAWN, ApplicationStatus.COMPLETED, ApplicationStatus.DISCONTINUED]


def london(*args):
    return timezone.make_aware(datetime(*args))


@pytest.fixture(autouse=True)
def _during_the_programme(time_machine):
    time_machine.move_to(london(2027, 7, 20, 15, 0), tick=False)


# --- read-only once the participant's placement has ended ----------------------------------


@pytest.mark.parametrize("status", ENDED)
def test_an_ended_participant_is_read_only_to_their_escort(status, escorting_officer):
    application = on_placement(escorting_officer=escorting_officer)
    assert escorting_officer.has_perm("placements.record_for_participant", application)
    application.status = status
    application.save()

    assert not escorting_officer.has_perm("placements.record_for_participant", application)
    with pytest.raises(DomainError, match=r"placement has ended .*read but not added to"):
        record_activity(application, by=escorting_officer, date=date(2027, 7, 20), kind="licensing")
    with pytest.raises(DomainError, match="placement has ended"):
        record_dra(
            application,
            by=escorting_officer,
            occurred_at=london(2027, 7, 20, 11, 0),
            event="Fire alarm",
            hazards="Stairs",
            controls="Waited outside",
        )
    with pytest.raises(DomainError, match="placement has ended"):
        record_risk_assessment(
            application,
            by=escorting_officer,
            owner=escorting_officer,
            assessed_on=date(2027, 7, 1),
            review_due=date(2027, 7, 30),
            summary="Low",
        )
    assert not Activity.objects.exists() and not DynamicRiskAssessment.objects.exists()


def test_the_recruitment_team_cannot_review_an_ended_participants_assessment_either(recruiter):
    application = on_placement()
    assessment = record_risk_assessment(
        application,
        by=recruiter,
        owner=recruiter,
        assessed_on=date(2027, 7, 1),
        review_due=date(2027, 7, 30),
        summary="Low",
    )
    application.status = ApplicationStatus.WITHDRAWN
    application.save()
    with pytest.raises(DomainError, match=r"placement has ended \(withdrawn\)"):
        review_risk_assessment(assessment, by=recruiter, review_due=date(2027, 7, 31), summary="Changed")
    assessment.refresh_from_db()
    assert assessment.summary == "Low"


def test_the_escort_page_shows_a_completed_participant_without_forms_and_refuses_a_post(client, escorting_officer):
    application = on_placement(escorting_officer=escorting_officer, status=ApplicationStatus.COMPLETED)
    record_activity_directly = Activity.objects.create(
        application=application, date=date(2027, 7, 19), kind="licensing", escorting_officer=escorting_officer
    )
    client.force_login(escorting_officer)
    url = reverse("escort_participant", args=[application.pk])

    page = client.get(url).content.decode()
    assert escape(application.applicant.full_name) in page
    assert record_activity_directly.get_kind_display() in page  # the record is still shown
    assert "you can read this record, but not add to it" in page
    assert "Record the activity" not in page and "Record the DRA" not in page

    response = client.post(url, {"save": "activity", "activity-date": "2027-07-20", "activity-kind": "licensing"})
    assert response.status_code == 403
    assert Activity.objects.count() == 1


@pytest.mark.parametrize(
    "status",
    [
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.VETTING,
        ApplicationStatus.CLEARED,
        ApplicationStatus.AGREEMENT_PENDING,
        ApplicationStatus.WITHDRAWN,
        ApplicationStatus.DISCONTINUED,
    ],
)
def test_an_escorting_officer_sees_a_participant_only_once_confirmed(status, client, escorting_officer):
    """Issue 10: not while they are being vetted, nor once withdrawn or discontinued."""
    application = on_placement(escorting_officer=escorting_officer, status=status)
    client.force_login(escorting_officer)
    assert client.get(reverse("escort_participant", args=[application.pk])).status_code == 404
    assert application not in client.get(reverse("escort_participants")).context["participants"]


def test_the_escort_page_still_offers_the_forms_while_the_placement_is_under_way(client, escorting_officer):
    application = on_placement(escorting_officer=escorting_officer, status=ApplicationStatus.ATTENDING)
    client.force_login(escorting_officer)
    page = client.get(reverse("escort_participant", args=[application.pk])).content.decode()
    assert "Record the activity" in page and "Record the DRA" in page


# --- overdue risk-review reminders stop ---------------------------------------------------


def _overdue_assessment(recruiter, **application_fields):
    application = on_placement(**application_fields)
    return RiskAssessment.objects.create(
        application=application,
        owner=recruiter,
        assessed_on=date(2027, 7, 1),
        review_due=date(2027, 7, 18),
        summary="Low risk",
    )


def reminders():
    return Notification.objects.filter(template="placements/day_risk_review_overdue")


def test_reminders_stop_once_the_programmes_last_day_has_passed(recruiter, time_machine):
    _overdue_assessment(recruiter)
    assert remind_overdue_risk_reviews(today=date(2027, 7, 23)) == 1  # the last day: still under way

    for later in (date(2027, 7, 24), date(2030, 7, 20)):  # the day after, and years later
        time_machine.move_to(london(later.year, later.month, later.day, 7, 0), tick=False)
        assert remind_overdue_risk_reviews() == 0
    assert reminders().count() == 1


def test_no_reminder_for_a_finished_programme(recruiter):
    assessment = _overdue_assessment(recruiter)
    programme = assessment.application.programme
    programme.status = ProgrammeStatus.FINISHED
    programme.save()
    assert remind_overdue_risk_reviews(today=date(2027, 7, 20)) == 0
    assert not reminders().exists()


@pytest.mark.parametrize("status", ENDED)
def test_no_reminder_for_a_participant_who_has_left(recruiter, status):
    _overdue_assessment(recruiter, status=status)
    assert remind_overdue_risk_reviews(today=date(2027, 7, 20)) == 0
    assert not reminders().exists()


# --- the register and the diary are in the action log ---------------------------------------------


def test_each_register_entry_is_in_the_action_log_without_its_note(recruiter):
    application = on_placement()
    record = record_attendance(application, by=recruiter, date=date(2027, 7, 19), present=False, note="Dentist at 9")
    record_attendance(application, by=recruiter, date=date(2027, 7, 19), present=True, note="Arrived at 11")

    entries = [(e.actor, e.action, e.to_state) for e in history_for(record).order_by("pk")]
    assert entries == [(recruiter, "record attendance", "absent"), (recruiter, "correct attendance", "present")]
    assert not ActionLog.objects.filter(reason__icontains="dentist").exists()


def test_each_diary_entry_is_in_the_action_log_without_its_text():
    application = on_placement()
    entry = add_diary_entry(
        application, by=application.applicant, date=date(2027, 7, 20), text="Sat in on a licensing visit."
    )
    [logged] = history_for(entry)
    assert (logged.actor, logged.action, logged.reason) == (application.applicant, "add diary entry", "")
    assert not ActionLog.objects.filter(reason__icontains="licensing").exists()
