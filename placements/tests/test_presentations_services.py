"""Presentations at Kent Police College (seed 000): inviting the partners of a round,
their replies within the session's seats and cut-off, and the reminder two days before."""

from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, transaction

from accounts.audit import history_for
from kentplacements.celery import app
from kentplacements.workflow import DomainError
from notifications.models import Notification
from placements import tasks
from placements.enums import PlacementType, RsvpStatus
from placements.models import PresentationInvitation
from placements.services.placements import cancel_placement, confirm_placement
from placements.services.presentations import invite_partners, reply_to_invitation, send_presentation_reminders

from .factories import CohortFactory, CommunityPlacementFactory, PartnerContactFactory
from .presentation_factories import (
    BEFORE_CUTOFF,
    PresentationInvitationFactory,
    PresentationSessionFactory,
    finished_placement,
    london,
    offer_in_window,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    return time_machine


def mails(template):
    return list(Notification.objects.filter(template=f"placements/{template}").order_by("pk"))


# --- invitations ---------------------------------------------------------------------


@pytest.fixture
def round_(clock, diversity_officer):
    """A 2-day round of one cohort: two hosts (one finished, one confirmed), and
    organisations that must not be invited."""
    cohort = CohortFactory()
    finished = finished_placement(officer__cohort=cohort)
    confirmed = CommunityPlacementFactory(officer__cohort=cohort)
    confirm_placement(confirmed, by=diversity_officer)
    proposed_only = CommunityPlacementFactory(officer__cohort=cohort)
    cancelled = CommunityPlacementFactory(officer__cohort=cohort)
    confirm_placement(cancelled, by=diversity_officer)
    cancel_placement(cancelled, by=diversity_officer, reason="Officer unwell")
    other_cohort = finished_placement()
    four_day = CommunityPlacementFactory(officer__cohort=cohort, offer=offer_in_window(cohort, PlacementType.FOUR_DAY))
    confirm_placement(four_day, by=diversity_officer)
    for placement in (finished, confirmed):
        PartnerContactFactory(organisation=placement.partner, user=None, email=f"host{placement.pk}@example.org")
    session = PresentationSessionFactory(cohort=cohort, placement_type=PlacementType.TWO_DAY)
    hosts = {finished.partner, confirmed.partner}
    strangers = {proposed_only.partner, cancelled.partner, other_cohort.partner, four_day.partner}
    return session, hosts, strangers


def test_invite_partners_invites_each_organisation_that_hosted_the_round(round_, diversity_officer):
    session, hosts, strangers = round_

    assert invite_partners(session, by=diversity_officer) == 2

    invited = {invitation.partner for invitation in session.invitations.all()}
    assert invited == hosts
    assert not invited & strangers
    invitation = session.invitations.first()
    assert [entry.action for entry in history_for(invitation)] == ["invite"]
    assert history_for(invitation)[0].actor == diversity_officer


def test_the_invitation_email_gives_date_time_venue_room_cutoff_and_the_reply_link(round_, diversity_officer):
    session, hosts, _ = round_
    invite_partners(session, by=diversity_officer)

    sent = mails("presentation_invitation")
    # every contact of every host: the linked account holder and the contact added above
    assert sorted(n.recipient for n in sent) == sorted(c.email for p in hosts for c in p.contacts.all())
    mail = next(n for n in sent if n.recipient.startswith("host"))
    invitation = session.invitations.get(partner__contacts__email=mail.recipient)
    assert mail.subject == (
        "Invitation: student officers' presentations on 14 April 2027 at Kent Police College, Maidstone"
    )
    assert f"Representatives of {invitation.partner.name} are more than welcome to attend." in mail.body_text
    assert "When: Wednesday 14 April 2027 at 10:00" in mail.body_text
    assert "Where: Kent Police College, Maidstone, Lecture theatre 2" in mail.body_text
    assert "Please tell us by Wednesday 7 April 2027, 17:00" in mail.body_text
    assert f"http://127.0.0.1:8000/partners/presentations/{invitation.pk}/rsvp/" in mail.body_text


def test_inviting_again_invites_nobody_twice_and_emails_nobody_twice(round_, diversity_officer):
    session, _, _ = round_
    invite_partners(session, by=diversity_officer)
    emails = Notification.objects.count()

    assert invite_partners(session, by=diversity_officer) == 0

    assert session.invitations.count() == 2
    assert Notification.objects.count() == emails


def test_invitations_cannot_go_out_after_the_cutoff(round_, diversity_officer, time_machine):
    session, _, _ = round_
    time_machine.move_to(london(2027, 4, 7, 17, 0), tick=False)

    with pytest.raises(DomainError, match="The RSVP cut-off has passed"):
        invite_partners(session, by=diversity_officer)
    assert not session.invitations.exists()


# --- replies ---------------------------------------------------------------------------


@pytest.fixture
def invitation(clock, partner_contact):
    contact = PartnerContactFactory(user=partner_contact)
    return PresentationInvitationFactory(partner=contact.organisation, session__capacity=5)


def reply(invitation, by, names, access_needs=""):
    return reply_to_invitation(
        invitation,
        by=by,
        attending=bool(names),
        attendees=len(names),
        attendee_names="\n".join(names),
        access_needs=access_needs,
    )


def seats_taken(invitation):
    invitation.session.refresh_from_db()
    return invitation.session.seats_taken


def test_a_reply_within_capacity_takes_its_seats_and_is_confirmed_by_email(invitation, partner_contact):
    reply(invitation, partner_contact, ["Ann Lee", "Raj Patel"], access_needs="Step-free access for Raj")

    invitation.refresh_from_db()
    assert invitation.rsvp_status == RsvpStatus.ATTENDING
    assert (invitation.attendees, invitation.attendee_names) == (2, "Ann Lee\nRaj Patel")
    assert invitation.access_needs == "Step-free access for Raj"
    assert invitation.replied_at == BEFORE_CUTOFF
    assert seats_taken(invitation) == 2
    [mail] = mails("presentation_reply")
    assert mail.recipient == partner_contact.email
    assert mail.subject == "Seats reserved: presentations on 14 April 2027 at Kent Police College, Maidstone"
    assert f"We have reserved 2 seats for {invitation.partner.name}" in mail.body_text
    assert "- Ann Lee\n- Raj Patel\n" in mail.body_text
    assert "Access needs: Step-free access for Raj" in mail.body_text
    assert [(e.action, e.to_state, e.actor) for e in history_for(invitation)] == [
        ("rsvp", "attending", partner_contact)
    ]


def waiting(invitation):
    invitation.refresh_from_db()
    return (invitation.rsvp_status, invitation.attendees, seats_taken(invitation))


def test_a_reply_over_the_seats_left_goes_on_the_waiting_list_numbered_and_emailed(invitation, partner_contact):
    other = PresentationInvitationFactory(session=invitation.session)
    reply(other, partner_contact, ["A", "B", "C", "D"])

    reply(invitation, partner_contact, ["Ann Lee", "Raj Patel"])

    assert waiting(invitation) == ("waiting", 2, 4)  # asked for 2, holds none
    assert invitation.waiting_since == BEFORE_CUTOFF
    mail = mails("presentation_reply")[-1]
    assert mail.recipient == partner_contact.email
    assert mail.subject == "On the waiting list (number 1): presentations on 14 April 2027"
    assert f"{invitation.partner.name} is on the waiting list, number 1, for 2 seats" in mail.body_text
    assert "we will email you as soon as a seat is yours" in mail.body_text
    assert [(e.action, e.to_state) for e in history_for(invitation)] == [("rsvp", "waiting")]


def test_the_waiting_list_is_first_come_and_a_cancellation_promotes_the_first_that_fits(
    invitation, partner_contact, clock
):
    session = invitation.session
    full = PresentationInvitationFactory(session=session)
    reply(full, partner_contact, list("ABCDE"))
    first, second, third = (PresentationInvitationFactory(session=session) for _ in range(3))
    for waiter, names in [(first, ["F1", "F2"]), (second, ["S1"]), (third, ["T1", "T2"])]:
        clock.shift(60)
        reply(waiter, partner_contact, names)
    assert "number 3" in mails("presentation_reply")[-1].subject
    contact = PartnerContactFactory(organisation=second.partner, user=None, email="second@example.org")

    reply(full, partner_contact, list("ABC"))  # two seats back: the first in the queue fits

    assert waiting(first) == ("attending", 2, 5)
    assert waiting(second)[0] == waiting(third)[0] == "waiting"
    assert first.waiting_since is None

    reply(full, partner_contact, ["A", "B"])  # one back: too few for the third, the second fits
    assert waiting(second) == ("attending", 1, 5)
    assert waiting(third) == ("waiting", 2, 5)
    [promoted] = mails("presentation_promoted")[-1:]
    assert promoted.recipient == contact.email
    assert promoted.subject == "A seat is now yours: presentations on 14 April 2027 at Kent Police College, Maidstone"
    assert f"{second.partner.name} is no longer on the waiting list" in promoted.body_text
    assert "- S1\n" in promoted.body_text
    assert ("promote from waiting list", "waiting", "attending") in [
        (e.action, e.from_state, e.to_state) for e in history_for(second)
    ]

    reply(full, partner_contact, [])  # a cancellation frees the rest
    assert waiting(third) == ("attending", 2, 5)
    assert session.invitations.filter(rsvp_status="waiting").count() == 0


def test_a_waiting_reply_keeps_its_place_when_it_changes_its_numbers(invitation, partner_contact, clock):
    session = invitation.session
    reply(PresentationInvitationFactory(session=session), partner_contact, list("ABCDE"))
    joined = reply(invitation, partner_contact, ["Ann Lee", "Raj Patel"]).waiting_since
    assert joined == BEFORE_CUTOFF
    clock.shift(60)
    later = PresentationInvitationFactory(session=session)
    reply(later, partner_contact, ["X"])

    clock.shift(60)
    reply(invitation, partner_contact, ["Ann Lee"])

    invitation.refresh_from_db()
    assert (invitation.rsvp_status, invitation.attendees, invitation.waiting_since) == ("waiting", 1, joined)
    assert "number 1" in mails("presentation_reply")[-1].subject


def test_a_waiting_reply_may_cancel_and_holds_no_seats(invitation, partner_contact):
    reply(PresentationInvitationFactory(session=invitation.session), partner_contact, list("ABCDE"))
    reply(invitation, partner_contact, ["Ann Lee"])

    reply(invitation, partner_contact, [])

    invitation.refresh_from_db()
    assert (invitation.rsvp_status, invitation.waiting_since, seats_taken(invitation)) == ("cancelled", None, 5)


def test_the_database_refuses_a_waiting_reply_without_the_time_it_joined(invitation):
    with pytest.raises(IntegrityError), transaction.atomic():
        PresentationInvitation.objects.filter(pk=invitation.pk).update(rsvp_status=RsvpStatus.WAITING)


def test_changing_two_to_three_takes_one_more_seat_and_cancelling_frees_them_all(invitation, partner_contact):
    reply(invitation, partner_contact, ["Ann Lee", "Raj Patel"])
    reply(invitation, partner_contact, ["Ann Lee", "Raj Patel", "Jo Brown"])
    assert seats_taken(invitation) == 3

    reply(invitation, partner_contact, ["Jo Brown"])
    assert seats_taken(invitation) == 1

    reply(invitation, partner_contact, [])
    invitation.refresh_from_db()
    assert (invitation.rsvp_status, invitation.attendees, invitation.attendee_names) == ("cancelled", 0, "")
    assert seats_taken(invitation) == 0
    last = mails("presentation_reply")[-1]
    assert last.subject == "Your reply: not attending the presentations on 14 April 2027"
    assert f"nobody from {invitation.partner.name} can attend" in last.body_text
    assert len(mails("presentation_reply")) == 4  # one confirmation per reply


def test_a_change_that_would_overfill_keeps_the_seats_already_held(invitation, partner_contact):
    reply(PresentationInvitationFactory(session=invitation.session), partner_contact, ["A", "B"])
    reply(invitation, partner_contact, ["Ann Lee", "Raj Patel"])

    with pytest.raises(DomainError, match="at most 3"):
        reply(invitation, partner_contact, ["Ann Lee", "Raj Patel", "Jo Brown", "Sam Green"])

    invitation.refresh_from_db()
    assert invitation.attendees == 2
    assert seats_taken(invitation) == 4


def test_replies_close_at_the_cutoff(invitation, partner_contact, time_machine):
    reply(invitation, partner_contact, ["Ann Lee"])
    time_machine.move_to(london(2027, 4, 7, 17, 0, 1), tick=False)

    with pytest.raises(DomainError, match="Replies closed on 7 April 2027, 17:00"):
        reply(invitation, partner_contact, ["Ann Lee", "Raj Patel"])
    with pytest.raises(DomainError, match="Replies closed"):
        reply(invitation, partner_contact, [])

    invitation.refresh_from_db()
    assert invitation.attendees == 1
    assert seats_taken(invitation) == 1


def test_the_number_attending_must_match_the_names(invitation, partner_contact):
    with pytest.raises(DomainError, match=r"You said 3 people will attend: enter 3 names.*you entered 2"):
        reply_to_invitation(
            invitation, by=partner_contact, attending=True, attendees=3, attendee_names="Ann Lee\n\n Raj Patel \n"
        )
    with pytest.raises(DomainError, match="from 1 to 10"):
        reply_to_invitation(invitation, by=partner_contact, attending=True, attendees=11, attendee_names="A\n" * 11)
    assert seats_taken(invitation) == 0


# --- reminders two days before -----------------------------------------------------------


@pytest.fixture
def replies(invitation, partner_contact):
    """Two organisations coming (one with two contacts), one not coming, one silent."""
    session = invitation.session
    reply(invitation, partner_contact, ["Ann Lee", "Raj Patel"])
    PartnerContactFactory(organisation=invitation.partner, user=None, email="second@example.org")
    coming = PresentationInvitationFactory(session=session)
    PartnerContactFactory(organisation=coming.partner, user=None, email="coming@example.org")
    reply(coming, partner_contact, ["Jo Brown"])
    not_coming = PresentationInvitationFactory(session=session)
    PartnerContactFactory(organisation=not_coming.partner, user=None, email="not.coming@example.org")
    reply(not_coming, partner_contact, [])
    silent = PresentationInvitationFactory(session=session)
    PartnerContactFactory(organisation=silent.partner, user=None, email="silent@example.org")
    return session


@pytest.mark.parametrize(
    "now",
    [
        london(2027, 4, 11, 10, 0),  # three days before
        london(2027, 4, 12, 9, 59),  # a minute short of two days
        london(2027, 4, 14, 10, 0),  # the session has started: too late to remind
        london(2027, 4, 15, 10, 0),
    ],
)
def test_no_reminder_earlier_than_two_days_before_nor_once_the_session_started(replies, now):
    assert send_presentation_reminders(now=now) == 0
    assert mails("presentation_reminder") == []
    replies.refresh_from_db()
    assert replies.reminder_sent_at is None


def test_reminders_go_once_two_days_before_to_the_contacts_of_those_coming(replies, partner_contact):
    due = london(2027, 4, 12, 10, 0)

    assert send_presentation_reminders(now=due) == 1
    assert send_presentation_reminders(now=london(2027, 4, 12, 11, 0)) == 0  # the next hourly run

    sent = mails("presentation_reminder")
    assert sorted(n.recipient for n in sent) == sorted(
        [partner_contact.email, "second@example.org", "coming@example.org"]
    )
    mail = next(n for n in sent if n.recipient == "second@example.org")
    assert (
        mail.subject
        == "Reminder: student officers' presentations on Wednesday 14 April at Kent Police College, Maidstone"
    )
    assert "When: Wednesday 14 April 2027 at 10:00" in mail.body_text
    assert "Attending:\n- Ann Lee\n- Raj Patel\n" in mail.body_text
    replies.refresh_from_db()
    assert replies.reminder_sent_at == due


def test_celery_beat_runs_the_reminder_task_every_hour(replies, time_machine):
    entry = app.conf.beat_schedule["presentation-reminders"]
    assert entry["task"] == "placements.tasks.send_presentation_reminders"
    assert entry["schedule"].minute == {0}
    time_machine.move_to(london(2027, 4, 12, 10, 0), tick=False)

    tasks.send_presentation_reminders.delay()

    replies.refresh_from_db()
    assert replies.reminder_sent_at is not None
    assert len(mails("presentation_reminder")) == 3


def test_a_session_time_in_summer_is_london_time(replies):
    """British Summer Time: 10:00 in London is 09:00 UTC; the reminder is due at 10:00 London."""
    assert send_presentation_reminders(now=datetime(2027, 4, 12, 8, 59, tzinfo=UTC)) == 0
    assert send_presentation_reminders(now=datetime(2027, 4, 12, 9, 0, tzinfo=UTC)) == 1
