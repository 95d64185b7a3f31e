"""Issue 11, volunteers' hours by clicking only (JOURNEYS.md "VH"): an active Community
Policing Volunteer (seed 002: "commit to 16 hours a month") signs in, goes from their home to
their applications and "Your hours", is refused 30 hours next to the field with what they
typed kept, logs a duty and reads the new total; the recruiter goes from the staff home to
"Volunteer hours", reads the volunteer's row and downloads the CSV. axe runs on every page."""

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from tests.browser.steps import as_person, download, log_in
from tests.browser.volunteer_steps import heading, log_duty, my_volunteer_applications, volunteer_recruitment
from tests.factories import UserFactory
from volunteers.models import DutyLog
from volunteers.tests.factories import ActiveVolunteerFactory, DutyLogFactory

pytestmark = pytest.mark.django_db(transaction=True)
CAMPAIGN = "Community Policing Volunteers: West Division, first intake"


def test_a_volunteer_logs_a_duty_and_the_team_reads_their_hours(page, browser, live_server, axe_check, time_machine):
    time_machine.move_to("2026-11-18 12:00Z", tick=True)
    casey = UserFactory(email="casey@example.org", full_name="Casey Volunteer", roles=[Role.VOLUNTEER])
    volunteer = ActiveVolunteerFactory(applicant=casey, campaign__title=CAMPAIGN, active_since=date(2026, 6, 2))
    DutyLogFactory(application=volunteer, date=date(2026, 11, 3), hours=Decimal(4), activity="Speed watch")
    recruiter = UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True)

    log_in(page, live_server, casey)
    my_volunteer_applications(page, axe_check)
    page.get_by_role("link", name=f"Your hours for {CAMPAIGN}").click()
    expect(heading(page)).to_have_text("Your hours")
    expect(page.locator("#this-month-total")).to_have_text("4 of 16 hours this month")
    axe_check(page)

    patrol = "Foot patrol of Tonbridge High Street with PCSO Khan"
    log_duty(page, day=date(2026, 11, 17), hours="30", activity=patrol)
    expect(page.locator("#error_1_id_hours")).to_have_text("A day has 24 hours: give at most 24.")
    expect(page.get_by_label("What did you do?")).to_have_value(patrol)
    axe_check(page)
    assert DutyLog.objects.count() == 1

    log_duty(page, day=date(2026, 11, 17), hours="3.5", activity=patrol)
    expect(page.get_by_role("status")).to_contain_text("Your duty on 17 November 2026 is logged: 3.5 hours.")
    expect(page.locator("#this-month-total")).to_have_text("7.5 of 16 hours this month")
    expect(page.get_by_role("main")).to_contain_text(patrol)
    axe_check(page)

    team = as_person(browser, live_server, recruiter)
    volunteer_recruitment(team, axe_check)
    team.get_by_role("main").get_by_role("link", name=re.compile("^Volunteer hours")).click()
    expect(heading(team)).to_have_text("Volunteer hours")
    row = team.get_by_role("row", name=re.compile("^Casey Volunteer"))
    expect(row).to_contain_text("7.5")
    expect(team.get_by_role("img", name="Hours logged each month, every volunteer shown")).to_be_visible()
    axe_check(team)
    lines = list(csv.reader(io.StringIO(download(team, team.get_by_role("link", name=re.compile("CSV"))).decode())))
    assert lines[0][:4] == ["Volunteer", "Campaign", "Month", "Hours"]
    assert ["Casey Volunteer", CAMPAIGN, "November 2026", "7.5", "16", "Month not over"] in lines
