"""The staff report per cohort: placements by status, communities met (seed 000: "every
community that live and work in the County"), partners used and their ratings, with a
chart that carries the same figures as its table."""

import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from placements.enums import CommunityCode, PlacementType
from placements.services.placements import cancel_placement, confirm_placement
from placements.services.presentations import give_feedback

from .factories import CohortFactory, CommunityPlacementFactory, PartnerFactory, StudentOfficerFactory
from .presentation_factories import BEFORE_CUTOFF, finished_placement, offer_in_window
from .tables import rows

pytestmark = pytest.mark.django_db
C = CommunityCode


@pytest.fixture(autouse=True)
def _after_the_placements(time_machine):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)


def at(partner, officer, placement_type=PlacementType.TWO_DAY):
    return {"officer": officer, "offer": offer_in_window(officer.cohort, placement_type, partner=partner)}


@pytest.fixture
def cohort():
    """Five officers: Ann (2-day completed, 4-day completed), Ben (2-day presented),
    Cat (2-day confirmed), Dan (2-day proposed), Eve (2-day cancelled)."""
    cohort = CohortFactory(name="Cohort 2027-A")
    ann, ben, cat, dan, eve = (
        StudentOfficerFactory(cohort=cohort, full_name=n) for n in ["Ann", "Ben", "Cat", "Dan", "Eve"]
    )
    rose = PartnerFactory(name="Rose Court Care Home", communities=[C.DEMENTIA, C.OLDER_PEOPLE])
    mind = PartnerFactory(name="Maidstone Mind", communities=[C.MENTAL_ILL_HEALTH])
    able = PartnerFactory(name="Able Kent", communities=[C.PHYSICAL_DISABILITY, C.DEMENTIA])
    steps = PartnerFactory(name="Steps Together", communities=[C.LEARNING_DISABILITY])

    give_feedback(finished_placement(**at(rose, ann)), by=None, rating=4, comment="")
    give_feedback(finished_placement(presented=True, **at(rose, ben)), by=None, rating=5, comment="")
    confirm_placement(CommunityPlacementFactory(**at(mind, cat)), by=None)
    CommunityPlacementFactory(**at(steps, dan))
    eves = CommunityPlacementFactory(**at(able, eve))
    confirm_placement(eves, by=None)
    cancel_placement(eves, by=None, reason="Left the force")
    give_feedback(finished_placement(**at(able, ann, PlacementType.FOUR_DAY)), by=None, rating=3, comment="")
    # another cohort's placement and rating at Rose Court must not count here
    other = StudentOfficerFactory(full_name="Zed")
    give_feedback(finished_placement(**at(rose, other)), by=None, rating=1, comment="")
    return cohort


@pytest.fixture
def report(client, diversity_officer, cohort):
    client.force_login(diversity_officer)
    return client.get(reverse("cohort_report", args=[cohort.pk])).content.decode()


def test_placements_by_status_for_each_type(report):
    assert rows(report, "Placements of each type by status") == [
        # proposed, confirmed, completed, presented, cancelled, total
        ("2-day placement", ["1", "1", "1", "1", "1", "5"]),
        ("4-day placement", ["0", "0", "1", "0", "0", "1"]),
    ]


def test_communities_met_count_each_officer_once_and_only_confirmed_or_later_placements(report):
    assert rows(report, "Officers who met each community") == [
        ("Mental ill-health", ["1"]),  # Cat
        ("Physical disability", ["1"]),  # Ann's 4-day at Able Kent; Eve's was cancelled
        ("Learning disability", ["0"]),  # Dan's is only proposed
        ("Older people", ["2"]),  # Ann and Ben
        ("Dementia", ["2"]),  # Ann (twice, counted once) and Ben
        ("Other", ["0"]),
    ]


def test_partners_used_with_their_average_rating_from_this_cohort_only(report):
    assert rows(report, "Organisations that hosted the cohort's officers") == [
        ("Able Kent", ["0", "1", "3.0 out of 5", "1"]),
        ("Maidstone Mind", ["1", "0", "No feedback yet", "0"]),
        ("Rose Court Care Home", ["2", "0", "4.5 out of 5", "2"]),
    ]
    assert "Average partner rating for the cohort:\n    <strong>4.0 out of 5</strong>, from 3 ratings" in report


def test_the_chart_is_an_accessible_image_with_the_same_figures_as_the_table(report):
    svg = re.search(r"<svg .*?</svg>", report, re.S).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="communities-chart-title communities-chart-desc"' in svg
    assert '<title id="communities-chart-title">Officers who met each community</title>' in svg
    described = re.search(r"<desc[^>]*>Number of officers who met each community: (.*)\.</desc>", svg).group(1)
    table = rows(report, "Officers who met each community")
    assert described == "; ".join(f"{name}, {cells[0]}" for name, cells in table)
    # bar lengths follow the figures: 2 is the longest bar, 1 half of it, 0 none
    assert re.findall(r'<rect [^>]*width="([\d.]+)"', svg) == ["170.0", "170.0", "0.0", "340.0", "340.0", "0.0"]
    # the CSP forbids inline styles and scripts; SVG presentation attributes are fine
    assert "style=" not in report and "<script>" not in report


def test_the_report_query_count_does_not_grow_with_the_cohort(client, diversity_officer, assert_query_count_constant):
    cohort = CohortFactory()
    client.force_login(diversity_officer)

    def make_rows(n):
        for _ in range(n):
            placement = finished_placement(officer__cohort=cohort)
            give_feedback(placement, by=None, rating=4, comment="")

    assert_query_count_constant(client, reverse("cohort_report", args=[cohort.pk]), make_rows, queries=10)


def test_the_cohort_list_links_each_report_and_its_query_count_is_the_same_for_1_and_50(
    client, head_of_resourcing, assert_query_count_constant
):
    client.force_login(head_of_resourcing)

    def make_rows(n):
        for _ in range(n):
            finished_placement()

    count = assert_query_count_constant(client, reverse("cohort_reports"), make_rows, queries=5)
    assert count > 0
    cohort = CohortFactory(name="Cohort 2028-01")
    finished_placement(officer__cohort=cohort)
    response = client.get(reverse("cohort_reports"))
    assertContains(response, f'<a href="{reverse("cohort_report", args=[cohort.pk])}">Cohort 2028-01', html=False)
    assertContains(response, f'href="{reverse("cohort_reflections", args=[cohort.pk])}"')
