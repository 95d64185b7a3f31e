"""Issue 11's steps in the browser, each by the person who takes it (seed 002's Community
Policing Volunteers), shared by the volunteer journeys (JOURNEYS.md VJ, VJ-2, VM, VO, VJ-T,
VH and the whole journey, VW) so that a step is clicked the same way everywhere. Each step
starts where the person already is (their home, or the page the step before left them on),
runs axe on every new page it reaches, and ends on the page the step leaves them on."""

from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_vetting_journey import NOTE, check_section, record_move
from tests.factories import PASSWORD

# The checks seed 002 asks of a volunteer (vetting.enums VOLUNTEER_CHECKS), as the vetting
# officer's page names them.
CHECKS = ("Identity check", "Force vetting (Force Policy P04)", "Non Police Personnel Vetting, level 1")


def heading(page):
    return page.get_by_role("heading", level=1)


def answer(page, question, choice):
    page.get_by_role("group", name=question).get_by_label(choice, exact=True).check()


# --- the applicant -----------------------------------------------------------------------


def find_the_campaign_and_log_in(page, live_server, applicant, campaign, axe_check):
    """A visitor: the landing page's Volunteering card → the campaigns → ``campaign`` → Apply,
    logging in on the way. Ends on the application form."""
    page.goto(live_server.url + "/")
    axe_check(page)
    page.get_by_role("link", name="See the volunteering campaigns").click()
    expect(heading(page)).to_have_text("Volunteering with Kent Police")
    axe_check(page)
    page.get_by_role("link", name=campaign).click()
    expect(heading(page)).to_have_text(campaign)
    expect(page.get_by_role("main")).to_contain_text("pass a fitness test and provide a medical certificate")
    axe_check(page)
    page.get_by_role("link", name="Apply", exact=True).click()
    expect(heading(page)).to_have_text("Log in")
    axe_check(page)
    page.get_by_label("Email").fill(applicant.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(heading(page)).to_have_text(f"Apply: {campaign}")
    axe_check(page)


def fill_volunteer_application(page, born):
    """The application form: born on ``born``, yes to each eligibility question (seed 002:
    in the area, 16 hours a month, the right to volunteer), why and when."""
    page.get_by_label("Date of birth").fill(born.isoformat())
    answer(page, "Do you live or work in the campaign's area?", "Yes")
    answer(page, "Can you give the role's hours each month?", "Yes")
    answer(page, "Do you have the right to volunteer in the UK?", "Yes")
    page.get_by_label("Why do you want to volunteer?").fill("I grew up in Tonbridge and want to help.")
    page.get_by_label("When are you available?").fill("Saturdays.")


def send_volunteer_application(page, axe_check):
    page.get_by_role("button", name="Send application").click()
    axe_check(page)  # issue 12: the optional equality questions
    page.get_by_role("link", name="Skip these questions").click()
    expect(heading(page)).to_have_text("Your volunteer applications")
    expect(page.get_by_role("main")).to_contain_text("Status: Submitted")
    axe_check(page)


def my_volunteer_applications(page, axe_check):
    """From any page: the bar's "Your account" (the applicant's home), then their applications."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Your account", exact=True).click()
    axe_check(page)
    page.get_by_role("link", name="Your volunteer applications").click()
    expect(heading(page)).to_have_text("Your volunteer applications")
    axe_check(page)


def book_interview(page, campaign, slot, axe_check):
    """On "Your volunteer applications": "Book an interview", then ``slot``."""
    page.get_by_role("link", name=f"Book an interview for {campaign}").click()
    expect(heading(page)).to_have_text("Book an interview")
    axe_check(page)
    page.get_by_label(str(slot)).check()
    page.get_by_role("button", name="Book this interview").click()
    expect(page.get_by_role("status")).to_contain_text(f"Your interview is booked: {slot}")
    axe_check(page)


def open_medical_upload(page, axe_check):
    """On "Your volunteer applications": "Upload your medical certificate"."""
    page.get_by_role("link", name="Upload your medical certificate").click()
    expect(heading(page)).to_have_text("Upload your medical certificate")
    axe_check(page)


def upload_medical_certificate(page, path: Path):
    page.get_by_label("Your medical certificate").set_input_files(path)
    page.get_by_role("button", name="Upload my certificate").click()


def accept_the_offer(page, campaign, axe_check):
    """On "Your volunteer applications", the offer read: Accept."""
    page.get_by_role("button", name=f"Accept the offer for {campaign}").click()
    expect(page.get_by_role("status")).to_contain_text("you have accepted your place")
    expect(page.get_by_role("main")).to_contain_text("Status: In training")
    axe_check(page)


def log_duty(page, *, day, hours, activity):
    """On "Your hours": one duty, sent."""
    page.get_by_label("Date of the duty").fill(day.isoformat())
    page.get_by_label("Hours").fill(hours)
    page.get_by_label("What did you do?").fill(activity)
    page.get_by_role("button", name="Log this duty").click()


# --- the recruitment team ----------------------------------------------------------------


def volunteer_recruitment(team, axe_check):
    """From any staff page: the bar's "Volunteer recruitment", the campaigns."""
    team.get_by_role("navigation", name="Main").get_by_role("link", name="Volunteer recruitment").click()
    expect(heading(team)).to_have_text("Volunteer campaigns")
    axe_check(team)


def open_volunteer_application(team, name, axe_check):
    """On a list of applications (a queue, a campaign's, the training page): ``name``'s."""
    team.get_by_role("link", name=name).click()
    expect(heading(team)).to_have_text(name)
    axe_check(team)


def shortlist(team, axe_check):
    """On the application's page: Shortlist."""
    team.get_by_role("button", name="Shortlist").click()
    expect(team.get_by_role("status")).to_contain_text("The application is shortlisted")
    expect(team.get_by_role("main")).to_contain_text("Status: Shortlisted")
    axe_check(team)


def open_interview_times(team, campaign, axe_check):
    """On the campaigns: the campaign's "Interview times"."""
    team.get_by_role("link", name=f"Interview times for {campaign}").click()
    expect(heading(team)).to_have_text(f"Interviews: {campaign}")
    axe_check(team)


def publish_interview_times(team, *, day, minutes, count=2, starts="09:30", where="Tonbridge Police Station"):
    """On the campaign's interview page: a day's times, sent."""
    team.get_by_label("Day").fill(day.isoformat())
    team.get_by_label("First interview starts at").fill(starts)
    team.get_by_label("Length of each interview, in minutes").fill(str(minutes))
    team.get_by_label("How many interviews").fill(str(count))
    team.get_by_label("Where").fill(where)
    team.get_by_role("button", name="Publish these interview times").click()


def record_interview_passed(team, axe_check):
    """On the application's page, after the interview: Passed."""
    expect(team.get_by_role("main")).to_contain_text("Record the interview outcome")
    team.get_by_label("Passed: the application goes on").check()
    team.get_by_role("button", name="Record the outcome").click()
    expect(team.get_by_role("main")).to_contain_text("Status: Interviewed")
    axe_check(team)


def book_fitness_test(team, when, axe_check, place="Maidstone Police Station gym"):
    """On the application's page: "Book the fitness test" for ``when`` (a local datetime)."""
    team.get_by_role("link", name="Book the fitness test").click()
    expect(heading(team)).to_have_text("Book the fitness test")
    axe_check(team)
    team.get_by_label("Date and time").fill(f"{when:%Y-%m-%dT%H:%M}")
    team.get_by_label("Place").fill(place)
    team.get_by_role("button", name="Book the fitness test").click()
    expect(team.get_by_role("status")).to_contain_text("The fitness test is booked")
    axe_check(team)


def record_fitness_passed(team, axe_check, assessor="PC Jo Hart"):
    """On the application's page, the test booked: its result, passed."""
    team.get_by_role("link", name="Record the fitness test's result").click()
    axe_check(team)
    team.get_by_label("Passed").check()
    team.get_by_label("Assessor").fill(assessor)
    team.get_by_role("button", name="Record the result").click()
    expect(team.get_by_role("main")).to_contain_text("Status: Fitness test passed")
    axe_check(team)


def accept_medical_certificate(team, expected: bytes, axe_check):
    """On the application's page: the certificate downloaded and read (it is ``expected``),
    then accepted."""
    with team.expect_download() as download:
        team.get_by_role("link", name="Download the medical certificate").click()
    assert Path(download.value.path()).read_bytes() == expected
    team.get_by_role("button", name="Accept the certificate").click()
    expect(team.get_by_role("status")).to_contain_text("The medical certificate is accepted")
    axe_check(team)


def start_vetting(team, axe_check):
    """On the application's page, the earlier steps done: Start vetting."""
    team.get_by_role("button", name="Start vetting").click()
    expect(team.get_by_role("status")).to_contain_text("Vetting has started")
    expect(team.get_by_role("main")).to_contain_text("Vetting: In progress")
    axe_check(team)


def open_training(team, campaign, axe_check):
    """On the campaigns: the campaign's "Training"."""
    team.get_by_role("link", name=f"Training for {campaign}").click()
    expect(heading(team)).to_have_text(f"Training: {campaign}")
    axe_check(team)


def keep_the_registers(team, name, weekends):
    """On the training page: each weekend's register (``weekends``: when each starts),
    ``name`` ticked attended, saved."""
    for starts_at in weekends:
        saturday = f"{timezone.localtime(starts_at):%-d %B %Y}"
        register = team.get_by_role("group", name=f"Who attended the weekend of {saturday}?")
        register.get_by_label(name).check()
        team.get_by_role("button", name=f"Save the register of {saturday}").click()
        expect(team.get_by_role("status")).to_contain_text(f"The register of {saturday} is saved.")


def complete_training(team, name, axe_check):
    """On the training page, every weekend attended: "Complete training" for ``name``."""
    team.get_by_role("button", name=f"Complete training for {name}").click()
    expect(team.get_by_role("status")).to_contain_text(f"{name} has completed the training")
    axe_check(team)


def grant_power(team, name, power, axe_check):
    """On the training page: the new volunteer under "Completed the training", then ``power``."""
    team.get_by_role("region", name="Completed the training").get_by_role("link", name=name).click()
    expect(heading(team)).to_have_text(name)
    expect(team.get_by_role("main")).to_contain_text("Status: Active volunteer")
    axe_check(team)
    powers = team.get_by_role("region", name="Designated powers")
    powers.get_by_label(power).check()
    powers.get_by_role("button", name="Grant this power").click()
    expect(team.get_by_role("status")).to_contain_text("The power is granted")
    axe_check(team)


# --- the vetting officer -----------------------------------------------------------------


def clear_the_checks(vetting, name, axe_check):
    """On "Vetting to decide": ``name``'s checks, each started (with a private note) and
    cleared."""
    vetting.get_by_role("link", name=name).click()
    expect(heading(vetting)).to_have_text(f"Vetting: {name}")
    axe_check(vetting)
    for check in CHECKS:
        record_move(vetting, check, "Start the check", **{"Private notes": NOTE})
        record_move(vetting, check, "Clear", **{"Clearance expires on": "2031-01-31"})
    expect(check_section(vetting, CHECKS[-1])).to_contain_text("Cleared")
    axe_check(vetting)
