"""The training course (issue 11; seed 002: "training will start at the end of April which
will take place over five weekends over a 10 week period"): set up from the campaign's date,
weekends moved within sanity checks (the trainees emailed), each weekend's register kept once
it has started, and the training completed only by a trainee who attended every weekend,
who is then emailed a welcome. The team's pages: errors next to the field, what was typed
kept, the page's queries the same for 1 trainee and 50; the trainee's weekends on their page."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts.demo import demo_email
from accounts.models import ActionLog, User
from kentplacements.workflow import DomainError
from notifications.models import Notification
from placements.tests.form_markup import error_under_field
from tests.test_reachability import demo  # noqa: F401  (a fixture: the demo data)
from volunteers.demo import CAMPAIGN_TITLE
from volunteers.enums import VolunteerApplicationStatus
from volunteers.models import RecruitmentCampaign, TrainingAttendance, TrainingCourse
from volunteers.services.training import (
    DEFAULT_PLACE,
    complete_training,
    record_attendance,
    record_register,
    reschedule_session,
    set_up_training,
)

from .factories import (
    OpenCampaignFactory,
    TraineeFactory,
    VolunteerApplicationFactory,
    attendance,
    trainee_due_to_complete,
    training_course,
)

pytestmark = pytest.mark.django_db
S = VolunteerApplicationStatus
# Seed 002's pilot: training "at the end of April", a Wednesday in 2027.
END_OF_APRIL = date(2027, 4, 28)


def local(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def logged(action, obj):
    return ActionLog.objects.filter(action=action, object_id=str(obj.pk))


def in_a_month():
    return timezone.localdate() + timedelta(days=30)


# --- set up -----------------------------------------------------------------------------------


def test_five_weekends_over_ten_weeks_from_the_first_saturday_after_the_training_date(recruiter, time_machine):
    time_machine.move_to(local(date(2027, 1, 9), 10))
    campaign = OpenCampaignFactory(training_starts_on=END_OF_APRIL)
    course = set_up_training(campaign, by=recruiter)
    weekends = list(course.sessions.all())
    assert [timezone.localtime(s.starts_at) for s in weekends] == [
        local(date(2027, 5, 1), 9),
        local(date(2027, 5, 15), 9),
        local(date(2027, 5, 29), 9),
        local(date(2027, 6, 12), 9),
        local(date(2027, 6, 26), 9),
    ]
    assert all(timezone.localtime(s.ends_at) == local(s.starts_at.date() + timedelta(days=1), 16, 30) for s in weekends)
    assert {s.location for s in weekends} == {DEFAULT_PLACE}
    assert (weekends[-1].ends_at - weekends[0].starts_at).days < 10 * 7
    assert logged("set_up_training", campaign).get().reason == "5 weekends from Saturday 1 May 2027"


def test_a_saturday_is_its_own_first_weekend(recruiter):
    saturday = in_a_month() + timedelta(days=(5 - in_a_month().weekday()) % 7)
    course = set_up_training(OpenCampaignFactory(), by=recruiter, starts_on=saturday)
    assert timezone.localdate(course.sessions.first().starts_at) == saturday


@pytest.mark.parametrize(
    ("training_starts_on", "problem"),
    [(None, "no training date yet"), (date(2062, 4, 28), "Check the year")],
)
def test_no_course_without_a_plausible_start(recruiter, training_starts_on, problem):
    campaign = OpenCampaignFactory(training_starts_on=training_starts_on)
    with pytest.raises(DomainError, match=problem):
        set_up_training(campaign, by=recruiter)
    assert not TrainingCourse.objects.exists()


def test_a_campaign_has_one_course(recruiter):
    campaign = OpenCampaignFactory(training_starts_on=in_a_month())
    set_up_training(campaign, by=recruiter)
    with pytest.raises(DomainError, match="already set up"):
        set_up_training(campaign, by=recruiter)
    assert TrainingCourse.objects.count() == 1


# --- moving a weekend ----------------------------------------------------------------------------


def test_a_weekend_moved_is_logged_and_each_trainee_emailed(recruiter):
    trainee = TraineeFactory(applicant__email="tia@example.org")
    TraineeFactory(campaign=trainee.campaign, status=S.SUBMITTED)  # not a trainee: not emailed
    weekend = training_course(trainee.campaign, starts_on=in_a_month()).sessions.first()
    starts = weekend.starts_at + timedelta(days=7)
    reschedule_session(
        weekend,
        by=recruiter,
        starts_at=starts,
        ends_at=starts + timedelta(hours=30),
        location=" Tonbridge Police Station ",
    )
    weekend.refresh_from_db()
    assert (weekend.starts_at, weekend.location) == (starts, "Tonbridge Police Station")
    assert logged("reschedule_training_session", weekend).get().reason.startswith("Was ")
    [email] = Notification.objects.filter(template="volunteers/volunteer_training_moved")
    assert email.recipient == "tia@example.org"
    assert weekend.when() in email.body_text and "Tonbridge Police Station" in email.body_text


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"hours": -1}, "end after it starts"),
        ({"hours": 80}, "three days at most"),
        ({"location": "  "}, "where the training"),
        ({"years": 40}, "Check the year"),
    ],
)
def test_a_weekend_is_not_moved_to_impossible_times(recruiter, change, problem):
    weekend = training_course(OpenCampaignFactory(), starts_on=in_a_month()).sessions.first()
    starts = weekend.starts_at + timedelta(days=365 * change.get("years", 0))
    with pytest.raises(DomainError, match=problem):
        reschedule_session(
            weekend,
            by=recruiter,
            starts_at=starts,
            ends_at=starts + timedelta(hours=change.get("hours", 30)),
            location=change.get("location", "Maidstone"),
        )
    assert not ActionLog.objects.filter(action="reschedule_training_session").exists()


def test_a_weekend_with_its_register_kept_keeps_its_dates(recruiter):
    trainee = TraineeFactory()
    course = training_course(trainee.campaign)
    attendance(course, trainee, True)
    weekend = course.sessions.first()
    with pytest.raises(DomainError, match="register is kept"):
        reschedule_session(
            weekend, by=recruiter, starts_at=weekend.starts_at, ends_at=weekend.ends_at, location="Elsewhere"
        )


# --- the register ---------------------------------------------------------------------------------


def test_the_register_is_kept_once_the_weekend_has_started(recruiter):
    trainee = TraineeFactory()
    coming = training_course(trainee.campaign, starts_on=in_a_month()).sessions.first()
    with pytest.raises(DomainError, match="has not started"):
        record_attendance(coming, trainee, True, by=recruiter)
    assert not TrainingAttendance.objects.exists()


def test_a_correction_is_logged_and_the_same_answer_again_is_not(recruiter):
    trainee = TraineeFactory()
    weekend = training_course(trainee.campaign).sessions.first()
    record_attendance(weekend, trainee, False, by=recruiter)
    record_attendance(weekend, trainee, True, by=recruiter)
    record_attendance(weekend, trainee, True, by=recruiter)
    row = TrainingAttendance.objects.get()
    assert (row.attended, row.recorded_by) == (True, recruiter)
    saturday = f"{timezone.localtime(weekend.starts_at):%-d %B %Y}"
    assert list(logged("record_training_attendance", trainee).order_by("pk").values_list("reason", flat=True)) == [
        f"Weekend of {saturday}: did not attend",
        f"Weekend of {saturday}: attended",
    ]


@pytest.mark.parametrize("who", ["not in training", "another campaign's trainee"])
def test_only_the_course_s_trainees_are_registered(recruiter, who):
    weekend = training_course(OpenCampaignFactory()).sessions.first()
    if who == "not in training":
        person = VolunteerApplicationFactory(campaign=weekend.course.campaign, status=S.VETTING)
        problem = "is not in training: their application is Vetting"
    else:
        person, problem = TraineeFactory(), "not a trainee of this course"
    with pytest.raises(DomainError, match=problem):
        record_attendance(weekend, person, True, by=recruiter)


def test_a_weekend_s_register_marks_the_ticked_attended_and_the_others_not(recruiter):
    ann = TraineeFactory()
    bob = TraineeFactory(campaign=ann.campaign)
    weekend = training_course(ann.campaign).sessions.first()
    record_register(weekend, {ann.pk}, by=recruiter)
    assert dict(TrainingAttendance.objects.values_list("application_id", "attended")) == {ann.pk: True, bob.pk: False}


# --- completing the training -------------------------------------------------------------------


def test_a_trainee_who_attended_every_weekend_becomes_an_active_volunteer_and_is_welcomed(recruiter):
    trainee = trainee_due_to_complete(
        applicant__email="tia@example.org", campaign__role__name="Community Policing Volunteer"
    )
    complete_training(trainee, by=recruiter)
    trainee.refresh_from_db()
    assert trainee.status == S.ACTIVE
    entry = logged("complete_training", trainee).get()
    assert (entry.from_state, entry.to_state, entry.actor) == (S.IN_TRAINING, S.ACTIVE, recruiter)
    email = Notification.objects.get(template="volunteers/volunteer_welcome")
    assert email.recipient == "tia@example.org"
    assert email.subject == "Welcome: you are now a Community Policing Volunteer"
    assert "completed your training" in email.body_text and "16 hours a month" in email.body_text


def test_completing_without_every_weekend_attended_is_refused_saying_which(recruiter):
    trainee = TraineeFactory(applicant__full_name="Tia Trainee")
    course = training_course(trainee.campaign)
    attendance(course, trainee, True, False, True)  # the last two weekends not registered
    _first, second, _third, fourth, fifth = (
        f"{timezone.localtime(s.starts_at):%-d %B %Y}" for s in course.sessions.all()
    )
    with pytest.raises(DomainError) as refusal:
        complete_training(trainee, by=recruiter)
    assert str(refusal.value) == (
        f"Tia Trainee cannot complete the training yet: every weekend must be attended "
        f"(absent on {second}; no attendance recorded for {fourth}, {fifth})."
    )
    trainee.refresh_from_db()
    assert trainee.status == S.IN_TRAINING
    assert not Notification.objects.filter(template="volunteers/volunteer_welcome").exists()


def test_no_completion_without_a_course_or_for_someone_not_in_training(recruiter):
    with pytest.raises(DomainError, match="not set up yet"):
        complete_training(TraineeFactory(), by=recruiter)
    with pytest.raises(DomainError, match="not in training"):
        complete_training(trainee_due_to_complete(status=S.OFFERED, offered_at=timezone.now()), by=recruiter)


# --- the team's pages ---------------------------------------------------------------------------


def training_page(campaign):
    return reverse("volunteer_staff_training", args=[campaign.pk])


def test_the_training_page_is_linked_from_the_campaigns_and_a_trainee_s_page(client, recruiter):
    trainee = TraineeFactory()
    client.force_login(recruiter)
    assertContains(client.get(reverse("volunteer_staff_campaigns")), training_page(trainee.campaign))
    assertContains(
        client.get(reverse("volunteer_staff_application", args=[trainee.pk])), training_page(trainee.campaign)
    )


def test_the_team_sets_up_the_training_keeping_a_date_typed_wrong(client, recruiter):
    campaign = OpenCampaignFactory(training_starts_on=END_OF_APRIL)
    client.force_login(recruiter)
    page = client.get(training_page(campaign))
    assertContains(page, 'value="2027-04-28"')
    url = reverse("volunteer_staff_training_set_up", args=[campaign.pk])
    response = client.post(url, {"starts_on": "31/02/2027"})
    assertContains(response, error_under_field("starts_on", "Enter a real date, like 25/04/2027."), html=True)
    assertContains(response, 'value="31/02/2027"')
    assert not TrainingCourse.objects.exists()
    assertRedirects(client.post(url, {"starts_on": "2027-04-28"}), training_page(campaign))
    assert campaign.training_course.sessions.count() == 5
    assertRedirects(
        client.post(url, {"starts_on": "2027-04-28"}), training_page(campaign), fetch_redirect_response=False
    )
    assert TrainingCourse.objects.count() == 1


def test_a_weekend_s_dates_are_changed_on_its_page_with_errors_next_to_the_field(client, recruiter):
    trainee = TraineeFactory()
    weekend = training_course(trainee.campaign, starts_on=in_a_month()).sessions.first()
    client.force_login(recruiter)
    url = reverse("volunteer_staff_training_session", args=[weekend.pk])
    assertContains(client.get(training_page(trainee.campaign)), url)
    typed = {"starts_at": "2027-13-01T09:00", "ends_at": "2027-05-02T16:30", "location": "Tonbridge"}
    response = client.post(url, typed)
    assertContains(
        response, error_under_field("starts_at", "Enter a real date and a time, like 25/04/2027 09:00."), html=True
    )
    assertContains(response, 'value="2027-13-01T09:00"')
    assertContains(response, 'value="Tonbridge"')
    starts = timezone.localtime(weekend.starts_at)
    backwards = {
        **typed,
        "starts_at": f"{starts:%Y-%m-%dT%H:%M}",
        "ends_at": f"{starts - timedelta(hours=1):%Y-%m-%dT%H:%M}",
    }
    assertContains(
        client.post(url, backwards), error_under_field("ends_at", "The weekend must end after it starts."), html=True
    )
    good = {**backwards, "ends_at": f"{starts + timedelta(hours=31):%Y-%m-%dT%H:%M}"}
    assertRedirects(client.post(url, good), training_page(trainee.campaign))
    weekend.refresh_from_db()
    assert weekend.location == "Tonbridge"
    assert Notification.objects.get(template="volunteers/volunteer_training_moved").recipient == trainee.applicant.email


def test_a_register_is_a_form_per_started_weekend_with_a_tick_box_per_trainee(client, recruiter):
    ann = TraineeFactory(applicant__full_name="Ann Attended")
    bob = TraineeFactory(campaign=ann.campaign, applicant__full_name="Bob Absent")
    course = training_course(ann.campaign, starts_on=timezone.localdate() - timedelta(weeks=5))
    started = [s for s in course.sessions.all() if s.starts_at <= timezone.now()]
    coming = [s for s in course.sessions.all() if s.starts_at > timezone.now()]
    client.force_login(recruiter)
    page = client.get(training_page(ann.campaign)).content.decode()
    assert page.count("Save the register of") == len(started) and coming
    assert "The register opens when the weekend starts." in page
    url = reverse("volunteer_staff_training_register", args=[started[0].pk])
    prefix = f"weekend-{started[0].pk}"
    assertRedirects(client.post(url, {f"{prefix}-attended": [ann.pk]}), training_page(ann.campaign))
    assert dict(TrainingAttendance.objects.values_list("application_id", "attended")) == {ann.pk: True, bob.pk: False}
    ticked = (
        f'<input type="checkbox" class="form-check-input" name="{prefix}-attended" value="{ann.pk}" '
        f'id="id_{prefix}-attended_0" checked>'
    )
    assertContains(client.get(training_page(ann.campaign)), ticked, html=True)


def test_a_register_of_a_weekend_to_come_or_with_a_stranger_ticked_saves_nothing(client, recruiter):
    trainee = TraineeFactory()
    course = training_course(trainee.campaign, starts_on=in_a_month())
    client.force_login(recruiter)
    coming = course.sessions.first()
    response = client.post(
        reverse("volunteer_staff_training_register", args=[coming.pk]), {f"weekend-{coming.pk}-attended": [trainee.pk]}
    )
    assertContains(response, "has not started: keep its register once it has")
    stranger = TraineeFactory()
    past = training_course(stranger.campaign).sessions.first()
    TraineeFactory(campaign=stranger.campaign)
    response = client.post(
        reverse("volunteer_staff_training_register", args=[past.pk]), {f"weekend-{past.pk}-attended": [trainee.pk]}
    )
    assertContains(response, "Someone ticked is no longer in training.")
    assert not TrainingAttendance.objects.exists()


def test_complete_training_is_offered_when_due_and_refused_otherwise(client, recruiter):
    due = trainee_due_to_complete(applicant__full_name="Dee Due")
    missing = TraineeFactory(campaign=due.campaign, applicant__full_name="Mo Missing")
    attendance(due.campaign.training_course, missing, True, False)
    client.force_login(recruiter)
    page = client.get(training_page(due.campaign)).content.decode()
    assert f'aria-describedby="missing-{missing.pk}"' in page and f'aria-describedby="missing-{due.pk}"' not in page
    assert "Not yet: absent on" in page
    response = client.post(reverse("volunteer_staff_complete_training", args=[missing.pk]), follow=True)
    assertContains(response, "Mo Missing cannot complete the training yet")
    response = client.post(reverse("volunteer_staff_complete_training", args=[due.pk]), follow=True)
    assertContains(response, "Dee Due has completed the training and is now an active volunteer")
    due.refresh_from_db()
    missing.refresh_from_db()
    assert (due.status, missing.status) == (S.ACTIVE, S.IN_TRAINING)
    completed = response.content.decode().split('id="completed-heading"')[1]
    assert reverse("volunteer_staff_application", args=[due.pk]) in completed


def test_the_training_page_costs_the_same_queries_for_one_trainee_and_fifty(
    client, recruiter, assert_query_count_constant
):
    campaign = OpenCampaignFactory()
    course = training_course(campaign)

    def make_rows(n):
        for _ in range(n):
            attendance(course, TraineeFactory(campaign=campaign), True, False)
            attendance(course, VolunteerApplicationFactory(campaign=campaign, status=S.ACTIVE))

    client.force_login(recruiter)
    assert_query_count_constant(client, training_page(campaign), make_rows, queries=15)


# --- the trainee's page -----------------------------------------------------------------------------


def test_the_trainee_sees_their_weekends_and_what_they_attended(client):
    trainee = TraineeFactory()
    course = training_course(trainee.campaign)
    attendance(course, trainee, True, False)
    other = TraineeFactory(campaign=trainee.campaign)
    attendance(course, other, False, True)
    first, second, third, *_ = course.sessions.all()
    client.force_login(trainee.applicant)
    page = client.get(reverse("volunteer_my_applications")).content.decode()
    assert "Your training weekends" in page
    assert f"{first.when()}, {first.location}: attended" in page
    assert f"{second.when()}, {second.location}: not attended" in page
    assert f"{third.when()}, {third.location}</li>" in page


def test_an_applicant_not_in_training_sees_no_weekends(client):
    application = VolunteerApplicationFactory(status=S.OFFERED, offered_at=timezone.now())
    training_course(application.campaign)
    client.force_login(application.applicant)
    assertNotContains(client.get(reverse("volunteer_my_applications")), "Your training weekends")


def test_the_demo_gives_the_recruiter_a_course_trainees_and_a_volunteer_with_a_power(client, demo):  # noqa: F811
    campaign = RecruitmentCampaign.objects.get(title=CAMPAIGN_TITLE)
    client.force_login(User.objects.get(email=demo_email("recruiter")))
    page = client.get(training_page(campaign)).content.decode()
    trainees = page.split('id="trainees-heading"')[1].split('id="registers-heading"')[0]
    assert (
        "Ari Trainee" in trainees
        and "5 of 5" in trainees
        and "Bo Trainee" in trainees
        and "Not yet: absent on" in trainees
    )
    assert "Cal Volunteer" in page.split('id="completed-heading"')[1]
    cal = campaign.applications.get(status=S.ACTIVE)
    assertContains(client.get(reverse("volunteer_staff_application", args=[cal.pk])), "Request the name and address")


def test_a_weekend_with_its_register_kept_shows_no_form_and_refuses_a_late_change(client, recruiter):
    trainee = TraineeFactory()
    course = training_course(trainee.campaign)
    attendance(course, trainee, True)
    weekend = course.sessions.first()
    client.force_login(recruiter)
    url = reverse("volunteer_staff_training_session", args=[weekend.pk])
    assertContains(client.get(url), "This weekend's register is kept")
    starts = timezone.localtime(weekend.starts_at)
    sent = {
        "starts_at": f"{starts:%Y-%m-%dT%H:%M}",
        "ends_at": f"{starts + timedelta(hours=30):%Y-%m-%dT%H:%M}",
        "location": "Elsewhere",
    }
    assertContains(client.post(url, sent), "There is a problem")
    weekend.refresh_from_db()
    assert weekend.location != "Elsewhere"
