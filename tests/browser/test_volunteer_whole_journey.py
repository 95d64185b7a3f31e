"""Issue 11's required journey (JOURNEYS.md "VW"), by clicking only, each step by the person
who takes it, from their home: a visitor finds the West Division campaign from the landing
page and applies; the recruitment team shortlists her and publishes interview times; she
books one; after it the team records that she passed, books and records her fitness test;
she uploads her medical certificate and the team accepts it and starts vetting; the vetting
officer clears her checks; she accepts the offer; the team sets up the training, keeps the
five weekends' registers, completes her training and grants her a power; the new volunteer
logs a duty and reads her month's total.

Seed 002's calendar: applications close on 26 January, interviews "during February",
"training will start at the end of April ... over five weekends over a 10 week period", and a
volunteer gives 16 hours a month. The campaign and the people are made with factories before
the first step; after that only clicks, and the clock moved on to the days the steps wait
for. axe runs on every page visited."""

from datetime import date, datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from tests.browser.steps import as_person, at, go_home, mails_to, open_queue
from tests.browser.test_vetting_journey import NOTE
from tests.browser.volunteer_steps import (
    accept_medical_certificate,
    accept_the_offer,
    book_fitness_test,
    book_interview,
    clear_the_checks,
    complete_training,
    fill_volunteer_application,
    find_the_campaign_and_log_in,
    grant_power,
    heading,
    keep_the_registers,
    log_duty,
    my_volunteer_applications,
    open_interview_times,
    open_medical_upload,
    open_training,
    open_volunteer_application,
    publish_interview_times,
    record_fitness_passed,
    record_interview_passed,
    send_volunteer_application,
    shortlist,
    start_vetting,
    upload_medical_certificate,
    volunteer_recruitment,
)
from tests.factories import UserFactory
from volunteers.enums import VolunteerApplicationStatus
from volunteers.models import VolunteerApplication
from volunteers.services.training import weekend_times
from volunteers.tests.factories import MEDICAL_PDF, OpenCampaignFactory, PoweredRoleFactory

pytestmark = pytest.mark.django_db(transaction=True)

CAMPAIGN = "Community Policing Volunteers: West Division pilot"
ROLE = "Community Policing Volunteer"
VAL = "Val Jones"
INTERVIEW_DAY = date(2027, 2, 2)
FITNESS_TEST = datetime(2027, 2, 9, 10, 0)
TRAINING_STARTS_ON = date(2027, 4, 24)  # a Saturday: "the end of April"
WEEKENDS = [starts for starts, _ in weekend_times(TRAINING_STARTS_ON)]  # the last ends on Sunday 20 June
DUTY_DAY = date(2027, 6, 26)


def the_world(time_machine):
    """Before the first step, on Monday 11 January 2027: the open campaign, Val (an account
    of her own, no application), a recruiter, a vetting officer."""
    at(time_machine, date(2027, 1, 11), 9)
    campaign = OpenCampaignFactory(
        title=CAMPAIGN,
        role=PoweredRoleFactory(name=ROLE, needs_fitness_test=True, needs_medical_certificate=True),
        closes_at=timezone.make_aware(datetime(2027, 1, 26, 17, 0)),
        interviews_start_on=date(2027, 2, 1),
        interviews_end_on=date(2027, 2, 26),
        training_starts_on=TRAINING_STARTS_ON,
    )
    return campaign, {
        "val": UserFactory(email="val@example.org", full_name=VAL),
        "recruiter": UserFactory(full_name="Rita Recruiter", roles=[Role.RECRUITMENT_TEAM], mfa=True),
        "vetting": UserFactory(full_name="Victor Vetting", roles=[Role.VETTING_OFFICER], mfa=True),
    }


def logged_in_again(browser, live_server, user, old):
    """Days on, the person's session has lapsed: they log in again (from the landing page, to
    their home) in a new browser; the old one is closed."""
    old.context.close()
    return as_person(browser, live_server, user)


def val_applies(page, live_server, val, axe_check):
    find_the_campaign_and_log_in(page, live_server, val, CAMPAIGN, axe_check)
    fill_volunteer_application(page, date(1990, 3, 27))
    send_volunteer_application(page, axe_check)


def the_team_shortlists_val_and_publishes_interview_times(team, campaign, axe_check):
    assert open_queue(team, "Volunteer applications to shortlist") == 1
    axe_check(team)
    open_volunteer_application(team, VAL, axe_check)
    shortlist(team, axe_check)
    volunteer_recruitment(team, axe_check)
    open_interview_times(team, CAMPAIGN, axe_check)
    publish_interview_times(team, day=INTERVIEW_DAY, minutes=45)
    expect(team.get_by_role("status")).to_contain_text("2 interview times published")
    axe_check(team)
    return campaign.interview_slots.order_by("starts_at").first()


def val_books_an_interview(page, slot, axe_check):
    my_volunteer_applications(page, axe_check)
    expect(page.get_by_role("main")).to_contain_text("Status: Shortlisted")
    book_interview(page, CAMPAIGN, slot, axe_check)
    expect(page.get_by_role("main")).to_contain_text(f"Your interview: {slot}")


def the_team_records_the_interview_and_books_the_fitness_test(team, axe_check):
    assert open_queue(team, "Interviews to record") == 1
    axe_check(team)
    open_volunteer_application(team, VAL, axe_check)
    record_interview_passed(team, axe_check)
    book_fitness_test(team, FITNESS_TEST, axe_check)


def the_team_records_the_fitness_test(team, axe_check):
    volunteer_recruitment(team, axe_check)
    team.get_by_role("link", name=CAMPAIGN, exact=True).click()
    axe_check(team)
    open_volunteer_application(team, VAL, axe_check)
    record_fitness_passed(team, axe_check)


def val_uploads_her_medical_certificate(page, tmp_path, axe_check):
    my_volunteer_applications(page, axe_check)
    expect(page.get_by_role("main")).to_contain_text("Status: Fitness test passed")
    open_medical_upload(page, axe_check)
    certificate = tmp_path / "my-certificate.pdf"
    certificate.write_bytes(MEDICAL_PDF)
    upload_medical_certificate(page, certificate)
    expect(page.get_by_role("status")).to_contain_text("your medical certificate is uploaded")
    axe_check(page)


def the_team_accepts_the_certificate_and_starts_vetting(team, axe_check):
    go_home(team)
    assert open_queue(team, "Medical certificates to check") == 1
    open_volunteer_application(team, VAL, axe_check)
    accept_medical_certificate(team, MEDICAL_PDF, axe_check)
    expect(team.get_by_role("main")).to_contain_text("Status: Medical certificate received")
    start_vetting(team, axe_check)


def the_vetting_officer_clears_the_checks(vetting, axe_check):
    axe_check(vetting)
    assert open_queue(vetting, "Vetting to decide") == 1
    axe_check(vetting)
    clear_the_checks(vetting, VAL, axe_check)
    offer = mails_to("val@example.org")[-1]
    assert offer.subject == f"We are offering you a place as a {ROLE}"
    assert NOTE not in offer.body and "/volunteering/applications/" in offer.body


def val_accepts_the_offer(page, axe_check):
    my_volunteer_applications(page, axe_check)
    expect(page.get_by_role("main")).to_contain_text(f"We are offering you a place as a {ROLE}")
    expect(page.get_by_role("main")).to_contain_text(f"Training starts on {TRAINING_STARTS_ON:%A %-d %B %Y}")
    accept_the_offer(page, CAMPAIGN, axe_check)


def the_team_sets_up_the_training(team, axe_check):
    volunteer_recruitment(team, axe_check)
    open_training(team, CAMPAIGN, axe_check)
    expect(team.get_by_label("Training starts on")).to_have_value(TRAINING_STARTS_ON.isoformat())
    team.get_by_role("button", name="Set up the training").click()
    expect(team.get_by_role("status")).to_contain_text("The training is set up")
    expect(team.get_by_role("region", name="Weekends").get_by_role("row")).to_have_count(1 + len(WEEKENDS))
    expect(team.get_by_role("row", name=VAL)).to_contain_text("0 of 5")
    axe_check(team)


def val_reads_her_training_weekends(page, axe_check):
    my_volunteer_applications(page, axe_check)
    main = page.get_by_role("main")
    expect(main).to_contain_text("Status: In training")
    expect(main).to_contain_text("Your training weekends")
    expect(main).to_contain_text("Saturday 24 April 2027, 09:00 to Sunday 25 April 2027, 16:30")
    expect(main).to_contain_text("Saturday 19 June 2027, 09:00 to Sunday 20 June 2027, 16:30")


def the_team_completes_the_training_and_grants_a_power(team, axe_check):
    volunteer_recruitment(team, axe_check)
    open_training(team, CAMPAIGN, axe_check)
    keep_the_registers(team, VAL, WEEKENDS)
    expect(team.get_by_role("row", name=VAL)).to_contain_text("5 of 5")
    axe_check(team)
    complete_training(team, VAL, axe_check)
    grant_power(team, VAL, "Control traffic", axe_check)


def the_volunteer_logs_a_duty(page, axe_check):
    my_volunteer_applications(page, axe_check)
    main = page.get_by_role("main")
    expect(main).to_contain_text("Status: Active volunteer")
    expect(main).to_contain_text("Control traffic, from 21 June 2027")
    page.get_by_role("link", name=f"Your hours for {CAMPAIGN}").click()
    expect(heading(page)).to_have_text("Your hours")
    expect(page.locator("#this-month-total")).to_have_text("0 of 16 hours this month")
    axe_check(page)
    log_duty(page, day=DUTY_DAY, hours="4", activity="Speed watch on the A26 at Tonbridge with PCSO Khan")
    expect(page.get_by_role("status")).to_contain_text("Your duty on 26 June 2027 is logged: 4 hours.")
    expect(page.locator("#this-month-total")).to_have_text("4 of 16 hours this month")
    axe_check(page)


def test_from_the_landing_page_to_an_active_volunteer_logging_her_hours(
    page, browser, live_server, axe_check, time_machine, tmp_path
):
    campaign, people = the_world(time_machine)

    # Monday 11 January: Val applies; the team shortlists her and publishes the interview times.
    val_applies(page, live_server, people["val"], axe_check)
    team = as_person(browser, live_server, people["recruiter"])
    slot = the_team_shortlists_val_and_publishes_interview_times(team, campaign, axe_check)
    val_books_an_interview(page, slot, axe_check)

    # Tuesday 2 February, after her interview: passed; the fitness test booked for a week on.
    at(time_machine, INTERVIEW_DAY, 11)
    team = logged_in_again(browser, live_server, people["recruiter"], old=team)
    the_team_records_the_interview_and_books_the_fitness_test(team, axe_check)

    # Tuesday 9 February, after the test: passed; the certificate; vetting; the offer, accepted.
    at(time_machine, FITNESS_TEST.date(), 12)
    team = logged_in_again(browser, live_server, people["recruiter"], old=team)
    the_team_records_the_fitness_test(team, axe_check)
    val = logged_in_again(browser, live_server, people["val"], old=page)
    val_uploads_her_medical_certificate(val, tmp_path, axe_check)
    the_team_accepts_the_certificate_and_starts_vetting(team, axe_check)
    vetting = as_person(browser, live_server, people["vetting"])
    the_vetting_officer_clears_the_checks(vetting, axe_check)
    vetting.context.close()
    val_accepts_the_offer(val, axe_check)
    the_team_sets_up_the_training(team, axe_check)
    val_reads_her_training_weekends(val, axe_check)

    # Monday 21 June, the fifth weekend over: the registers, the training completed, a power.
    at(time_machine, date(2027, 6, 21), 10)
    team = logged_in_again(browser, live_server, people["recruiter"], old=team)
    the_team_completes_the_training_and_grants_a_power(team, axe_check)

    # Saturday 26 June, after her first duty: the volunteer logs it.
    at(time_machine, DUTY_DAY, 18)
    val = logged_in_again(browser, live_server, people["val"], old=val)
    the_volunteer_logs_a_duty(val, axe_check)

    assert VolunteerApplication.objects.get().status == VolunteerApplicationStatus.ACTIVE
    interview = f"{timezone.localtime(slot.starts_at):%A %-d %B %Y at %H:%M}"
    assert [m.subject for m in mails_to("val@example.org")] == [
        f"We have your application to be a {ROLE}",
        f"Good news about your application to be a {ROLE}",
        f"Your interview to be a {ROLE}: {interview}",
        f"You passed your interview to be a {ROLE}",
        f"Your fitness test for the {ROLE} role",
        "You passed the fitness test",
        "We have received your medical certificate",
        "Your medical certificate is accepted",
        "Your vetting checks have started",
        f"We are offering you a place as a {ROLE}",
        f"Welcome: your place as a {ROLE} is confirmed",
        f"Welcome: you are now a {ROLE}",
        "You have been granted a designated power",
    ]
