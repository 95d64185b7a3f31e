"""Query-count pins for the lists people read about themselves and the public
programmes list (issue 8, section 6: "my applications" ran one query per application).
Staff lists are pinned next to their other tests; admin changelists in
tests/test_admin_query_counts.py."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.audit import record_action
from accounts.roles import Role
from placements.enums import ApplicationStatus, PlacementType
from placements.models import DiaryEntry
from tests.factories import UserFactory

from .factories import (
    CommunityPlacementFactory,
    HostingOfferFactory,
    PartnerContactFactory,
    StudentOfficerFactory,
    accepted_placement,
)
from .work_experience_factories import ApplicationFactory, EligibilityQuestionFactory

pytestmark = pytest.mark.django_db


def test_the_programmes_list(client, assert_query_count_constant):
    def make_rows(n):
        for _ in range(n):
            EligibilityQuestionFactory()  # an open programme with its criteria

    assert_query_count_constant(client, reverse("we_index"), make_rows, queries=1)
    assert client.get(reverse("we_index")).content.decode().count("Summer work experience") == 50


def test_my_applications_shows_each_with_its_history_and_answers_in_a_fixed_number_of_queries(
    client, applicant, assert_query_count_constant
):
    def make_rows(n):
        for _ in range(n):
            question = EligibilityQuestionFactory(text="Are you 16 or over?")
            application = ApplicationFactory(
                programme=question.programme,
                applicant=applicant,
                eligibility_answers={str(question.pk): True},
            )
            record_action(application, action="submit", by=applicant, from_state="draft", to_state="applied")

    client.force_login(applicant)
    assert_query_count_constant(
        client, reverse("we_my_applications"), make_rows, queries=8
    )  # +1: the Work Placement Agreements (issue 10)
    page = client.get(reverse("we_my_applications")).content.decode()
    assert page.count("Are you 16 or over?") == 50 and page.count(ApplicationStatus.APPLIED.label) >= 50


def test_my_placements(client, assert_query_count_constant):
    """An officer has at most a 2-day and a 4-day placement (a database constraint), so
    this pin compares 1 and 2."""
    officer = StudentOfficerFactory()
    offers = iter(
        [
            HostingOfferFactory(),
            HostingOfferFactory(
                placement_type=PlacementType.FOUR_DAY, available_from=date(2027, 9, 6), available_until=date(2027, 9, 9)
            ),
        ]
    )

    def make_rows(n):
        for _ in range(n):
            placement = CommunityPlacementFactory(officer=officer, offer=next(offers))
            PartnerContactFactory(organisation=placement.partner)
            accepted_placement(placement, by=UserFactory())

    client.force_login(officer.user)
    assert_query_count_constant(client, reverse("my_placements"), make_rows, queries=9, many=2)


def test_the_partner_portal_lists_every_organisation_of_the_contact(client, assert_query_count_constant):
    contact = UserFactory(roles=[Role.PARTNER_CONTACT])

    def make_rows(n):
        for _ in range(n):
            PartnerContactFactory(user=contact, email=contact.email)

    client.force_login(contact)
    assert_query_count_constant(client, reverse("partner_portal"), make_rows, queries=4)


def test_the_participants_diary(client, applicant, assert_query_count_constant):
    application = ApplicationFactory(applicant=applicant, status=ApplicationStatus.CONFIRMED)

    def make_rows(n):
        for _ in range(n):
            DiaryEntry.objects.create(application=application, date=date(2027, 7, 19), text="Met the dogs")

    client.force_login(applicant)
    url = reverse("work_experience_diary", args=[application.pk])
    assert_query_count_constant(client, url, make_rows, queries=5)
    assert client.get(url).content.decode().count("Met the dogs") == 50
