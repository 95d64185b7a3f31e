"""Seed 000 rules that issue 9 keeps: placement days are working days, the 4-day window opens months after the
course, nobody is placed where nobody can confirm, and a cancellation reaches the partner as well."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from kentplacements.workflow import DomainError
from notifications.models import Notification
from placements.enums import PlacementStatus, PlacementType
from placements.models import CommunityPlacement
from placements.services.allocation import run_allocation
from placements.services.partners import accept_placement, decline_placement
from placements.services.placements import cancel_placement, confirm_placement
from placements.working_days import bank_holidays, non_working_days

from .factories import (
    CohortFactory,
    CommunityPlacementFactory,
    HostingOfferFactory,
    PartnerContactFactory,
    PartnerFactory,
    StudentOfficerFactory,
    accepted_placement,
    propose_one,
)

pytestmark = pytest.mark.django_db
GOOD_FRIDAY, EASTER_MONDAY = date(2027, 3, 26), date(2027, 3, 29)


def placed_days(placement):
    return [placement.starts_on + timedelta(days=n) for n in range((placement.ends_on - placement.starts_on).days + 1)]


# --- Placement days are working days ---------------------------------------------------------------------------


def test_bank_holidays_come_from_the_holiday_library():
    assert bank_holidays(date(2027, 3, 1), date(2027, 8, 31)) == {
        GOOD_FRIDAY,
        EASTER_MONDAY,
        date(2027, 5, 3),  # Early May bank holiday
        date(2027, 5, 31),  # Spring bank holiday
        date(2027, 8, 30),  # Summer bank holiday
    }
    assert non_working_days(date(2027, 3, 25), date(2027, 3, 29)) == [
        "Friday 26 March 2027 (Good Friday)",
        "Saturday 27 March 2027 (a weekend)",
        "Sunday 28 March 2027 (a weekend)",
        "Monday 29 March 2027 (Easter Monday)",
    ]


def test_the_allocator_places_only_on_working_days(diversity_officer):
    # The 2-day window of 1–26 March 2027 ends on Good Friday; the offer only opens on Thursday 25 March.
    cohort = CohortFactory(two_day_window_end=date(2027, 3, 31))
    officers = [StudentOfficerFactory(cohort=cohort) for _ in range(3)]
    HostingOfferFactory(
        places=3, partner__contact=True, available_from=date(2027, 3, 25), available_until=date(2027, 3, 31)
    )

    result = run_allocation(cohort, PlacementType.TWO_DAY, by=diversity_officer)

    assert result.proposed == 3
    for placement in CommunityPlacement.objects.filter(officer__in=officers):
        # Thursday–Good Friday and the Easter weekend are skipped: the first two working days in a row.
        assert (placement.starts_on, placement.ends_on) == (date(2027, 3, 30), date(2027, 3, 31))
        assert all(day.weekday() < 5 and day not in {GOOD_FRIDAY, EASTER_MONDAY} for day in placed_days(placement))


@pytest.mark.parametrize(
    ("starts_on", "named"),
    [
        (date(2027, 3, 5), "Saturday 6 March 2027 (a weekend)"),  # a Friday: the second day is a Saturday
        (date(2027, 3, 25), "Friday 26 March 2027 (Good Friday)"),
    ],
)
def test_a_placement_on_a_day_that_is_not_a_working_day_is_refused(diversity_officer, starts_on, named):
    offer = HostingOfferFactory(available_until=date(2027, 3, 26))
    with pytest.raises(DomainError, match="Placement days are working days") as error:
        propose_one(StudentOfficerFactory(), offer, starts_on, by=diversity_officer)
    assert named in str(error.value)
    assert not CommunityPlacement.objects.exists()


def test_the_move_form_refuses_a_bank_holiday_next_to_the_field(client, diversity_officer):
    placement = CommunityPlacementFactory()  # 1–2 March 2027
    client.force_login(diversity_officer)

    response = client.post(
        reverse("placement_move", args=[placement.pk]), {"offer": placement.offer.pk, "starts_on": "2027-03-25"}
    )

    page = response.content.decode()
    assert response.status_code == 200  # the move page again, with the refused form
    # The message under the first-day field, which the field points to for screen readers.
    field_id = f"id_starts_on_{placement.pk}"
    assert f'aria-describedby="{field_id}_error" id="{field_id}"' in page
    error = page[page.index(f'<div id="{field_id}_error"') :]
    assert "this 2-day placement would include Friday 26 March 2027 (Good Friday)" in error[: error.index("</div>")]
    placement.refresh_from_db()
    assert (placement.starts_on, placement.ends_on) == (date(2027, 3, 1), date(2027, 3, 2))


def test_the_move_form_accepts_working_days(client, diversity_officer):
    placement = CommunityPlacementFactory()
    client.force_login(diversity_officer)
    move = {"offer": placement.offer.pk, "starts_on": "2027-03-24"}  # Wednesday and Thursday
    client.post(reverse("placement_move", args=[placement.pk]), move)
    placement.refresh_from_db()
    assert (placement.starts_on, placement.ends_on) == (date(2027, 3, 24), date(2027, 3, 25))


# --- The 4-day window opens months after the course ---------------------------------------------------------------


def test_the_four_day_window_opens_the_configured_months_after_the_course(settings):
    cohort = CohortFactory.build()  # course 11 January to 23 May 2027
    assert cohort.four_day_opens == date(2027, 8, 23)  # the default: 3 months
    settings.FOUR_DAY_PLACEMENT_MONTHS_AFTER_COURSE = 6
    assert cohort.four_day_opens == date(2027, 11, 23)


def test_the_cohort_form_refuses_a_four_day_window_too_soon_after_the_course(client, diversity_officer):
    client.force_login(diversity_officer)
    response = client.post(
        reverse("admin:placements_cohort_add"),
        {
            "name": "Cohort 2027-02",
            "course_start": "2027-01-11",
            "two_day_window_start": "2027-03-01",
            "two_day_window_end": "2027-03-26",
            "four_day_window_start": "2027-06-07",  # two weeks after the course: not yet "a few months"
            "four_day_window_end": "2027-10-29",
        },
    )
    errors = str(response.context["adminform"].form.errors["four_day_window_start"])
    assert "3 months after the course ends on 23 May 2027, so on or after 23 August 2027" in errors
    assert not type(response.context["adminform"].form.instance).objects.filter(name="Cohort 2027-02").exists()


def test_a_four_day_placement_before_the_window_opens_is_refused(diversity_officer, settings):
    # Saved with a window from 6 September 2027; the setting now asks for 4 months (from 23 September).
    settings.FOUR_DAY_PLACEMENT_MONTHS_AFTER_COURSE = 4
    cohort = CohortFactory()
    offer = HostingOfferFactory(
        placement_type=PlacementType.FOUR_DAY, available_from=date(2027, 9, 6), available_until=date(2027, 10, 29)
    )
    with pytest.raises(DomainError, match="must fall between 23 September and 29 October 2027"):
        propose_one(StudentOfficerFactory(cohort=cohort), offer, date(2027, 9, 6), by=diversity_officer)


def test_the_allocator_proposes_no_four_day_placement_before_the_window_opens(diversity_officer, settings):
    settings.FOUR_DAY_PLACEMENT_MONTHS_AFTER_COURSE = 4  # opens Thursday 23 September 2027
    cohort = CohortFactory()
    officer = StudentOfficerFactory(cohort=cohort)
    HostingOfferFactory(
        placement_type=PlacementType.FOUR_DAY,
        partner__contact=True,
        available_from=date(2027, 9, 6),
        available_until=date(2027, 10, 29),
    )

    run_allocation(cohort, PlacementType.FOUR_DAY, by=diversity_officer)

    placement = officer.placements.get()
    # Not 6 September (the saved window), nor Thursday 23 (the run would cross the weekend).
    assert (placement.starts_on, placement.ends_on) == (date(2027, 9, 27), date(2027, 9, 30))


# --- Nobody to confirm ---------------------------------------------------------------------------------------------


def test_the_allocator_never_places_where_nobody_can_confirm(client, diversity_officer):
    cohort = CohortFactory()
    officers = [StudentOfficerFactory(cohort=cohort) for _ in range(2)]
    invited_only = PartnerFactory(name="Invited Only Trust")
    PartnerContactFactory(organisation=invited_only, user=None)  # invited, never linked an account
    deactivated = PartnerFactory(name="Deactivated Contact Trust")
    PartnerContactFactory(organisation=deactivated, user__is_active=False)
    answered = PartnerFactory(name="Answering Charity", contact=True)
    for partner in (invited_only, deactivated, answered):
        HostingOfferFactory(partner=partner, places=5)

    result = run_allocation(cohort, PlacementType.TWO_DAY, by=diversity_officer)

    assert {p.partner for p in CommunityPlacement.objects.filter(officer__in=officers)} == {answered}
    assert result.warnings[:2] == (
        "Nobody to confirm: Deactivated Contact Trust has no contact with an active account. Its offers were not used.",
        "Nobody to confirm: Invited Only Trust has no contact with an active account. Its offers were not used.",
    )


def test_the_review_shows_nobody_to_confirm(client, diversity_officer):
    placement = CommunityPlacementFactory(offer__partner__name="Quiet Trust")  # a proposal made before its contact left
    client.force_login(diversity_officer)
    page = client.get(reverse("allocation_review", args=[placement.officer.cohort_id, "two_day"])).content.decode()
    assert "Nobody to confirm: Quiet Trust has no contact with an active account." in page


# --- Cancelling tells the partner ----------------------------------------------------------------------------------


def test_cancelling_an_accepted_placement_tells_each_contact_and_the_officer(
    diversity_officer, mailoutbox, django_capture_on_commit_callbacks
):
    placement = CommunityPlacementFactory()
    contacts = [PartnerContactFactory(organisation=placement.partner, is_primary=n == 0) for n in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        accepted_placement(placement, by=diversity_officer)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancel_placement(placement, by=diversity_officer, reason="The officer is on a court warning that week")

    assert sorted(m.to[0] for m in mailoutbox) == sorted([placement.officer.email] + [c.email for c in contacts])
    for contact in contacts:
        (mail,) = [m for m in mailoutbox if m.to == [contact.email]]
        assert mail.subject == f"Placement cancelled: {placement.officer.full_name}, 1 March"
        assert f"Dear {contact.full_name}," in mail.body
        assert f"cancel this student officer's placement at {placement.partner.name}" in mail.body
        assert "Dates: Monday 1 March 2027 to Tuesday 2 March 2027" in mail.body
        assert "Reason: The officer is on a court warning that week" in mail.body
        assert "Please do not expect the officer on these days." in mail.body


def test_cancelling_a_proposal_tells_no_partner(diversity_officer, mailoutbox, django_capture_on_commit_callbacks):
    placement = CommunityPlacementFactory()
    PartnerContactFactory(organisation=placement.partner)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_placement(placement, by=diversity_officer, reason="Replaced by hand")
    assert mailoutbox == []
    assert CommunityPlacement.objects.get().status == PlacementStatus.CANCELLED


def test_a_partner_declining_tells_the_team_and_neither_itself_nor_the_officer_who_was_never_told(
    diversity_officer, mailoutbox, django_capture_on_commit_callbacks
):
    placement = CommunityPlacementFactory()
    contact = PartnerContactFactory(organisation=placement.partner)
    confirm_placement(placement, by=diversity_officer)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        decline_placement(placement, by=contact.user, reason="Our building is closed that week.")

    # Issue 9: the officer was never told of this placement, so hears nothing of its end; the
    # Diversity Placements Officer is emailed and finds the officer in their work queue.
    [to_team] = mailoutbox
    assert to_team.to == [diversity_officer.email]
    assert "Our building is closed that week." in to_team.body
    assert not Notification.objects.filter(recipient=placement.officer.email).exists()


def test_cancelling_a_placement_awaiting_the_partners_reply_tells_the_contacts_not_the_officer(
    diversity_officer, mailoutbox, django_capture_on_commit_callbacks
):
    placement = CommunityPlacementFactory()
    contact = PartnerContactFactory(organisation=placement.partner)
    confirm_placement(placement, by=diversity_officer)  # the partner is asked; the officer is not told
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancel_placement(placement, by=diversity_officer, reason="The officer moved to another cohort")

    [to_contact] = mailoutbox
    assert to_contact.to == [contact.email]
    assert "Reason: The officer moved to another cohort" in to_contact.body


# --- The officer is told once the partner has accepted ------------------------------------------------------------


def _officers_page_and_calendar(client, officer):
    client.force_login(officer.user)
    page = client.get(reverse("my_placements")).content.decode()
    feed = Calendar.from_ical(client.get(reverse("officer_calendar", args=[officer.calendar_token])).content)
    return page, [str(event["summary"]) for event in feed.walk("VEVENT")]


def test_the_officers_page_and_calendar_show_a_placement_only_once_the_partner_has_accepted(
    client, diversity_officer, time_machine
):
    placement = CommunityPlacementFactory(offer=HostingOfferFactory(notes="Ask for Dee at reception."))
    contact = PartnerContactFactory(organisation=placement.partner, is_primary=True, phone="01622 777688")
    confirm_placement(placement, by=diversity_officer)

    # Issue 9: awaiting the partner's reply, it is not the officer's to see: no partner, dates or host
    page, events = _officers_page_and_calendar(client, placement.officer)
    assert placement.partner.name not in page and "1 March 2027" not in page and "Ask for Dee" not in page
    assert "You have no confirmed placements yet." in page
    assert events == []

    accept_placement(placement, by=contact.user)

    page, events = _officers_page_and_calendar(client, placement.officer)
    assert f"2-day placement at {placement.partner.name}" in page and "Ask for Dee at reception." in page
    assert events == [f"2-day placement at {placement.partner.name}"]


def test_a_placement_that_took_place_stays_on_the_officers_page_whatever_was_recorded(client, diversity_officer):
    # the partner never clicked "accept", but the officer went: their reflection is due
    placement = CommunityPlacementFactory(status=PlacementStatus.COMPLETED)
    page, _ = _officers_page_and_calendar(client, placement.officer)
    assert f"2-day placement at {placement.partner.name}" in page
    assert reverse("placement_reflection", args=[placement.pk]) in page
