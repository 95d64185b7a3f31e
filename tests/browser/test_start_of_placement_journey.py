"""The start of a placement, by clicking (issue 10; Work Experience Protocol 3.4.1, 3.4.3,
3.5.2, 3.5.4): the escorting officer, from their home, records the security briefing, the
Student Placement Risk Assessment with its attachments, an on-site activity and a DRA; an
off-site activity needs their confirmation; the participant's diary refuses a postcode,
with the message next to the field. The world is made with factories before the first
step; axe runs on every page visited."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from placements.models import Activity, DynamicRiskAssessment, RiskAssessment, SecurityBriefing
from placements.tests.matrix_placement_days import on_placement
from tests.browser.steps import as_person, log_in
from tests.browser.test_persona_journeys import heading, main, nav, running_programme
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

CHECKS = ("hazards of the attachment", "who might be harmed", "precautions are decided", "participant is told")


def add_attachment(escort, attachment, findings):
    escort.get_by_label("Attachment*", exact=True).select_option(label=attachment)
    escort.get_by_label("Hazards and precautions").fill(findings)
    for check in CHECKS:
        escort.get_by_label(re.compile(check, re.IGNORECASE)).check()
    escort.get_by_role("button", name="Add the attachment").click()
    expect(escort.get_by_role("status")).to_contain_text("The attachment is added to the risk assessment.")


def record_activity(escort, day, activity, notes, *, off_site=False):
    escort.get_by_role("textbox", name="Date*", exact=True).fill(day.isoformat())
    escort.get_by_label("Activity").select_option(label=activity)
    escort.get_by_label("Off site" if off_site else "On site (Kent Police College)", exact=True).check()
    escort.get_by_label("Notes").fill(notes)
    escort.get_by_role("button", name="Record the activity").click()


def test_the_escort_starts_a_placement_and_the_diary_refuses_a_postcode(page, browser, live_server, axe_check):
    today = timezone.localdate()
    erin = UserFactory(roles=[Role.ESCORTING_OFFICER], mfa=True, full_name="Erin Escort")
    alex = UserFactory(full_name="Alex Student", roles=[Role.APPLICANT])
    application = on_placement(programme=running_programme(), applicant=alex, escorting_officer=erin)

    escort = page
    log_in(escort, live_server, erin)
    nav(escort, "Your participants").click()
    axe_check(escort)
    escort.get_by_role("link", name="Alex Student").click()
    expect(heading(escort)).to_have_text("Alex Student's placement")
    expect(main(escort)).to_contain_text("No security briefing recorded yet.")
    axe_check(escort)

    # An activity before the briefing is refused, with what to do first.
    record_activity(escort, today, "College-based session", "Tour of the college")
    expect(escort.get_by_role("alert")).to_contain_text("Record the security briefing (protocol 3.4.1)")
    axe_check(escort)

    escort.get_by_label("Nominated local contact who gave the briefing").fill("PS Dana Lane")
    escort.get_by_label("Date of the briefing").fill(today.isoformat())
    escort.get_by_role("button", name="Record the briefing").click()
    expect(escort.get_by_role("status")).to_contain_text("The security briefing is recorded.")
    expect(main(escort)).to_contain_text(f"Given by PS Dana Lane on {today.day} {today:%B %Y}")
    axe_check(escort)

    escort.get_by_label("Date of the assessment").fill(today.isoformat())
    escort.get_by_label("Review every (days)").fill("2")
    escort.get_by_role("textbox", name="Assessment*", exact=True).fill("Stays with the escorting officer.")
    escort.get_by_role("button", name="Save the assessment").click()
    expect(escort.get_by_role("status")).to_contain_text("The Student Placement Risk Assessment is saved.")
    axe_check(escort)
    add_attachment(escort, "College-based session", "Classrooms only; fire exits shown.")
    add_attachment(escort, "Patrol with a neighbourhood officer or PCSO", "Daytime town-centre patrol, never alone.")
    expect(main(escort)).to_contain_text("Classrooms only; fire exits shown.")
    axe_check(escort)

    record_activity(escort, today, "College-based session", "Tour of the college")
    expect(escort.get_by_role("status")).to_contain_text("The activity is recorded.")
    axe_check(escort)

    escort.get_by_label("When it happened").fill(f"{today - timedelta(days=1)}T11:00")
    escort.get_by_label("Incident or event").fill("Fire alarm during the morning session")
    escort.get_by_label("Hazards*", exact=True).fill("Crowded stairs")
    escort.get_by_label("What was done to keep the participant safe").fill("Stayed with the escorting officer")
    escort.get_by_role("button", name="Record the DRA").click()
    expect(escort.get_by_role("status")).to_contain_text("The DRA is recorded.")
    axe_check(escort)

    # Off site (protocol 3.5.2) only with the escorting officer's confirmation.
    record_activity(escort, today, "Patrol with a neighbourhood officer or PCSO", "Town centre", off_site=True)
    expect(
        escort.get_by_text("confirm the Student Placement Risk Assessment covers this off-site activity").first
    ).to_be_visible()
    expect(escort.get_by_label("Notes")).to_have_value("Town centre")
    axe_check(escort)
    escort.get_by_label(re.compile("Off site: I am the escorting officer")).check()
    escort.get_by_role("button", name="Record the activity").click()
    expect(escort.get_by_role("status")).to_contain_text("The activity is recorded.")
    expect(main(escort)).to_contain_text("off site (risk assessment confirmed by Erin Escort)")
    axe_check(escort)

    assert SecurityBriefing.objects.get().given_by == "PS Dana Lane"
    assert sorted(RiskAssessment.objects.get().attachments.values_list("kind", flat=True)) == [
        "college_session",
        "neighbourhood_patrol",
    ]
    assert sorted(Activity.objects.values_list("location", flat=True)) == ["off_site", "on_site"]
    assert DynamicRiskAssessment.objects.count() == 1

    diarist = as_person(browser, live_server, alex)
    diarist.get_by_role("link", name="Your work experience applications").click()
    axe_check(diarist)
    diarist.get_by_role("link", name="Your diary").click()
    expect(heading(diarist)).to_have_text("Your placement diary")
    axe_check(diarist)
    diarist.get_by_label("Date").fill(today.isoformat())
    diarist.get_by_label("Your notes").fill("We patrolled near ME14 1AB with the PCSO.")
    diarist.get_by_role("button", name="Save your note").click()
    expect(diarist.locator("#id_text_error")).to_contain_text("This looks like personal data: ME14 1AB.")
    expect(diarist.get_by_label("Your notes")).to_have_value("We patrolled near ME14 1AB with the PCSO.")
    axe_check(diarist)
    assert not application.diary.exists()
