"""References (issue 10): asked for by staff, answered once through a single-use link,
reminded once after 5 days, withdrawn; ``references_received`` for confirming (3.3.2)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import ActionLog
from kentplacements.workflow import DomainError
from notifications.models import Notification
from placements.enums import ApplicationStatus
from placements.tests.work_experience_factories import ApplicationFactory
from vetting import links
from vetting.enums import ReferenceStatus
from vetting.models import Reference
from vetting.services.references import (
    references_received,
    send_reference_reminders,
    submit_reference,
    withdraw_reference,
)
from vetting.tasks import send_reference_reminders as send_reference_reminders_task

from .references import ANSWERS, ask_for_reference, emailed_token

pytestmark = pytest.mark.django_db


def test_asking_emails_the_referee_a_link_kept_only_as_its_hash(recruiter):
    reference = ask_for_reference(recruiter)
    token = emailed_token(reference)
    assert len(token) >= 22  # ≥ 128 bits in URL-safe base64 (issue 10)
    assert reference.token_hash == links.token_hash(token) and token not in reference.token_hash
    assert reference.link_expires_at == pytest.approx(
        reference.requested_at + timedelta(days=14), abs=timedelta(seconds=5)
    )
    mail = Notification.objects.get(template="vetting/reference_request")
    assert mail.recipient == "rita@school.example" and mail.sensitive
    assert "Rita Referee" in mail.body_text and "Form tutor" in mail.body_text
    expires = timezone.localtime(reference.link_expires_at)
    assert f"until {expires.day} {expires:%B %Y}:" in mail.body_text
    assert mail.body_text.count(emailed_token(reference)) == 1  # the link, once
    assert ActionLog.objects.filter(action="request_reference", actor=recruiter).count() == 1


def test_only_the_team_and_the_vetting_officer_ask(vetting_officer, escorting_officer, head_of_resourcing):
    ask_for_reference(vetting_officer)
    for person in (escorting_officer, head_of_resourcing):
        with pytest.raises(DomainError):
            ask_for_reference(person, referee_email="other@example.org")


def test_the_same_referee_is_not_asked_twice_until_withdrawn(recruiter):
    first = ask_for_reference(recruiter)
    application = first.content_type.get_object_for_this_type(pk=first.object_id)
    with pytest.raises(DomainError, match="already been asked"):
        ask_for_reference(recruiter, application, referee_email="RITA@school.example")
    withdraw_reference(first, by=recruiter)
    assert ask_for_reference(recruiter, application).status == ReferenceStatus.REQUESTED


def test_the_applicant_cannot_be_their_own_referee(recruiter):
    application = ApplicationFactory()
    with pytest.raises(DomainError, match="cannot be the applicant"):
        ask_for_reference(recruiter, application, referee_email=application.applicant.email.upper())


def test_submitting_saves_the_answers_once_and_tells_the_team_without_them(recruiter):
    reference = ask_for_reference(recruiter)
    token = emailed_token(reference)
    submit_reference(token, answers=ANSWERS)
    reference.refresh_from_db()
    assert reference.status == ReferenceStatus.RECEIVED and reference.known_for == "3 years"
    assert reference.received_at and reference.link_used_at
    mail = Notification.objects.get(template="vetting/reference_received")
    assert mail.recipient == recruiter.email and not mail.sensitive
    assert "Rita Referee" in mail.body_text
    assert "Reliable, honest" not in mail.body_text + mail.body_html + str(mail.context)
    with pytest.raises(links.LinkUsed):
        submit_reference(token, answers={**ANSWERS, "known_for": "changed"})
    reference.refresh_from_db()
    assert reference.known_for == "3 years"


@pytest.mark.parametrize(
    ("spoil", "error"),
    [
        ("wrong", links.LinkNotFound),
        ("expired", links.LinkExpired),
        ("withdrawn", links.LinkNotFound),
    ],
)
def test_a_wrong_expired_or_withdrawn_link_saves_nothing(recruiter, time_machine, spoil, error):
    reference = ask_for_reference(recruiter)
    token = emailed_token(reference)
    if spoil == "wrong":
        token = token[:-2] + "xx"
    elif spoil == "expired":
        time_machine.move_to(timezone.now() + timedelta(days=14, seconds=1))
    else:
        withdraw_reference(reference, by=recruiter)
    with pytest.raises(error):
        submit_reference(token, answers=ANSWERS)
    reference.refresh_from_db()
    assert reference.status != ReferenceStatus.RECEIVED and reference.known_for == ""
    assert not Notification.objects.filter(template="vetting/reference_received").exists()


def test_a_reminder_goes_once_after_five_days_with_a_new_link(recruiter, time_machine):
    time_machine.move_to("2027-03-01 10:00Z", tick=False)
    reference = ask_for_reference(recruiter)
    first_token = emailed_token(reference)
    time_machine.move_to("2027-03-06 09:59Z", tick=False)
    assert send_reference_reminders() == 0
    time_machine.move_to("2027-03-06 10:00Z", tick=False)
    assert send_reference_reminders() == 1
    time_machine.move_to("2027-03-07 10:00Z", tick=False)
    assert send_reference_reminders() == 0
    reminders = Notification.objects.filter(template="vetting/reference_reminder")
    assert [m.recipient for m in reminders] == ["rita@school.example"] and reminders.get().sensitive
    reference.refresh_from_db()
    assert reference.reminded_at is not None
    assert reference.link_expires_at == reference.requested_at + timedelta(days=14)  # not lengthened
    with pytest.raises(links.LinkNotFound):  # the reminder's link replaces the first
        submit_reference(first_token, answers=ANSWERS)
    submit_reference(emailed_token(reference, "vetting/reference_reminder"), answers=ANSWERS)
    reference.refresh_from_db()
    assert reference.status == ReferenceStatus.RECEIVED


def test_no_reminder_once_answered_or_withdrawn(recruiter, time_machine):
    time_machine.move_to("2027-03-01 10:00Z", tick=False)
    answered = ask_for_reference(recruiter)
    submit_reference(emailed_token(answered), answers=ANSWERS)
    withdrawn = ask_for_reference(recruiter, referee_email="other@example.org")
    withdraw_reference(withdrawn, by=recruiter)
    time_machine.move_to("2027-03-10 10:00Z", tick=False)
    assert send_reference_reminders() == 0


def test_references_received_needs_every_standing_request_answered(recruiter):
    application = ApplicationFactory(status=ApplicationStatus.VETTING)
    assert not references_received(application)  # none asked for yet
    first = ask_for_reference(recruiter, application)
    second = ask_for_reference(recruiter, application, referee_email="coach@club.example")
    submit_reference(emailed_token(first), answers=ANSWERS)
    assert not references_received(application)
    withdraw_reference(second, by=recruiter)
    assert references_received(application)
    assert not references_received(ApplicationFactory())  # another application's are not its


def test_the_database_refuses_a_received_reference_without_answers(recruiter):
    reference = ask_for_reference(recruiter)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reference.objects.filter(pk=reference.pk).update(status=ReferenceStatus.RECEIVED)


def test_celery_beat_sweeps_for_reminders_and_the_task_sends_them(recruiter, settings, time_machine):
    entry = settings.CELERY_BEAT_SCHEDULE["reference-reminders"]
    assert entry["task"] == send_reference_reminders_task.name == "vetting.tasks.send_reference_reminders"
    time_machine.move_to("2027-03-01 10:00Z", tick=False)
    ask_for_reference(recruiter)
    time_machine.move_to("2027-03-07 10:00Z", tick=False)
    send_reference_reminders_task.delay()
    assert Notification.objects.filter(template="vetting/reference_reminder").count() == 1
