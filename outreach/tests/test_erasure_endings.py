"""An event registration cancelled, and a Positive Action Programme enrolment withdrawn, because
the person asked to be erased (issue 13; accounts.personal_data.Ending): the place goes to the
first waiting, who is emailed as usual, and a buddy is released and told; the person is not
emailed. The Head of Resourcing is the actor in the log."""

import pytest

from accounts.models import ActionLog
from kentplacements.workflow import DomainError
from notifications.models import Notification
from outreach.enums import RegistrationStatus
from outreach.programme.enums import EnrolmentStatus
from outreach.programme.services import withdraw_for_erasure
from outreach.services.registrations import cancel_for_erasure

from .factories import OutreachEventFactory, registrations
from .programme_factories import enrolled

pytestmark = pytest.mark.django_db
R = RegistrationStatus


def emails_to(address, template=None):
    rows = Notification.objects.filter(recipient=address)
    return rows.filter(template=template) if template else rows


def test_a_place_goes_to_the_first_waiting_and_the_person_is_not_emailed(head_of_resourcing):
    event = OutreachEventFactory(capacity=1)
    holder, waiting = registrations(event, 2)
    emailed_before = emails_to(holder.email).count()

    holder = cancel_for_erasure(holder, by=head_of_resourcing)

    waiting.refresh_from_db()
    event.refresh_from_db()
    assert (holder.status, waiting.status, event.places_taken) == (R.CANCELLED, R.REGISTERED, 1)
    assert emails_to(holder.email).count() == emailed_before
    assert emails_to(waiting.email, "outreach/promoted").count() == 1
    cancelled = ActionLog.objects.get(action="cancel_registration_for_erasure")
    assert (cancelled.actor, cancelled.from_state, cancelled.to_state) == (
        head_of_resourcing,
        R.REGISTERED,
        R.CANCELLED,
    )
    assert ActionLog.objects.get(action="promote_from_waiting_list").actor == head_of_resourcing


def test_a_place_on_the_waiting_list_is_given_up_and_nobody_is_promoted(head_of_resourcing):
    event = OutreachEventFactory(capacity=1)
    holder, waiting = registrations(event, 2)

    cancel_for_erasure(waiting, by=head_of_resourcing)

    holder.refresh_from_db()
    assert holder.status == R.REGISTERED and not Notification.objects.filter(template="outreach/promoted").exists()


def test_a_buddy_is_released_and_told_and_the_candidate_is_not_emailed(head_of_resourcing):
    enrolment = enrolled()
    candidate = enrolment.candidate.email
    emailed_before = emails_to(candidate).count()

    enrolment = withdraw_for_erasure(enrolment, by=head_of_resourcing)

    assert enrolment.status == EnrolmentStatus.WITHDRAWN and enrolment.closed_at is not None
    assert emails_to(enrolment.buddy.email, "outreach/programme/buddy_released").count() == 1
    assert emails_to(candidate).count() == emailed_before
    entry = ActionLog.objects.get(action="withdraw_for_erasure")
    assert (entry.actor, entry.to_state) == (head_of_resourcing, EnrolmentStatus.WITHDRAWN)


def test_only_the_head_of_resourcing_ends_them_for_erasure(diversity_officer):
    enrolment = enrolled()
    [registration] = registrations(OutreachEventFactory())
    with pytest.raises(DomainError, match="Head of Resourcing"):
        withdraw_for_erasure(enrolment, by=diversity_officer)
    with pytest.raises(DomainError, match="Head of Resourcing"):
        cancel_for_erasure(registration, by=diversity_officer)
    enrolment.refresh_from_db()
    registration.refresh_from_db()
    assert (enrolment.status, registration.status) == (EnrolmentStatus.ENROLLED, R.REGISTERED)
