"""Volunteer applications (issue 11, seed 002): one transition table, the steps a role does
not need skipped by next_stage, and the foundation's services (submit, shortlist, reject,
withdraw), each checked, logged and emailed."""

from datetime import date, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import ActionLog
from accounts.roles import Role, has_role
from kentplacements.workflow import DomainError, TransitionNotAllowed
from notifications.models import Notification
from tests.factories import UserFactory
from volunteers.enums import (
    APPLICATION_PATH,
    APPLICATION_WORKFLOW,
    CampaignStatus,
    VolunteerApplicationStatus,
    next_stage,
)
from volunteers.services.applications import (
    closed_problem,
    eligibility_problems,
    reject_application,
    shortlist_application,
    submit_application,
    withdraw_application,
)

from .factories import OpenCampaignFactory, VolunteerApplicationFactory, VolunteerRoleFactory, born_years_ago

pytestmark = pytest.mark.django_db
S = VolunteerApplicationStatus
ANSWERS = {
    "date_of_birth": date(1990, 3, 27),
    "lives_or_works_in_area": True,
    "can_give_hours": True,
    "right_to_volunteer": True,
    "motivation": "I grew up in Sevenoaks and want to give something back.",
    "availability": "Saturdays",
}


def _moves(application):
    return list(
        ActionLog.objects.filter(content_type__model="volunteerapplication", object_id=str(application.pk))
        .order_by("pk")
        .values_list("action", "from_state", "to_state")
    )


# --- the transition table -----------------------------------------------------------------


def test_every_live_stage_may_end_rejected_or_withdrawn_and_the_ended_ones_go_nowhere():
    for stage in APPLICATION_PATH[:-1]:
        assert APPLICATION_WORKFLOW.can(stage, S.REJECTED) and APPLICATION_WORKFLOW.can(stage, S.WITHDRAWN)
    for ended in (S.ACTIVE, S.REJECTED, S.WITHDRAWN):
        assert APPLICATION_WORKFLOW.transitions[ended] == frozenset()


def test_the_table_allows_skipping_only_the_fitness_test_and_the_medical():
    assert APPLICATION_WORKFLOW.transitions[S.INTERVIEWED] == {
        S.FITNESS_PASSED,
        S.MEDICAL_RECEIVED,
        S.VETTING,
        S.REJECTED,
        S.WITHDRAWN,
    }
    assert not APPLICATION_WORKFLOW.can(S.SUBMITTED, S.INTERVIEW_BOOKED)
    assert not APPLICATION_WORKFLOW.can(S.VETTING, S.IN_TRAINING)


@pytest.mark.parametrize(
    ("fitness", "medical", "after_interview", "after_fitness"),
    [
        (True, True, S.FITNESS_PASSED, S.MEDICAL_RECEIVED),
        (False, True, S.MEDICAL_RECEIVED, S.MEDICAL_RECEIVED),
        (True, False, S.FITNESS_PASSED, S.VETTING),
        (False, False, S.VETTING, S.VETTING),
    ],
)
def test_next_stage_skips_what_the_role_does_not_need(fitness, medical, after_interview, after_fitness):
    role = VolunteerRoleFactory(needs_fitness_test=fitness, needs_medical_certificate=medical)
    application = VolunteerApplicationFactory.build(campaign__role=role, status=S.INTERVIEWED)
    assert next_stage(application) == after_interview
    application.status = S.FITNESS_PASSED
    assert next_stage(application) == after_fitness
    application.status = S.SUBMITTED
    assert next_stage(application) == S.SHORTLISTED


@pytest.mark.parametrize("status", [S.ACTIVE, S.REJECTED, S.WITHDRAWN])
def test_nothing_follows_an_ended_application(status):
    assert next_stage(VolunteerApplicationFactory.build(status=status)) is None


# --- the database's own rules ---------------------------------------------------------------


def test_the_database_refuses_a_second_live_application_to_the_same_campaign():
    first = VolunteerApplicationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        VolunteerApplicationFactory(campaign=first.campaign, applicant=first.applicant)


def test_after_withdrawing_a_person_may_apply_again_to_the_same_campaign():
    first = VolunteerApplicationFactory(status=S.WITHDRAWN)
    VolunteerApplicationFactory(campaign=first.campaign, applicant=first.applicant)


def test_the_database_refuses_a_rejection_without_a_reason_and_an_unknown_status():
    with pytest.raises(IntegrityError), transaction.atomic():
        VolunteerApplicationFactory(status=S.REJECTED, rejection_reason="")
    with pytest.raises(IntegrityError), transaction.atomic():
        VolunteerApplicationFactory(status="hired")


def test_the_database_refuses_interviews_that_end_before_they_start_and_training_before_interviews():
    with pytest.raises(IntegrityError), transaction.atomic():
        OpenCampaignFactory(interviews_start_on=date(2018, 2, 28), interviews_end_on=date(2018, 2, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        OpenCampaignFactory(
            interviews_start_on=date(2018, 2, 1),
            interviews_end_on=date(2018, 2, 28),
            training_starts_on=date(2018, 2, 2),
        )


# --- closing to the minute ------------------------------------------------------------------


def test_a_campaign_closes_at_the_exact_minute_even_while_its_status_is_still_open(time_machine):
    closes = timezone.make_aware(datetime(2018, 1, 26, 23, 59))
    campaign = OpenCampaignFactory(opens_at=closes - timedelta(days=17), closes_at=closes)
    applicant = UserFactory()
    time_machine.move_to(closes - timedelta(seconds=1), tick=False)
    assert closed_problem(campaign) == ""
    time_machine.move_to(closes, tick=False)
    assert closed_problem(campaign) == f"Applications for {campaign} closed at 23:59 on 26 January 2018."
    with pytest.raises(DomainError, match="closed at 23:59 on 26 January 2018"):
        submit_application(campaign, applicant, {**ANSWERS})
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.OPEN
    assert not campaign.applications.exists()


@pytest.mark.parametrize("status", [CampaignStatus.DRAFT, CampaignStatus.CLOSED])
def test_a_campaign_not_open_takes_no_application(status):
    campaign = OpenCampaignFactory(status=status)
    with pytest.raises(DomainError, match="is not open for applications"):
        submit_application(campaign, UserFactory(), {**ANSWERS})


# --- eligibility ----------------------------------------------------------------------------


def test_eighteen_on_the_day_they_apply_is_old_enough_and_the_day_before_is_not():
    campaign = OpenCampaignFactory(role__minimum_age=18)
    today = date(2018, 1, 10)
    assert eligibility_problems(campaign, {**ANSWERS, "date_of_birth": date(2000, 1, 10)}, today) == {}
    problems = eligibility_problems(campaign, {**ANSWERS, "date_of_birth": date(2000, 1, 11)}, today)
    assert problems == {
        "date_of_birth": f"You need to be 18 or over to apply to be a {campaign.role}. On 10 January 2018 you are 17."
    }


@pytest.mark.parametrize("born", [date(2030, 1, 1), date(1900, 1, 1)])
def test_a_date_of_birth_that_cannot_be_right_is_questioned(born):
    problems = eligibility_problems(OpenCampaignFactory(), {**ANSWERS, "date_of_birth": born}, date(2018, 1, 10))
    assert problems["date_of_birth"].startswith("Check your date of birth")


def test_each_no_is_explained_next_to_its_question():
    campaign = OpenCampaignFactory(role__monthly_hours=16, area="West Division")
    answers = {**ANSWERS, "lives_or_works_in_area": False, "can_give_hours": False, "right_to_volunteer": False}
    assert eligibility_problems(campaign, answers) == {
        "lives_or_works_in_area": "You need to live or work in the campaign's area: West Division.",
        "can_give_hours": "The role needs 16 hours a month.",
        "right_to_volunteer": "You need the right to volunteer in the UK.",
    }


# --- the services ---------------------------------------------------------------------------


def test_submitting_records_it_makes_the_person_a_volunteer_applicant_and_emails_them():
    campaign = OpenCampaignFactory(title="Community Policing Volunteers: West Division")
    applicant = UserFactory(full_name="Priya Shah", email="priya@example.org")
    application = submit_application(campaign, applicant, {**ANSWERS})
    assert application.status == S.SUBMITTED
    assert application.motivation == ANSWERS["motivation"]
    assert _moves(application) == [("submit", "", S.SUBMITTED)]
    assert has_role(applicant, Role.VOLUNTEER)
    email = Notification.objects.get(template="volunteers/volunteer_submitted")
    assert email.recipient == "priya@example.org"
    assert "Dear Priya" in email.body_text
    assert "Community Policing Volunteers: West Division" in email.body_text
    assert "/volunteering/applications/" in email.body_text


def test_submitting_twice_is_refused_in_words():
    campaign = OpenCampaignFactory()
    applicant = UserFactory()
    submit_application(campaign, applicant, {**ANSWERS})
    with pytest.raises(DomainError, match="You have already applied"):
        submit_application(campaign, applicant, {**ANSWERS})
    assert campaign.applications.count() == 1


def test_submitting_an_under_age_application_is_refused_by_the_service_too():
    born = born_years_ago(17)
    with pytest.raises(DomainError, match="You need to be 18 or over"):
        submit_application(OpenCampaignFactory(), UserFactory(), {**ANSWERS, "date_of_birth": born})


def test_shortlisting_moves_logs_and_emails(recruiter):
    application = VolunteerApplicationFactory(applicant__email="sam@example.org")
    application = shortlist_application(application, by=recruiter)
    assert application.status == S.SHORTLISTED
    assert _moves(application) == [("shortlist", S.SUBMITTED, S.SHORTLISTED)]
    email = Notification.objects.get()
    assert (email.template, email.recipient) == ("volunteers/volunteer_shortlisted", "sam@example.org")
    assert "we have shortlisted your application" in email.body_text
    with pytest.raises(TransitionNotAllowed):
        shortlist_application(application, by=recruiter)


def test_rejecting_needs_a_reason_and_emails_it(recruiter):
    application = VolunteerApplicationFactory(status=S.SHORTLISTED)
    with pytest.raises(DomainError, match="Give the reason"):
        reject_application(application, by=recruiter, reason="   ")
    application = reject_application(application, by=recruiter, reason="We had more applicants than places.")
    assert (application.status, application.rejection_reason) == (S.REJECTED, "We had more applicants than places.")
    assert ActionLog.objects.get(action="reject").reason == "We had more applicants than places."
    email = Notification.objects.get()
    assert email.template == "volunteers/volunteer_rejected"
    assert email.recipient == application.applicant.email
    assert "The reason: We had more applicants than places." in email.body_text


def test_only_the_applicant_withdraws_and_once_withdrawn_nothing_more_happens(recruiter):
    application = VolunteerApplicationFactory(status=S.SHORTLISTED)
    with pytest.raises(DomainError, match="Only the applicant"):
        withdraw_application(application, by=recruiter)
    application = withdraw_application(application, by=application.applicant)
    assert application.status == S.WITHDRAWN
    assert Notification.objects.get().template == "volunteers/volunteer_withdrawn"
    with pytest.raises(TransitionNotAllowed):
        reject_application(application, by=recruiter, reason="Too late")
