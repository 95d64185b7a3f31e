"""The navigation bar and the links that lead each person to their pages (issue 9,
"Navigation"): before it, /work-experience/, "My applications", the programme
dashboard, the daily register, the participant page and the escort list had no link."""

import re
from datetime import date

import pytest
from django.urls import reverse

from placements.enums import ApplicationStatus
from placements.tests.factories import StudentOfficerFactory
from placements.tests.work_experience_factories import ApplicationFactory, ProgrammeFactory

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
        ("recruiter", ["Your participants", "Programmes", "Back office"], ["Allocation", "Partners", "Presentations"]),
        ("diversity_officer", ["Partners", "Allocation", "Presentations", "Reports", "Back office"], ["Programmes"]),
        (
            "head_of_resourcing",
            ["Programmes", "Partners", "Allocation", "Presentations", "Reports", "Back office"],
            [],
        ),
        ("vetting_officer", ["Your home", "Back office"], ["Programmes", "Partners"]),
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


def test_a_confirmed_applicant_is_led_to_attendance_and_their_diary(client, applicant):
    confirmed = ApplicationFactory(applicant=applicant, status=ApplicationStatus.CONFIRMED)
    ApplicationFactory(applicant=applicant, status=ApplicationStatus.APPLIED)
    client.force_login(applicant)
    html = client.get(reverse("we_my_applications")).content.decode()
    assert html.count(reverse("work_experience_diary", args=[confirmed.pk])) == 1
    assert html.count(reverse("confirm_attendance", args=[confirmed.pk])) == 1
    assert html.count("/work-experience/diary/") == 1


def test_the_head_of_resourcing_reads_the_participants_without_links_they_may_not_open(client, head_of_resourcing):
    programme = ProgrammeFactory()
    participant = ApplicationFactory(programme=programme, status=ApplicationStatus.CONFIRMED)
    client.force_login(head_of_resourcing)
    dashboard = client.get(reverse("we_programme_dashboard", args=[programme.pk])).content.decode()
    assert participant.applicant.full_name in dashboard
    assert "/work-experience/staff/participants/" not in dashboard
    assert "/register/" not in dashboard
