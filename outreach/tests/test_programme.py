"""The Positive Action Programme (issue 12; seed 004): the services' transitions and emails,
the candidate's and the staff's pages, who opens what, and the query pins of the lists."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.roles import Role
from kentplacements.workflow import DomainError
from notifications.models import Notification
from outreach.enums import EventKind, RegistrationStatus
from outreach.equality.invitations import invitation_token
from outreach.models import EventRegistration
from outreach.programme.enums import EnrolmentStatus as S
from outreach.programme.models import ProgrammeEnrolment, ProgrammeIntake
from outreach.programme.services import (
    apply_to_programme,
    book_familiarisation,
    change_buddy,
    complete_enrolment,
    decline_enrolment,
    log_support_session,
    withdraw_enrolment,
)
from tests.factories import UserFactory

from .equality_factories import answer
from .factories import OutreachEventFactory
from .programme_factories import ProgrammeIntakeFactory, answers, applied, enrolled, staff_member, with_session

pytestmark = pytest.mark.django_db
MINE = reverse("programme_mine")
LIST = reverse("programme_staff_enrolments")
BUDDIED = reverse("programme_staff_buddied")


def emails_to(address):
    return list(Notification.objects.filter(recipient=address).order_by("pk"))


def page_of(enrolment):
    return reverse("programme_staff_enrolment", args=[enrolment.pk])


# --- services -------------------------------------------------------------------------------


def test_applying_emails_the_candidate_and_refuses_a_second_application():
    candidate = UserFactory(full_name="Amara Okafor")
    intake = ProgrammeIntakeFactory(name="#MoreThanTheBadge 2027")
    enrolment = apply_to_programme(intake, candidate, answers())
    assert enrolment.status == S.APPLIED
    [email] = emails_to(candidate.email)
    assert email.subject == "We have your application: #MoreThanTheBadge 2027"
    assert "Dear Amara Okafor" in email.body_text and MINE in email.body_text
    with pytest.raises(DomainError, match="already applied"):
        apply_to_programme(intake, candidate, answers())


def test_applying_refuses_a_closed_intake_and_a_stage_it_does_not_support():
    closed = ProgrammeIntakeFactory(closes_on=timezone.localdate() - timedelta(days=1))
    with pytest.raises(DomainError, match="closed on"):
        apply_to_programme(closed, UserFactory(), answers())
    only_search = ProgrammeIntakeFactory(stages=["search"])
    with pytest.raises(DomainError, match="stages"):
        apply_to_programme(only_search, UserFactory(), answers(stages_wanted=["interview"]))


def test_enrolling_assigns_a_buddy_and_emails_both(diversity_officer):
    buddy = staff_member(full_name="Erin Escort", role=Role.ESCORTING_OFFICER)
    enrolment = enrolled(buddy=buddy, by=diversity_officer)
    assert (enrolment.status, enrolment.buddy) == (S.ENROLLED, buddy)
    candidate_email = emails_to(enrolment.candidate.email)[-1]
    assert "Your buddy is Erin Escort" in candidate_email.body_text
    [buddy_email] = emails_to(buddy.email)
    assert enrolment.candidate.full_name in buddy_email.subject and page_of(enrolment) in buddy_email.body_text


def test_a_buddy_must_be_staff_and_not_the_candidate(diversity_officer):
    enrolment = applied()
    with pytest.raises(DomainError, match="member of staff"):
        enrolled(enrolment, buddy=UserFactory(), by=diversity_officer)
    with pytest.raises(IntegrityError):  # the database refuses an enrolment without a buddy
        ProgrammeEnrolment.objects.filter(pk=enrolment.pk).update(status=S.ENROLLED)


def test_changing_the_buddy_tells_the_candidate_and_both_buddies(diversity_officer):
    enrolment = enrolled()
    before, after = enrolment.buddy, staff_member()
    change_buddy(enrolment, buddy=after, by=diversity_officer)
    assert "no longer the buddy" in emails_to(before.email)[-1].subject
    assert "You are the buddy" in emails_to(after.email)[-1].subject
    assert after.email in emails_to(enrolment.candidate.email)[-1].body_text


def test_declining_keeps_the_reason_from_the_candidate(diversity_officer):
    enrolment = decline_enrolment(applied(), reason="SENTINEL-REASON past the interview", by=diversity_officer)
    assert enrolment.status == S.DECLINED
    email = emails_to(enrolment.candidate.email)[-1]
    assert "not able to offer you a place" in email.body_text and "SENTINEL-REASON" not in email.body_text
    with pytest.raises(DomainError):
        decline_enrolment(enrolment, reason="again", by=diversity_officer)


def test_withdrawing_and_completing_follow_the_table(diversity_officer):
    enrolment = enrolled()
    withdraw_enrolment(enrolment, by=enrolment.candidate)
    assert "no longer the buddy" in emails_to(enrolment.buddy.email)[-1].subject
    with pytest.raises(DomainError):
        complete_enrolment(enrolment, by=diversity_officer)
    other = complete_enrolment(enrolled(), by=diversity_officer)
    assert other.status == S.COMPLETED and "completed" in emails_to(other.candidate.email)[-1].subject


def test_only_the_buddy_or_programme_staff_log_a_session_of_an_enrolled_candidate(diversity_officer, recruiter):
    enrolment = enrolled()
    today = timezone.localdate()
    with pytest.raises(DomainError, match="buddy"):
        log_support_session(enrolment, by=recruiter, held_on=today, channel="phone", notes="x")
    with pytest.raises(DomainError, match="today or earlier"):
        log_support_session(
            enrolment, by=enrolment.buddy, held_on=today + timedelta(days=1), channel="phone", notes="x"
        )
    log_support_session(enrolment, by=diversity_officer, held_on=today, channel="video", notes="Went well.")
    assert enrolment.support_sessions.count() == 1
    with pytest.raises(DomainError, match="enrolled"):
        log_support_session(applied(), by=diversity_officer, held_on=today, channel="phone", notes="x")


def test_a_familiarisation_visit_is_booked_through_the_events_registration(diversity_officer):
    enrolment = enrolled()
    visit = OutreachEventFactory(kind=EventKind.FAMILIARISATION, capacity=1)
    registration = book_familiarisation(enrolment, visit, by=diversity_officer)
    assert (registration.email, registration.status) == (enrolment.candidate.email, RegistrationStatus.REGISTERED)
    with pytest.raises(DomainError, match="familiarisation"):
        book_familiarisation(enrolment, OutreachEventFactory(), by=diversity_officer)
    with pytest.raises(DomainError, match="enrolled"):
        book_familiarisation(applied(), visit, by=diversity_officer)


# --- the candidate's pages ------------------------------------------------------------------


def test_applying_on_the_page_leads_to_the_equality_questions(client, member_of_public):
    intake = ProgrammeIntakeFactory()
    client.force_login(member_of_public)
    url = reverse("programme_apply", args=[intake.pk])
    form = client.get(url).content.decode()
    assert "ethnic" not in form.lower() and "religion" not in form.lower()  # no protected characteristic asked
    response = client.post(url, {**answers(), "stages_wanted": ["search"]})
    enrolment = ProgrammeEnrolment.objects.get(candidate=member_of_public)
    assert response.url == reverse("equality_questions", args=[invitation_token(enrolment)])


def test_a_form_with_problems_says_so_next_to_the_fields_and_keeps_what_was_typed(client, member_of_public):
    intake = ProgrammeIntakeFactory()
    client.force_login(member_of_public)
    page = client.post(
        reverse("programme_apply", args=[intake.pk]), {"why": "   ", "phone": "07911 123456", "access_needs": "A ramp"}
    ).content.decode()
    assert "Say why you would like the programme" in page and "Choose at least one stage" in page
    assert "A ramp" in page and "07911 123456" in page
    assert not ProgrammeEnrolment.objects.exists()


def test_the_candidate_sees_their_buddy_the_session_dates_not_the_notes_and_books_a_visit(client):
    enrolment = with_session(enrolled(), notes="SENTINEL-NOTES of the session")
    attended = OutreachEventFactory(title="Pre-application workshop, Ashford")
    visit = OutreachEventFactory(kind=EventKind.FAMILIARISATION, title="Familiarisation visit, Maidstone")
    EventRegistration.objects.create(
        event=attended,
        full_name="x",
        email=enrolment.candidate.email.upper(),
        phone="1",
        role_considered="police_officer",
        status=RegistrationStatus.ATTENDED,
        attendance_recorded_at=timezone.now(),
    )
    client.force_login(enrolment.candidate)
    page = client.get(MINE).content.decode()
    assert enrolment.buddy.email in page and timezone.localdate().strftime("%Y") in page
    assert "SENTINEL-NOTES" not in page
    assert "Pre-application workshop, Ashford" in page.split("Workshops you attended")[1]
    response = client.post(reverse("programme_book", args=[enrolment.pk]), {"event": visit.pk}, follow=True)
    visits = response.content.decode().split("<h2>Familiarisation visits</h2>")[1].split("</ul>")[0]
    assert "Familiarisation visit, Maidstone (" in visits and "at Kent Police College: Registered" in visits


def test_someone_elses_enrolment_is_a_404_to_the_candidate(client, member_of_public):
    enrolment = applied()
    client.force_login(member_of_public)
    assert client.get(reverse("programme_withdraw", args=[enrolment.pk])).status_code == 404
    client.force_login(enrolment.candidate)
    client.post(reverse("programme_withdraw", args=[enrolment.pk]))
    enrolment.refresh_from_db()
    assert enrolment.status == S.WITHDRAWN


# --- the staff's pages ----------------------------------------------------------------------


def test_the_officer_enrols_with_a_buddy_and_the_buddy_logs_a_session(client, diversity_officer):
    enrolment = applied()
    buddy = staff_member(role=Role.ESCORTING_OFFICER)
    client.force_login(diversity_officer)
    dashboard = client.get(reverse("staff_dashboard")).content.decode()
    assert "Programme applications to decide" in dashboard
    client.post(reverse("programme_staff_buddy", args=[enrolment.pk]), {"buddy": buddy.pk})
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.buddy) == (S.ENROLLED, buddy)

    client.force_login(buddy)
    assert escape(enrolment.candidate.full_name) in client.get(BUDDIED).content.decode()
    url = reverse("programme_staff_session", args=[enrolment.pk])
    page = client.post(url, {"held_on": "", "channel": "phone", "notes": "Kept"}).content.decode()
    assert "Give the date of the session." in page and "Kept" in page
    client.post(url, {"held_on": timezone.localdate().isoformat(), "channel": "phone", "notes": "SENTINEL call"})
    assert "SENTINEL call" in client.get(page_of(enrolment)).content.decode()


def test_a_buddy_opens_only_the_candidates_they_buddy(client):
    mine, theirs = enrolled(), enrolled()
    client.force_login(mine.buddy)
    assert client.get(page_of(mine)).status_code == 200
    assert client.get(page_of(theirs)).status_code == 404
    assert client.get(LIST).status_code == 403


def test_the_list_filters_by_status_and_buddy(client, diversity_officer):
    waiting, placed = applied(), enrolled()
    client.force_login(diversity_officer)
    page = client.get(LIST, {"status": "enrolled"}).content.decode()
    assert escape(placed.candidate.full_name) in page and escape(waiting.candidate.full_name) not in page
    page = client.get(LIST, {"buddy": placed.buddy.pk}).content.decode()
    assert escape(placed.candidate.full_name) in page and escape(waiting.candidate.full_name) not in page


def test_the_lists_keep_their_query_counts(client, diversity_officer, assert_query_count_constant):
    client.force_login(diversity_officer)
    assert_query_count_constant(
        client, LIST, lambda n: [with_session(enrolled(by=diversity_officer)) for _ in range(n)], queries=8
    )


def test_the_buddys_list_keeps_its_query_count(client, assert_query_count_constant):
    buddy = staff_member()
    client.force_login(buddy)
    assert_query_count_constant(
        client, BUDDIED, lambda n: [with_session(enrolled(buddy=buddy)) for _ in range(n)], queries=8
    )


def test_the_equality_report_counts_an_intake_by_the_stage_reached(client, head_of_resourcing, diversity_officer):
    """The enrolment is an equality source: reports per intake, stages applied, enrolled, completed."""
    intake = ProgrammeIntakeFactory(name="#MoreThanTheBadge 2027")
    for n in range(5):
        enrolment = applied(intake)
        if n < 3:
            enrolled(enrolment)
        answer(enrolment, sex="female")
    client.force_login(head_of_resourcing)
    reports = client.get(reverse("equality_reports")).content.decode()
    assert "Positive Action Programme intakes" in reports and "#MoreThanTheBadge 2027" in reports
    report = client.get(reverse("equality_report", args=["positive_action", intake.pk])).content.decode()
    assert "People who answered the optional questions: 5." in report
    assert all(stage in report for stage in ("Applied", "Enrolled", "Completed"))


def test_the_officer_adds_an_intake_in_the_back_office_with_its_stages(client, diversity_officer):
    client.force_login(diversity_officer)
    url = reverse("admin:outreach_programmeintake_add")
    typed = {"name": "#MoreThanTheBadge 2028", "description": "Support.", "opens_on": "2027-05-01"}
    page = client.post(url, {**typed, "closes_on": "2027-04-01"}).content.decode()
    assert "Applications must close on or after the day they open." in page and "This field is required" in page
    client.post(url, {**typed, "closes_on": "2027-06-01", "stages": ["interview", "application"]})
    assert ProgrammeIntake.objects.get().stages == ["application", "interview"]  # in the programme's order
