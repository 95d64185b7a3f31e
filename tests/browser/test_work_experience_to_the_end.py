"""Issue 10, end to end in Chromium, entirely by clicking, each step by the person who takes
it (seed 001, the Work Experience Protocol): someone asks to hear about work experience; the
recruitment team opens a programme and they are emailed; at 16 they apply, naming a parent or
guardian; the team shortlists them, starts vetting and asks for a reference; the vetting
officer records the checks and clears them; the referee answers from the emailed link; the
team asks for the Work Placement Agreement; the applicant signs it, then the guardian from
the emailed link; both download the sealed PDF. The team sends the joining instructions; the
applicant confirms from the emailed link that they will attend; the team confirms the place
and gives them an escorting officer. On the first day the team marks them attending and the
escorting officer records the security briefing, the Student Placement Risk Assessment and
the day's activities; on the last day the team marks the placement completed, and the
applicant reads "Completed".

The world (the people and a draft programme) is made with factories before the first step;
after that only clicks, links read from the emails, and the clock moved to the placement's
days. axe runs on every page visited."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from placements.enums import ApplicationStatus, ProgrammeStatus
from placements.models import Activity, RiskAssessment, SecurityBriefing, WorkExperienceApplication
from placements.tests.work_experience_factories import EligibilityQuestionFactory, ProgrammeFactory
from tests.browser.steps import (
    as_person,
    at,
    download,
    fill_application,
    go_home,
    last_link,
    mails_to,
    open_queue,
    run_admin_action,
)
from tests.browser.test_application_steps import open_application
from tests.browser.test_persona_journeys import heading, main, nav, record_briefing_and_attachment
from tests.browser.test_start_of_placement_journey import add_attachment, record_activity
from tests.browser.test_vetting_journey import NOTE, check_section, record_move
from tests.browser.test_work_experience_journey import register_interest
from tests.factories import PASSWORD, UserFactory
from vetting.enums import ReferenceStatus
from vetting.models import AgreementStatus, Reference, WorkPlacementAgreement

pytestmark = pytest.mark.django_db(transaction=True)

APPLICANT = "alex.student@example.org"
GUARDIAN = "pat.student@example.org"  # fill_application names Pat Student
REFEREE = "rita.tutor@school.example"
PROGRAMME = "Summer work experience"
CHECKS = ("Identity check", "Force vetting (Force Policy P04)")


def the_world():
    """Before the first step: the people, and the programme the team drafted. Its days are a
    month ahead, so the whole journey up to them happens today."""
    today = timezone.localdate()
    starts_on = today + timedelta(days=28)
    people = {
        "applicant": UserFactory(email=APPLICANT, full_name="Alex Student"),
        "team": UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True, full_name="Rita Recruiter"),
        "vetting": UserFactory(roles=[Role.VETTING_OFFICER], mfa=True, full_name="Victor Vetting"),
        "escort": UserFactory(roles=[Role.ESCORTING_OFFICER], mfa=True, full_name="Erin Escort"),
    }
    programme = ProgrammeFactory(
        title=PROGRAMME,
        status=ProgrammeStatus.DRAFT,
        applications_open_at=timezone.now() - timedelta(hours=1),
        applications_close_at=timezone.now() + timedelta(days=14),
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=4),
    )
    EligibilityQuestionFactory(programme=programme)
    return people, programme


def apply_at_sixteen(page, live_server, applicant, born, axe_check):
    """The applicant follows the email's link, logs in on the way, and applies at 16 on the
    first day (so their guardian consents, protocol 3.5.3), giving their school's contact."""
    page.goto(live_server.url + last_link(APPLICANT, r"https?://\S+/work-experience/\d+/"))
    expect(heading(page)).to_have_text(PROGRAMME)
    axe_check(page)
    page.get_by_role("link", name="Apply").click()
    expect(heading(page)).to_have_text("Log in")
    page.get_by_label("Email").fill(applicant.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(heading(page)).to_have_text(f"Apply for {PROGRAMME}")
    axe_check(page)
    fill_application(page)
    page.get_by_label("Date of birth").fill(born.isoformat())
    page.get_by_label("School or college contact email (optional)").fill("wex@mgs.example.org")
    page.get_by_role("button", name="Send application").click()
    page.get_by_role("link", name="Skip these questions").click()  # issue 12: optional
    expect(heading(page)).to_have_text("My work experience applications")
    expect(main(page)).to_contain_text("Status: Applied")
    axe_check(page)


def click_step(page, button, message, axe_check):
    """On the staff application page: one of the next steps, and what the page then says."""
    page.get_by_role("button", name=button).click()
    expect(page.get_by_role("status")).to_contain_text(message)
    axe_check(page)


def ask_for_a_reference(team, axe_check):
    """The team, from the application's page: its references."""
    team.get_by_role("link", name="References for Alex Student").click()
    expect(heading(team)).to_have_text("References for Alex Student")
    axe_check(team)
    team.get_by_label("Referee's full name").fill("Rita Tutor")
    team.get_by_label("Referee's email address").fill(REFEREE)
    team.get_by_label("Relationship to the applicant").fill("Form tutor")
    team.get_by_role("button", name="Ask for this reference").click()
    expect(team.get_by_role("status")).to_contain_text("We have emailed Rita Tutor a link")
    axe_check(team)


def the_referee_answers(browser, live_server, axe_check):
    referee = browser.new_context().new_page()
    referee.goto(live_server.url + last_link(REFEREE, r"https?://\S+/reference/\S+/"))
    expect(heading(referee)).to_have_text("Reference for Alex Student")
    axe_check(referee)
    referee.get_by_label("How long have you known the applicant?").fill("3 years")
    referee.get_by_label("In what capacity do you know them?").fill("As their form tutor")
    referee.get_by_label("How suitable is the applicant").fill("Reliable and honest; kind to younger students.")
    referee.get_by_role("radio", name="Yes", exact=True).check()
    referee.get_by_role("button", name="Send your reference").click()
    expect(heading(referee)).to_have_text("Thank you for your reference")
    axe_check(referee)
    referee.context.close()


def the_vetting_officer_clears(browser, live_server, officer, axe_check):
    vetting = as_person(browser, live_server, officer)
    axe_check(vetting)
    assert open_queue(vetting, "Vetting to decide") == 1
    axe_check(vetting)
    vetting.get_by_role("link", name="Alex Student").click()
    expect(heading(vetting)).to_have_text("Vetting: Alex Student")
    axe_check(vetting)
    expires_on = (timezone.localdate() + timedelta(days=730)).isoformat()
    for check in CHECKS:
        record_move(vetting, check, "Start the check", **{"Private notes": NOTE})
        record_move(vetting, check, "Clear", **{"Clearance expires on": expires_on})
        expect(check_section(vetting, check)).to_contain_text("expires")
    axe_check(vetting)
    vetting.context.close()


def sealed_pdf(page):
    """The signed agreement's download link, clicked: the file's bytes."""
    return download(page, page.get_by_role("link", name="Download the signed agreement (PDF)"))


def the_applicant_signs(page, axe_check):
    go_home(page)
    page.get_by_role("link", name="Your work experience applications").click()
    expect(main(page)).to_contain_text("Status: Waiting for the Work Placement Agreement")
    axe_check(page)
    page.get_by_role("link", name="Your Work Placement Agreement").click()
    expect(heading(page)).to_have_text("Your Work Placement Agreement")
    axe_check(page)
    page.get_by_label("Your full name").fill("Alex Student")
    page.get_by_label(re.compile("I have read this agreement")).check()
    page.get_by_role("button", name="Sign the agreement").click()
    expect(main(page)).to_contain_text("We are waiting for the declaration of consent")
    axe_check(page)


def the_guardian_signs_and_downloads(browser, live_server, axe_check):
    guardian = browser.new_context().new_page()
    guardian.goto(live_server.url + last_link(GUARDIAN, r"https?://\S+/agreements/consent/\S+/"))
    expect(heading(guardian)).to_have_text("Declaration of consent for Alex Student")
    axe_check(guardian)
    guardian.get_by_label("Your full name").fill("Pat Student")
    guardian.get_by_label(re.compile("I consent to them taking part")).check()
    guardian.get_by_role("button", name="Sign the declaration of consent").click()
    expect(main(guardian)).to_contain_text("you have signed the declaration of consent")
    # Sealed once everyone has signed (at once here: tests run Celery's tasks eagerly).
    expect(main(guardian)).to_contain_text("Your signed agreement is ready")
    axe_check(guardian)
    assert sealed_pdf(guardian).startswith(b"%PDF-")
    guardian.context.close()


def send_joining_instructions_then_confirm(team, page, live_server, axe_check):
    """Protocol 3.3.2 in its order: the team sends the joining instructions; the applicant
    confirms from the email's link that they will attend; then the team confirms the place."""
    go_home(team)
    open_application(team, axe_check, PROGRAMME, "Alex Student")
    expect(team.get_by_role("button", name="Confirm the place")).to_have_count(0)
    click_step(
        team,
        "Send joining instructions",
        "The joining instructions have gone to Alex Student, who is asked to confirm they will attend.",
        axe_check,
    )
    expect(main(team)).to_contain_text("The applicant has not confirmed they will attend.")

    joining = mails_to(APPLICANT)[-1]
    assert joining.subject == "Your joining instructions for work experience"
    assert "Photo ID and a packed lunch." in joining.body
    page.goto(live_server.url + last_link(APPLICANT, r"https?://\S+/work-experience/attendance/\d+/"))
    expect(heading(page)).to_have_text(f"Confirm you will attend {PROGRAMME}")
    axe_check(page)
    page.get_by_role("button", name="I will attend").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you: you have confirmed you will attend.")
    axe_check(page)

    team.reload()
    click_step(team, "Confirm the place", "Alex Student's place is confirmed", axe_check)
    expect(main(team)).to_contain_text("Status: Confirmed")
    assert mails_to(APPLICANT)[-1].subject == "Your work experience place is confirmed"


def assign_the_escort(team, axe_check):
    """From the programme's dashboard: the participant's placement page, an escorting officer."""
    team.get_by_role("link", name=PROGRAMME).click()  # the breadcrumb back to the dashboard
    team.get_by_role("region", name="Participants").get_by_role("link", name="Alex Student", exact=True).click()
    expect(heading(team)).to_have_text("Alex Student's placement")
    axe_check(team)
    team.get_by_label("Escorting officer").select_option(label="Erin Escort")
    team.get_by_role("button", name="Assign").click()
    expect(team.get_by_role("status")).to_contain_text("The escorting officer is assigned.")
    axe_check(team)


def the_escort_starts_the_placement(escort, day, axe_check):
    """Protocol 3.4.1, 3.5.4, 3.5.6: the briefing, the assessment and its attachments, then
    the activities they cover."""
    nav(escort, "Your participants").click()
    axe_check(escort)
    escort.get_by_role("link", name="Alex Student").click()
    expect(heading(escort)).to_have_text("Alex Student's placement")
    axe_check(escort)
    escort.get_by_label("Date of the assessment").fill(day.isoformat())
    escort.get_by_label("Review every (days)").fill("2")
    escort.get_by_role("textbox", name="Assessment*", exact=True).fill("Stays with the escorting officer.")
    escort.get_by_role("button", name="Save the assessment").click()
    expect(escort.get_by_role("status")).to_contain_text("The Student Placement Risk Assessment is saved.")
    axe_check(escort)
    record_briefing_and_attachment(escort, day, "College-based session")
    add_attachment(escort, "Community liaison", "With the neighbourhood team at the college.")
    axe_check(escort)
    record_activity(escort, day, "College-based session", "Tour of the college and the control room")
    expect(escort.get_by_role("status")).to_contain_text("The activity is recorded.")
    record_activity(escort, day, "Community liaison", "Met the neighbourhood team")
    expect(escort.get_by_role("status")).to_contain_text("The activity is recorded.")
    expect(main(escort)).to_contain_text("Given by PS Dana Lane")
    axe_check(escort)


def test_a_sixteen_year_old_from_interest_to_the_end_of_the_placement(
    page, browser, live_server, axe_check, time_machine
):
    people, programme = the_world()
    born = programme.starts_on - timedelta(days=16 * 365 + 30)  # 16, a month before the first day

    # A visitor asks to hear about work experience.
    register_interest(page, live_server, axe_check)

    # The recruitment team opens the programme: everyone interested is emailed.
    team = as_person(browser, live_server, people["team"])
    run_admin_action(
        team,
        live_server,
        "Work experience programmes",
        PROGRAMME,
        "Open for applications (and email everyone interested)",
    )
    expect(team.get_by_text("1 work experience programme opened.")).to_be_visible()
    axe_check(team)

    # The applicant follows the email's link and applies, at 16, naming their guardian.
    apply_at_sixteen(page, live_server, people["applicant"], born, axe_check)

    # The team shortlists, starts vetting, and asks for a reference.
    go_home(team)
    open_application(team, axe_check, PROGRAMME, "Alex Student")
    expect(main(team)).to_contain_text("16 (a parent or guardian consents)")
    click_step(team, "Shortlist", "Alex Student is shortlisted.", axe_check)
    click_step(team, "Start vetting", "Vetting checks have started for Alex Student.", axe_check)
    expect(main(team)).to_contain_text("Vetting: In progress")
    ask_for_a_reference(team, axe_check)

    # The vetting officer records each check and clears it; the referee answers.
    the_vetting_officer_clears(browser, live_server, people["vetting"], axe_check)
    the_referee_answers(browser, live_server, axe_check)

    # The team sees both, and asks for the Work Placement Agreement.
    go_home(team)
    open_application(team, axe_check, PROGRAMME, "Alex Student")
    expect(main(team)).to_contain_text("Status: Cleared")
    expect(main(team)).to_contain_text("Vetting: Cleared")
    expect(main(team)).not_to_contain_text(NOTE)  # the vetting officer's notes stay theirs
    click_step(
        team,
        "Ask for the Work Placement Agreement",
        "Alex Student has been asked to sign the Work Placement Agreement.",
        axe_check,
    )

    # The applicant signs; then the guardian, from the emailed link; both download the sealed PDF.
    the_applicant_signs(page, axe_check)
    the_guardian_signs_and_downloads(browser, live_server, axe_check)
    page.goto(live_server.url + last_link(APPLICANT, r"https?://\S+/agreements/\d+/"))  # "is ready" email
    expect(main(page)).to_contain_text("Your signed agreement is ready")
    axe_check(page)
    assert sealed_pdf(page).startswith(b"%PDF-")

    assert WorkPlacementAgreement.objects.get().status == AgreementStatus.READY
    assert Reference.objects.get().status == ReferenceStatus.RECEIVED
    assert sorted(m.to for m in mail.outbox if "is ready" in m.subject) == [[APPLICANT], [GUARDIAN]]
    assert mails_to(GUARDIAN)[0].subject == "Please sign the declaration of consent for Alex Student"

    # The joining instructions, the applicant's answer, the place; an escorting officer.
    send_joining_instructions_then_confirm(team, page, live_server, axe_check)
    assign_the_escort(team, axe_check)
    for person in (page, team):
        person.context.close()

    # The first day: the team marks Alex attending; the escort starts the placement.
    first_day, last_day = programme.starts_on, programme.ends_on
    at(time_machine, first_day, 8)
    team = as_person(browser, live_server, people["team"])
    open_application(team, axe_check, PROGRAMME, "Alex Student")
    click_step(team, "Mark as attending", "Alex Student is attending.", axe_check)
    escort = as_person(browser, live_server, people["escort"])
    the_escort_starts_the_placement(escort, first_day, axe_check)

    # The last day: the team marks the placement completed; Alex reads it.
    at(time_machine, last_day, 16)
    team = as_person(browser, live_server, people["team"])
    open_application(team, axe_check, PROGRAMME, "Alex Student")
    click_step(team, "Placement completed", "Alex Student has completed.", axe_check)
    alex = as_person(browser, live_server, people["applicant"])
    alex.get_by_role("link", name="Your work experience applications").click()
    expect(main(alex)).to_contain_text("Status: Completed")
    axe_check(alex)

    application = WorkExperienceApplication.objects.get(applicant=people["applicant"])
    assert application.status == ApplicationStatus.COMPLETED
    assert application.attendance_confirmed_at is not None and application.escorting_officer == people["escort"]
    assert SecurityBriefing.objects.get(application=application).given_by == "PS Dana Lane"
    assert sorted(Activity.objects.filter(application=application).values_list("kind", flat=True)) == [
        "college_session",
        "community_liaison",
    ]
    assert RiskAssessment.objects.get(application=application).attachments.count() == 2
