"""The navigation bar and the links that lead each person to their pages (issue 9,
"Navigation"): before it, /work-experience/, "My applications", the programme
dashboard, the daily register, the participant page and the escort list had no link."""

import re
from datetime import date
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from outreach.tests.programme_factories import applied as programme_application
from placements.enums import ApplicationStatus, PlacementType
from placements.services.placements import confirm_placement
from placements.tests.factories import (
    CommunityPlacementFactory,
    HostingOfferFactory,
    PartnerContactFactory,
    PartnerFactory,
    StudentOfficerFactory,
    accepted_placement,
)
from placements.tests.work_experience_factories import ApplicationFactory, ProgrammeFactory
from tests.factories import UserFactory
from volunteers.tests.factories import VolunteerApplicationFactory

pytestmark = pytest.mark.django_db
NAV = re.compile(r'<nav class="navbar[^>]*aria-label="Main">(.*?)</nav>', re.S)
NAV_LINK = re.compile(r'<a class="nav-link[^"]*" href="([^"]+)"[^>]*>([^<]+)</a>')


def nav_links(response):
    """(label, href) of each link in the main navigation bar."""
    bar = NAV.search(response.content.decode()).group(1)
    return [(label.strip(), href) for href, label in NAV_LINK.findall(bar)]


def labels(client, url="/"):
    return [label for label, _href in nav_links(client.get(url, follow=True))]


def test_a_visitor_is_led_to_work_experience_and_partner_registration(client):
    response = client.get(reverse("landing"))
    assert ("Work experience", reverse("we_index")) in nav_links(response)
    assert ("Partner organisations", reverse("partner_register")) in nav_links(response)
    # the landing card's own way in
    assert f'href="{reverse("we_index")}">See the work experience programmes' in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "expected", "absent"),
    [
        ("applicant", ["Your home", "Your account"], ["Programmes", "Back office", "Partner portal"]),
        ("partner_contact", ["Your home", "Your account", "Partner portal"], ["Programmes", "Back office"]),
        ("escorting_officer", ["Your home", "Your account", "Your participants"], ["Programmes", "Back office"]),
        (
            "recruiter",
            ["Your participants", "Programmes", "Back office"],
            ["Allocation", "Partners", "Presentations", "Vetting"],
        ),
        ("diversity_officer", ["Partners", "Allocation", "Presentations", "Reports", "Back office"], ["Programmes"]),
        (
            "head_of_resourcing",
            ["Programmes", "Partners", "Allocation", "Presentations", "Reports", "Back office"],
            ["Vetting"],
        ),
        # issue 10: the vetting officer's own pages, and nobody else's
        ("vetting_officer", ["Your home", "Vetting", "Back office"], ["Programmes", "Partners"]),
    ],
)
def test_each_role_has_its_own_entries(client, request, persona, expected, absent):
    client.force_login(request.getfixturevalue(persona))
    shown = labels(client, reverse("my_account"))
    assert set(expected) <= set(shown)
    assert not set(absent) & set(shown)


def test_a_student_officer_with_a_record_is_led_to_their_placements(client):
    officer = StudentOfficerFactory()
    client.force_login(officer.user)
    assert ("Your placements", reverse("my_placements")) in nav_links(client.get(reverse("my_account")))


def test_the_current_page_is_marked_for_screen_readers(client, recruiter):
    client.force_login(recruiter)
    html = client.get(reverse("we_programmes")).content.decode()
    assert f'href="{reverse("we_programmes")}" aria-current="page">Programmes' in html
    assert html.count('aria-current="page"') == 1


def test_your_account_lists_the_persons_own_things(client, partner_contact):
    client.force_login(partner_contact)
    html = client.get(reverse("my_account")).content.decode()
    assert f'href="{reverse("we_my_applications")}">Your work experience applications' in html
    assert f'href="{reverse("partner_portal")}">Partner portal' in html


ACCOUNT_SECTION = re.compile(r'<h2 id="own-\d+" class="h4"><a href="([^"]+)">([^<]+)</a></h2>(.*?)</section>', re.S)
LINK = re.compile(r'<a href="([^"]+)">([^<]+)</a>')


def own_things(client, user):
    """The lists of "Your account": heading -> (its link, [(label, href) of each thing] or its "none" text)."""
    client.force_login(user)
    html = client.get(reverse("my_account")).content.decode()
    return {
        heading: (href, [(label, unescape(url)) for url, label in LINK.findall(body)] or strip_tags(body).strip())
        for href, heading, body in ACCOUNT_SECTION.findall(html)
    }


def test_your_account_links_each_of_an_applicants_applications(client, applicant):
    sent = ApplicationFactory(applicant=applicant, programme__title="Summer 2027", status=ApplicationStatus.SHORTLISTED)
    draft = ApplicationFactory(applicant=applicant, programme__title="October 2027", status=ApplicationStatus.DRAFT)
    ApplicationFactory(programme=sent.programme)  # someone else's

    things = own_things(client, applicant)

    assert things == {
        "Your work experience applications": (
            reverse("we_my_applications"),
            [
                ("Summer 2027: Shortlisted", f"{reverse('we_my_applications')}#application-{sent.pk}"),
                ("October 2027: Draft (not sent)", reverse("we_apply", args=[draft.programme_id])),
            ],
        ),
        "Your volunteer applications": (reverse("volunteer_my_applications"), "You have not applied to volunteer."),
        "Your Positive Action Programme": (
            reverse("programme_mine"),
            "You have not applied to the Positive Action Programme.",
        ),
    }
    # the link's target is on the page
    assert f'id="application-{sent.pk}"' in client.get(reverse("we_my_applications")).content.decode()


def test_your_account_links_each_of_a_contacts_organisations(client, partner_contact):
    mind, cafe = (PartnerFactory(name=name) for name in ("Maidstone Mind", "Sevenoaks Dementia Café"))
    for partner in (mind, cafe):
        PartnerContactFactory(organisation=partner, user=partner_contact)
    PartnerContactFactory(organisation=PartnerFactory(name="Dover Day Centre"))  # not theirs

    things = own_things(client, partner_contact)

    portal = reverse("partner_portal")
    assert things["Your partner organisations"] == (
        portal,
        [("Maidstone Mind", f"{portal}#partner-{mind.pk}"), ("Sevenoaks Dementia Café", f"{portal}#partner-{cafe.pk}")],
    )
    assert things["Your work experience applications"] == (
        reverse("we_my_applications"),
        "You have not applied for work experience.",
    )


def test_your_account_links_the_placements_an_officer_has_been_told_of(client, diversity_officer):
    told = CommunityPlacementFactory(offer__partner__name="Maidstone Mind")
    accepted_placement(told, by=diversity_officer)
    awaiting = CommunityPlacementFactory(
        officer=told.officer,
        offer=HostingOfferFactory(
            partner__name="Sevenoaks Dementia Café",
            placement_type=PlacementType.FOUR_DAY,
            available_from=date(2027, 9, 6),
            available_until=date(2027, 10, 29),
        ),
    )
    confirm_placement(awaiting, by=diversity_officer)  # the partner has not replied (issue 9)

    things = own_things(client, told.officer.user)

    assert things["Your community placements"] == (
        reverse("my_placements"),
        [("2-day placement at Maidstone Mind, from 1 March 2027", f"{reverse('my_placements')}#placement-{told.pk}")],
    )


def test_your_account_links_the_participants_a_person_escorts(client, recruiter, escorting_officer):
    mine = ApplicationFactory(  # an escort sees a participant once their place is confirmed (issue 10)
        escorting_officer=escorting_officer,
        applicant__full_name="Jamie Participant",
        programme__title="Summer 2027",
        status=ApplicationStatus.CONFIRMED,
    )
    ApplicationFactory(escorting_officer=UserFactory(roles=["escorting_officer"]), status=ApplicationStatus.CONFIRMED)

    assert own_things(client, escorting_officer)["The participants you escort"] == (
        reverse("escort_participants"),
        [("Jamie Participant, Summer 2027", reverse("escort_participant", args=[mine.pk]))],
    )
    # the Corporate Recruitment Team sees every participant on their page, but escorts none of them
    assert own_things(client, recruiter)["The participants you escort"] == (
        reverse("escort_participants"),
        "Nobody is assigned to you at the moment.",
    )


def test_your_account_keeps_its_number_of_queries(client, applicant, assert_query_count_constant):
    partner = PartnerFactory()
    PartnerContactFactory(organisation=partner, user=applicant)  # an applicant who also speaks for a partner
    applicant.groups.add(Group.objects.get(name="partner_contact"))
    client.force_login(applicant)

    def make_rows(n):
        for _ in range(n):
            ApplicationFactory(applicant=applicant)
            PartnerContactFactory(organisation=PartnerFactory(), user=applicant)
            VolunteerApplicationFactory(applicant=applicant)
            programme_application(candidate=applicant)  # issue 12: each to an intake of its own

    assert_query_count_constant(client, reverse("my_account"), make_rows, queries=7)


def test_staff_go_from_the_programmes_to_each_register_and_participant(client, recruiter):
    programme = ProgrammeFactory(title="Summer 2027", starts_on=date(2027, 7, 16), ends_on=date(2027, 7, 19))
    participant = ApplicationFactory(programme=programme, status=ApplicationStatus.CONFIRMED)
    ApplicationFactory(programme=programme, status=ApplicationStatus.APPLIED)  # not on the programme
    client.force_login(recruiter)
    listing = client.get(reverse("we_programmes")).content.decode()
    assert f'href="{reverse("we_programme_dashboard", args=[programme.pk])}">Summer 2027' in listing
    dashboard = client.get(reverse("we_programme_dashboard", args=[programme.pk])).content.decode()
    registers = re.findall(r'href="(/work-experience/staff/programmes/\d+/register/[\d-]+/)"', dashboard)
    # Friday 16 and Monday 19 July: the weekend has no register
    assert registers == [
        reverse("attendance_register", args=[programme.pk, day]) for day in ("2027-07-16", "2027-07-19")
    ]
    assert re.findall(r'href="(/work-experience/staff/participants/\d+/)"', dashboard) == [
        reverse("staff_participant", args=[participant.pk])
    ]


def test_an_applicant_is_led_to_confirm_attendance_then_to_their_diary(client, applicant):
    """Protocol 3.3.2: the joining instructions ask them to confirm they will attend, before
    the place is confirmed; once it is, their diary opens (3.4.3)."""
    answering = ApplicationFactory(
        applicant=applicant, status=ApplicationStatus.AGREEMENT_PENDING, joining_instructions_sent_at=timezone.now()
    )
    confirmed = ApplicationFactory(applicant=applicant, status=ApplicationStatus.CONFIRMED)
    ApplicationFactory(applicant=applicant, status=ApplicationStatus.APPLIED)
    client.force_login(applicant)
    html = client.get(reverse("we_my_applications")).content.decode()
    assert html.count(reverse("work_experience_diary", args=[confirmed.pk])) == 1
    assert html.count(reverse("confirm_attendance", args=[answering.pk])) == 1
    assert html.count("/work-experience/diary/") == 1 and html.count("/work-experience/attendance/") == 1


def test_the_head_of_resourcing_reads_the_participants_without_links_they_may_not_open(client, head_of_resourcing):
    programme = ProgrammeFactory()
    participant = ApplicationFactory(programme=programme, status=ApplicationStatus.CONFIRMED)
    client.force_login(head_of_resourcing)
    dashboard = client.get(reverse("we_programme_dashboard", args=[programme.pk])).content.decode()
    assert participant.applicant.full_name in unescape(dashboard)  # a name may hold an apostrophe
    assert "/work-experience/staff/participants/" not in dashboard
    assert "/register/" not in dashboard
