"""The placement-day pages: escorting officers see only their participants (404 for the
rest), the supervisors' participant page and daily register, and the applicant's
attendance confirmation and diary — with messages next to the fields."""

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from placements.enums import ApplicationStatus
from placements.models import Activity, AttendanceRecord, DiaryEntry, DynamicRiskAssessment, RiskAssessment

from .form_markup import error_under_field, summary_link
from .matrix_placement_days import awaiting_attendance, on_placement
from .work_experience_factories import ready_for_activities

pytestmark = pytest.mark.django_db

FIRST_DAY = date(2027, 7, 19)


@pytest.fixture(autouse=True)
def _during_the_programme(time_machine):
    time_machine.move_to(timezone.make_aware(datetime(2027, 7, 20, 15, 0)), tick=False)


@pytest.fixture
def escorted(escorting_officer):
    return on_placement(escorting_officer=escorting_officer)


@pytest.fixture
def someone_else():
    return on_placement()


def signed_in(client, user):
    client.force_login(user)
    return client


# --- escorting officers ------------------------------------------------------------------


def test_an_escorting_officer_lists_only_their_participants(client, escorting_officer, escorted, someone_else):
    response = signed_in(client, escorting_officer).get(reverse("escort_participants"))
    assertContains(response, escape(escorted.applicant.full_name))
    assertNotContains(response, escape(someone_else.applicant.full_name))


def test_another_participant_does_not_exist_for_the_escorting_officer(client, escorting_officer, someone_else):
    signed_in(client, escorting_officer)
    assert client.get(reverse("escort_participant", args=[someone_else.pk])).status_code == 404
    response = client.post(
        reverse("escort_participant", args=[someone_else.pk]),
        {"save": "activity", "activity-date": "2027-07-20", "activity-kind": "licensing"},
    )
    assert response.status_code == 404
    assert not Activity.objects.exists()


def test_the_escorting_officer_records_an_activity(client, escorting_officer, escorted):
    ready_for_activities(escorted, escorting_officer)
    url = reverse("escort_participant", args=[escorted.pk])
    data = {"save": "activity", "activity-date": "2027-07-20", "activity-kind": "licensing", "activity-notes": "Pubs"}
    response = signed_in(client, escorting_officer).post(url, {**data, "activity-location": "on_site"}, follow=True)
    assertContains(response, "The activity is recorded.")
    assertContains(response, "20 Jul 2027: Licensing with")
    assert Activity.objects.get().escorting_officer == escorting_officer


def test_forbidden_activities_are_not_offered_and_refused_if_posted(client, escorting_officer, escorted):
    url = reverse("escort_participant", args=[escorted.pk])
    signed_in(client, escorting_officer)
    assertNotContains(client.get(url), 'value="erv_deployment"')
    response = client.post(url, {"save": "activity", "activity-date": "", "activity-kind": "erv_deployment"})
    message = "Select a valid choice. erv_deployment is not one of the available choices."
    assertContains(response, error_under_field("activity-kind", message), html=True)
    assertContains(response, summary_link("activity-date", "Date", "Enter the date."), html=True)
    assert not Activity.objects.exists()


def test_the_escorting_officer_records_a_dra_the_supervisor_reads(client, escorting_officer, recruiter, escorted):
    data = {
        "save": "dra",
        "dra-occurred_at": "2027-07-20T11:30",
        "dra-event": "Aggressive member of the public at the front counter",
        "dra-hazards": "Verbal abuse",
        "dra-controls": "Moved to the back office",
    }
    response = signed_in(client, escorting_officer).post(
        reverse("escort_participant", args=[escorted.pk]), data, follow=True
    )
    assertContains(response, "The DRA is recorded.")
    assert DynamicRiskAssessment.objects.get().recorded_by == escorting_officer

    response = signed_in(client, recruiter).get(reverse("staff_participant", args=[escorted.pk]))
    assertContains(response, "Aggressive member of the public at the front counter")
    assertContains(response, f"recorded by {escape(escorting_officer.full_name)}")


def test_a_dra_in_the_future_is_refused_on_the_form(client, escorting_officer, escorted):
    data = {
        "save": "dra",
        "dra-occurred_at": "2027-07-20T18:00",
        "dra-event": "e",
        "dra-hazards": "h",
        "dra-controls": "c",
    }
    response = signed_in(client, escorting_officer).post(reverse("escort_participant", args=[escorted.pk]), data)
    assertContains(response, "the time cannot be in the future")
    assertContains(response, 'value="2027-07-20T18:00"')
    assert not DynamicRiskAssessment.objects.exists()


def test_the_escort_list_query_count_is_pinned(client, escorting_officer, assert_query_count_constant):
    signed_in(client, escorting_officer)

    def make_rows(n):
        for _ in range(n):
            on_placement(escorting_officer=escorting_officer)

    assert_query_count_constant(client, reverse("escort_participants"), make_rows, queries=5)


# --- the supervisors ----------------------------------------------------------------------


def test_the_recruitment_team_assigns_the_escorting_officer(client, recruiter, escorting_officer, someone_else):
    url = reverse("staff_participant", args=[someone_else.pk])
    response = signed_in(client, recruiter).post(url, {"save": "officer", "officer-officer": escorting_officer.pk})
    assert response.status_code == 302
    someone_else.refresh_from_db()
    assert someone_else.escorting_officer == escorting_officer


def test_the_recruitment_team_records_then_reviews_the_risk_assessment(client, recruiter, escorted):
    url = reverse("staff_participant", args=[escorted.pk])
    signed_in(client, recruiter)
    data = {"save": "risk", "risk-assessed_on": "2027-07-01", "risk-review_every_days": "0", "risk-summary": "Low"}
    response = client.post(url, data)
    assertContains(response, error_under_field("risk-review_every_days", "Enter 1 day or more."), html=True)

    client.post(url, {**data, "risk-review_every_days": "3"})
    assessment = RiskAssessment.objects.get()
    assert (assessment.owner, assessment.review_due, assessment.review_every_days) == (recruiter, date(2027, 7, 4), 3)

    # Protocol 3.5.4: each review sets the next at the interval from today (20 July).
    client.post(url, {"save": "risk", "risk-summary": "Reviewed"})
    assessment.refresh_from_db()
    assert (assessment.review_due, assessment.last_reviewed_on) == (date(2027, 7, 23), date(2027, 7, 20))


def _register_url(programme, day=FIRST_DAY):
    return reverse("attendance_register", args=[programme.pk, day.isoformat()])


def test_the_daily_register_records_absence_and_corrects_it(client, recruiter, escorted):
    url = _register_url(escorted.programme)
    signed_in(client, recruiter)
    response = client.post(url, {f"present_{escorted.pk}": "no", f"note_{escorted.pk}": "Unwell"}, follow=True)
    assertContains(response, "The register for 19 July is saved.")
    client.post(url, {f"present_{escorted.pk}": "yes", f"note_{escorted.pk}": ""})
    record = AttendanceRecord.objects.get()
    assert (record.date, record.present, record.note) == (FIRST_DAY, True, "")


def test_the_register_asks_about_everyone(client, recruiter, escorted):
    response = signed_in(client, recruiter).post(_register_url(escorted.programme), {})
    assertContains(response, f"Say whether {escape(escorted.applicant.full_name)} is present.")
    assert not AttendanceRecord.objects.exists()


@pytest.mark.parametrize("day", ["2027-07-18", "not-a-date"])
def test_the_register_has_only_the_programme_days(client, recruiter, escorted, day):
    url = reverse("attendance_register", args=[escorted.programme.pk, day])
    assert signed_in(client, recruiter).get(url).status_code == 404


def test_the_register_query_count_is_pinned(client, recruiter, escorted, assert_query_count_constant):
    signed_in(client, recruiter)

    def make_rows(n):
        for _ in range(n):
            on_placement(programme=escorted.programme)

    assert_query_count_constant(client, _register_url(escorted.programme), make_rows, queries=7)


# --- the applicant --------------------------------------------------------------------------


def test_the_applicant_confirms_attendance(client):
    application = awaiting_attendance()
    url = reverse("confirm_attendance", args=[application.pk])
    assertContains(signed_in(client, application.applicant).get(url), "Once you have, we will confirm your place.")
    response = client.post(url, follow=True)
    assertContains(response, "Thank you: you have confirmed you will attend.")
    application.refresh_from_db()
    assert application.attendance_confirmed_at == timezone.now()


def test_attendance_before_joining_instructions_is_explained(client):
    application = on_placement(status=ApplicationStatus.CLEARED, joining_instructions_sent_at=None)
    response = signed_in(client, application.applicant).post(
        reverse("confirm_attendance", args=[application.pk]), follow=True
    )
    assertContains(response, "once we have sent your joining instructions")


def test_another_applicants_pages_do_not_exist(client, applicant, someone_else):
    signed_in(client, applicant)
    assert client.post(reverse("confirm_attendance", args=[someone_else.pk])).status_code == 404
    assert client.get(reverse("work_experience_diary", args=[someone_else.pk])).status_code == 404
    someone_else.refresh_from_db()
    assert someone_else.attendance_confirmed_at is None


def test_the_diary_refuses_personal_data_keeping_what_was_typed(client, escorted):
    url = reverse("work_experience_diary", args=[escorted.pk])
    text = "Met the licensing officer, call 07700 900123 about car AB12 CDE."
    response = signed_in(client, escorted.applicant).post(url, {"date": "2027-07-19", "text": text})
    message = "This looks like personal data: 07700 900123, AB12 CDE. Please remove it before saving."
    assertContains(response, error_under_field("text", message), html=True)
    assertContains(response, text)
    assert not DiaryEntry.objects.exists()

    response = client.post(url, {"date": "2027-07-19", "text": "Met the licensing officer at 10:30."}, follow=True)
    assertContains(response, "Your notes are saved.")
    assert DiaryEntry.objects.get().text == "Met the licensing officer at 10:30."
