"""Erasure first ends the person's live records (issue 13; accounts.personal_data.Ending): a
work-experience application holding a place, a volunteer application with a booked interview,
a place at a coming event with someone waiting, a Positive Action Programme place with a buddy.
Each is withdrawn or cancelled through its app's service, so places are freed and the others
told, before anything is anonymised; the person (and their guardian) are not emailed. A refusal
while ending one erases nothing, and the page says why."""

from dataclasses import replace

import pytest
from django.core import mail
from django.urls import reverse

from accounts import personal_data
from accounts.models import ActionLog, User
from accounts.personal_data import ERASED_NAME, erasure_plan
from notifications import tasks
from notifications.models import Notification
from outreach.enums import LIVE, RegistrationStatus
from outreach.models import EventRegistration
from outreach.programme.enums import EnrolmentStatus
from outreach.tests.factories import OutreachEventFactory, registrations, started
from outreach.tests.factories import registered as registered_for
from outreach.tests.programme_factories import applied, enrolled
from placements.enums import ApplicationStatus
from placements.services.work_experience import confirm_application
from placements.tests.work_experience_factories import ApplicationFactory, ready_to_confirm
from tests.factories import UserFactory
from volunteers.enums import VolunteerApplicationStatus
from volunteers.services.interviews import book_interview
from volunteers.tests.factories import InterviewSlotFactory, ShortlistedApplicationFactory

pytestmark = pytest.mark.django_db
EMAIL = "robin.live@example.org"
GUARDIAN = "pat.parent@example.org"  # ApplicationFactory's
R = RegistrationStatus


class Records:
    """Robin's records: one live of each kind, and one ended or past beside two of them."""

    def __init__(self, recruiter):
        self.robin = UserFactory(email=EMAIL, full_name="Robin Live")
        self.placement = ready_to_confirm(
            ApplicationFactory(applicant=self.robin, status=ApplicationStatus.AGREEMENT_PENDING)
        )
        confirm_application(self.placement, by=recruiter)
        self.old_placement = ApplicationFactory(applicant=self.robin, status=ApplicationStatus.WITHDRAWN)
        self.volunteering = ShortlistedApplicationFactory(applicant=self.robin)
        self.slot = InterviewSlotFactory(campaign=self.volunteering.campaign)
        book_interview(self.volunteering, self.slot, by=self.robin)
        self.event = OutreachEventFactory(capacity=1)
        self.place = registered_for(self.event, email=EMAIL, full_name="Robin Live")
        [self.waiting] = registrations(self.event)
        self.past_event = OutreachEventFactory()
        self.past_place = registered_for(self.past_event, email=EMAIL, full_name="Robin Live")
        started(self.past_event)  # under way: its register is taken, it is not cancelled
        self.enrolment = enrolled(applied(candidate=self.robin))


@pytest.fixture
def robin(recruiter):
    return Records(recruiter)


def erase(client, head_of_resourcing, capture):
    client.force_login(head_of_resourcing)
    with capture(execute=True):  # the emails queued by the erasure go once it commits
        return client.post(reverse("personal_data_erase"), {"email": EMAIL, "confirm": "yes"}).content.decode()


def test_the_plan_counts_the_live_records_and_the_confirm_page_says_they_are_ended_first(
    client, head_of_resourcing, robin
):
    plan = {outcome.heading: outcome.ended for outcome in erasure_plan(EMAIL)}
    assert {
        "Work-experience applications": 1,  # the withdrawn one is not live
        "Volunteer applications": 1,
        "Event registrations": 1,  # the event under way is not
        "Positive Action Programme": 1,
        "Account": 0,
    }.items() <= plan.items()

    client.force_login(head_of_resourcing)
    page = client.post(reverse("personal_data_erase"), {"email": EMAIL}).content.decode()
    assert "1 live work-experience application will be withdrawn first: a confirmed place goes back" in page
    assert "1 live volunteer application will be withdrawn first: a booked interview time is free" in page
    assert "1 live event registration will be cancelled first: a place held goes to the first" in page
    assert "1 live Positive Action Programme enrolment will be withdrawn first" in page
    robin.volunteering.refresh_from_db()
    assert robin.volunteering.status == VolunteerApplicationStatus.INTERVIEW_BOOKED  # nothing changed yet
    assert not ActionLog.objects.filter(action__endswith="_for_erasure").exists()


def test_erasing_ends_them_first_frees_the_places_and_tells_only_the_others(
    client, head_of_resourcing, robin, django_capture_on_commit_callbacks
):
    guardian_emails = Notification.objects.filter(recipient=GUARDIAN).count()

    page = erase(client, head_of_resourcing, django_capture_on_commit_callbacks)

    assert "Personal data erased" in page
    assert "1 live volunteer application was withdrawn first" in page
    assert "1 live event registration was cancelled first" in page
    placement, volunteering, place, waiting, past_place, enrolment = (
        type(row).objects.get(pk=row.pk)
        for row in (robin.placement, robin.volunteering, robin.place, robin.waiting, robin.past_place, robin.enrolment)
    )
    assert placement.status == ApplicationStatus.WITHDRAWN and placement.programme.places_confirmed == 0
    assert volunteering.status == VolunteerApplicationStatus.WITHDRAWN
    robin.slot.refresh_from_db()
    assert robin.slot.application is None  # free for another candidate
    assert (place.status, place.full_name, waiting.status) == (R.CANCELLED, ERASED_NAME, R.REGISTERED)
    assert past_place.status == R.REGISTERED and past_place.full_name == ERASED_NAME  # anonymised, on the register
    assert enrolment.status == EnrolmentStatus.WITHDRAWN and enrolment.why == ""
    # the others are told as usual; not Robin, nor the guardian who consented to the placement
    sent = {(tuple(message.to), message.subject) for message in mail.outbox}
    assert any(to == (waiting.email,) and subject.startswith("A place is now yours") for to, subject in sent)
    assert any(to == (enrolment.buddy.email,) and "no longer the buddy" in subject for to, subject in sent)
    assert not [to for to, _subject in sent if EMAIL in to or GUARDIAN in to]
    assert Notification.objects.filter(recipient=GUARDIAN).count() == guardian_emails
    # each end in the log, by the Head of Resourcing, before the erasure itself
    ends = ActionLog.objects.filter(action__endswith="_for_erasure").order_by("pk")
    assert sorted(entry.action for entry in ends) == ["cancel_registration_for_erasure", *["withdraw_for_erasure"] * 3]
    assert {entry.actor for entry in ends} == {head_of_resourcing}
    assert ends.last().pk < ActionLog.objects.get(action="erase_personal_data").pk


def test_a_refusal_while_ending_a_record_erases_nothing_and_the_page_says_why(
    client, head_of_resourcing, robin, monkeypatch, django_capture_on_commit_callbacks
):
    # As if the event had started between the confirm page and the button: the registration
    # still looks live to the erasure, and the service refuses to cancel it.
    key = "outreach.EventRegistration:Event registrations"
    entry = personal_data._REGISTRY[key]
    monkeypatch.setitem(
        personal_data._REGISTRY,
        key,
        replace(entry, ending=replace(entry.ending, live=lambda rows: rows.filter(status__in=LIVE))),
    )

    page = erase(client, head_of_resourcing, django_capture_on_commit_callbacks)

    assert "Nothing was erased: a live event registration could not be cancelled first." in page
    assert "The event has started" in page
    # the applications ended before it (placements, volunteers) rolled back with it
    assert User.objects.get(pk=robin.robin.pk).email == EMAIL
    volunteering = type(robin.volunteering).objects.get(pk=robin.volunteering.pk)
    assert volunteering.status == VolunteerApplicationStatus.INTERVIEW_BOOKED
    assert type(robin.placement).objects.get(pk=robin.placement.pk).status == ApplicationStatus.CONFIRMED
    assert EventRegistration.objects.get(pk=robin.place.pk).status == R.REGISTERED
    assert not ActionLog.objects.filter(action__in=["erase_personal_data", "withdraw_for_erasure"]).exists()
    assert mail.outbox == []


def test_a_message_queued_to_the_person_and_deleted_by_the_erasure_is_skipped_by_its_task(
    client, head_of_resourcing, robin, django_capture_on_commit_callbacks
):
    queued = list(Notification.objects.filter(recipient__iexact=EMAIL).values_list("pk", flat=True))
    assert queued  # their confirmations, not yet delivered

    erase(client, head_of_resourcing, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    assert not Notification.objects.filter(pk__in=queued).exists()
    tasks.deliver_notification(queued[0])  # a task already with the broker: nothing to send, no error
    tasks.deliver_notifications(queued)
    assert mail.outbox == []
