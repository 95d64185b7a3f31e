"""A campaign's dashboard (issue 11): the funnel, the time in each stage worked out from the
action log, the interview times' use and where applications ended, as tables (a chart of
the same figures) and as a CSV in words; linked from the team's campaign list; the same
number of queries for 1 application and 50; one more section is one more function."""

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from volunteers import dashboard
from volunteers.dashboard import Section
from volunteers.enums import CampaignStatus, VolunteerApplicationStatus
from volunteers.services.applications import (
    reject_application,
    shortlist_application,
    submit_application,
    withdraw_application,
)
from volunteers.services.interviews import book_interview, record_interview_outcome

from .factories import InterviewingCampaignFactory, InterviewSlotFactory, VolunteerApplicationFactory
from .test_applications import ANSWERS

pytestmark = pytest.mark.django_db
S = VolunteerApplicationStatus
T0 = datetime(2027, 1, 4, 10, 0, tzinfo=UTC)  # London is on GMT in January and February
INTERVIEW = datetime(2027, 2, 15, 10, 0, tzinfo=UTC)


def day(n, hours=0):
    return T0 + timedelta(days=n, hours=hours)


@pytest.fixture
def campaign(recruiter, time_machine):
    """Five applications moved by the services on known days (a role with neither the fitness
    test nor the medical certificate), three interview times, the page read at 12:00 on the
    first interview day:

    - Ann: submitted day 0, shortlisted day 2, booked day 6, passed the interview (interviewed)
    - Ben: submitted day 0, shortlisted day 2, withdrew day 5
    - Cat: submitted day 1, shortlisted day 2 (still shortlisted)
    - Dev: submitted day 0, not taken further day 3
    - Eve: submitted day 4 (still submitted)"""
    time_machine.move_to(T0, tick=False)
    campaign = InterviewingCampaignFactory(
        title="West Division pilot",
        opens_at=day(-1),
        closes_at=day(30),
        interviews_start_on=date(2027, 2, 15),
        interviews_end_on=date(2027, 2, 26),
    )
    booked = InterviewSlotFactory(campaign=campaign, starts_at=INTERVIEW, ends_at=INTERVIEW + timedelta(minutes=45))
    for starts_at in (INTERVIEW + timedelta(hours=1), INTERVIEW + timedelta(days=1)):  # past unused, then free
        InterviewSlotFactory(campaign=campaign, starts_at=starts_at, ends_at=starts_at + timedelta(minutes=45))
    people = {name: UserFactory(full_name=f"{name} Applicant") for name in ("Ann", "Ben", "Cat", "Dev", "Eve")}

    def apply(name):
        return submit_application(campaign, people[name], {**ANSWERS})

    ann, ben, dev = apply("Ann"), apply("Ben"), apply("Dev")
    time_machine.move_to(day(1), tick=False)
    cat = apply("Cat")
    time_machine.move_to(day(2), tick=False)
    ann, ben, cat = (shortlist_application(a, by=recruiter) for a in (ann, ben, cat))
    time_machine.move_to(day(3), tick=False)
    reject_application(dev, by=recruiter, reason="We could not offer an interview to every applicant.")
    time_machine.move_to(day(4), tick=False)
    apply("Eve")
    time_machine.move_to(day(5), tick=False)
    withdraw_application(ben, by=ben.applicant)
    time_machine.move_to(day(6), tick=False)
    book_interview(ann, booked, by=ann.applicant)
    time_machine.move_to(INTERVIEW, tick=False)
    ann.refresh_from_db()
    record_interview_outcome(ann, by=recruiter, passed=True)
    time_machine.move_to(INTERVIEW + timedelta(hours=2), tick=False)
    return campaign


def sections_of(campaign):
    return {section.slug: section for section in dashboard.campaign_dashboard(campaign, INTERVIEW + timedelta(hours=2))}


def test_the_funnel_counts_who_reached_each_stage_and_who_is_there_now(campaign):
    funnel = sections_of(campaign)["funnel"]
    assert funnel.columns == ("Stage", "Reached this stage", "Now at this stage")
    # the role needs neither the fitness test nor the medical certificate: not its stages
    assert funnel.rows == [
        ("Submitted", 5, 1),
        ("Shortlisted", 3, 1),
        ("Interview booked", 1, 0),
        ("Interviewed", 1, 1),
        ("Vetting", 0, 0),
        ("Offered a place", 0, 0),
        ("In training", 0, 0),
        ("Active volunteer", 0, 0),
    ]
    assert [(bar.label, bar.value) for bar in funnel.chart.bars][:3] == [
        ("Submitted", 5),
        ("Shortlisted", 3),
        ("Interview booked", 1),
    ]


def test_a_role_with_the_fitness_test_and_the_medical_certificate_has_their_stages(recruiter):
    application = VolunteerApplicationFactory(
        campaign__role__needs_fitness_test=True, campaign__role__needs_medical_certificate=True
    )
    stages = [row[0] for row in sections_of(application.campaign)["funnel"].rows]
    assert stages[3:6] == ["Interviewed", "Fitness test passed", "Medical certificate received"]


def test_time_in_stage_counts_finished_stays_only_from_the_action_log(campaign):
    time = sections_of(campaign)["time-in-stage"]
    assert time.columns == ("Stage", "Applications that left it", "Median days", "Mean days", "Still in it")
    rows = {row[0]: row[1:] for row in time.rows}
    # submitted: Ann 2, Ben 2, Cat 1, Dev 3 days; Eve is still there
    assert rows["Submitted"] == (4, 2.0, 2.0, 1)
    # shortlisted: Ann 4 (day 2 to 6), Ben 3 (day 2 to 5); Cat is still there
    assert rows["Shortlisted"] == (2, 3.5, 3.5, 1)
    # booked: Ann, from 10 January to her interview on 15 February
    assert rows["Interview booked"] == (1, 36.0, 36.0, 0)
    # nobody has left "interviewed": nothing to measure, Ann still there
    assert rows["Interviewed"] == (0, None, None, 1)
    assert "Active volunteer" not in rows  # never left: nothing to measure
    assert time.chart is None


def test_a_candidate_who_cancelled_and_booked_again_adds_up_their_stays(recruiter, time_machine):
    from volunteers.services.interviews import cancel_interview

    time_machine.move_to(T0, tick=False)
    campaign = InterviewingCampaignFactory(interviews_start_on=date(2027, 2, 15), interviews_end_on=date(2027, 2, 26))
    slot = InterviewSlotFactory(campaign=campaign, starts_at=INTERVIEW, ends_at=INTERVIEW + timedelta(minutes=45))
    application = shortlist_application(VolunteerApplicationFactory(campaign=campaign), by=recruiter)
    time_machine.move_to(day(1), tick=False)
    book_interview(application, slot, by=application.applicant)
    time_machine.move_to(day(3), tick=False)
    cancel_interview(application, by=application.applicant)
    time_machine.move_to(day(4), tick=False)
    book_interview(application, slot, by=application.applicant)
    rows = {row[0]: row[1:] for row in dashboard.campaign_dashboard(campaign, day(5))[1].rows}
    assert rows["Shortlisted"] == (1, 2.0, 2.0, 0)  # day 0 to 1, then day 3 to 4
    assert rows["Interview booked"] == (0, None, None, 1)  # booked again: still there


def test_interview_times_published_booked_free_and_past_unbooked(campaign):
    slots = sections_of(campaign)["interview-times"]
    assert slots.rows == [("Published", 3), ("Booked", 1), ("Free, still to come", 1), ("Past and not booked", 1)]
    assert [bar.value for bar in slots.chart.bars] == [3, 1, 1, 1]


def test_endings_are_counted_under_the_stage_they_left_from(campaign):
    endings = sections_of(campaign)["endings"]
    assert endings.columns == ("Stage left from", "Not successful", "Withdrawn", "Total")
    rows = {row[0]: row[1:] for row in endings.rows}
    assert rows["Submitted"] == (1, 0, 1) and rows["Shortlisted"] == (0, 1, 1)
    assert rows["Interviewed"] == (0, 0, 0)
    assert endings.rows[-1] == ("All stages", 1, 1, 2)
    assert "Active volunteer" not in rows and "Not recorded" not in rows


def test_an_end_missing_from_the_action_log_is_said_so_rather_than_guessed():
    ended = VolunteerApplicationFactory(status=S.REJECTED, rejection_reason="Moved away.")  # no log entry
    endings = sections_of(ended.campaign)["endings"]
    assert ("Not recorded", 1, 0, 1) in endings.rows and endings.rows[-1] == ("All stages", 1, 0, 1)
    assert sections_of(ended.campaign)["funnel"].rows[0] == ("Submitted", 1, 0)


# --- the page and its CSV -------------------------------------------------------------


def test_the_campaign_list_links_each_campaign_to_its_dashboard(client, recruiter, campaign):
    client.force_login(recruiter)
    page = client.get(reverse("volunteer_staff_campaigns")).content.decode()
    assert reverse("volunteer_staff_dashboard", args=[campaign.pk]) in page
    assert f'Dashboard<span class="visually-hidden"> for {campaign}</span>' in page


def test_the_page_shows_each_section_as_a_chart_and_a_table(client, recruiter, campaign):
    client.force_login(recruiter)
    page = client.get(reverse("volunteer_staff_dashboard", args=[campaign.pk])).content.decode()
    assert "<h1>Dashboard: West Division pilot</h1>" in page
    for title in ("Applications by stage", "Time in each stage", "Interview times", "Not successful and withdrawn"):
        assert title in page
    assert '<tr><th scope="row">Shortlisted</th><td>3</td><td>1</td></tr>' in page
    assert '<tr><th scope="row">Interviewed</th><td>0</td><td>—</td><td>—</td><td>1</td></tr>' in page
    assert page.count('role="img"') == 2  # the funnel and the interview times
    assert "Submitted, 5; Shortlisted, 3;" in page  # the funnel chart's description carries its figures
    assert reverse("volunteer_staff_dashboard_csv", args=[campaign.pk]) in page
    assert not [code for code in ("interview_booked", "fitness_passed", "in_training") if code in page]


def test_the_csv_holds_every_figure_in_words(client, recruiter, campaign):
    client.force_login(recruiter)
    response = client.get(reverse("volunteer_staff_dashboard_csv", args=[campaign.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="volunteer-campaign-{campaign.pk}-dashboard.csv"' in response["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[:3] == [
        ["Section", "Row", "Figure", "Value"],
        ["Applications by stage", "Submitted", "Reached this stage", "5"],
        ["Applications by stage", "Submitted", "Now at this stage", "1"],
    ]
    assert ["Time in each stage", "Shortlisted", "Median days", "3.5"] in lines
    assert ["Time in each stage", "Interviewed", "Median days", ""] in lines
    assert ["Interview times", "Past and not booked", "Number", "1"] in lines
    assert ["Not successful and withdrawn, by the stage they left from", "All stages", "Total", "2"] in lines
    assert not [cell for line in lines for cell in line if cell in S.values]  # stage names, never codes


def test_one_more_section_is_one_more_function_on_the_page_and_in_the_csv(client, recruiter, campaign, monkeypatch):
    def training(figures):
        return Section("training", "Training attendance", "Who came.", ("Session", "Attended"), [("=Day 1", 4)])

    monkeypatch.setattr(dashboard, "SECTIONS", [*dashboard.SECTIONS, training])
    client.force_login(recruiter)
    page = client.get(reverse("volunteer_staff_dashboard", args=[campaign.pk])).content.decode()
    assert "Training attendance" in page and '<th scope="row">=Day 1</th><td>4</td>' in page
    text = client.get(reverse("volunteer_staff_dashboard_csv", args=[campaign.pk])).content.decode()
    assert text.strip().splitlines()[-1] == "Training attendance,'=Day 1,Attended,4"  # a formula is escaped


def test_a_draft_or_unknown_campaign_has_no_dashboard(client, recruiter):
    client.force_login(recruiter)
    draft = InterviewingCampaignFactory(status=CampaignStatus.DRAFT)
    for campaign_id in (draft.pk, draft.pk + 1):
        assert client.get(reverse("volunteer_staff_dashboard", args=[campaign_id])).status_code == 404
        assert client.get(reverse("volunteer_staff_dashboard_csv", args=[campaign_id])).status_code == 404


def test_a_campaign_without_applications_shows_zeros_and_dashes(client, recruiter):
    campaign = InterviewingCampaignFactory()
    client.force_login(recruiter)
    page = client.get(reverse("volunteer_staff_dashboard", args=[campaign.pk])).content.decode()
    assert '<tr><th scope="row">Submitted</th><td>0</td><td>0</td></tr>' in page
    assert '<tr><th scope="row">Submitted</th><td>0</td><td>—</td><td>—</td><td>0</td></tr>' in page


@pytest.mark.parametrize("name", ["volunteer_staff_dashboard", "volunteer_staff_dashboard_csv"])
def test_the_query_count_is_pinned(name, client, recruiter, assert_query_count_constant):
    campaign = InterviewingCampaignFactory()
    client.force_login(recruiter)

    def make_rows(n):
        """Each: an application with three status moves in the log, and an interview time."""
        for _ in range(n):
            application = shortlist_application(VolunteerApplicationFactory(campaign=campaign), by=recruiter)
            withdraw_application(application, by=application.applicant)
            InterviewSlotFactory(campaign=campaign)

    assert_query_count_constant(client, reverse(name, args=[campaign.pk]), make_rows, queries=QUERIES[name])


# the session, the user, their roles, the MFA check, the campaign, its applications, their status
# moves, the interview times counted and the training weekends' registers
QUERIES = {"volunteer_staff_dashboard": 9, "volunteer_staff_dashboard_csv": 9}


def test_the_demo_campaigns_dashboard_shows_its_applications(client, settings):
    from django.core.management import call_command

    from accounts.demo import demo_email
    from accounts.models import User
    from volunteers.demo import CAMPAIGN_TITLE
    from volunteers.models import RecruitmentCampaign

    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False
    campaign = RecruitmentCampaign.objects.get(title=CAMPAIGN_TITLE)
    client.force_login(User.objects.get(email=demo_email("recruiter")))
    assert (
        reverse("volunteer_staff_dashboard", args=[campaign.pk])
        in client.get(reverse("volunteer_staff_campaigns")).content.decode()
    )
    sections = {
        s.slug: s for s in client.get(reverse("volunteer_staff_dashboard", args=[campaign.pk])).context["sections"]
    }
    # the figures follow the demo's rows (other demo modules add applications at later stages)
    reached = [row[1] for row in sections["funnel"].rows]
    assert reached[0] == campaign.applications.count() > 0
    assert reached == sorted(reached, reverse=True) and reached[-1] < reached[0]
    slots = campaign.interview_slots
    assert sections["interview-times"].rows[:2] == [
        ("Published", slots.count()),
        ("Booked", slots.filter(application__isnull=False).count()),
    ]
    ended = campaign.applications.filter(status__in=["rejected", "withdrawn"]).count()
    assert sections["endings"].rows[-1][0] == "All stages" and sections["endings"].rows[-1][-1] == ended > 0


def test_training_attendance_counts_each_weekends_register(client, recruiter):
    """Issue 11: "training attendance" on the dashboard, one row per weekend, in the chart too."""
    from .factories import TraineeFactory, attendance, training_course

    campaign = InterviewingCampaignFactory()
    course = training_course(campaign)
    kept, missed_one = TraineeFactory.create_batch(2, campaign=campaign)
    attendance(course, kept)  # every weekend
    attendance(course, missed_one, True, False)  # the first two weekends' registers only
    client.force_login(recruiter)
    sections = {
        s.slug: s for s in client.get(reverse("volunteer_staff_dashboard", args=[campaign.pk])).context["sections"]
    }
    training = sections["training-attendance"]
    weekends = list(course.sessions.order_by("starts_at"))
    assert [row[1:] for row in training.rows] == [(2, 0), (1, 1), (1, 0), (1, 0), (1, 0)]
    assert training.rows[0][0] == f"Weekend 1: {weekends[0].when()}"
    assert [bar.value for bar in training.chart.bars] == [2, 1, 1, 1, 1]


def test_training_attendance_is_empty_until_the_training_is_set_up(client, recruiter):
    campaign = InterviewingCampaignFactory()
    client.force_login(recruiter)
    page = client.get(reverse("volunteer_staff_dashboard", args=[campaign.pk]))
    training = {s.slug: s for s in page.context["sections"]}["training-attendance"]
    assert training.rows == [] and "no weekend is listed until the training is set up" in page.content.decode()
