"""Issue 9 (seed 000: "every student officer has to complete these community placements"): the officers at
risk of missing a placement, and re-allocating just them in one step."""

from datetime import date

import pytest

from accounts.audit import recent_changes
from accounts.models import ActionLog
from kentplacements.workflow import DomainError
from placements.enums import PartnerResponse, PlacementStatus, PlacementType
from placements.models import CommunityPlacement
from placements.selectors.cohorts import cohort_round
from placements.services.allocation import reallocate_officers_at_risk
from placements.services.partners import accept_placement, decline_placement
from placements.services.placements import cancel_placement, confirm_placement

from .factories import (
    CohortFactory,
    CommunityPlacementFactory,
    HostingOfferFactory,
    PartnerFactory,
    StudentOfficerFactory,
)

pytestmark = pytest.mark.django_db
TWO_DAY = PlacementType.TWO_DAY


def hosting(places=5, **partner):
    """An offer for the factory cohort's 2-day window, from a partner with a contact to confirm."""
    return HostingOfferFactory(places=places, partner=PartnerFactory(contact=True, **partner))


def declined(officer, offer, by):
    """A 2-day placement the partner was asked to accept and declined."""
    placement = CommunityPlacementFactory(officer=officer, offer=offer)
    confirm_placement(placement, by=by)
    contact = placement.partner.contacts.first().user
    return decline_placement(placement, by=contact, reason="Our day centre is closed that week.")


@pytest.fixture
def cohort_with_officers_at_risk(diversity_officer):
    """Five officers: one with a proposal and one accepted by the partner (both left alone), and three at risk —
    declined by the partner, cancelled by staff, never placed."""
    cohort = CohortFactory()
    first, second = hosting(), hosting()
    officers = {
        name: StudentOfficerFactory(cohort=cohort) for name in ("proposed", "accepted", "declined", "cancelled")
    }
    officers["never placed"] = StudentOfficerFactory(cohort=cohort)
    proposal = CommunityPlacementFactory(officer=officers["proposed"], offer=first)
    accepted = confirm_placement(CommunityPlacementFactory(officer=officers["accepted"], offer=first), by=None)
    accept_placement(accepted, by=first.partner.contacts.first().user)
    declined(officers["declined"], second, diversity_officer)
    cancelled = confirm_placement(CommunityPlacementFactory(officer=officers["cancelled"], offer=second), by=None)
    cancel_placement(cancelled, by=diversity_officer, reason="Officer on leave that week")
    return cohort, officers, {"proposal": proposal, "accepted": accepted, "declined_at": second.partner}


def test_the_officers_at_risk_are_those_without_a_live_placement_with_why(cohort_with_officers_at_risk):
    cohort, officers, places = cohort_with_officers_at_risk

    at_risk = {risk.officer: risk.reason for risk in cohort_round(cohort, TWO_DAY).at_risk}

    assert at_risk == {
        officers["declined"]: f"Declined by the partner, {places['declined_at']}: Our day centre is closed that week.",
        officers["cancelled"]: f"Cancelled at {places['declined_at']}: Officer on leave that week",
        officers["never placed"]: "Never placed.",
    }


def test_a_round_that_has_not_started_puts_nobody_at_risk(cohort_with_officers_at_risk):
    cohort, _officers, _places = cohort_with_officers_at_risk
    four_day = cohort_round(cohort, PlacementType.FOUR_DAY)  # no 4-day placement, and September 2027 is far
    assert (four_day.started, four_day.at_risk) == (False, ())


def test_a_round_whose_window_has_begun_puts_the_unplaced_at_risk(time_machine):
    cohort = CohortFactory()
    officer = StudentOfficerFactory(cohort=cohort)
    assert not cohort_round(cohort, TWO_DAY).started
    time_machine.move_to("2027-03-01 09:00")
    round_ = cohort_round(cohort, TWO_DAY)
    assert round_.started and [risk.officer for risk in round_.at_risk] == [officer]


def test_reallocating_places_and_confirms_only_the_officers_at_risk(diversity_officer, cohort_with_officers_at_risk):
    cohort, officers, places = cohort_with_officers_at_risk
    proposal, accepted = places["proposal"], places["accepted"]

    result = reallocate_officers_at_risk(cohort, TWO_DAY, by=diversity_officer)

    at_risk = [officers[name] for name in ("declined", "cancelled", "never placed")]
    assert (result.at_risk, {p.officer for p in result.placed}, result.not_placed) == (3, set(at_risk), ())
    for officer in at_risk:
        placement = officer.placements.get(status=PlacementStatus.CONFIRMED)
        assert placement.partner_response == PartnerResponse.AWAITING
    # never back to the organisation that declined them
    assert officers["declined"].placements.get(status=PlacementStatus.CONFIRMED).partner != places["declined_at"]
    # everyone else's proposal and placement are as they were
    assert CommunityPlacement.objects.get(pk=proposal.pk).status == PlacementStatus.PROPOSED
    assert CommunityPlacement.objects.filter(officer=officers["proposed"]).count() == 1
    again = CommunityPlacement.objects.get(pk=accepted.pk)
    assert (again.status, again.partner_response) == (PlacementStatus.CONFIRMED, PartnerResponse.ACCEPTED)


def test_partners_are_asked_to_accept_and_officers_told_only_once_they_do(
    diversity_officer, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = CohortFactory()
    officer = StudentOfficerFactory(cohort=cohort)
    # the round has started: someone else's proposal, with an organisation that has nobody to confirm
    CommunityPlacementFactory(officer=StudentOfficerFactory(cohort=cohort))
    contact = hosting(name="Maidstone Mind").partner.contacts.get()

    with django_capture_on_commit_callbacks(execute=True):
        result = reallocate_officers_at_risk(cohort, TWO_DAY, by=diversity_officer)

    assert [message.to for message in mailoutbox] == [[contact.email]]
    assert officer.full_name in mailoutbox[0].body
    assert "/partners/portal/placements/" in mailoutbox[0].body  # where they accept or decline
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        accept_placement(result.placed[0], by=contact.user)
    assert [message.to for message in mailoutbox] == [[officer.email]]
    assert "Maidstone Mind" in mailoutbox[0].body


def test_reallocating_is_in_the_action_log(diversity_officer):
    cohort = CohortFactory()
    CommunityPlacementFactory(officer=StudentOfficerFactory(cohort=cohort), offer=hosting(places=3))
    at_risk = [StudentOfficerFactory(cohort=cohort) for _ in range(2)]

    reallocate_officers_at_risk(cohort, TWO_DAY, by=diversity_officer)

    entry = ActionLog.objects.get(action="reallocate")
    assert (entry.actor, entry.object_id) == (diversity_officer, str(cohort.pk))
    assert entry.reason == "2-day placement: 2 officers at risk, 2 placed and confirmed, 0 not placed"
    # on the staff home's "Recent changes", as a sentence
    change = next(change for change in recent_changes(diversity_officer, 10) if change.record == str(cohort))
    assert change.verb == "re-allocated the officers at risk of"
    assert CommunityPlacement.objects.filter(officer__in=at_risk, status=PlacementStatus.CONFIRMED).count() == 2


def test_officers_who_cannot_be_placed_are_named_with_why(diversity_officer):
    cohort = CohortFactory()
    CommunityPlacementFactory(officer=StudentOfficerFactory(cohort=cohort), offer=hosting(places=1))
    StudentOfficerFactory(cohort=cohort)
    StudentOfficerFactory(cohort=cohort)
    HostingOfferFactory(places=3, partner=PartnerFactory(name="Nobody Answers"))  # no contact: not used

    result = reallocate_officers_at_risk(cohort, TWO_DAY, by=diversity_officer)

    assert (len(result.placed), len(result.not_placed)) == (0, 2)
    assert "2 officers could not be placed: not enough places (needed 2, free 0)" in result.reasons
    assert any("Nobody to confirm: Nobody Answers" in reason for reason in result.reasons)
    entry = ActionLog.objects.get(action="reallocate")
    assert entry.reason == "2-day placement: 2 officers at risk, 0 placed and confirmed, 2 not placed"


def test_reallocating_is_refused_when_nobody_is_at_risk(diversity_officer):
    cohort = CohortFactory()
    CommunityPlacementFactory(officer=StudentOfficerFactory(cohort=cohort), offer=hosting())
    with pytest.raises(DomainError, match=r"No officer of .* is at risk of missing their 2-day placement"):
        reallocate_officers_at_risk(cohort, TWO_DAY, by=diversity_officer)
    assert not ActionLog.objects.filter(action="reallocate").exists()


def test_reallocating_never_proposes_a_day_already_begun(diversity_officer, time_machine):
    time_machine.move_to("2027-03-10 09:00")  # a Wednesday, inside the 1–26 March window
    cohort = CohortFactory()
    officer = StudentOfficerFactory(cohort=cohort)
    hosting()
    reallocate_officers_at_risk(cohort, TWO_DAY, by=diversity_officer)
    placement = officer.placements.get()
    assert (placement.starts_on, placement.ends_on) == (date(2027, 3, 11), date(2027, 3, 12))


def test_reallocating_is_refused_once_the_window_has_ended(diversity_officer, time_machine):
    time_machine.move_to("2027-03-26 09:00")  # the window's last day: a placement would start tomorrow at the soonest
    cohort = CohortFactory()
    StudentOfficerFactory(cohort=cohort)
    hosting()
    with pytest.raises(DomainError, match="The 2-day placement window ended on 26 March 2027"):
        reallocate_officers_at_risk(cohort, TWO_DAY, by=diversity_officer)
    assert not CommunityPlacement.objects.exists()
