"""The start of a placement (issue 10; Work Experience Protocol 3.4.1, 3.4.3, 3.5.2, 3.5.4):
the security briefing and the Student Placement Risk Assessment, with its attachments,
before the first activity; off-site activities confirmed by the escorting officer; the
forbidden situations warned of in notes; the diary's refusals — in the services, and on
the pages with the message next to the field."""

from datetime import date, datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from accounts.models import ActionLog
from accounts.roles import Role
from kentplacements.workflow import DomainError
from placements.enums import ApplicationStatus
from placements.models import Activity, DiaryEntry, DynamicRiskAssessment, RiskAssessment, SecurityBriefing
from placements.services.placement_days import (
    add_diary_entry,
    add_risk_attachment,
    record_activity,
    record_dra,
    record_risk_assessment,
    record_security_briefing,
    review_risk_assessment,
)
from tests.factories import UserFactory

from .form_markup import error_under_field
from .matrix_placement_days import on_placement
from .work_experience_factories import ready_for_activities

pytestmark = pytest.mark.django_db

FIRST_DAY = date(2027, 7, 19)  # ProgrammeFactory's programme runs 19–23 July 2027
CHECKS = {
    "hazards_identified": True,
    "who_might_be_harmed": True,
    "precautions_in_place": True,
    "participant_told": True,
}


@pytest.fixture(autouse=True)
def _during_the_programme(time_machine):
    time_machine.move_to(timezone.make_aware(datetime(2027, 7, 20, 15, 0)), tick=False)


@pytest.fixture
def escorted(escorting_officer):
    return on_placement(escorting_officer=escorting_officer)


@pytest.fixture
def started(escorted, escorting_officer):
    ready_for_activities(escorted, escorting_officer)
    return escorted


def _assess(application, by):
    return record_risk_assessment(application, by=by, owner=by, assessed_on=date(2027, 7, 1), summary="Low")


# --- the Student Placement Risk Assessment from clearance on (3.5.4) ---------------------------------


@pytest.mark.parametrize("status", [ApplicationStatus.CLEARED, ApplicationStatus.AGREEMENT_PENDING])
def test_the_team_records_the_risk_assessment_from_clearance_on(status, recruiter):
    application = on_placement(status=status)
    assert _assess(application, recruiter).application == application


@pytest.mark.parametrize("status", [ApplicationStatus.SHORTLISTED, ApplicationStatus.VETTING])
def test_the_risk_assessment_waits_for_clearance(status, recruiter):
    with pytest.raises(DomainError, match="once vetting has cleared"):
        _assess(on_placement(status=status), recruiter)
    assert not RiskAssessment.objects.exists()


def test_the_staff_page_of_a_cleared_applicant_records_the_risk_assessment(client, recruiter):
    application = on_placement(status=ApplicationStatus.CLEARED)
    client.force_login(recruiter)
    url = reverse("staff_participant", args=[application.pk])
    page = client.get(url).content.decode()
    assert "Record the Student Placement Risk Assessment" in page
    assert "Record the security briefing" not in page  # given on a day of the placement
    data = {"save": "risk", "risk-assessed_on": "2027-07-01", "risk-review_every_days": "2", "risk-summary": "Low"}
    assertContains(client.post(url, data, follow=True), "The Student Placement Risk Assessment is saved.")
    assert RiskAssessment.objects.get().application == application


def test_reviews_fall_due_at_the_set_interval(escorted, escorting_officer):
    assessment = record_risk_assessment(
        escorted,
        by=escorting_officer,
        owner=escorting_officer,
        assessed_on=FIRST_DAY,
        summary="Low",
        review_every_days=3,
    )
    assert assessment.review_due == date(2027, 7, 22)
    review_risk_assessment(assessment, by=escorting_officer, summary="Still low")  # today is 20 July
    assessment.refresh_from_db()
    assert (assessment.review_due, assessment.last_reviewed_on) == (date(2027, 7, 23), date(2027, 7, 20))


def test_a_review_interval_under_a_day_is_refused(escorted, escorting_officer):
    with pytest.raises(DomainError, match="1 or more"):
        record_risk_assessment(
            escorted,
            by=escorting_officer,
            owner=escorting_officer,
            assessed_on=FIRST_DAY,
            summary="x",
            review_every_days=0,
        )


# --- attachments (3.5.4) ----------------------------------------------------------------------


def test_an_attachment_records_every_check_of_the_framework(escorted, escorting_officer):
    assessment = _assess(escorted, escorting_officer)
    attachment = add_risk_attachment(
        assessment, by=escorting_officer, kind="licensing", findings=" Pubs: stays outside. ", **CHECKS
    )
    assert (attachment.kind, attachment.findings, attachment.participant_told) == (
        "licensing",
        "Pubs: stays outside.",
        True,
    )
    assert ActionLog.objects.filter(action="add_risk_attachment").count() == 1
    with pytest.raises(DomainError, match="already covers licensing"):
        add_risk_attachment(assessment, by=escorting_officer, kind="licensing", findings="Again", **CHECKS)


def test_an_attachment_with_a_step_of_the_framework_missing_is_refused(escorted, escorting_officer):
    assessment = _assess(escorted, escorting_officer)
    with pytest.raises(DomainError, match="every step of the risk assessment framework"):
        add_risk_attachment(
            assessment, by=escorting_officer, kind="licensing", findings="x", **{**CHECKS, "participant_told": False}
        )
    with pytest.raises(DomainError, match=r"Protocol 3\.5\.2"):
        add_risk_attachment(assessment, by=escorting_officer, kind="erv_deployment", findings="x", **CHECKS)
    assert not assessment.attachments.exists()


def test_the_database_refuses_an_attachment_without_its_checks(escorted, escorting_officer):
    assessment = _assess(escorted, escorting_officer)
    with pytest.raises(IntegrityError, match="risk_attachment_framework_checks_done"):
        assessment.attachments.create(
            kind="licensing", findings="x", recorded_by=escorting_officer, **{**CHECKS, "hazards_identified": False}
        )


# --- the security briefing (3.4.1) before any activity -------------------------------------------


def test_the_security_briefing_is_recorded_once(escorted, escorting_officer):
    briefing = record_security_briefing(escorted, by=escorting_officer, given_by=" PS Dana Lane ", given_on=FIRST_DAY)
    assert (briefing.given_by, briefing.given_on, briefing.recorded_by) == (
        "PS Dana Lane",
        FIRST_DAY,
        escorting_officer,
    )
    with pytest.raises(DomainError, match="already recorded"):
        record_security_briefing(escorted, by=escorting_officer, given_by="Someone", given_on=FIRST_DAY)


def test_the_security_briefing_is_given_on_a_day_of_a_confirmed_placement(escorting_officer, recruiter):
    confirmed = on_placement(escorting_officer=escorting_officer)
    with pytest.raises(DomainError, match="Choose a day of the programme"):
        record_security_briefing(confirmed, by=escorting_officer, given_by="PS Lane", given_on=date(2027, 7, 1))
    with pytest.raises(DomainError, match="once the placement is confirmed"):
        record_security_briefing(
            on_placement(status=ApplicationStatus.CLEARED), by=recruiter, given_by="PS Lane", given_on=FIRST_DAY
        )
    other = UserFactory(roles=[Role.ESCORTING_OFFICER])
    with pytest.raises(DomainError, match="Only the participant's escorting officer"):
        record_security_briefing(confirmed, by=other, given_by="PS Lane", given_on=FIRST_DAY)
    assert not SecurityBriefing.objects.exists()


def test_an_activity_needs_the_briefing_then_the_assessment_then_its_attachment(escorted, escorting_officer):
    def record():
        return record_activity(escorted, by=escorting_officer, date=FIRST_DAY, kind="licensing")

    with pytest.raises(DomainError, match=r"Record the security briefing \(protocol 3\.4\.1\) before any activity"):
        record()
    record_security_briefing(escorted, by=escorting_officer, given_by="PS Dana Lane", given_on=FIRST_DAY)
    with pytest.raises(DomainError, match="Record the Student Placement Risk Assessment"):
        record()
    assessment = _assess(escorted, escorting_officer)
    with pytest.raises(DomainError, match="does not cover licensing yet"):
        record()
    add_risk_attachment(assessment, by=escorting_officer, kind="licensing", findings="Outside only.", **CHECKS)
    assert record().kind == "licensing"


# --- off site (3.5.2) --------------------------------------------------------------------------


def test_an_off_site_activity_is_confirmed_by_the_escorting_officer(started, escorting_officer):
    activity = record_activity(
        started,
        by=escorting_officer,
        date=FIRST_DAY,
        kind="neighbourhood_patrol",
        location="off_site",
        off_site_covered=True,
    )
    assert (activity.location, activity.off_site_confirmed_by) == ("off_site", escorting_officer)


def test_an_off_site_activity_without_the_confirmation_or_by_someone_else_is_refused(
    started, escorting_officer, recruiter
):
    with pytest.raises(
        DomainError, match="Confirm the Student Placement Risk Assessment covers this off-site activity"
    ):
        record_activity(started, by=escorting_officer, date=FIRST_DAY, kind="licensing", location="off_site")
    with pytest.raises(DomainError, match="Only the participant's escorting officer may take them off site"):
        record_activity(
            started, by=recruiter, date=FIRST_DAY, kind="licensing", location="off_site", off_site_covered=True
        )
    assert record_activity(started, by=recruiter, date=FIRST_DAY, kind="licensing").location == "on_site"
    assert Activity.objects.count() == 1


def test_the_database_refuses_an_off_site_activity_nobody_confirmed(started, escorting_officer):
    with pytest.raises(IntegrityError, match="activity_off_site_confirmed"):
        Activity.objects.create(
            application=started,
            date=FIRST_DAY,
            kind="licensing",
            location="off_site",
            escorting_officer=escorting_officer,
        )


# --- the forbidden situations in notes (3.5.2) -------------------------------------------------------


def test_notes_mentioning_a_forbidden_situation_need_the_confirmation(started, escorting_officer):
    notes = "Kept away from the ERV bay."
    with pytest.raises(DomainError, match=r"Protocol 3\.5\.2: this mentions ERV"):
        record_activity(started, by=escorting_officer, date=FIRST_DAY, kind="licensing", notes=notes)
    activity = record_activity(
        started, by=escorting_officer, date=FIRST_DAY, kind="licensing", notes=notes, not_forbidden=True
    )
    assert activity.notes == notes
    dra = {"occurred_at": timezone.now(), "event": "A sudden death was reported", "hazards": "h", "controls": "c"}
    with pytest.raises(DomainError, match="this mentions sudden death"):
        record_dra(started, by=escorting_officer, **dra)
    record_dra(started, by=escorting_officer, **dra, not_forbidden=True)
    assert DynamicRiskAssessment.objects.count() == 1


def test_a_diary_entry_mentioning_a_post_mortem_needs_the_confirmation(started):
    participant = started.applicant
    with pytest.raises(DomainError, match="this mentions post mortem"):
        add_diary_entry(started, by=participant, date=FIRST_DAY, text="We learnt what a post mortem is for.")
    add_diary_entry(
        started, by=participant, date=FIRST_DAY, text="We learnt what a post mortem is for.", not_forbidden=True
    )
    assert DiaryEntry.objects.count() == 1


# --- the diary (3.4.3) --------------------------------------------------------------------------


def test_the_diary_refuses_a_postcode_a_date_of_birth_an_address_and_another_participants_name(started):
    other = on_placement(programme=started.programme)
    participant = started.applicant
    for text, found in [
        ("The station is at ME14 1AB.", "ME14 1AB"),
        ("Her DOB is 12/03/2009", "12/03/2009"),
        ("We went to 12 High Street", "12 High Street"),
        (f"I worked with {other.applicant.full_name} today", other.applicant.full_name),
    ]:
        with pytest.raises(DomainError, match=found):
            add_diary_entry(started, by=participant, date=FIRST_DAY, text=text)
    add_diary_entry(started, by=participant, date=FIRST_DAY, text=f"I am {participant.full_name}; the post came.")
    assert DiaryEntry.objects.count() == 1


# --- the pages -----------------------------------------------------------------------------------


def test_the_escorting_officer_records_the_briefing_and_an_attachment_on_the_participant_page(
    client, escorted, escorting_officer
):
    client.force_login(escorting_officer)
    url = reverse("escort_participant", args=[escorted.pk])
    data = {"save": "briefing", "briefing-given_by": "PS Dana Lane", "briefing-given_on": "2027-07-19"}
    assertContains(client.post(url, data, follow=True), "Given by PS Dana Lane on 19 July 2027")
    data = {"save": "risk", "risk-assessed_on": "2027-07-19", "risk-review_every_days": "2", "risk-summary": "Low"}
    page = client.post(url, data, follow=True)
    assertContains(page, "Add an attachment to the risk assessment")
    data = {"save": "attachment", "attachment-kind": "licensing", "attachment-findings": "Stays outside"}
    page = client.post(url, {**data, "attachment-hazards_identified": "on"})
    message = "Protocol 3.5.4: apply this step of the framework to the attachment."
    assertContains(page, error_under_field("attachment-participant_told", message), html=True)
    assertContains(page, "Stays outside")  # what was typed is kept
    data.update({f"attachment-{name}": "on" for name in CHECKS})
    assertContains(client.post(url, data, follow=True), "The attachment is added to the risk assessment.")
    assert RiskAssessment.objects.get().attachments.get().kind == "licensing"


def test_an_activity_before_the_briefing_is_refused_with_a_clear_message(client, escorted, escorting_officer):
    client.force_login(escorting_officer)
    data = {
        "save": "activity",
        "activity-date": "2027-07-20",
        "activity-kind": "licensing",
        "activity-location": "on_site",
    }
    page = client.post(reverse("escort_participant", args=[escorted.pk]), data)
    assertContains(page, "Record the security briefing (protocol 3.4.1) before any activity.")
    assert not Activity.objects.exists()


def test_an_off_site_activity_without_the_tick_is_refused_next_to_it(client, started, escorting_officer):
    client.force_login(escorting_officer)
    url = reverse("escort_participant", args=[started.pk])
    data = {
        "save": "activity",
        "activity-date": "2027-07-20",
        "activity-kind": "licensing",
        "activity-location": "off_site",
        "activity-notes": "Visit to the licensing office",
    }
    page = client.post(url, data)
    message = "Protocol 3.5.2: confirm the Student Placement Risk Assessment covers this off-site activity."
    assertContains(page, error_under_field("activity-off_site_covered", message), html=True)
    assertContains(page, "Visit to the licensing office")
    assert not Activity.objects.exists()
    page = client.post(url, {**data, "activity-off_site_covered": "on"}, follow=True)
    assertContains(page, "off site (risk assessment confirmed by")


def test_notes_mentioning_an_erv_are_warned_of_then_saved_with_the_tick(client, started, escorting_officer):
    client.force_login(escorting_officer)
    url = reverse("escort_participant", args=[started.pk])
    data = {
        "save": "activity",
        "activity-date": "2027-07-20",
        "activity-kind": "college_session",
        "activity-location": "on_site",
        "activity-notes": "Saw an emergency response vehicle parked",
    }
    page = client.get(url)
    assertNotContains(page, "I confirm this is not an ERV deployment")  # offered only when needed
    page = client.post(url, data)
    assertContains(page, "This mentions emergency response vehicle.")
    assertContains(page, "I confirm this is not an ERV deployment")
    assertContains(page, "Saw an emergency response vehicle parked")
    assert not Activity.objects.exists()
    assertContains(client.post(url, {**data, "activity-not_forbidden": "on"}, follow=True), "The activity is recorded.")


def test_a_diary_entry_with_a_postcode_is_refused_next_to_the_field(client, started):
    client.force_login(started.applicant)
    url = reverse("work_experience_diary", args=[started.pk])
    page = client.post(url, {"date": "2027-07-20", "text": "We met at ME14 1AB for the patrol."})
    message = "This looks like personal data: ME14 1AB. Please remove it before saving."
    assertContains(page, error_under_field("text", message), html=True)
    assertContains(page, escape("We met at ME14 1AB for the patrol."))
    assert not DiaryEntry.objects.exists()
