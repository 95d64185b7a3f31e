"""The capacity counters (issue 8 §6): one helper takes and releases places by a
conditional UPDATE for all three services, each move is in the action log, and the
nightly check reports a counter that no longer matches the rows holding places."""

import logging
from datetime import date

import pytest

from accounts.audit import history_for
from kentplacements.celery import app
from kentplacements.workflow import DomainError
from notifications.models import Notification
from placements import tasks
from placements.capacity import OFFER_PLACES, PRESENTATION_SEATS, counter_drift, release, take, take_each
from placements.enums import ApplicationStatus
from placements.models import HostingOffer, PresentationSession, WorkExperienceProgramme
from placements.services.capacity import report_counter_drift
from placements.services.placements import cancel_placement, confirm_placement
from placements.services.presentations import reply_to_invitation
from placements.services.work_experience import confirm_application, withdraw_application

from .factories import CommunityPlacementFactory, HostingOfferFactory, PartnerContactFactory
from .presentation_factories import BEFORE_CUTOFF, PresentationInvitationFactory
from .work_experience_factories import ApplicationFactory, ProgrammeFactory, ready_to_confirm, record_placement_day

pytestmark = pytest.mark.django_db


def moves(obj):
    """The counter moves in ``obj``'s action log, oldest first."""
    return [(e.action, e.reason) for e in history_for(obj).order_by("pk") if e.action.startswith(("take", "release"))]


# --- the helper -------------------------------------------------------------------------


def test_take_stops_at_the_limit_and_release_never_goes_below_zero(diversity_officer):
    offer = HostingOfferFactory(places=2)

    assert take(OFFER_PLACES, offer.pk, by=diversity_officer, holder="placement 1")
    assert take(OFFER_PLACES, offer.pk, by=diversity_officer, holder="placement 2")
    assert not take(OFFER_PLACES, offer.pk, by=diversity_officer, holder="placement 3")
    offer.refresh_from_db()
    assert offer.places_taken == 2

    assert release(OFFER_PLACES, offer.pk, 2, by=diversity_officer, holder="placements 1 and 2")
    assert not release(OFFER_PLACES, offer.pk, by=diversity_officer, holder="placement 1")
    offer.refresh_from_db()
    assert offer.places_taken == 0
    # Only the moves that happened are logged, with who made them.
    assert moves(offer) == [
        ("take places_taken", "1 for placement 1"),
        ("take places_taken", "1 for placement 2"),
        ("release places_taken", "2 for placements 1 and 2"),
    ]
    assert {e.actor for e in history_for(offer)} == {diversity_officer}


def test_take_each_gives_each_row_s_places_in_turn_and_logs_each(diversity_officer):
    roomy, nearly_full, full = (
        HostingOfferFactory(places=3),
        HostingOfferFactory(places=2),
        HostingOfferFactory(places=1),
    )
    take(OFFER_PLACES, nearly_full.pk, by=diversity_officer, holder="placement 1")
    take(OFFER_PLACES, full.pk, by=diversity_officer, holder="placement 2")

    granted = take_each(
        OFFER_PLACES,
        {
            roomy.pk: ["placement 3", "placement 4"],
            nearly_full.pk: ["placement 5", "placement 6"],
            full.pk: ["placement 7"],
        },
        by=diversity_officer,
    )

    assert granted == {roomy.pk: 2, nearly_full.pk: 1, full.pk: 0}
    for offer, taken in ((roomy, 2), (nearly_full, 2), (full, 1)):
        offer.refresh_from_db()
        assert offer.places_taken == taken
    # One entry per place, as take() writes it: the first holders in the list got the places.
    assert moves(roomy) == [("take places_taken", "1 for placement 3"), ("take places_taken", "1 for placement 4")]
    assert moves(nearly_full)[1:] == [("take places_taken", "1 for placement 5")]
    assert len(moves(full)) == 1


def test_several_seats_are_taken_only_if_all_fit(partner_contact):
    session = PresentationInvitationFactory(session__capacity=5).session
    assert take(PRESENTATION_SEATS, session.pk, 4, by=partner_contact, holder="invitation 1")
    assert not take(PRESENTATION_SEATS, session.pk, 2, by=partner_contact, holder="invitation 2")
    session.refresh_from_db()
    assert session.seats_taken == 4


# --- the three services go through it ---------------------------------------------------------


def test_confirming_and_cancelling_a_placement_move_the_offer_counter_in_the_log(diversity_officer):
    placement = CommunityPlacementFactory()
    confirm_placement(placement, by=diversity_officer)
    cancel_placement(placement, by=diversity_officer, reason="Officer on leave")
    assert moves(placement.offer) == [
        ("take places_taken", f"1 for {placement}"),
        ("release places_taken", f"1 for {placement}"),
    ]


def test_a_full_offer_still_refuses_a_confirmation(diversity_officer):
    offer = HostingOfferFactory(places=1)
    confirm_placement(CommunityPlacementFactory(offer=offer), by=diversity_officer)
    with pytest.raises(DomainError, match="no places left"):
        confirm_placement(CommunityPlacementFactory(offer=offer), by=diversity_officer)
    assert len(moves(offer)) == 1


def test_confirming_and_withdrawing_an_application_move_the_programme_counter_in_the_log(recruiter):
    application = ready_to_confirm(ApplicationFactory(status=ApplicationStatus.AGREEMENT_PENDING))
    record_placement_day(application, recruiter)
    confirm_application(application, by=recruiter)
    withdraw_application(application, by=application.applicant)
    application.programme.refresh_from_db()
    assert application.programme.places_confirmed == 0
    assert moves(application.programme) == [
        ("take places_confirmed", f"1 for {application}"),
        ("release places_confirmed", f"1 for {application}"),
    ]


def test_rsvp_changes_move_the_seat_counter_by_the_difference_in_the_log(partner_contact, time_machine):
    invitation = PresentationInvitationFactory(session__capacity=5)
    PartnerContactFactory(organisation=invitation.partner, user=partner_contact)
    time_machine.move_to(BEFORE_CUTOFF, tick=False)

    reply_to_invitation(invitation, by=partner_contact, attending=True, attendees=3, attendee_names="A\nB\nC")
    reply_to_invitation(invitation, by=partner_contact, attending=True, attendees=2, attendee_names="A\nB")
    reply_to_invitation(invitation, by=partner_contact, attending=False)

    assert moves(invitation.session) == [
        ("take seats_taken", f"3 for {invitation}"),
        ("release seats_taken", f"1 for {invitation}"),
        ("release seats_taken", f"2 for {invitation}"),
    ]


# --- the nightly check ---------------------------------------------------------------------------


@pytest.fixture
def counted(diversity_officer, recruiter, partner_contact, time_machine):
    """One of each counter, each holding places through its service."""
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    placement = CommunityPlacementFactory()
    confirm_placement(placement, by=diversity_officer)
    application = ready_to_confirm(ApplicationFactory(status=ApplicationStatus.AGREEMENT_PENDING))
    record_placement_day(application, recruiter)
    confirm_application(application, by=recruiter)
    invitation = PresentationInvitationFactory()
    PartnerContactFactory(organisation=invitation.partner, user=partner_contact)
    reply_to_invitation(invitation, by=partner_contact, attending=True, attendees=2, attendee_names="A\nB")
    return placement.offer, application.programme, invitation.session


def test_clean_counters_report_nothing(counted, caplog):
    assert counter_drift() == []
    assert report_counter_drift(today=date(2027, 4, 2)) == 0
    assert not Notification.objects.filter(template="placements/capacity_drift").exists()
    assert "drift" not in caplog.text


def test_a_broken_counter_is_named_in_the_log_and_to_the_team(counted, recruiter, diversity_officer, caplog):
    offer, programme, session = counted
    # Break two counters behind the services' back, as a bad import or a hand edit would.
    HostingOffer.objects.filter(pk=offer.pk).update(places_taken=0)
    PresentationSession.objects.filter(pk=session.pk).update(seats_taken=5)

    assert report_counter_drift(today=date(2027, 4, 2)) == 2

    assert [(d.counter.model, d.pk, d.recorded, d.counted) for d in counter_drift()] == [
        (HostingOffer, offer.pk, 0, 1),
        (PresentationSession, session.pk, 5, 2),
    ]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert f"Capacity counter drift: placements.HostingOffer {offer.pk} places_taken is 0, counted 1." in warnings
    assert f"placements.PresentationSession {session.pk} seats_taken is 5, counted 2." in warnings[1]
    assert offer.partner.name not in caplog.text  # IDs only in the log
    mails = Notification.objects.filter(template="placements/capacity_drift").order_by("recipient")
    assert sorted(m.recipient for m in mails) == sorted([recruiter.email, diversity_officer.email])
    body = mails[0].body_text
    assert mails[0].subject == "Capacity check: 2 counters to put right"
    assert f'Hosting offer "{offer}": places taken says 0, but 1 is held.' in body
    assert f'Presentation session "{session}": seats taken says 5, but 2 are held.' in body
    assert programme.title not in body  # the programme's counter is right

    # Run again the same night (a retried task): nobody is emailed twice.
    report_counter_drift(today=date(2027, 4, 2))
    assert mails.count() == 2


def test_a_programme_counter_off_by_one_is_found(counted):
    _, programme, _ = counted
    WorkExperienceProgramme.objects.filter(pk=programme.pk).update(places_confirmed=2)
    [drift] = counter_drift()
    assert (drift.counter.label, drift.name, drift.recorded, drift.counted) == (
        "Work-experience programme",
        programme.title,
        2,
        1,
    )


def test_a_withdrawn_application_no_longer_counts_and_nor_does_its_place(counted):
    _, programme, _ = counted
    application = programme.applications.get()
    withdraw_application(application, by=application.applicant)
    assert counter_drift() == []


def test_celery_beat_runs_the_drift_check_nightly(counted):
    entry = app.conf.beat_schedule["capacity-counter-drift"]
    assert entry["task"] == tasks.report_counter_drift.name
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({2}, {30})
    HostingOffer.objects.filter(pk=counted[0].pk).update(places_taken=0)
    tasks.report_counter_drift.delay()
    assert Notification.objects.filter(template="placements/capacity_drift").exists()


def test_a_programme_with_no_places_held_is_clean():
    ProgrammeFactory()
    assert counter_drift() == []
