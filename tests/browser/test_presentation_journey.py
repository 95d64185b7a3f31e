"""A partner's representative replies to the invitation to the student officers'
presentations at Kent Police College (seed 000: "more than welcome to attend")."""

import re
from datetime import time, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from notifications.models import Notification
from placements.services.presentations import reply_to_invitation
from placements.tests.factories import PartnerContactFactory
from placements.tests.presentation_factories import PresentationInvitationFactory, finished_placement
from tests.browser.steps import as_person
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pat(transactional_db):
    """A partner contact of Rose Court Care Home. Between live-server tests the database
    is flushed and post_migrate re-creates only the roles that hold admin permissions
    (accounts.roles.sync_role_permissions), so the partner contact role is made here."""
    Group.objects.get_or_create(name=Role.PARTNER_CONTACT)
    user = UserFactory(email="pat@rosecourt.example", full_name="Pat Rose", roles=[Role.PARTNER_CONTACT])
    return PartnerContactFactory(user=user, organisation__name="Rose Court Care Home").organisation


def log_in(page, live_server):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("pat@rosecourt.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/account/$"))


def test_partner_contact_replies_that_two_people_will_attend(page, live_server, axe_check, pat):
    invitation = PresentationInvitationFactory(
        partner=pat,
        session__date=timezone.localdate() + timedelta(days=30),
        session__starts_at=time(10),
        session__rsvp_cutoff=timezone.now() + timedelta(days=20),
    )

    log_in(page, live_server)
    page.get_by_role("link", name="Go to the partner portal").click()
    page.get_by_role("link", name="Presentations and feedback").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Presentations and feedback")
    expect(page.get_by_role("row", name=re.compile("Rose Court Care Home"))).to_contain_text("Not replied yet")
    axe_check(page)

    page.get_by_role("link", name=re.compile("^Reply for Rose Court Care Home")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Reply to the invitation to the student officers' presentations"
    )
    axe_check(page)
    page.get_by_role("radio", name="Yes, we will attend").check()
    page.get_by_label("How many people will attend?").fill("2")
    page.get_by_label("Names of the people attending").fill("Pat Rose\nSam Carer")
    page.get_by_label("Access needs (optional)").fill("Sam uses a wheelchair")
    page.get_by_role("button", name="Send your reply").click()

    expect(page).to_have_url(re.compile(r"/partners/presentations/$"))
    expect(page.get_by_role("status")).to_contain_text("Thank you: your reply is saved and we have emailed you a copy.")
    expect(page.get_by_role("row", name=re.compile("Rose Court Care Home"))).to_contain_text("Attending: 2 people")
    axe_check(page)

    invitation.refresh_from_db()
    assert (invitation.attendees, invitation.attendee_names) == (2, "Pat Rose\nSam Carer")
    assert invitation.access_needs == "Sam uses a wheelchair"
    assert invitation.session.seats_taken == 2
    confirmation = Notification.objects.get(template="placements/presentation_reply")
    assert confirmation.recipient == "pat@rosecourt.example"
    assert confirmation.status == "sent"
    assert "- Pat Rose\n- Sam Carer\n" in confirmation.body_text


def test_partner_contact_rates_a_placement_after_a_missed_rating(page, live_server, axe_check, pat):
    placement = finished_placement(offer__partner=pat, officer__user=None, officer__full_name="Alex Officer")

    log_in(page, live_server)
    page.get_by_role("link", name="Go to the partner portal").click()
    page.get_by_role("link", name="Presentations and feedback").click()
    page.get_by_role("link", name="Give feedback on Alex Officer's placement").click()

    page.get_by_label("Comments (optional)").fill("Patient with our residents.")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose a rating from 1 (poor) to 5 (excellent).")
    expect(page.get_by_label("Comments (optional)")).to_have_value("Patient with our residents.")
    axe_check(page)
    page.get_by_role("link", name=re.compile("How did the placement go")).click()
    expect(page.locator("#id_rating")).to_be_focused()

    page.get_by_role("radio", name="4 – Very good").check()
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you for your feedback on Alex Officer's placement.")
    expect(page.get_by_role("row", name=re.compile("Alex Officer"))).to_contain_text("4 out of 5")
    placement.feedback.refresh_from_db()
    assert (placement.feedback.rating, placement.feedback.comment) == (4, "Patient with our residents.")


def test_a_full_session_puts_the_partner_on_the_waiting_list_and_the_officer_moves_it(
    browser, live_server, axe_check, pat
):
    """Issue 9: when seats run out a reply goes on the waiting list; the Diversity
    Placements Officer sees it and moves the session, which tells everyone who replied."""
    session_day = timezone.localdate() + timedelta(days=30)
    invitation = PresentationInvitationFactory(
        partner=pat,
        session__date=session_day,
        session__starts_at=time(10),
        session__room="Lecture theatre 2",
        session__capacity=2,
        session__rsvp_cutoff=timezone.now() + timedelta(days=20),
    )
    # another organisation has already taken both seats
    coming = PresentationInvitationFactory(session=invitation.session, partner__name="Maidstone Mind")
    ann = PartnerContactFactory(organisation=coming.partner, user__email="ann@maidstonemind.example")
    reply_to_invitation(coming, by=ann.user, attending=True, attendees=2, attendee_names="Ann Lee\nRaj Patel")
    dpo = UserFactory(full_name="Sarah Meloni", roles=[Role.DIVERSITY_PLACEMENTS_OFFICER], mfa=True)

    # Pat replies for Rose Court Care Home: the session is full, so they wait.
    page = as_person(browser, live_server, pat.contacts.get().user)
    page.get_by_role("link", name="Go to the partner portal").click()
    page.get_by_role("link", name="Presentations and feedback").click()
    page.get_by_role("link", name=re.compile("^Reply for Rose Court Care Home")).click()
    page.get_by_role("radio", name="Yes, we will attend").check()
    page.get_by_label("How many people will attend?").fill("1")
    page.get_by_label("Names of the people attending").fill("Pat Rose")
    page.get_by_role("button", name="Send your reply").click()
    expect(page.get_by_role("status")).to_contain_text("The session is full: you are on the waiting list, number 1.")
    expect(page.get_by_role("row", name=re.compile("Rose Court Care Home"))).to_contain_text("On the waiting list")
    axe_check(page)

    # The Diversity Placements Officer opens the session from her home and sees the queue.
    page = as_person(browser, live_server, dpo)
    page.get_by_role("link", name=re.compile("^Presentation sessions: who is coming")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Presentation sessions")
    axe_check(page)
    page.get_by_role("link", name=re.compile(f"{session_day:%-d %B %Y} at 10:00")).click()
    waiting = page.get_by_role("table", name=re.compile("Organisations waiting for seats"))
    expect(waiting.get_by_role("row", name=re.compile("Rose Court"))).to_contain_text("1 Rose Court Care Home")
    expect(waiting).to_contain_text("Pat Rose")
    expect(page.get_by_role("table", name=re.compile("Organisations coming"))).to_contain_text("Ann Lee")
    axe_check(page)

    # She moves it to the afternoon, in another room, and says why.
    page.get_by_role("link", name="Change date, time or room").click()
    expect(page.get_by_label("Room")).to_have_value("Lecture theatre 2")
    axe_check(page)
    page.get_by_label("Start time").fill("14:30")
    page.get_by_label("Room").fill("Main hall")
    page.get_by_label("Why does it change?").fill("The lecture theatre is needed for an exam.")
    page.get_by_role("button", name="Change the session and email the partners").click()
    expect(page.get_by_role("status")).to_contain_text("The session has changed.")
    expect(page.get_by_role("main")).to_contain_text(f"{session_day:%A %-d %B %Y} at 14:30")
    expect(page.get_by_role("main")).to_contain_text("room: Lecture theatre 2 → Main hall")
    axe_check(page)

    changed = {m.to[0]: m for m in mail.outbox if m.subject.startswith("Changed:")}
    assert sorted(changed) == ["ann@maidstonemind.example", "pat@rosecourt.example"]
    subject = f"Changed: the student officers' presentations are now on {session_day:%A %-d %B %Y} at 14:30, Main hall"
    assert {m.subject for m in changed.values()} == {subject}
    ann_mail = changed["ann@maidstonemind.example"].body
    assert "We have kept 2 seats for Maidstone Mind:\n- Ann Lee\n- Raj Patel" in ann_mail
    pat_mail = changed["pat@rosecourt.example"].body
    assert "Rose Court Care Home keeps its place on the waiting list, number 1, for 1 seat." in pat_mail
    assert f"/partners/presentations/{invitation.pk}/rsvp/" in pat_mail
    assert "Why: The lecture theatre is needed for an exam." in pat_mail
