"""Every persona, from their home, to each of their tasks, by clicking (issue 9, "Done when").

The inventory — each persona's tasks, and the journey (here or in another file of
tests/browser/) that takes them there — is tests/browser/JOURNEYS.md: keep it true.

Each journey starts with one ``page.goto``: the landing page, from which the person logs in
and lands on their home, or a link from an email for a page only an email reaches
(EMAILED_ONLY in tests/test_reachability.py). After that, only clicks. Each step is taken by
the person who takes it, in their own browser or by logging out and in; the world is made
with factories before the first step; axe runs on every page visited; each task ends with
what the person sees, and the database or the outbox where that is not visible."""

import re
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from accounts.mfa import has_totp
from accounts.roles import Role
from notifications.enums import NotificationStatus
from notifications.tests.factories import NotificationFactory
from outreach.tests.business_factories import business_interest
from outreach.tests.factories import attendance_to_record
from outreach.tests.programme_factories import applied as programme_application
from outreach.tests.programme_factories import enrolled
from placements.enums import (
    ApplicationStatus,
    PartnerResponse,
    PartnerStatus,
    PlacementStatus,
    PlacementType,
    ProgrammeStatus,
)
from placements.models import (
    AttendanceRecord,
    ExpressionOfInterest,
    PartnerOrganisation,
    ProtocolReview,
    RiskAssessment,
    WorkExperienceApplication,
)
from placements.services.partners import accept_placement
from placements.services.placements import confirm_placement
from placements.services.presentations import submit_reflection
from placements.tests.factories import (
    CohortFactory,
    CommunityPlacementFactory,
    HostingOfferFactory,
    PartnerContactFactory,
    PartnerFactory,
    StudentOfficerFactory,
)
from placements.tests.matrix_placement_days import awaiting_attendance, on_placement
from placements.tests.matrix_presentations import PDF
from placements.tests.presentation_factories import PresentationSessionFactory, finished_placement
from placements.tests.work_experience_factories import (
    ApplicationFactory,
    EligibilityQuestionFactory,
    ProgrammeFactory,
    ready_for_joining_instructions,
    ready_to_confirm,
)
from tests.browser.steps import (
    activate_authenticator,
    admin_rows,
    as_person,
    download,
    fill_application,
    fill_partner_registration,
    go_home,
    hand_over,
    last_link,
    log_in,
    log_out,
    mails_to,
    open_queue,
    run_action_here,
    run_admin_action,
    sign_in,
)
from tests.factories import PASSWORD, UserFactory
from vetting.enums import WORK_EXPERIENCE_CHECKS
from vetting.models import VettingCheck
from vetting.services.checks import request_checks
from volunteers.enums import CampaignStatus
from volunteers.models import RecruitmentCampaign
from volunteers.tests.factories import (
    OfferedApplicationFactory,
    VolunteerApplicationFactory,
    certificate_to_check,
    interview_to_record,
)

pytestmark = pytest.mark.django_db(transaction=True)


def heading(page):
    return page.get_by_role("heading", level=1)


def main(page):
    return page.get_by_role("main")


def nav(page, label):
    """A link of the navigation bar (accounts/navigation.py)."""
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=label, exact=True)


# --- the visitor ------------------------------------------------------------------------


def test_visitor_finds_both_ways_in_from_the_landing_page_and_applies(page, live_server, axe_check):
    """Seed 000 and seed 001 from the landing page's cards: an organisation registers its
    interest; someone asks to hear about work experience, then applies to the open
    programme, logging in on the way and landing back on the form (issue 9)."""
    programme = ProgrammeFactory(title="Summer work experience 2027")
    EligibilityQuestionFactory(programme=programme)
    jo = UserFactory(email="jo@example.org", full_name="Jo Bloggs")
    sarah = UserFactory(roles=[Role.DIVERSITY_PLACEMENTS_OFFICER], mfa=True)  # told of each registration

    page.goto(live_server.url + "/")
    axe_check(page)
    page.get_by_role("link", name="Register your organisation's interest").click()
    expect(heading(page)).to_have_text("Register your interest in hosting community placements")
    axe_check(page)
    fill_partner_registration(
        page, organisation="Rose Court Care Home", contact_name="Pat Rose", contact_email="pat@rosecourt.example"
    )
    page.get_by_role("button", name="Register your interest").click()
    expect(heading(page)).to_have_text("Thank you for registering your interest")
    axe_check(page)
    assert PartnerOrganisation.objects.get(name="Rose Court Care Home").status == PartnerStatus.INTERESTED
    assert [m.subject for m in mails_to("pat@rosecourt.example")] == [
        "Thank you for registering Rose Court Care Home's interest in community placements"
    ]
    assert "Rose Court Care Home" in mails_to(sarah.email)[-1].subject

    page.get_by_role("link", name="Go to the start page").click()
    page.get_by_role("link", name="See the work experience programmes").click()
    expect(heading(page)).to_have_text("Work experience with Kent Police")
    axe_check(page)
    page.get_by_role("link", name="Register your interest").click()  # the form has a page of its own
    axe_check(page)
    page.get_by_label("Your name").fill("Jo Bloggs")
    page.get_by_label("Email address").fill(jo.email)
    page.get_by_role("button", name="Tell me").click()
    expect(page.get_by_role("status")).to_contain_text("We will email you when a work experience programme opens")
    assert ExpressionOfInterest.objects.get(email=jo.email).unsubscribed_at is None

    page.get_by_role("link", name="Summer work experience 2027").click()
    expect(heading(page)).to_have_text("Summer work experience 2027")
    axe_check(page)
    page.get_by_role("link", name="Apply").click()
    expect(heading(page)).to_have_text("Log in")
    axe_check(page)
    page.get_by_label("Email").fill(jo.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(heading(page)).to_have_text("Apply for Summer work experience 2027")
    axe_check(page)
    fill_application(page)
    page.get_by_role("button", name="Send application").click()
    page.get_by_role("link", name="Skip these questions").click()  # issue 12: optional
    expect(heading(page)).to_have_text("My work experience applications")
    expect(main(page)).to_contain_text("Status: Applied")
    axe_check(page)
    assert WorkExperienceApplication.objects.get(applicant=jo).status == ApplicationStatus.APPLIED
    assert mails_to(jo.email)[-1].subject == "We have received your work experience application"


def test_visitor_resets_a_forgotten_password_then_changes_it_from_their_account(page, live_server, axe_check):
    """The login page's "Forgot your password?", the emailed link (EMAILED_ONLY in
    tests/test_reachability.py: the journey takes it from the outbox, as the person does),
    then from "Your account": their email address, "Change your password" and two-factor
    authentication."""
    jo = UserFactory(email="jo@example.org", full_name="Jo Bloggs")

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Log in").first.click()
    page.get_by_role("link", name="Forgot your password?").click()
    axe_check(page)
    page.get_by_label("Email").fill(jo.email)
    page.get_by_role("button", name="Reset My Password").click()
    expect(main(page)).to_contain_text("We have sent you an email")
    axe_check(page)

    page.goto(live_server.url + last_link(jo.email, r"https?://\S+/accounts/password/reset/key/\S+"))
    axe_check(page)
    page.locator("#id_password1").fill("A-new-Battery-Staple-7")
    page.locator("#id_password2").fill("A-new-Battery-Staple-7")
    page.get_by_role("button", name="Change Password").click()
    expect(main(page)).to_contain_text("Your password is now changed.")
    axe_check(page)

    sign_in(page, jo, password="A-new-Battery-Staple-7")
    expect(heading(page)).to_have_text("Your account")
    page.get_by_role("link", name="Manage your email address").click()
    expect(main(page)).to_contain_text("jo@example.org")
    axe_check(page)
    nav(page, "Your account").click()
    page.get_by_role("link", name="Change your password").click()
    axe_check(page)
    page.locator("#id_oldpassword").fill("A-new-Battery-Staple-7")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Change Password").click()
    expect(page.get_by_role("status")).to_contain_text("Password successfully changed.")
    axe_check(page)
    jo.refresh_from_db()
    assert jo.check_password(PASSWORD)

    # "(recommended)": two-factor authentication, which staff must have, for anyone
    nav(page, "Your account").click()
    page.get_by_role("link", name="Set up two-factor authentication").click()
    axe_check(page)
    page.get_by_role("main").get_by_role("link", name="Activate").click()
    axe_check(page)
    activate_authenticator(page)
    expect(heading(page)).to_have_text("Recovery Codes")
    axe_check(page)
    page.get_by_role("link", name="Continue").click()
    expect(heading(page)).to_have_text("Your account")
    assert has_totp(jo)


# --- the work-experience applicant -------------------------------------------------------


def test_applicant_saves_a_draft_sends_it_later_and_withdraws_it(page, live_server, axe_check):
    """From "Your account": the programmes by the landing page's card, a draft kept, the
    draft found again under "Your work experience applications", sent, then withdrawn."""
    alex = UserFactory(email="alex@example.org", full_name="Alex Student", roles=[Role.APPLICANT])
    programme = ProgrammeFactory(title="Summer work experience 2027")
    EligibilityQuestionFactory(programme=programme)

    log_in(page, live_server, alex)
    expect(heading(page)).to_have_text("Your account")
    axe_check(page)
    page.get_by_role("link", name="Read about the four ways in").click()
    page.get_by_role("link", name="See the work experience programmes").click()
    page.get_by_role("link", name="Summer work experience 2027").click()
    page.get_by_role("link", name="Apply").click()
    page.get_by_label("Personal statement").fill("I would like to see how the police keep people safe.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status")).to_contain_text("Your draft is saved.")
    axe_check(page)

    nav(page, "Your account").click()
    page.get_by_role("link", name="Your work experience applications").click()
    expect(main(page)).to_contain_text("You have a draft for Summer work experience 2027, not yet sent.")
    axe_check(page)
    page.get_by_role("link", name="Carry on with it").click()
    statement = page.get_by_label("Personal statement")
    expect(statement).to_have_value("I would like to see how the police keep people safe.")
    fill_application(page)
    page.get_by_role("button", name="Send application").click()
    page.get_by_role("link", name="Skip these questions").click()  # issue 12: optional
    expect(main(page)).to_contain_text("Status: Applied")

    page.get_by_role("link", name="Withdraw my application").click()
    expect(heading(page)).to_have_text("Withdraw your application?")
    axe_check(page)
    page.get_by_role("button", name="Yes, withdraw my application").click()
    expect(page.get_by_role("status")).to_contain_text("Your application has been withdrawn.")
    expect(main(page)).to_contain_text("Status: Withdrawn")
    expect(page.get_by_role("link", name="Withdraw my application")).to_have_count(0)
    axe_check(page)
    assert WorkExperienceApplication.objects.get(applicant=alex).status == ApplicationStatus.WITHDRAWN
    assert [m.subject for m in mails_to(alex.email)][-1] == "You have withdrawn your work experience application"


def test_participant_confirms_attendance_and_keeps_a_diary(page, browser, live_server, axe_check):
    """Protocol 3.3.2 and 3.4.3, from "Your account" → "Your work experience applications":
    the checks, a reference and the agreement are in and the joining instructions sent before
    the journey; the participant confirms they will attend, the team then confirms the place,
    and the participant keeps their diary."""
    alex = UserFactory(email="alex@example.org", full_name="Alex Student", roles=[Role.APPLICANT])
    rita = UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True, full_name="Rita Recruiter")
    application = ready_for_joining_instructions(
        awaiting_attendance(applicant=alex, programme__title="Summer work experience 2027")
    )

    log_in(page, live_server, alex)
    page.get_by_role("link", name="Your work experience applications").click()
    page.get_by_role("link", name="Confirm you will attend").click()
    expect(heading(page)).to_have_text("Confirm you will attend Summer work experience 2027")
    axe_check(page)
    page.get_by_role("button", name="I will attend").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you: you have confirmed you will attend.")
    expect(main(page)).to_contain_text("You confirmed you will attend on")
    axe_check(page)
    application.refresh_from_db()
    assert application.attendance_confirmed_at is not None

    team = as_person(browser, live_server, rita)
    assert open_queue(team, "Places to confirm") == 1
    team.get_by_role("link", name="Open Alex Student’s application").click()
    team.get_by_role("button", name="Confirm the place").click()
    expect(team.get_by_role("status")).to_contain_text("Alex Student's place is confirmed.")
    axe_check(team)

    nav(page, "Your account").click()
    page.get_by_role("link", name="Your work experience applications").click()
    page.get_by_role("link", name="Your diary").click()
    expect(heading(page)).to_have_text("Your placement diary")
    axe_check(page)
    page.get_by_label("Date").fill("2027-07-19")
    page.get_by_label("Your notes").fill("Shadowed the front desk. Call me on 07911 123456.")
    page.get_by_role("button", name="Save your note").click()
    expect(page.get_by_role("alert")).to_contain_text("This looks like personal data")
    expect(page.get_by_label("Your notes")).to_have_value("Shadowed the front desk. Call me on 07911 123456.")
    axe_check(page)
    page.get_by_label("Your notes").fill("Shadowed the front desk and saw how calls are graded.")
    page.get_by_role("button", name="Save your note").click()
    expect(page.get_by_role("status")).to_contain_text("Your notes are saved.")
    expect(main(page)).to_contain_text("Monday 19 July 2027")
    expect(main(page)).to_contain_text("Shadowed the front desk and saw how calls are graded.")
    axe_check(page)
    assert [e.text for e in application.diary.all()] == ["Shadowed the front desk and saw how calls are graded."]


# --- the partner contact ------------------------------------------------------------------


def pat_of(partner_name, **partner):
    """Pat, the contact who speaks for ``partner_name`` (an active partner)."""
    organisation = PartnerFactory(name=partner_name, **partner)
    user = UserFactory(email="pat@partner.example", full_name="Pat Jones", roles=[Role.PARTNER_CONTACT])
    return PartnerContactFactory(organisation=organisation, user=user).user


def to_the_portal(page, link):
    """From the contact's home ("Your account"): the partner portal, then one of its links
    ("Student officers placed with you at Maidstone Mind")."""
    page.get_by_role("link", name="Go to the partner portal").click()
    expect(heading(page)).to_have_text("Partner portal")
    page.get_by_role("link", name=link).click()


def test_partner_keeps_its_details_colleagues_and_places(page, live_server, axe_check):
    pat = pat_of(
        "Rose Court Care Home",
        communities=["older_people", "dementia"],
        address="2 Rose Lane, Tonbridge",
        placement_description="Officers spend time with our residents.",
    )
    HostingOfferFactory(partner=pat.partner_contacts.get().organisation, places=3)

    log_in(page, live_server, pat)
    expect(heading(page)).to_have_text("Your account")
    axe_check(page)
    to_the_portal(page, "Your organisation's details for Rose Court Care Home")
    axe_check(page)
    page.get_by_label("How accessible are your premises?").fill("Step-free access from the car park.")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_role("status")).to_contain_text("Your organisation's details are saved.")
    axe_check(page)
    rose_court = PartnerOrganisation.objects.get(name="Rose Court Care Home")
    assert rose_court.premises_accessibility == "Step-free access from the car park."

    page.get_by_role("link", name="Contacts and colleagues for Rose Court Care Home").click()
    axe_check(page)
    page.get_by_label("Full name").fill("Sam Carer")
    page.get_by_label("Email address").fill("sam@rosecourt.example")
    page.get_by_role("button", name="Add and invite").click()
    expect(page.get_by_role("status")).to_contain_text("Sam Carer is added, and we have emailed them an invitation")
    expect(page.get_by_role("row", name=re.compile("Sam Carer"))).to_contain_text("Invited on")
    axe_check(page)
    page.get_by_role("button", name="Send the invitation again to Sam Carer").click()
    expect(page.get_by_role("status")).to_contain_text("We have sent Sam Carer a new invitation.")
    invitations = mails_to("sam@rosecourt.example")
    subject = "Your invitation to speak for Rose Court Care Home on Kent Placements"
    assert [m.subject for m in invitations] == [subject, subject]
    assert "/partners/join/" in invitations[-1].body

    page.get_by_role("link", name="Places offered").click()
    axe_check(page)
    page.get_by_role("link", name=re.compile("^Change the places for the 2-day placement")).click()
    expect(heading(page)).to_have_text("Change the places offered")
    axe_check(page)
    page.get_by_label("How many officers can you host?").fill("2")
    page.get_by_role("button", name="Save the number of places").click()
    expect(page.get_by_role("status")).to_contain_text("The number of places is saved.")
    expect(page.get_by_role("row", name=re.compile("^2-day placement"))).to_contain_text("2")
    axe_check(page)
    assert rose_court.offers.get().places == 2


def placement_awaiting_reply():
    """Sam Student's 2-day placement at Maidstone Mind, confirmed by the Diversity
    Placements Officer: the partner is asked to accept (placements.services.placements)."""
    sarah = UserFactory(roles=[Role.DIVERSITY_PLACEMENTS_OFFICER], mfa=True, full_name="Sarah Meloni")
    pat = pat_of("Maidstone Mind", communities=["mental_ill_health"])
    sam = StudentOfficerFactory(
        cohort=CohortFactory(name="Cohort January 2027"),
        user__email="sam@kent.police.example",
        user__full_name="Sam Student",
    )
    placement = CommunityPlacementFactory(officer=sam, offer__partner=pat.partner_contacts.get().organisation)
    confirm_placement(placement, by=sarah)
    return placement, sam.user, pat, sarah


def test_partner_accepts_and_only_then_the_officer_is_told_it_is_confirmed(page, browser, live_server, axe_check):
    """Issue 9 (seed 000 rules): "An officer is told a placement is confirmed only once the
    partner has accepted". Each person keeps their placements in their calendar."""
    placement, sam, pat, _sarah = placement_awaiting_reply()

    log_in(page, live_server, sam)
    expect(heading(page)).to_have_text("Staff dashboard")
    axe_check(page)
    nav(page, "Your placements").click()
    expect(page.get_by_role("region", name="2-day placement at Maidstone Mind")).to_have_count(0)
    expect(main(page)).to_contain_text("You have no confirmed placements yet.")
    axe_check(page)
    assert mails_to(sam.email) == []

    partner = as_person(browser, live_server, pat)
    to_the_portal(partner, "Student officers placed with you at Maidstone Mind")
    axe_check(partner)
    partner.get_by_role("link", name="Accept or decline Sam Student's placement").click()
    expect(heading(partner)).to_have_text("Sam Student: 2-day placement")
    axe_check(partner)
    partner.get_by_role("button", name="Accept the placement").click()
    expect(partner.get_by_role("status")).to_contain_text("Thank you: the placement is accepted.")
    expect(partner.get_by_role("row", name=re.compile("Sam Student"))).to_contain_text("Accepted by the partner")
    axe_check(partner)
    placement.refresh_from_db()
    assert placement.partner_response == PartnerResponse.ACCEPTED
    feed = partner.get_by_role("link", name="Download these placements for your calendar")
    assert b"SUMMARY:Student officer Sam Student (2-day placement)" in download(partner, feed)
    old_feed = feed.get_attribute("href")
    partner.get_by_role("button", name="Get a new calendar address").click()
    expect(partner.get_by_role("status")).to_contain_text("Your calendar has a new address")
    axe_check(partner)
    assert feed.get_attribute("href") != old_feed

    # Sam, still logged in, goes back to his placements.
    nav(page, "Your home").click()
    page.get_by_role("link", name="Your community placements").click()
    card = page.get_by_role("region", name="2-day placement at Maidstone Mind")
    expect(card).to_contain_text("Confirmed")
    expect(card).to_contain_text("Monday 1 March 2027 to Tuesday 2 March 2027")
    axe_check(page)
    [told] = mails_to(sam.email)
    assert told.subject == "Your 2-day placement at Maidstone Mind: 1 March to 2 March 2027"
    assert "Maidstone Mind has accepted it" in told.body and "/placements/mine/" in told.body
    calendar = page.get_by_role("link", name="Calendar file of your placements (.ics)")
    assert b"SUMMARY:2-day placement at Maidstone Mind" in download(page, calendar)
    old_calendar = calendar.get_attribute("href")
    page.get_by_role("button", name="Get a new calendar address").click()
    expect(page.get_by_role("status")).to_contain_text("Your calendar has a new address")
    axe_check(page)
    assert calendar.get_attribute("href") != old_calendar


def test_partner_declines_and_the_officer_waits_in_the_placements_team_queue(page, live_server, axe_check):
    """The partner cannot host: the placement is cancelled and the Diversity Placements Officer
    is told (not the officer, who never heard of it: issue 9); the officer is at risk on the
    cohort's page, reached from the home's count."""
    placement, sam, pat, sarah = placement_awaiting_reply()
    # Sam's 4-day placement is proposed already: only the 2-day one can leave him unplaced.
    CommunityPlacementFactory(
        officer=placement.officer,
        offer=HostingOfferFactory(
            placement_type=PlacementType.FOUR_DAY, available_from=date(2027, 9, 6), available_until=date(2027, 10, 29)
        ),
    )

    log_in(page, live_server, pat)
    to_the_portal(page, "Student officers placed with you at Maidstone Mind")
    page.get_by_role("link", name="Accept or decline Sam Student's placement").click()
    page.get_by_role("button", name="Decline the placement").click()
    expect(page.get_by_role("alert")).to_contain_text("Tell us why you cannot host this placement.")
    axe_check(page)
    page.get_by_label("Why can you not host this placement?").fill("Our day centre is closed that week.")
    page.get_by_role("button", name="Decline the placement").click()
    expect(page.get_by_role("status")).to_contain_text("The placement is declined.")
    expect(main(page)).to_contain_text("No officers are placed with you yet.")
    axe_check(page)
    placement.refresh_from_db()
    assert (placement.status, placement.partner_response) == (PlacementStatus.CANCELLED, PartnerResponse.DECLINED)
    assert mails_to(sam.email) == []
    [team] = mails_to(sarah.email)
    assert team.subject == "Maidstone Mind cannot host Sam Student (2-day placement, 1 March)"
    assert "Our day centre is closed that week." in team.body

    hand_over(page, sarah)
    assert open_queue(page, "Officers of a cohort without a 2-day or 4-day placement") == 1
    expect(page.get_by_role("row", name=re.compile("^Cohort January 2027"))).to_contain_text("1")
    axe_check(page)
    page.get_by_role("link", name="Cohort January 2027", exact=True).click()
    at_risk = page.get_by_role("region", name="2-day placements")
    expect(at_risk).to_contain_text("Sam Student")
    expect(at_risk).to_contain_text("Our day centre is closed that week.")
    axe_check(page)


# --- the Diversity Placements Officer ------------------------------------------------------


def test_placements_officer_sets_up_a_cohort_and_its_officer_finds_their_way_in(page, live_server, axe_check):
    """The cohort added in the back office and its officers imported from a CSV file (the
    4-day window a few months after the course: seed 000); the officer sets a password
    from the emailed link (EMAILED_ONLY), logs in, sets up two-factor authentication and
    finds their placements page (issue 9)."""
    sarah = UserFactory(roles=[Role.DIVERSITY_PLACEMENTS_OFFICER], mfa=True, full_name="Sarah Meloni")

    log_in(page, live_server, sarah)
    page.get_by_role("link", name="Open the back office").click()
    page.get_by_role("link", name="Cohorts", exact=True).click()
    page.get_by_role("link", name="Add cohort").click()
    axe_check(page)
    page.get_by_label("Name:").fill("Cohort September 2027")
    for field, day in (
        ("course_start", "2027-01-11"),
        ("two_day_window_start", "2027-03-01"),
        ("two_day_window_end", "2027-03-26"),
        ("four_day_window_start", "2027-09-06"),
        ("four_day_window_end", "2027-10-29"),
    ):
        page.locator(f"#id_{field}").fill(day)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was added successfully")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Student officers", exact=True).click()
    page.get_by_role("link", name="Import").click()
    axe_check(page)
    page.get_by_label("File to import").set_input_files(
        files=[
            {
                "name": "officers.csv",
                "mimeType": "text/csv",
                "buffer": b"staff_number,full_name,email,cohort\n"
                b"KP30001,Sam Student,sam@kent.police.example,Cohort September 2027\n",
            }
        ]
    )
    page.get_by_role("button", name="Submit").click()
    axe_check(page)
    page.get_by_role("button", name="Confirm import").click()
    expect(admin_rows(page).first).to_contain_text("Sam Student")
    axe_check(page)
    [welcome] = mails_to("sam@kent.police.example")
    assert "Cohort September 2027" in welcome.body

    log_out(page)
    page.goto(live_server.url + last_link("sam@kent.police.example", r"https?://\S+/accounts/password/reset/key/\S+"))
    axe_check(page)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Change Password").click()
    expect(main(page)).to_contain_text("Your password is now changed.")
    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("Email").fill("sam@kent.police.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(main(page)).to_contain_text("Staff accounts must use two-factor authentication")
    axe_check(page)
    activate_authenticator(page)
    page.get_by_role("link", name="Continue").click()
    expect(heading(page)).to_have_text("Staff dashboard")
    page.get_by_role("link", name="Your community placements").click()
    expect(main(page)).to_contain_text("Cohort September 2027.")
    expect(main(page)).to_contain_text("You have no confirmed placements yet.")
    axe_check(page)
    nav(page, "Security").click()
    expect(main(page)).to_contain_text("Authenticator App")
    axe_check(page)


def test_placements_officer_declines_reconsiders_and_approves_a_registration(page, live_server, axe_check):
    """From the count of registrations to review: a decision with its reason, looked at
    again, approved; the contact told each time, and invited again on request."""
    sarah = UserFactory(roles=[Role.DIVERSITY_PLACEMENTS_OFFICER], mfa=True, full_name="Sarah Meloni")
    medway = PartnerFactory(name="Medway Sight and Hearing", status=PartnerStatus.INTERESTED)
    PartnerContactFactory(organisation=medway, user=None, full_name="Ivy Medway", email="ivy@medway.example")
    PartnerFactory(name="Maidstone Mind", contact=True)  # active: not waiting for anyone

    log_in(page, live_server, sarah)
    axe_check(page)
    assert open_queue(page, "Partner registrations to review") == 1
    expect(page.get_by_role("table")).to_contain_text("Medway Sight and Hearing")
    expect(page.get_by_role("table")).not_to_contain_text("Maidstone Mind")
    axe_check(page)
    page.get_by_role("link", name="Medway Sight and Hearing").click()
    expect(heading(page)).to_have_text("Medway Sight and Hearing")
    axe_check(page)

    page.get_by_role("link", name="Decline").click()
    page.get_by_role("button", name="Decline the organisation").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe_check(page)
    page.get_by_label("Why is the organisation declined?").fill("We are looking for organisations in Kent only.")
    page.get_by_role("button", name="Decline the organisation").click()
    expect(page.get_by_role("status")).to_contain_text("Medway Sight and Hearing is declined")
    expect(main(page)).to_contain_text("Status: Declined — We are looking for organisations in Kent only.")
    axe_check(page)

    page.get_by_role("link", name="Reactivate").click()
    expect(heading(page)).to_have_text("Look at Medway Sight and Hearing again")
    axe_check(page)
    page.get_by_label("Why is it looked at again? (optional)").fill("They serve Medway, which is in Kent.")
    page.get_by_role("button", name="Reactivate the registration").click()
    expect(page.get_by_role("status")).to_contain_text("is back with the registrations to review")

    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("status")).to_contain_text("Medway Sight and Hearing is approved.")
    expect(page.get_by_role("row", name=re.compile("Ivy Medway"))).to_contain_text("Invited on")
    axe_check(page)
    page.get_by_role("button", name="Send the invitation again to Ivy Medway").click()
    expect(page.get_by_role("status")).to_contain_text("We have sent Ivy Medway a new invitation.")
    medway.refresh_from_db()
    assert medway.status == PartnerStatus.APPROVED
    told = mails_to("ivy@medway.example")
    assert [m.subject for m in told] == [
        "Your registration for community placements: Medway Sight and Hearing",
        "We are looking at Medway Sight and Hearing's registration again",
        "Medway Sight and Hearing is approved: create your Kent Placements account",
        "Your invitation to speak for Medway Sight and Hearing on Kent Placements",
    ]
    assert "We are looking for organisations in Kent only." in told[0].body
    assert "/partners/join/" in told[-1].body


def test_placements_officer_follows_a_reply_awaited_and_cancels_the_placement(page, live_server, axe_check):
    """From the count of placements awaiting the partner's reply to the cohort's review,
    where the placement is cancelled: the officer and the partner's contacts are told
    (issue 9, seed 000 rules)."""
    placement, sam, pat, sarah = placement_awaiting_reply()

    log_in(page, live_server, sarah)
    assert open_queue(page, "Placements awaiting the partner's reply") == 1
    expect(admin_rows(page)).to_have_count(1)
    expect(admin_rows(page).first).to_contain_text("Sam Student")
    axe_check(page)

    go_home(page)
    nav(page, "Allocation").click()
    expect(heading(page)).to_have_text("Cohorts and community placements")
    axe_check(page)
    page.get_by_role("link", name=re.compile("2-day placements for Cohort January 2027")).click()
    row = page.get_by_role("row", name=re.compile("Sam Student"))
    expect(row).to_contain_text("Awaiting the partner's reply")
    axe_check(page)
    row.get_by_role("link", name="Cancel Sam Student’s placement").click()  # htmx draws the form in the row
    row.get_by_label("Reason to cancel Sam Student's placement").fill("Sam has moved to the Medway cohort.")
    row.get_by_role("button", name="Cancel placement").click()
    expect(page.get_by_role("status")).to_contain_text("Cancelled Sam Student's placement at Maidstone Mind.")
    axe_check(page)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.CANCELLED
    assert placement.cancel_reason == "Sam has moved to the Medway cohort."
    assert mails_to(sam.email) == []
    assert mails_to(pat.email)[-1].subject == "Placement cancelled: Sam Student, 1 March"


def test_placements_officer_adds_this_weeks_presentations_and_invites_the_partners(page, live_server, axe_check):
    """The session added in the back office, then from the count of presentations in the
    next 7 days its partners invited (seed 000: representatives "more than welcome to
    attend"); the partner finds the invitation in the portal."""
    _placement, _sam, pat, sarah = placement_awaiting_reply()
    day = timezone.localdate() + timedelta(days=3)

    log_in(page, live_server, sarah)
    page.get_by_role("link", name="Open the back office").click()
    page.get_by_role("link", name="Presentation sessions", exact=True).click()
    page.get_by_role("link", name="Add presentation session").click()
    axe_check(page)
    page.get_by_label("Cohort:").select_option(label="Cohort January 2027")
    page.get_by_label("Placement type:").select_option(label="2-day placement")
    page.locator("#id_date").fill(day.isoformat())
    page.locator("#id_starts_at").fill("14:00")
    page.get_by_label("Room:").fill("Lecture theatre 2")
    page.get_by_label("Capacity:").fill("20")
    page.locator("#id_rsvp_cutoff_0").fill((day - timedelta(days=1)).isoformat())
    page.locator("#id_rsvp_cutoff_1").fill("12:00")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was added successfully")).to_be_visible()
    axe_check(page)

    go_home(page)
    assert open_queue(page, "Presentations in the next 7 days") == 1
    expect(admin_rows(page)).to_have_count(1)
    axe_check(page)
    run_action_here(page, "Cohort January 2027", "Invite partners of this round")
    expect(page.get_by_text("1 organisation newly invited; their contacts have been emailed.")).to_be_visible()
    axe_check(page)
    assert (
        mails_to(pat.email)[-1].subject
        == f"Invitation: student officers' presentations on {day.day} {day:%B %Y} at Kent Police College, Maidstone"
    )

    hand_over(page, pat)
    page.get_by_role("link", name="Go to the partner portal").click()
    page.get_by_role("link", name="Presentations and feedback").click()
    invitation = page.get_by_role("row", name=re.compile("Maidstone Mind"))
    expect(invitation).to_contain_text(f"{day:%A} {day.day} {day:%B %Y} at 14:00")
    expect(invitation).to_contain_text("Not replied yet")
    expect(invitation.get_by_role("link", name=re.compile("^Reply"))).to_be_visible()
    axe_check(page)


def test_a_placement_ends_the_officer_reflects_and_the_team_records_the_presentation(
    page, browser, live_server, axe_check
):
    """Seed 000: "At the conclusion of this placement the students prepare a short
    presentation". The Diversity Placements Officer marks last week's placement completed
    in the back office; the officer writes the reflection and sends the slides; the
    officer reads them in the cohort's report and records the presentation given."""
    sarah = UserFactory(roles=[Role.DIVERSITY_PLACEMENTS_OFFICER], mfa=True, full_name="Sarah Meloni")
    pat = pat_of("Maidstone Mind")
    last_monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday() + 7)
    sam = StudentOfficerFactory(cohort=CohortFactory(name="Cohort 2026-07"), user__full_name="Sam Student")
    placement = CommunityPlacementFactory(
        officer=sam,
        offer=HostingOfferFactory(
            partner=pat.partner_contacts.get().organisation,
            available_from=last_monday,
            available_until=last_monday + timedelta(days=4),
        ),
    )
    accept_placement(confirm_placement(placement, by=sarah), by=pat)

    log_in(page, live_server, sarah)
    page.get_by_role("link", name="Open the back office").click()
    page.get_by_role("link", name="Community placements", exact=True).click()
    axe_check(page)
    run_action_here(page, "Sam Student", "Mark completed (after the last day)")
    expect(page.get_by_text("1 community placement completed.")).to_be_visible()
    axe_check(page)

    officer = as_person(browser, live_server, sam.user)
    officer.get_by_role("link", name="Your community placements").click()
    expect(officer.get_by_role("region", name="2-day placement at Maidstone Mind")).to_contain_text("Completed")
    officer.get_by_role("link", name="Your presentation summary and reflection for Maidstone Mind").click()
    expect(heading(officer)).to_have_text("Your reflection on your 2-day placement at Maidstone Mind")
    axe_check(officer)
    officer.get_by_label("Presentation summary").fill("What people in crisis want from the police.")
    officer.get_by_label("Your reflection").fill("I will take more time to listen.")
    officer.get_by_label("Your presentation file (optional)").set_input_files(
        files=[{"name": "slides.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    officer.get_by_role("button", name="Save your reflection").click()
    expect(officer.get_by_role("status")).to_contain_text("Thank you: your reflection is saved.")
    axe_check(officer)
    assert download(officer, officer.get_by_role("link", name="download your presentation file")) == PDF

    go_home(page)
    nav(page, "Reports").click()
    axe_check(page)
    page.get_by_role("link", name="Cohort 2026-07 report").click()
    expect(heading(page)).to_have_text("Cohort 2026-07: community placements report")
    axe_check(page)
    page.get_by_role("link", name="Read the officers' reflections and the partners' feedback").click()
    card = page.get_by_role("region", name="Sam Student: 2-day placement at Maidstone Mind")
    expect(card).to_contain_text("What people in crisis want from the police.")
    expect(card).to_contain_text("I will take more time to listen.")
    axe_check(page)
    assert download(page, card.get_by_role("link", name="Download the presentation of Sam Student")) == PDF
    card.get_by_role("button", name="Record that Sam Student has given the presentation").click()
    expect(page.get_by_role("status")).to_contain_text("Recorded that Sam Student has given their presentation.")
    expect(page.get_by_role("region", name="Sam Student: 2-day placement at Maidstone Mind")).to_contain_text(
        "Presented."
    )
    axe_check(page)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.PRESENTED


# --- the Corporate Recruitment Team and the escorting officer ----------------------------------


def running_programme(**fields):
    """A programme whose placement days run from yesterday to three days ahead."""
    today = timezone.localdate()
    return ProgrammeFactory(
        title="Work experience week",
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=3),
        status=ProgrammeStatus.RUNNING,
        applications_open_at=timezone.now() - timedelta(days=60),
        applications_close_at=timezone.now() - timedelta(days=30),
        **fields,
    )


def participant(programme, name, **fields):
    return on_placement(programme=programme, applicant=UserFactory(full_name=name, roles=[Role.APPLICANT]), **fields)


def record_briefing_and_attachment(escort, today, attachment):
    """On the escort's participant page: the security briefing by the nominated local
    contact (protocol 3.4.1), then an attachment of the risk assessment with the framework's
    checks (3.5.4)."""
    escort.get_by_label("Nominated local contact who gave the briefing").fill("PS Dana Lane")
    escort.get_by_label("Date of the briefing").fill(today.isoformat())
    escort.get_by_role("button", name="Record the briefing").click()
    expect(escort.get_by_role("status")).to_contain_text("The security briefing is recorded.")
    escort.get_by_label("Attachment*", exact=True).select_option(label=attachment)
    escort.get_by_label("Hazards and precautions").fill("Stays with the escorting officer on site.")
    for check in ("hazards of the attachment", "who might be harmed", "precautions are decided", "participant is told"):
        escort.get_by_label(re.compile(check, re.IGNORECASE)).check()
    escort.get_by_role("button", name="Add the attachment").click()
    expect(escort.get_by_role("status")).to_contain_text("The attachment is added to the risk assessment.")


def test_the_team_keeps_the_register_assigns_an_escort_who_records_the_day(page, browser, live_server, axe_check):
    """Seed 001 (protocol 3.5): the recruitment team, from "Programmes", keeps the day's
    register; from the count of participants without a risk assessment, gives one an
    escorting officer and records the Student Placement Risk Assessment; the escorting
    officer, from "Your participants", records an activity and a DRA; the team reads them
    on the participant's page and reviews the assessment."""
    today = timezone.localdate()
    rita = UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True, full_name="Rita Recruiter")
    erin = UserFactory(roles=[Role.ESCORTING_OFFICER], mfa=True, full_name="Erin Escort")
    programme = running_programme()
    alex = participant(programme, "Alex Student")
    participant(programme, "Jamie Participant", escorting_officer=erin)

    log_in(page, live_server, rita)
    nav(page, "Programmes").click()
    expect(heading(page)).to_have_text("Work experience programmes")
    axe_check(page)
    page.get_by_role("link", name="Work experience week").click()
    axe_check(page)
    page.get_by_role("link", name=f"Register for {today:%A} {today.day} {today:%B}").click()
    axe_check(page)
    page.get_by_role("group", name=re.compile("^Alex Student: present or absent")).get_by_label("Present").check()
    page.get_by_role("group", name=re.compile("^Jamie Participant: present or absent")).get_by_label("Absent").check()
    page.get_by_label("Note about Jamie Participant").fill("Unwell; a parent rang in.")
    page.get_by_role("button", name="Save the register").click()
    expect(page.get_by_role("status")).to_contain_text(f"The register for {today.day} {today:%B} is saved.")
    axe_check(page)
    assert {(r.application.applicant.full_name, r.present) for r in AttendanceRecord.objects.filter(date=today)} == {
        ("Alex Student", True),
        ("Jamie Participant", False),
    }

    nav(page, "Your home").click()
    assert open_queue(page, "Participants without a risk assessment") == 2
    axe_check(page)
    page.get_by_role("link", name="Alex Student’s placement page").click()
    expect(heading(page)).to_have_text("Alex Student's placement")
    axe_check(page)
    page.get_by_label("Escorting officer").select_option(label="Erin Escort")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_role("status")).to_contain_text("The escorting officer is assigned.")
    page.get_by_label("Date of the assessment").fill(today.isoformat())
    page.get_by_label("Review every (days)").fill("2")
    assessment = page.get_by_role("textbox", name="Assessment*", exact=True)
    assessment.fill("Stays with the escorting officer; no operational deployments.")
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_role("status")).to_contain_text("The Student Placement Risk Assessment is saved.")
    expect(main(page)).to_contain_text(f"{today:%A} {today.day} {today:%B}: present")
    axe_check(page)

    escort = as_person(browser, live_server, erin)
    nav(escort, "Your participants").click()
    expect(escort.get_by_role("table")).to_contain_text("Jamie Participant")
    axe_check(escort)
    escort.get_by_role("link", name="Alex Student").click()
    axe_check(escort)
    # Issue 10: the security briefing (3.4.1) and the assessment's attachment (3.5.4) come first.
    record_briefing_and_attachment(escort, today, "Community liaison")
    axe_check(escort)
    escort.get_by_role("textbox", name="Date*", exact=True).fill(today.isoformat())
    escort.get_by_label("Activity").select_option(label="Community liaison")
    escort.get_by_label("Notes").fill("Met the neighbourhood team at the college.")
    escort.get_by_role("button", name="Record the activity").click()
    expect(escort.get_by_role("status")).to_contain_text("The activity is recorded.")
    escort.get_by_label("When it happened").fill(f"{today - timedelta(days=1)}T11:00")
    escort.get_by_label("Incident or event").fill("Fire alarm during the morning session")
    escort.get_by_label("Hazards*", exact=True).fill("Crowded stairs")
    escort.get_by_label("What was done to keep the participant safe").fill("Stayed with the escorting officer")
    escort.get_by_role("button", name="Record the DRA").click()
    expect(escort.get_by_role("status")).to_contain_text("The DRA is recorded.")
    axe_check(escort)

    nav(page, "Programmes").click()
    page.get_by_role("link", name="Work experience week").click()
    page.get_by_role("region", name="Participants").get_by_role("link", name="Alex Student").click()
    expect(main(page)).to_contain_text(
        "Community liaison with Erin Escort — Met the neighbourhood team at the college."
    )
    expect(main(page)).to_contain_text("recorded by Erin Escort")
    expect(main(page)).to_contain_text("Fire alarm during the morning session")
    axe_check(page)
    page.get_by_role("textbox", name="Assessment*", exact=True).fill("Reviewed after the fire alarm: no change.")
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_role("status")).to_contain_text("The Student Placement Risk Assessment is saved.")
    axe_check(page)
    nav(page, "Your participants").click()  # the team's list is every participant on placement
    expect(page.get_by_role("row", name=re.compile("Jamie Participant"))).to_contain_text("Erin Escort")
    expect(page.get_by_role("row", name=re.compile("Alex Student"))).to_contain_text("Erin Escort")
    axe_check(page)
    alex.refresh_from_db()
    assert alex.escorting_officer == erin
    assert (alex.risk_assessment.last_reviewed_on, alex.risk_assessment.review_due) == (today, today + timedelta(2))


def test_the_team_shortlists_and_declines_from_the_queue_and_the_applicant_reads_why(page, live_server, axe_check):
    """From the count of applications to shortlist, the back office list of exactly those,
    one shortlisted and one declined with its reason (protocol 3.1.2); the applicant sees
    the outcome under "Your work experience applications"."""
    rita = UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True, full_name="Rita Recruiter")
    programme = ProgrammeFactory(title="Summer work experience 2027")
    alex = ApplicationFactory(programme=programme, applicant__full_name="Alex Student")
    jamie = ApplicationFactory(programme=programme, applicant__full_name="Jamie Participant")
    ApplicationFactory(programme=programme, status=ApplicationStatus.VETTING)  # not waiting for the team

    log_in(page, live_server, rita)
    assert open_queue(page, "Applications to shortlist") == 2
    expect(admin_rows(page)).to_have_count(2)
    axe_check(page)
    run_action_here(page, "Alex Student", "Shortlist")
    expect(page.get_by_text("1 work experience application shortlisted.")).to_be_visible()
    expect(admin_rows(page)).to_have_count(1)
    run_action_here(page, "Jamie Participant", "Decline (with a reason)…")
    expect(page.get_by_role("heading", name="Decline work experience applications")).to_be_visible()
    axe_check(page)
    page.get_by_label("The programme is full").check()
    page.get_by_label("A note for the applicant (optional)").fill("Please apply again next summer.")
    page.get_by_role("button", name="Decline them").click()
    expect(page.get_by_text("1 work experience application declined.")).to_be_visible()
    axe_check(page)
    alex.refresh_from_db()
    jamie.refresh_from_db()
    assert (alex.status, jamie.status) == (ApplicationStatus.SHORTLISTED, ApplicationStatus.DECLINED)
    [declined] = mails_to(jamie.applicant.email)
    assert "Please apply again next summer." in declined.body

    hand_over(page, jamie.applicant)
    page.get_by_role("link", name="Your work experience applications").click()
    expect(main(page)).to_contain_text("Status: Declined")
    axe_check(page)


def test_the_team_runs_programmes_campaigns_and_undelivered_emails_in_the_back_office(
    page, browser, live_server, axe_check
):
    """The back office's actions that move a programme through its year (opening it emails
    everyone interested: protocol 3.2.3; one of them stops those emails from the link), a
    volunteer role and its recruitment campaign added, opened and closed (seed 002), and
    the count of emails that could not be delivered, re-sent."""
    rita = UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True, full_name="Rita Recruiter")
    ProgrammeFactory(title="Summer work experience 2027", status=ProgrammeStatus.DRAFT)
    interest = ExpressionOfInterest.objects.create(full_name="Ivy Interested", email="ivy@example.org")
    lost = NotificationFactory(dead=True, recipient="alex@example.org", subject="Your joining instructions")

    log_in(page, live_server, rita)
    for action, done in (
        ("Open for applications (and email everyone interested)", "opened"),
        ("Close for applications", "closed"),
        ("Placement days have started", "started"),
        ("Programme finished", "finished"),
    ):
        run_admin_action(page, live_server, "Work experience programmes", "Summer work experience 2027", action)
        expect(page.get_by_text(f"1 work experience programme {done}.")).to_be_visible()
    axe_check(page)
    go_home(page)
    nav(page, "Programmes").click()
    expect(page.get_by_role("row", name=re.compile("Summer work experience 2027"))).to_contain_text("Finished")

    ivy = browser.new_context().new_page()
    ivy.goto(live_server.url + last_link("ivy@example.org", r"https?://\S+/work-experience/interest/unsubscribe/\S+/"))
    axe_check(ivy)
    ivy.get_by_role("button", name="Stop these emails").click()
    expect(ivy.get_by_role("main")).to_contain_text("You will not receive any more emails")
    interest.refresh_from_db()
    assert interest.unsubscribed_at is not None

    go_home(page)
    page.get_by_role("link", name="Open the back office").click()
    page.get_by_role("link", name="Volunteer roles", exact=True).click()
    page.get_by_role("link", name="Add volunteer role").click()
    axe_check(page)
    page.get_by_label("Name:").fill("Community Policing Volunteer")
    page.get_by_label("Monthly hours:").fill("16")
    page.get_by_label("Needs fitness test").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was added successfully")).to_be_visible()
    page.get_by_role("link", name="Recruitment campaigns", exact=True).click()
    page.get_by_role("link", name="Add recruitment campaign").click()
    axe_check(page)
    page.get_by_label("Role:").select_option(label="Community Policing Volunteer")
    page.get_by_label("Area:").fill("West Division")
    today = timezone.localdate()
    for field, day in (("opens_at", today), ("closes_at", today + timedelta(days=30))):
        page.locator(f"#id_{field}_0").fill(day.isoformat())
        page.locator(f"#id_{field}_1").fill("09:00")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was added successfully")).to_be_visible()
    for action, done in (("Open for applications", "opened"), ("Close for applications", "closed")):
        run_action_here(page, "West Division", action)
        expect(page.get_by_text(f"1 recruitment campaign {done}.")).to_be_visible()
    axe_check(page)
    assert RecruitmentCampaign.objects.get(area="West Division").status == CampaignStatus.CLOSED

    go_home(page)
    assert open_queue(page, "Emails that could not be delivered") == 1
    expect(admin_rows(page)).to_have_count(1)
    axe_check(page)
    run_action_here(page, "Your joining instructions", "Re-send the selected notifications")
    expect(page.get_by_text("1 notification queued again.")).to_be_visible()
    lost.refresh_from_db()
    assert lost.status == NotificationStatus.SENT
    assert mails_to("alex@example.org")[-1].subject == "Your joining instructions"


# --- every staff role: the work queues on the home ------------------------------------------

# What waits for each role on the staff home (accounts/queues.py, placements/queues.py,
# notifications/queues.py), in the order the home lists it.
QUEUES = {
    Role.RECRUITMENT_TEAM: [
        "Emails that could not be delivered",
        "Applications to shortlist",
        "Agreements awaiting signature",
        "Joining instructions to send",
        "Places to confirm",
        "Participants without a risk assessment",
        "Overdue risk reviews",
        "Attendance not confirmed",
        "Volunteer applications to shortlist",
        "Interviews to record",
        "Medical certificates to check",
        "Volunteer offers outstanding",
        "Candidates you buddy",  # issue 12: any member of staff may be a programme buddy
    ],
    Role.DIVERSITY_PLACEMENTS_OFFICER: [
        "Emails that could not be delivered",
        "Partner registrations to review",
        "Active partners without a contact",
        "Officers of a cohort without a 2-day or 4-day placement",
        "Placements awaiting the partner's reply",
        "Presentations in the next 7 days",
        "Outreach events: attendance to record",  # issue 12
        "Businesses to follow up",  # issue 12: local businesses supporting recruitment
        "Programme applications to decide",  # issue 12: the Positive Action Programme
        "Candidates you buddy",
    ],
    Role.VETTING_OFFICER: ["Vetting to decide", "Clearances lapsing before the placement ends", "Candidates you buddy"],
    Role.ESCORTING_OFFICER: [
        "Your participants without a risk assessment",
        "Your participants' overdue risk reviews",
        "Candidates you buddy",
    ],
}
QUEUES[Role.HEAD_OF_RESOURCING] = [
    # the registrations of outreach events and the businesses to follow up are the officer's alone
    # (outreach.rules, outreach.businesses.rules)
    *(
        label
        for label in QUEUES[Role.DIVERSITY_PLACEMENTS_OFFICER]
        if not label.startswith("Outreach events")
        and label not in ("Businesses to follow up", "Programme applications to decide")
    ),
    "Review of the Work Experience Protocol due",  # protocol 7.1, on the monitoring page
]


def something_in_every_queue(escort):
    """One record waiting in each queue of every staff role."""
    today = timezone.localdate()
    NotificationFactory(dead=True)
    PartnerFactory(status=PartnerStatus.INTERESTED)
    PartnerFactory(status=PartnerStatus.ACTIVE)  # nobody to confirm its placements
    placement_awaiting_reply()  # its officer has no 4-day placement yet
    PresentationSessionFactory(date=today + timedelta(days=3))
    for status in (ApplicationStatus.APPLIED, ApplicationStatus.AGREEMENT_PENDING):
        ApplicationFactory(status=status)
    # vetting (issue 10): an application's checks requested, and another's clearance lapsing early
    request_checks(ApplicationFactory(status=ApplicationStatus.VETTING), WORK_EXPERIENCE_CHECKS, by=escort)
    lapsing = ready_to_confirm(ApplicationFactory(status=ApplicationStatus.AGREEMENT_PENDING))
    ready_for_joining_instructions(ApplicationFactory(status=ApplicationStatus.AGREEMENT_PENDING))
    VettingCheck.objects.filter(object_id=lapsing.pk).update(expires_on=lapsing.programme.starts_on)
    programme = running_programme()
    participant(programme, "Alex Student", escorting_officer=escort)  # no risk assessment yet
    overdue = participant(programme, "Jamie Participant", escorting_officer=escort)
    RiskAssessment.objects.create(
        application=overdue,
        owner=escort,
        assessed_on=today - timedelta(days=9),
        review_due=today - timedelta(days=1),
        summary="Stays on site.",
    )
    awaiting_attendance(programme=ProgrammeFactory(), attendance_flagged_at=timezone.now())
    ProtocolReview.objects.create(reviewed_on=date(2024, 2, 1), next_review_on=today, notes="Minor amendments.")
    VolunteerApplicationFactory()  # issue 11: submitted, to shortlist
    interview_to_record()
    certificate_to_check()
    OfferedApplicationFactory()  # issue 11: the candidate has not answered yet
    attendance_to_record()  # issue 12: an outreach event has started, its register not taken
    business_interest()  # issue 12: a local business that nobody has contacted yet
    programme_application()  # issue 12: an application to the Positive Action Programme


# The officers' count opens the cohort list (each cohort's page says why its officers wait).
COUNTED_PER_COHORT = {"Officers of a cohort without a 2-day or 4-day placement"}
# Lists that are not a table of the rows counted: where their rows are.
LIST_ROWS = {
    "Clearances lapsing before the placement ends": "#lapsing + ul > li",
    "Review of the Work Experience Protocol due": "#review-due",
}


def test_each_staff_role_opens_each_count_on_their_home_to_the_list_of_what_waits(page, live_server, axe_check):
    """Issue 9, "Work queues": each count on the staff home links to the list of exactly
    the records it counts, for every staff role, one after another on one browser."""
    people = {role: UserFactory(roles=[role], mfa=True) for role in QUEUES}
    something_in_every_queue(escort=people[Role.ESCORTING_OFFICER])
    for person in people.values():  # issue 12: each buddies a programme candidate
        enrolled(buddy=person)

    page.goto(live_server.url + "/")
    for role, labels in QUEUES.items():
        sign_in(page, people[role])
        expect(heading(page)).to_have_text("Staff dashboard")
        waiting = page.get_by_role("region", name="Waiting for you").get_by_role("link")
        expect(waiting).to_have_count(len(labels))
        axe_check(page)
        for label in labels:
            count = open_queue(page, label)
            assert count > 0, f"{role}: nothing waits in {label!r}"
            if label in COUNTED_PER_COHORT:
                # one row per cohort, its officers missing a placement in the last column
                missing = page.locator("main table tbody tr td:last-child").all_inner_texts()
                assert sum(int(cell) for cell in missing) == count
            else:
                rows = LIST_ROWS.get(label, "#result_list tbody tr, main table tbody tr")
                expect(page.locator(rows)).to_have_count(count)
            axe_check(page)
            go_home(page)
        log_out(page)


def test_head_of_resourcing_reads_every_list_and_changes_nothing(page, live_server, axe_check):
    """The Head of Resourcing (DOMAIN.md §1: reports, retention, audit) reads the
    programmes, partners, allocations and reports, with none of the buttons that change
    them: those are the recruitment team's and the Diversity Placements Officer's."""
    harriet = UserFactory(roles=[Role.HEAD_OF_RESOURCING], mfa=True)
    participant(running_programme(), "Alex Student")
    PartnerFactory(name="Medway Sight and Hearing", status=PartnerStatus.INTERESTED)
    placement = placement_awaiting_reply()[0]
    finished = finished_placement(
        officer__cohort=placement.officer.cohort,
        officer__user__full_name="Robin Reflective",
        offer__partner__contact=True,
    )
    submit_reflection(
        finished,
        by=finished.officer.user,
        summary="What people in crisis want from the police.",
        reflection="I will take more time to listen.",
        upload=SimpleUploadedFile("slides.pdf", PDF),
    )

    log_in(page, live_server, harriet)
    nav(page, "Programmes").click()
    page.get_by_role("link", name="Work experience week").click()
    # the participant's name without their placement page (issue 10: the application page,
    # from the Applications rows, is theirs to read for discretion, 2.3)
    participants = page.get_by_role("region", name="Participants")
    expect(participants.get_by_role("row", name=re.compile("Alex Student"))).to_be_visible()
    expect(participants.get_by_role("link", name="Alex Student")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^Register for"))).to_have_count(0)
    axe_check(page)

    nav(page, "Partners").click()
    axe_check(page)
    page.get_by_role("link", name="Medway Sight and Hearing").click()
    expect(main(page)).to_contain_text("Status: Interested")
    expect(page.get_by_role("button", name="Approve")).to_have_count(0)
    expect(page.get_by_role("link", name="Decline")).to_have_count(0)
    axe_check(page)

    nav(page, "Allocation").click()
    page.get_by_role("link", name=re.compile("2-day placements for Cohort January 2027")).click()
    expect(page.get_by_role("row", name=re.compile("Sam Student"))).to_contain_text("Maidstone Mind")
    expect(page.get_by_role("button")).to_have_count(1)  # "Log out": no allocator, no cancelling
    axe_check(page)

    nav(page, "Reports").click()
    page.get_by_role("link", name="Cohort January 2027 report").click()
    expect(main(page)).to_contain_text("2 student officers")
    axe_check(page)
    page.get_by_role("link", name="Read the officers' reflections and the partners' feedback").click()
    card = page.get_by_role("region", name=re.compile("^Robin Reflective: 2-day placement"))
    expect(card).to_contain_text("I will take more time to listen.")
    expect(card.get_by_role("link")).to_have_count(0)  # the slides are the officer's and the team's
    expect(card.get_by_role("button")).to_have_count(0)
    axe_check(page)
