"""Every step of a work-experience application has a page, for the person who takes it
(issue 10): the recruitment team from their home to an application, shortlisting and
starting vetting; a participant discontinued on day two for conduct (2.4), their guardian
and school told; the Head of Resourcing's exception to the minimum age (2.3). Only clicks
after the landing page; axe on every page."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from placements.enums import ApplicationStatus, ProgrammeStatus
from placements.models import WorkExperienceApplication
from placements.tests.work_experience_factories import ApplicationFactory, ProgrammeFactory
from tests.browser.steps import log_in, mails_to
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
S = ApplicationStatus


def open_application(page, axe_check, programme_title, name):
    """Home → Programmes → the programme's dashboard → the application's page."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Programmes", exact=True).click()
    axe_check(page)
    page.get_by_role("link", name=programme_title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(programme_title)
    axe_check(page)
    page.get_by_role("region", name="Applications").get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    axe_check(page)


def test_the_team_shortlists_an_application_and_starts_vetting(page, live_server, axe_check):
    rita = UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True, full_name="Rita Recruiter")
    application = ApplicationFactory(
        programme=ProgrammeFactory(title="Summer work experience 2027"), applicant__full_name="Alex Student"
    )

    log_in(page, live_server, rita)
    open_application(page, axe_check, "Summer work experience 2027", "Alex Student")
    page.get_by_role("button", name="Shortlist").click()
    expect(page.get_by_text("Alex Student is shortlisted.")).to_be_visible()
    expect(page.get_by_text("Status: Shortlisted")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Start vetting").click()
    expect(page.get_by_text("Vetting checks have started for Alex Student.")).to_be_visible()
    expect(page.get_by_role("row", name="Rita Recruiter started vetting")).to_be_visible()
    axe_check(page)
    application.refresh_from_db()
    assert application.status == S.VETTING
    assert [m.subject for m in mails_to(application.applicant.email)][:1] == [
        "Good news about your work experience application"
    ]


def test_a_participant_is_discontinued_on_day_two_for_conduct(page, live_server, axe_check):
    rita = UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True, full_name="Rita Recruiter")
    today = timezone.localdate()
    running = ProgrammeFactory(
        title="Spring work experience",
        starts_on=today - timedelta(days=1),  # today is day two
        ends_on=today + timedelta(days=3),
        applications_open_at=timezone.now() - timedelta(days=60),
        applications_close_at=timezone.now() - timedelta(days=30),
        status=ProgrammeStatus.RUNNING,
    )
    morgan = ApplicationFactory(
        programme=running,
        status=S.ATTENDING,
        applicant__full_name="Morgan Participant",
        date_of_birth=today - timedelta(days=17 * 365),
        school="Maidstone Grammar School",
        school_email="wex@mgs.example.org",
    )

    log_in(page, live_server, rita)
    open_application(page, axe_check, "Spring work experience", "Morgan Participant")
    page.get_by_role("link", name="Discontinue for conduct").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Discontinue Morgan Participant's placement")
    axe_check(page)
    page.get_by_role("button", name="Discontinue the placement").click()  # no reason: asked for one
    expect(page.get_by_text("Give the conduct reason for discontinuing the placement.").first).to_be_visible()
    axe_check(page)
    page.get_by_label("Which standard of behaviour was not met?").fill("Abusive language to a member of the public.")
    page.get_by_role("button", name="Discontinue the placement").click()
    expect(page.get_by_text("Status: Discontinued")).to_be_visible()
    axe_check(page)
    assert WorkExperienceApplication.objects.get(pk=morgan.pk).status == S.DISCONTINUED
    # Protocol 2.4 with 3.5.3: the participant, their guardian (Morgan is 17) and their school are told why.
    [to_morgan] = mails_to(morgan.applicant.email)
    [to_guardian] = mails_to("pat.parent@example.org")
    [to_school] = mails_to("wex@mgs.example.org")
    assert to_morgan.subject == "Your work experience placement has ended"
    assert to_guardian.subject == "A work experience placement has ended"
    assert to_guardian.body.startswith("Dear Pat Parent,")
    assert to_school.subject == "Work experience with Kent Police: Morgan Participant's placement has ended"
    assert to_school.body.startswith("Dear colleague at Maidstone Grammar School,")
    for message in (to_morgan, to_guardian, to_school):
        words = " ".join(message.body.split())  # the templates wrap their lines
        assert "Morgan" in words and "Spring work experience has been discontinued" in words
        assert "The reason: Abusive language to a member of the public." in words


def test_the_head_of_resourcing_makes_an_exception_to_the_minimum_age(page, live_server, axe_check):
    hana = UserFactory(roles=[Role.HEAD_OF_RESOURCING], mfa=True, full_name="Hana Head")
    draft = ApplicationFactory(
        programme=ProgrammeFactory(title="Summer work experience 2027"),
        status=S.DRAFT,
        submitted_at=None,
        applicant__full_name="Sam Young",
        date_of_birth=date(2011, 7, 21),  # 15 on the first day, 16 two days later
    )

    log_in(page, live_server, hana)
    open_application(page, axe_check, "Summer work experience 2027", "Sam Young")
    page.get_by_role("link", name="Make an exception").click()
    axe_check(page)
    page.get_by_label("The minimum age").check()
    page.get_by_label("Rationale").fill("Turns 16 on the third day; the school asked and the programme suits Sam.")
    page.get_by_role("button", name="Grant the exception").click()
    expect(page.get_by_text("The exception for Sam Young is recorded")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Turns 16 on the third day")).to_be_visible()
    expect(page.get_by_role("row", name="Hana Head made an exception to the protocol for")).to_be_visible()
    axe_check(page)
    assert draft.exceptions.get().granted_by == hana
    [told] = mails_to(draft.applicant.email)
    assert "made an exception for you to the minimum age" in told.body
