"""Interviews (issue 11): slots published within the interview period, booked, moved and
cancelled by the candidate alone, one candidate per slot, a reminder the day before, and
the outcome recorded by the team once the interview has taken place."""

from datetime import datetime, time, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import ActionLog
from kentplacements.workflow import DomainError
from notifications.models import Notification
from tests.factories import UserFactory
from volunteers.enums import VolunteerApplicationStatus
from volunteers.models import InterviewSlot
from volunteers.services.applications import shortlist_application, withdraw_application
from volunteers.services.interviews import (
    TAKEN,
    book_interview,
    cancel_interview,
    move_interview,
    publish_slots,
    record_interview_outcome,
    send_interview_reminders,
)

from .factories import InterviewingCampaignFactory, InterviewSlotFactory, ShortlistedApplicationFactory

pytestmark = pytest.mark.django_db
S = VolunteerApplicationStatus


def _emails(template):
    return Notification.objects.filter(template=f"volunteers/volunteer_interview_{template}")


def _booked():
    application = ShortlistedApplicationFactory()
    slot = InterviewSlotFactory(campaign=application.campaign)
    book_interview(application, slot, by=application.applicant)
    application.refresh_from_db()
    return application, slot


def test_the_team_publishes_a_days_slots_back_to_back(recruiter):
    campaign = InterviewingCampaignFactory()
    day = campaign.interviews_start_on

    slots = publish_slots(
        campaign, by=recruiter, day=day, first_start=time(9, 30), minutes=45, count=4, location="Tonbridge"
    )

    starts = [timezone.localtime(slot.starts_at).time() for slot in campaign.interview_slots.all()]
    assert len(slots) == 4 and starts == [time(9, 30), time(10, 15), time(11, 0), time(11, 45)]
    assert ActionLog.objects.get(action="publish_interview_slots").actor == recruiter


@pytest.mark.parametrize("days_from_start", [-1, 21])
def test_slots_outside_the_interview_period_are_refused(recruiter, days_from_start):
    campaign = InterviewingCampaignFactory()
    day = campaign.interviews_start_on + timedelta(days=days_from_start)
    with pytest.raises(DomainError, match=r"Interviews for .* take place from"):
        publish_slots(campaign, by=recruiter, day=day, first_start=time(10), minutes=30, count=2, location="Tonbridge")
    assert not InterviewSlot.objects.exists()


def test_the_database_refuses_a_slot_that_ends_before_it_starts():
    slot = InterviewSlotFactory()
    slot.ends_at = slot.starts_at - timedelta(minutes=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        slot.save()


def test_a_shortlisted_candidate_books_a_slot_and_is_emailed_when_and_where():
    application, slot = _booked()

    assert application.status == S.INTERVIEW_BOOKED
    slot.refresh_from_db()
    assert slot.application == application
    email = _emails("booked").get()
    assert email.recipient == application.applicant.email
    assert f"{timezone.localtime(slot.starts_at):%-d %B %Y at %H:%M}" in email.body_text
    assert "Maidstone Police Station" in email.body_text


def test_a_slot_already_taken_is_refused_in_words():
    first, slot = _booked()
    second = ShortlistedApplicationFactory(campaign=first.campaign)

    with pytest.raises(DomainError, match=TAKEN):
        book_interview(second, slot, by=second.applicant)
    second.refresh_from_db()
    assert second.status == S.SHORTLISTED


def test_only_the_candidate_books_and_only_when_shortlisted():
    application = ShortlistedApplicationFactory()
    slot = InterviewSlotFactory(campaign=application.campaign)
    with pytest.raises(DomainError, match="Only the candidate"):
        book_interview(application, slot, by=UserFactory())
    application.status = S.SUBMITTED
    application.save()
    with pytest.raises(DomainError, match="submitted"):
        book_interview(application, slot, by=application.applicant)


def test_a_slot_of_another_campaign_cannot_be_booked():
    application = ShortlistedApplicationFactory()
    with pytest.raises(DomainError, match=TAKEN):
        book_interview(application, InterviewSlotFactory(), by=application.applicant)


def test_moving_frees_the_old_slot_and_takes_the_new_one():
    application, old = _booked()
    new = InterviewSlotFactory(campaign=application.campaign)

    move_interview(application, new, by=application.applicant)

    old.refresh_from_db()
    new.refresh_from_db()
    assert old.application is None and new.application == application
    assert "moved" in _emails("moved").get().subject
    assert ActionLog.objects.filter(action="move_interview").count() == 1


def test_moving_to_a_taken_slot_keeps_the_old_booking():
    application, old = _booked()
    other = ShortlistedApplicationFactory(campaign=application.campaign)
    taken = InterviewSlotFactory(campaign=application.campaign)
    book_interview(other, taken, by=other.applicant)

    with pytest.raises(DomainError, match=TAKEN):
        move_interview(application, taken, by=application.applicant)
    old.refresh_from_db()
    assert old.application == application


def test_cancelling_frees_the_slot_and_shortlists_again_so_the_candidate_can_book_again():
    application, slot = _booked()

    cancel_interview(application, by=application.applicant)

    application.refresh_from_db()
    slot.refresh_from_db()
    assert application.status == S.SHORTLISTED and slot.application is None
    assert "cancelled" in _emails("cancelled").get().subject
    book_interview(application, slot, by=application.applicant)
    assert _emails("booked").count() == 2


def test_withdrawing_frees_a_coming_interview():
    application, slot = _booked()
    withdraw_application(application, by=application.applicant)
    slot.refresh_from_db()
    assert slot.application is None


def test_the_outcome_waits_for_the_interview(recruiter):
    application, _ = _booked()
    with pytest.raises(DomainError, match="once it has taken place"):
        record_interview_outcome(application, by=recruiter, passed=True)


def test_a_passed_interview_moves_on_to_interviewed_and_is_emailed(recruiter, time_machine):
    application, slot = _booked()
    time_machine.move_to(slot.ends_at, tick=False)

    record_interview_outcome(application, by=recruiter, passed=True)

    application.refresh_from_db()
    assert application.status == S.INTERVIEWED
    assert ActionLog.objects.get(action="pass_interview").actor == recruiter
    assert "passed your interview" in _emails("passed").get().body_text


def test_a_failed_interview_rejects_with_the_reason(recruiter, time_machine):
    application, slot = _booked()
    time_machine.move_to(slot.ends_at, tick=False)

    record_interview_outcome(application, by=recruiter, passed=False, reason="Not enough time to give.")

    application.refresh_from_db()
    assert application.status == S.REJECTED and application.rejection_reason == "Not enough time to give."
    slot.refresh_from_db()
    assert slot.application == application  # the team still sees who was interviewed


def test_each_candidate_is_reminded_once_the_day_before(time_machine):
    application, slot = _booked()
    InterviewSlotFactory(campaign=application.campaign)  # free: nobody to remind
    day_before = timezone.make_aware(datetime.combine(timezone.localdate(slot.starts_at) - timedelta(days=2), time(9)))
    time_machine.move_to(day_before, tick=False)
    assert send_interview_reminders() == 0

    time_machine.move_to(day_before + timedelta(days=1), tick=False)
    assert send_interview_reminders() == 1
    assert send_interview_reminders() == 0

    reminder = _emails("reminder").get()
    assert reminder.recipient == application.applicant.email
    assert "Maidstone Police Station" in reminder.body_text and "tomorrow" in reminder.subject


def test_the_team_cannot_shortlist_a_booked_candidate_again_and_leave_their_slot_held(recruiter):
    """The table's interview_booked → shortlisted is the candidate's cancel, which frees the slot."""
    application, _ = _booked()
    with pytest.raises(DomainError, match="cannot move from “interview_booked”"):
        shortlist_application(application, by=recruiter)
