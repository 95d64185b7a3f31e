"""Volunteers' hours (issue 11; seed 002: "able to commit to 16 hours a month"): an active
volunteer logs, corrects and removes their duties while the month is open, reads this
month's total against the commitment; near the month's end whoever is short is reminded,
once; the recruitment team reads hours by volunteer and month as a table, a chart and a CSV.
Time is frozen in mid-November 2026 unless a test moves it."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts.demo import DEMO_PASSWORD, demo_email
from accounts.models import ActionLog, User
from kentplacements.workflow import DomainError
from notifications.models import Notification
from placements.tests.form_markup import error_under_field
from tests.factories import UserFactory
from tests.test_exports import export
from tests.test_reachability import crawl
from volunteers.demo_hours import ACTIVE_LOGIN
from volunteers.hours_report import CSV_COLUMNS, hours_table, own_hours
from volunteers.models import DutyLog
from volunteers.services.hours import (
    correct_duty,
    log_duty,
    monthly_totals,
    remove_duty,
    send_hours_reminders,
)
from volunteers.tasks import send_hours_reminders as reminders_task

from .factories import (
    ActiveVolunteerFactory,
    DutyLogFactory,
    OfferedApplicationFactory,
    OpenCampaignFactory,
    VolunteerApplicationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mid_november(time_machine):
    time_machine.move_to("2026-11-18 12:00Z", tick=False)


def on(day_of_month, month=11):
    return date(2026, month, day_of_month)


def duty(volunteer, day, hours, activity="Foot patrol of Tonbridge High Street"):
    return DutyLogFactory(application=volunteer, date=day, hours=Decimal(str(hours)), activity=activity)


@pytest.fixture
def volunteer():
    return ActiveVolunteerFactory(applicant__full_name="Casey Volunteer", active_since=date(2026, 6, 2))


# --- the services -----------------------------------------------------------------------------


def test_the_volunteer_logs_a_duty_and_the_log_says_it_in_words(volunteer):
    logged = log_duty(volunteer, by=volunteer.applicant, date=on(16), hours=Decimal("3.5"), activity=" Speed watch ")
    assert (logged.date, logged.hours, logged.activity) == (on(16), Decimal("3.5"), "Speed watch")
    entry = ActionLog.objects.get(action="log_duty")
    assert (entry.actor, entry.subject) == (volunteer.applicant, volunteer)
    assert entry.reason == "3.5 hours on 16 November 2026: Speed watch"
    assert monthly_totals([volunteer], on(1), on(1)) == {(volunteer.pk, on(1)): Decimal("3.5")}


@pytest.mark.parametrize(
    ("day", "hours", "activity", "problem"),
    [
        (on(19), 2, "Patrol", "The date is in the future"),
        (on(30, 9), 2, "Patrol", "Duties before 1 October 2026 can no longer be logged"),
        (on(18), 0, "Patrol", "Give the hours you gave: more than 0."),
        (on(18), -1, "Patrol", "Give the hours you gave: more than 0."),
        (on(18), "24.25", "Patrol", "A day has 24 hours: give at most 24."),
        (on(18), "2.3", "Patrol", "Give the hours in quarters of an hour"),
        (on(18), 2, "   ", "Say what the duty was."),
    ],
    ids=["future", "closed month", "no hours", "negative", "over a day", "not a quarter", "no activity"],
)
def test_a_duty_that_cannot_be_is_refused_in_words(volunteer, day, hours, activity, problem):
    with pytest.raises(DomainError, match=problem):
        log_duty(volunteer, by=volunteer.applicant, date=day, hours=Decimal(str(hours)), activity=activity)
    assert not DutyLog.objects.exists()


def test_a_day_holds_24_hours_however_many_duties(volunteer):
    log_duty(volunteer, by=volunteer.applicant, date=on(17), hours=Decimal(20), activity="Festival stewarding")
    with pytest.raises(DomainError, match="already logged 20 hours on 17 November 2026"):
        log_duty(volunteer, by=volunteer.applicant, date=on(17), hours=Decimal("4.25"), activity="Patrol")
    log_duty(volunteer, by=volunteer.applicant, date=on(17), hours=Decimal(4), activity="Patrol")
    assert monthly_totals([volunteer], on(1), on(1)) == {(volunteer.pk, on(1)): 24}


def test_no_duty_before_the_day_the_volunteer_became_active():
    volunteer = ActiveVolunteerFactory(active_since=on(10))
    with pytest.raises(DomainError, match="You became an active volunteer on 10 November 2026"):
        log_duty(volunteer, by=volunteer.applicant, date=on(9), hours=Decimal(2), activity="Patrol")
    log_duty(volunteer, by=volunteer.applicant, date=on(10), hours=Decimal(2), activity="Patrol")


def test_only_the_volunteer_logs_and_only_once_active(volunteer, recruiter):
    with pytest.raises(DomainError, match="Only the volunteer"):
        log_duty(volunteer, by=recruiter, date=on(16), hours=Decimal(2), activity="Patrol")
    applicant = VolunteerApplicationFactory(status="in_training")
    with pytest.raises(DomainError, match="once you are an active volunteer"):
        log_duty(applicant, by=applicant.applicant, date=on(16), hours=Decimal(2), activity="Patrol")
    assert not DutyLog.objects.exists()


@pytest.mark.parametrize("hours", [Decimal(0), Decimal("24.01")])
def test_the_database_holds_each_duty_to_a_days_length(volunteer, hours):
    with pytest.raises(IntegrityError), transaction.atomic():
        DutyLog.objects.create(
            application=volunteer, date=on(1), hours=hours, activity="Patrol", logged_at=timezone.now()
        )


def test_the_volunteer_corrects_and_removes_a_duty_of_an_open_month(volunteer):
    october = duty(volunteer, on(31, 10), 3)
    correct_duty(october, by=volunteer.applicant, date=on(30, 10), hours=Decimal(4), activity="Speed watch")
    october.refresh_from_db()
    assert (october.date, october.hours, october.activity) == (on(30, 10), 4, "Speed watch")
    corrected = ActionLog.objects.get(action="correct_duty")
    assert corrected.reason == (
        "3 hours on 31 October 2026: Foot patrol of Tonbridge High Street → 4 hours on 30 October 2026: Speed watch"
    )
    # a whole day's duty corrected to itself: its own hours are not counted twice
    correct_duty(october, by=volunteer.applicant, date=on(30, 10), hours=Decimal(24), activity="Speed watch")
    remove_duty(october, by=volunteer.applicant)
    assert not DutyLog.objects.exists()
    assert ActionLog.objects.get(action="remove_duty").reason == "24 hours on 30 October 2026: Speed watch"


def test_a_duty_of_a_closed_month_stays_and_none_moves_into_one(volunteer, recruiter):
    september = duty(volunteer, on(30, 9), 3)
    with pytest.raises(DomainError, match="in a closed month"):
        correct_duty(september, by=volunteer.applicant, date=on(1), hours=Decimal(3), activity="Patrol")
    with pytest.raises(DomainError, match="in a closed month"):
        remove_duty(september, by=volunteer.applicant)
    november = duty(volunteer, on(2), 3)
    with pytest.raises(DomainError, match="can no longer be logged"):
        correct_duty(november, by=volunteer.applicant, date=on(30, 9), hours=Decimal(3), activity="Patrol")
    with pytest.raises(DomainError, match="Only the volunteer"):
        remove_duty(november, by=recruiter)
    assert DutyLog.objects.count() == 2


def test_monthly_totals_of_many_volunteers_in_one_query(volunteer, django_assert_num_queries):
    other = ActiveVolunteerFactory()
    duty(volunteer, on(2), 3)
    duty(volunteer, on(9), "2.5")
    duty(volunteer, on(14, 10), 4)
    duty(other, on(3), 1)
    with django_assert_num_queries(1):
        totals = monthly_totals([volunteer.pk, other.pk], on(1, 10), on(1))
    assert totals == {
        (volunteer.pk, on(1)): Decimal("5.5"),
        (volunteer.pk, on(1, 10)): Decimal(4),
        (other.pk, on(1)): Decimal(1),
    }


# --- the month-end reminder -------------------------------------------------------------------


def reminders():
    return Notification.objects.filter(template="volunteers/volunteer_hours_reminder")


def test_the_reminder_goes_near_the_months_end_to_the_short_volunteer_once(volunteer, time_machine):
    enough = ActiveVolunteerFactory(active_since=on(2, 6))
    duty(volunteer, on(3), 4)
    duty(volunteer, on(10), 5)
    duty(enough, on(4), 16)
    VolunteerApplicationFactory(status="in_training")  # not a volunteer yet

    time_machine.move_to("2026-11-24 10:00Z", tick=False)  # the last day is the 30th: from the 25th
    assert send_hours_reminders() == 0
    time_machine.move_to("2026-11-25 10:00Z", tick=False)
    assert send_hours_reminders() == 1
    time_machine.move_to("2026-11-26 10:00Z", tick=False)
    assert send_hours_reminders() == 0  # once a month

    reminder = reminders().get()
    assert reminder.recipient == volunteer.applicant.email
    assert reminder.subject == "Your volunteering hours for November 2026: 9 of 16 logged"
    assert "So far you have logged 9 of the 16 hours a month" in reminder.body_text
    assert "November 2026 ends on Monday 30 November" in reminder.body_text
    assert "Dear Casey," in reminder.body_text
    assert settings.SITE_URL + reverse("volunteer_hours", args=[volunteer.pk]) in reminder.body_text

    time_machine.move_to("2026-12-27 10:00Z", tick=False)  # a new month, nothing logged yet
    assert send_hours_reminders() == 2
    assert sorted(reminders().values_list("recipient", flat=True)) == sorted(
        [volunteer.applicant.email, volunteer.applicant.email, enough.applicant.email]
    )


def test_no_reminder_when_enough_hours_nor_in_the_month_they_became_active(time_machine):
    enough = ActiveVolunteerFactory()
    duty(enough, on(4), 10)
    duty(enough, on(11), 6)
    ActiveVolunteerFactory(active_since=on(9))  # their first month is not a whole one
    time_machine.move_to("2026-11-28 10:00Z", tick=False)
    assert send_hours_reminders() == 0
    assert not reminders().exists()


def test_celery_beat_runs_the_reminder_task_daily(volunteer, time_machine):
    entry = settings.CELERY_BEAT_SCHEDULE["volunteer-hours-reminders"]
    assert entry["task"] == "volunteers.tasks.send_hours_reminders"
    assert entry["schedule"].hour == {10} and entry["schedule"].day_of_month == set(range(1, 32))
    time_machine.move_to("2026-11-29 10:00Z", tick=False)
    reminders_task.delay()
    assert reminders().get().recipient == volunteer.applicant.email


# --- the volunteer's page -----------------------------------------------------------------------


def hours_page(application):
    return reverse("volunteer_hours", args=[application.pk])


@pytest.fixture
def signed_in(client, volunteer):
    client.force_login(volunteer.applicant)
    return volunteer


def test_the_volunteer_reaches_their_hours_from_their_applications(client, signed_in):
    listed = client.get(reverse("volunteer_my_applications"))
    assertContains(listed, hours_page(signed_in))
    waiting = OfferedApplicationFactory(applicant=signed_in.applicant)
    assertNotContains(listed, hours_page(waiting))
    response = client.get(hours_page(waiting), follow=True)
    assertRedirects(response, reverse("volunteer_my_applications"))
    assertContains(response, "You log your hours here once you are an active volunteer.")


def test_the_page_shows_this_month_against_the_commitment_earlier_months_and_duties(client, signed_in):
    duty(signed_in, on(3), 4)
    duty(signed_in, on(10), 5, activity="Speed watch on the A26")
    duty(signed_in, on(12, 10), 12)
    duty(signed_in, on(5, 9), 16)
    page = client.get(hours_page(signed_in))
    assertContains(page, "<strong>9 of 16 hours this month</strong>", html=True)
    assertContains(page, "7 more to give this month")
    assertContains(page, '<th scope="row">October 2026</th>', html=True)
    assertContains(page, "<strong>Short by 4</strong>", html=True)
    assertContains(page, "Speed watch on the A26")
    assertContains(page, "Your first month")  # June, the month they became active
    # the October duty may still be changed; the September one, in a closed month, not
    months = own_hours(signed_in)
    assert [month.name for month in months.earlier] == [
        "October 2026",
        "September 2026",
        "August 2026",
        "July 2026",
        "June 2026",
    ]
    assert [(d.date, d.editable) for d in months.duties] == [
        (on(10), True),
        (on(3), True),
        (on(12, 10), True),
        (on(5, 9), False),
    ]


def test_the_volunteer_logs_a_duty_and_reads_the_new_total(client, signed_in):
    duty(signed_in, on(3), 4)
    answers = {"date": "2026-11-17", "hours": "3.5", "activity": "Shop watch visits in Sevenoaks"}
    response = client.post(hours_page(signed_in), answers, follow=True)
    assertRedirects(response, hours_page(signed_in))
    assertContains(response, "Your duty on 17 November 2026 is logged: 3.5 hours.")
    assertContains(response, "<strong>7.5 of 16 hours this month</strong>", html=True)


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"date": "", "hours": "", "activity": ""}, "date", "Give the date of the duty."),
        ({"date": "", "hours": "", "activity": ""}, "hours", "Give the hours you gave."),
        ({"date": "", "hours": "", "activity": ""}, "activity", "Say what the duty was."),
        ({"date": "31/02/2026"}, "date", "Give a date, like 14/11/2026."),
        ({"date": "2026-11-19"}, "date", "The date is in the future: log a duty once you have done it."),
        (
            {"date": "2026-09-30"},
            "date",
            "Duties before 1 October 2026 can no longer be logged: their month is closed. "
            "If one is missing, tell the Corporate Recruitment Team.",
        ),
        ({"hours": "three"}, "hours", "Give the hours as a number, like 2.5."),
        ({"hours": "NaN"}, "hours", "Give the hours as a number, like 2.5."),
        ({"hours": "100"}, "hours", "A day has 24 hours: give at most 24."),
        ({"hours": "25"}, "hours", "A day has 24 hours: give at most 24."),
        ({"hours": "2.333"}, "hours", "Give the hours in quarters of an hour, like 2.5 or 3.75."),
        ({"hours": "0"}, "hours", "Give the hours you gave: more than 0."),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_kept(client, signed_in, answers, field, message):
    sent = {"date": "2026-11-17", "hours": "2", "activity": "Patrol of Tonbridge", **answers}
    response = client.post(hours_page(signed_in), sent)
    assert response.status_code == 200
    assertContains(response, error_under_field(field, message), html=True)
    if sent["activity"]:
        assertContains(response, 'value="Patrol of Tonbridge"')
    if sent["hours"]:
        assertContains(response, f'value="{sent["hours"]}"')
    assert not DutyLog.objects.exists()


def test_another_persons_hours_and_duties_are_a_404(client, signed_in):
    other = DutyLogFactory()
    assert client.get(hours_page(other.application)).status_code == 404
    for name in ("volunteer_duty_change", "volunteer_duty_remove"):
        assert client.get(reverse(name, args=[other.application_id, other.pk])).status_code == 404
        assert client.post(reverse(name, args=[other.application_id, other.pk])).status_code == 404
        # nor is another person's duty reached through one's own application
        assert client.get(reverse(name, args=[signed_in.pk, other.pk])).status_code == 404
    assert DutyLog.objects.get() == other


def test_the_volunteer_changes_then_removes_a_duty(client, signed_in):
    logged = duty(signed_in, on(3), 4)
    change = reverse("volunteer_duty_change", args=[signed_in.pk, logged.pk])
    assertContains(client.get(hours_page(signed_in)), change)
    assertContains(client.get(change), 'value="Foot patrol of Tonbridge High Street"')
    response = client.post(change, {"date": "2026-11-03", "hours": "30", "activity": "Patrol"})
    assertContains(response, error_under_field("hours", "A day has 24 hours: give at most 24."), html=True)
    response = client.post(change, {"date": "2026-11-04", "hours": "4.5", "activity": "Patrol"}, follow=True)
    assertContains(response, "Your duty on 4 November 2026 is changed: 4.5 hours.")
    logged.refresh_from_db()
    assert (logged.date, logged.hours) == (on(4), Decimal("4.5"))

    remove = reverse("volunteer_duty_remove", args=[signed_in.pk, logged.pk])
    assertContains(client.get(remove), "Remove your duty on 4 November 2026?")
    response = client.post(remove, follow=True)
    assertRedirects(response, hours_page(signed_in))
    assertContains(response, "Your duty on 4 November 2026 is removed.")
    assert not DutyLog.objects.exists()


def test_a_duty_of_a_closed_month_has_no_change_page(client, signed_in):
    closed = duty(signed_in, on(30, 9), 4)
    for name in ("volunteer_duty_change", "volunteer_duty_remove"):
        response = client.post(reverse(name, args=[signed_in.pk, closed.pk]), follow=True)
        assertRedirects(response, hours_page(signed_in))
        assertContains(response, "The duty on 30 September 2026 is in a closed month")
    assert DutyLog.objects.get() == closed


def test_the_volunteers_page_pins_its_queries(client, signed_in, assert_query_count_constant):
    def make_rows(n):
        for _ in range(n):
            duty(signed_in, on(1), "0.25")

    assert_query_count_constant(client, hours_page(signed_in), make_rows, queries=6)


# --- the recruitment team's page ---------------------------------------------------------------

STAFF_PAGE = reverse("volunteer_staff_hours")
CSV_PAGE = reverse("volunteer_staff_hours_csv")


@pytest.fixture
def team(client, recruiter, volunteer):
    """Casey (16 asked): 12 in October (short), 16 in September, 3 so far this month; Robin
    of another campaign became active in October."""
    duty(volunteer, on(3), 3)
    duty(volunteer, on(12, 10), 12)
    duty(volunteer, on(5, 9), 10)
    duty(volunteer, on(20, 9), 6)
    robin = ActiveVolunteerFactory(
        applicant__full_name="Robin Volunteer", campaign__title="Second intake", active_since=on(6, 10)
    )
    duty(robin, on(7, 10), 5)
    duty(robin, on(8), 20)
    client.force_login(recruiter)
    return volunteer, robin


def test_the_team_reaches_volunteer_hours_from_the_campaigns_and_the_bar(client, team):
    assertContains(client.get(reverse("volunteer_staff_campaigns")), STAFF_PAGE)
    assertContains(client.get(reverse("staff_dashboard")), f'href="{STAFF_PAGE}"')


def test_the_table_shows_hours_by_volunteer_and_month_each_short_month_marked(client, team):
    casey, _ = team
    table = hours_table()
    assert table.month_names == [
        "June 2026",
        "July 2026",
        "August 2026",
        "September 2026",
        "October 2026",
        "November 2026",
    ]
    assert [row.name for row in table.rows] == ["Casey Volunteer", "Robin Volunteer"]
    casey_months, robin_months = ([(m.hours, m.short) for m in row.months] for row in table.rows)
    # June: Casey's first month, not counted; November: not over yet
    assert casey_months == [(0, False), (0, True), (0, True), (16, False), (12, True), (3, False)]
    assert robin_months == [(None, False)] * 4 + [(5, False), (20, False)]  # active from October
    assert table.totals == [0, 0, 0, 16, 17, 23]

    page = client.get(STAFF_PAGE)
    assertContains(page, '<span class="badge text-bg-warning">short by 4</span>', html=True)
    assertContains(page, "November 2026 (so far)")
    assertContains(page, '<span class="visually-hidden">Not yet active</span>', html=True)
    # the chart carries the table's last row, "All volunteers"
    assertContains(page, "June 2026, 0; July 2026, 0; August 2026, 0; September 2026, 16; October 2026, 17;")
    assertContains(
        page,
        "<tr><th scope='row'>All volunteers</th><td></td><td></td>"
        + "".join(f"<td>{total}</td>" for total in (0, 0, 0, 16, 17, 23))
        + "</tr>",
        html=True,
    )
    assertContains(page, reverse("volunteer_staff_application", args=[casey.pk]))


def test_the_table_is_filtered_by_campaign_and_a_wrong_one_is_no_error(client, team):
    _, robin = team
    page = client.get(STAFF_PAGE, {"campaign": robin.campaign_id})
    assertContains(page, "Robin Volunteer")
    assertNotContains(page, "Casey Volunteer")
    assertContains(page, f"{CSV_PAGE}?campaign={robin.campaign_id}")
    page = client.get(STAFF_PAGE, {"campaign": "nine"})
    assert page.status_code == 200
    assertContains(page, "Casey Volunteer")
    empty = OpenCampaignFactory()
    assertContains(client.get(STAFF_PAGE, {"campaign": empty.pk}), "No active volunteer yet in this campaign.")


def test_the_csv_has_labelled_columns_a_line_per_volunteer_and_month(client, team):
    casey, _ = team
    response = client.get(CSV_PAGE, {"campaign": casey.campaign_id})
    assert response["Content-Disposition"] == 'attachment; filename="volunteer-hours.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert (
        rows[0]
        == list(CSV_COLUMNS)
        == [
            "Volunteer",
            "Campaign",
            "Month",
            "Hours",
            "Commitment (hours a month)",
            "Short of the commitment",
        ]
    )
    campaign = str(casey.campaign)
    assert rows[1:] == [
        ["Casey Volunteer", campaign, "June 2026", "0", "16", "First month"],
        ["Casey Volunteer", campaign, "July 2026", "0", "16", "Yes"],
        ["Casey Volunteer", campaign, "August 2026", "0", "16", "Yes"],
        ["Casey Volunteer", campaign, "September 2026", "16", "16", "No"],
        ["Casey Volunteer", campaign, "October 2026", "12", "16", "Yes"],
        ["Casey Volunteer", campaign, "November 2026", "3", "16", "Month not over"],
    ]


def test_a_name_that_would_be_a_formula_is_escaped_in_the_csv(client, recruiter):
    ActiveVolunteerFactory(applicant__full_name="=HYPERLINK(1)")
    client.force_login(recruiter)
    rows = list(csv.reader(io.StringIO(client.get(CSV_PAGE).content.decode())))
    assert rows[1][0] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("url", [STAFF_PAGE, CSV_PAGE], ids=["page", "csv"])
def test_the_team_pages_pin_their_queries(client, recruiter, url, assert_query_count_constant):
    campaign = OpenCampaignFactory()
    client.force_login(recruiter)

    def make_rows(n):
        for _ in range(n):
            volunteer = ActiveVolunteerFactory(campaign=campaign, active_since=on(2, 6))
            duty(volunteer, on(2), 3)
            duty(volunteer, on(2, 10), 12)

    assert_query_count_constant(client, url, make_rows, queries=7 if url == STAFF_PAGE else 6)


# --- the back office ---------------------------------------------------------------------------


def test_the_back_office_lists_filters_searches_and_exports_the_duties(client, team):
    casey, robin = team
    client.force_login(UserFactory(roles=["recruitment_team"], mfa=True))
    changelist = reverse("admin:volunteers_dutylog_changelist")
    listed = client.get(changelist, {"month": "2026-10"})
    assert sorted(str(d.application.applicant) for d in listed.context["cl"].result_list) == [
        "Casey Volunteer",
        "Robin Volunteer",
    ]
    listed = client.get(changelist, {"campaign": robin.campaign_id, "month": "2026-11"})
    assert [d.hours for d in listed.context["cl"].result_list] == [20]
    assert client.get(changelist, {"month": "2026-99"}).status_code == 200
    listed = client.get(changelist, {"q": "Robin"})
    assert {str(d.application.applicant) for d in listed.context["cl"].result_list} == {"Robin Volunteer"}
    assertNotContains(client.get(changelist), "Add logged duty")

    _, rows = export(client, "volunteers/dutylog", "csv")
    october = next(row for row in rows if row["Month"] == "October 2026" and row["Volunteer"] == "Casey Volunteer")
    assert october == {
        "Volunteer": "Casey Volunteer",
        "Campaign": str(casey.campaign),
        "Date": "12/10/2026",
        "Month": "October 2026",
        "Hours": "12",
        "What they did": "Foot patrol of Tonbridge High Street",
        "Logged": october["Logged"],
    }


# --- the demo ----------------------------------------------------------------------------------


def test_the_demo_has_an_active_volunteer_to_sign_in_as_and_three_on_the_teams_page(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    casey = User.objects.get(email=demo_email(ACTIVE_LOGIN))
    assert casey.check_password(DEMO_PASSWORD) and casey.emailaddress_set.get().verified
    assert client.login(email=casey.email, password=DEMO_PASSWORD)
    assert "volunteer_hours" in crawl(client, reverse("home"))
    [application] = casey.volunteer_applications.all()
    months = own_hours(application)
    assert months.this_month.hours == Decimal("5.5") and months.still_to_give == Decimal("10.5")
    assert [month.short for month in months.earlier] == [False, False, True, False, False]

    recruiter = User.objects.get(email=demo_email("recruiter"))
    client.force_login(recruiter)
    page = client.get(STAFF_PAGE)
    for name in ("Casey Volunteer", "Jude Volunteer", "Robin Volunteer"):
        assertContains(page, name)
