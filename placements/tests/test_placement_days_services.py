"""The placement days' services (Work Experience Protocol 3.3.2, 3.4.3, 3.5): escorting
officers, activities, the Student Placement Risk Assessment and its reminders, DRAs,
confirming attendance and its chasing, the daily register and the diary."""

from datetime import date, datetime, timedelta

import pytest
from django.db import IntegrityError, connection
from django.utils import timezone

from accounts.models import ActionLog
from accounts.roles import Role
from kentplacements.celery import app
from kentplacements.workflow import DomainError
from notifications.models import Notification
from placements import tasks
from placements.enums import ApplicationStatus
from placements.models import Activity, AttendanceRecord, DiaryEntry
from placements.services.placement_days import (
    add_diary_entry,
    assign_escorting_officer,
    chase_attendance_confirmations,
    confirm_attendance,
    record_activity,
    record_attendance,
    record_dra,
    record_register,
    record_risk_assessment,
    remind_overdue_risk_reviews,
    review_risk_assessment,
)
from tests.factories import UserFactory

from .matrix_placement_days import awaiting_attendance, on_placement
from .work_experience_factories import ready_for_activities

pytestmark = pytest.mark.django_db

FIRST_DAY = date(2027, 7, 19)  # ProgrammeFactory's programme runs 19–23 July 2027


def london(*args):
    return timezone.make_aware(datetime(*args))


def mails(template):
    return list(Notification.objects.filter(template=f"placements/{template}").order_by("pk"))


@pytest.fixture
def application(escorting_officer):
    return on_placement(escorting_officer=escorting_officer)


@pytest.fixture
def on_the_day(time_machine):
    time_machine.move_to(london(2027, 7, 20, 15, 0), tick=False)


# --- the escorting officer ------------------------------------------------------------------


def test_the_recruitment_team_assigns_an_escorting_officer(recruiter, escorting_officer):
    application = on_placement()
    assign_escorting_officer(application, by=recruiter, officer=escorting_officer)
    application.refresh_from_db()
    assert application.escorting_officer == escorting_officer
    assert ActionLog.objects.filter(action="assign_escorting_officer").count() == 1


def test_only_an_escorting_officer_can_be_assigned(recruiter, student_officer):
    with pytest.raises(DomainError, match="is not an escorting officer"):
        assign_escorting_officer(on_placement(), by=recruiter, officer=student_officer)


def test_an_escorting_officer_cannot_assign_themselves(escorting_officer):
    with pytest.raises(DomainError, match="Only the Corporate Recruitment Team"):
        assign_escorting_officer(on_placement(), by=escorting_officer, officer=escorting_officer)


# --- activities (3.5.2, 3.5.6) ------------------------------------------------------------------


@pytest.fixture
def started(application, escorting_officer):
    """Briefed and risk-assessed: ready for its first activity."""
    ready_for_activities(application, escorting_officer)
    return application


def test_the_escorting_officer_records_an_allowed_activity(started, escorting_officer):
    application = started
    activity = record_activity(
        application, by=escorting_officer, date=FIRST_DAY, kind="licensing", notes=" Pub visit. "
    )
    assert (activity.kind, activity.escorting_officer, activity.notes) == ("licensing", escorting_officer, "Pub visit.")


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("erv_deployment", "Deployment in an Emergency Response Vehicle (ERV)"),
        ("harmful_call", "A call with potential for physical or psychological harm"),
        ("sudden_death", "A sudden death"),
        ("post_mortem", "A post mortem"),
    ],
)
def test_forbidden_activities_are_refused_citing_the_protocol(application, escorting_officer, kind, message):
    with pytest.raises(DomainError) as refused:
        record_activity(application, by=escorting_officer, date=FIRST_DAY, kind=kind)
    assert str(refused.value) == f"Protocol 3.5.2: work-experience participants are never allowed this: {message}."
    assert not Activity.objects.exists()


def test_an_unknown_activity_is_refused(application, escorting_officer):
    with pytest.raises(DomainError, match=r"Protocol 3\.5\.6"):
        record_activity(application, by=escorting_officer, date=FIRST_DAY, kind="firearms_range")


def test_the_database_refuses_a_forbidden_activity_written_directly(application, escorting_officer):
    with pytest.raises(IntegrityError, match="activity_kind_allowed"), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO placements_activity (application_id, date, kind, escorting_officer_id, notes, location) "
            "VALUES (%s, %s, %s, %s, '', 'on_site')",
            [application.pk, FIRST_DAY, "erv_deployment", escorting_officer.pk],
        )


def test_another_escorting_officer_cannot_record_for_someone_elses_participant(application):
    other = UserFactory(roles=[Role.ESCORTING_OFFICER])
    with pytest.raises(DomainError, match="Only the participant's escorting officer"):
        record_activity(application, by=other, date=FIRST_DAY, kind="licensing")


# --- the Student Placement Risk Assessment (3.5.4) ----------------------------------------------


def _assess(application, by, **fields):
    values = {"owner": by, "assessed_on": date(2027, 7, 1), "review_due": date(2027, 7, 18), "summary": "Low risk"}
    return record_risk_assessment(application, by=by, **{**values, **fields})


def test_the_recruitment_team_records_the_risk_assessment_once(application, recruiter):
    assessment = _assess(application, recruiter)
    assert (assessment.owner, assessment.review_due) == (recruiter, date(2027, 7, 18))
    with pytest.raises(DomainError, match="already has a Student Placement Risk Assessment"):
        _assess(application, recruiter)


def test_the_review_date_cannot_come_before_the_assessment(application, recruiter):
    with pytest.raises(DomainError, match="on or after the date of the assessment"):
        _assess(application, recruiter, review_due=date(2027, 6, 30))


def test_a_review_sets_the_next_due_date(application, escorting_officer, time_machine):
    time_machine.move_to(london(2027, 7, 18, 9, 0), tick=False)
    assessment = _assess(application, escorting_officer)
    review_risk_assessment(assessment, by=escorting_officer, review_due=date(2027, 7, 21), summary="Still low")
    assessment.refresh_from_db()
    assert (assessment.review_due, assessment.last_reviewed_on, assessment.summary) == (
        date(2027, 7, 21),
        date(2027, 7, 18),
        "Still low",
    )


def test_the_next_review_cannot_be_due_in_the_past(application, recruiter, time_machine):
    time_machine.move_to(london(2027, 7, 19, 9, 0), tick=False)
    assessment = _assess(application, recruiter)
    with pytest.raises(DomainError, match=r"The next review must be due on or after 19 July 2027\."):
        review_risk_assessment(assessment, by=recruiter, review_due=date(2027, 7, 18), summary="Late")


def test_an_overdue_review_reminds_its_owner_once_a_day(application, recruiter):
    assessment = _assess(application, recruiter)
    _assess(on_placement(), recruiter, review_due=date(2027, 7, 19))  # due today: not overdue yet

    assert remind_overdue_risk_reviews(today=date(2027, 7, 19)) == 1
    assert remind_overdue_risk_reviews(today=date(2027, 7, 19)) == 0  # run again the same day
    assert remind_overdue_risk_reviews(today=date(2027, 7, 20)) == 2  # the next day: both overdue

    first = mails("day_risk_review_overdue")[0]
    assert first.recipient == recruiter.email
    assert first.subject == f"Student Placement Risk Assessment review overdue: {application.applicant.full_name}"
    assert "was due for review on Sunday 18 July 2027" in first.body_text
    assert f"/work-experience/staff/participants/{application.pk}/" in first.body_text
    assessment.refresh_from_db()
    assert assessment.last_reminded_on == date(2027, 7, 20)


def test_a_reviewed_assessment_is_no_longer_chased(application, recruiter, time_machine):
    time_machine.move_to(london(2027, 7, 19, 9, 0), tick=False)
    assessment = _assess(application, recruiter)
    review_risk_assessment(assessment, by=recruiter, review_due=date(2027, 7, 22), summary="Reviewed")
    assert remind_overdue_risk_reviews() == 0


# --- DRAs (3.5.5) -------------------------------------------------------------------------------


def test_the_escorting_officer_records_a_dra(application, escorting_officer, on_the_day):
    dra = record_dra(
        application,
        by=escorting_officer,
        occurred_at=london(2027, 7, 20, 11, 30),
        event="A member of the public became aggressive at the front counter.",
        hazards="Verbal abuse",
        controls="Participant moved to the back office",
    )
    assert (dra.recorded_by, dra.application) == (escorting_officer, application)


def test_a_dra_cannot_be_dated_in_the_future(application, escorting_officer, on_the_day):
    with pytest.raises(DomainError, match="cannot be in the future"):
        record_dra(
            application,
            by=escorting_officer,
            occurred_at=london(2027, 7, 20, 16, 0),
            event="e",
            hazards="h",
            controls="c",
        )


# --- confirming attendance (3.3.2) ----------------------------------------------------------------


@pytest.fixture
def answering(escorting_officer):
    """The joining instructions have gone; the place waits for the applicant's answer."""
    return awaiting_attendance(escorting_officer=escorting_officer)


def test_the_applicant_confirms_attendance_once(answering):
    application = answering
    confirm_attendance(application, by=application.applicant)
    first = application.attendance_confirmed_at
    confirm_attendance(application, by=application.applicant)
    assert first is not None and application.attendance_confirmed_at == first
    assert ActionLog.objects.filter(action="confirm_attendance").count() == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"joining_instructions_sent_at": None},
        # Protocol 3.3.2: attendance comes before the place is confirmed, never after
        {"status": ApplicationStatus.CONFIRMED},
    ],
)
def test_attendance_is_confirmed_only_while_the_joining_instructions_wait_for_it(fields):
    application = awaiting_attendance(**fields)
    with pytest.raises(DomainError, match="once we have sent your joining instructions"):
        confirm_attendance(application, by=application.applicant)


def test_only_the_applicant_confirms_attendance(answering, recruiter):
    with pytest.raises(DomainError, match="Only the applicant"):
        confirm_attendance(answering, by=recruiter)


# The deadline: 19 July − 7 days = 12 July 2027.
@pytest.mark.parametrize("day", [date(2027, 7, 9), date(2027, 7, 1)])
def test_no_chasing_more_than_two_days_before_the_deadline(answering, day):
    assert chase_attendance_confirmations(now=london(day.year, day.month, day.day, 8, 0)) == 0
    assert mails("day_attendance_reminder") == []


def test_the_applicant_is_reminded_once_then_staff_are_told_once(answering, recruiter):
    application = answering
    for day in (10, 11, 12):
        chase_attendance_confirmations(now=london(2027, 7, day, 8, 0))
    [reminder] = mails("day_attendance_reminder")
    assert reminder.recipient == application.applicant.email
    assert reminder.subject == f"Please confirm you will attend {application.programme.title} by 12 July"
    assert f"/work-experience/attendance/{application.pk}/" in reminder.body_text
    assert mails("day_attendance_flag") == []

    for day in (13, 14):
        chase_attendance_confirmations(now=london(2027, 7, day, 8, 0))
    [flag] = mails("day_attendance_flag")
    assert flag.recipient == recruiter.email
    assert f"{application.applicant.full_name} has not confirmed they will attend" in flag.body_text
    application.refresh_from_db()
    assert application.attendance_reminded_at == london(2027, 7, 10, 8, 0)
    assert application.attendance_flagged_at == london(2027, 7, 13, 8, 0)


def test_a_confirmed_attendance_is_not_chased(answering, recruiter):
    confirm_attendance(answering, by=answering.applicant)
    assert chase_attendance_confirmations(now=london(2027, 7, 13, 8, 0)) == 0
    assert mails("day_attendance_flag") == []


def test_a_confirmed_place_is_not_chased(application, recruiter):
    """Its attendance was confirmed before the place (protocol 3.3.2): nothing to chase."""
    assert chase_attendance_confirmations(now=london(2027, 7, 13, 8, 0)) == 0


def test_celery_beat_runs_the_daily_tasks(application, answering, recruiter, time_machine):
    assert app.conf.beat_schedule["risk-review-reminders"]["task"] == "placements.tasks.remind_overdue_risk_reviews"
    entry = app.conf.beat_schedule["attendance-confirmations"]
    assert entry["task"] == "placements.tasks.chase_attendance_confirmations"
    time_machine.move_to(london(2027, 7, 13, 8, 0), tick=False)
    _assess(application, recruiter)

    tasks.chase_attendance_confirmations.delay()
    tasks.remind_overdue_risk_reviews.delay()

    assert len(mails("day_attendance_flag")) == 1
    assert len(mails("day_risk_review_overdue")) == 0  # not due until the 18th


# --- the daily register -----------------------------------------------------------------------


def test_the_register_records_a_day_once_and_corrects_it(application, recruiter):
    record_attendance(application, by=recruiter, date=FIRST_DAY, present=False, note="Unwell")
    record_attendance(application, by=recruiter, date=FIRST_DAY, present=True, note="")
    record = AttendanceRecord.objects.get()
    assert (record.present, record.note, record.recorded_by) == (True, "", recruiter)


def test_the_register_is_saved_whole_or_not_at_all(application, recruiter):
    august = on_placement(programme__starts_on=date(2027, 8, 2), programme__ends_on=date(2027, 8, 6))
    with pytest.raises(DomainError, match="not one of the programme's days"):
        record_register(by=recruiter, date=FIRST_DAY, entries=[(application, True, ""), (august, False, "")])
    assert not AttendanceRecord.objects.exists()
    assert len(record_register(by=recruiter, date=FIRST_DAY, entries=[(application, True, "")])) == 1


def test_only_the_recruitment_team_keeps_the_register(application, escorting_officer):
    with pytest.raises(DomainError, match="Only the Corporate Recruitment Team"):
        record_register(by=escorting_officer, date=FIRST_DAY, entries=[(application, True, "")])


def test_the_register_refuses_a_day_outside_the_programme(application, recruiter):
    with pytest.raises(DomainError, match="not one of the programme's days"):
        record_attendance(application, by=recruiter, date=FIRST_DAY - timedelta(days=1), present=True)


# --- the diary (3.4.3) ------------------------------------------------------------------------


def test_the_diary_keeps_clean_notes_and_refuses_personal_data(application):
    applicant = application.applicant
    add_diary_entry(application, by=applicant, date=FIRST_DAY, text="Shadowed the licensing team at 10:30.")
    with pytest.raises(DomainError, match=r"Protocol 3.4.3: remove the personal data first \(AB12 CDE\)"):
        add_diary_entry(application, by=applicant, date=FIRST_DAY, text="Checked car AB12 CDE.")
    assert list(DiaryEntry.objects.values_list("text", flat=True)) == ["Shadowed the licensing team at 10:30."]


def test_nobody_else_writes_in_the_diary(application, escorting_officer):
    with pytest.raises(DomainError, match="Only the participant"):
        add_diary_entry(application, by=escorting_officer, date=FIRST_DAY, text="Notes")
