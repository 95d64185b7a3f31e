"""The Head of Resourcing's monitoring page (seed 001, 7.1): per programme and in total, the
applications by outcome and by decline reason, the exceptions granted (2.3), conduct (2.4)
and the DRAs (3.5.5), each as a chart and as a table with the same figures."""

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.navigation import navigation_for
from accounts.queues import waiting_for
from placements.enums import ApplicationStatus, DeclineReason, ExceptionRule
from placements.models import DiscretionaryException, DynamicRiskAssessment, ProtocolReview
from placements.selectors.monitoring import work_experience_monitoring

from .tables import rows
from .work_experience_factories import ApplicationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def _apply(programme, status, reason="", **fields):
    return ApplicationFactory(programme=programme, status=status, decline_reason=reason, **fields)


def _exception(application, rule, by):
    DiscretionaryException.objects.create(application=application, rule=rule, rationale="A clear case.", granted_by=by)


def _dra(application, by):
    DynamicRiskAssessment.objects.create(
        application=application,
        recorded_by=by,
        occurred_at=timezone.now(),
        event="Fire alarm",
        hazards="Crowded stairs",
        controls="Waited with the escorting officer",
    )


@pytest.fixture
def programmes(head_of_resourcing, escorting_officer):
    """Summer (newest): 2 applied, 1 confirmed, 1 completed with 2 DRAs, declined for capacity and
    for conduct, 1 discontinued, 1 withdrawn, 1 draft (not sent, not counted); exceptions to the
    minimum age and the capacity. October: not cleared by vetting, declined as ineligible, 1
    discontinued with a DRA; an exception to the closing time."""
    summer = ProgrammeFactory(title="Summer 2027", starts_on=date(2027, 7, 19))
    october = ProgrammeFactory(title="October 2026", starts_on=date(2026, 10, 26), ends_on=date(2026, 10, 30))
    applied = [_apply(summer, S.APPLIED) for _ in range(2)]
    confirmed = _apply(summer, S.CONFIRMED)
    completed = _apply(summer, S.COMPLETED)
    _apply(summer, S.DECLINED, DeclineReason.CAPACITY)
    _apply(summer, S.DECLINED, DeclineReason.CONDUCT)
    _apply(summer, S.DISCONTINUED, status_reason="Abusive language to an officer.")
    _apply(summer, S.WITHDRAWN)
    _apply(summer, S.DRAFT)
    _exception(applied[0], ExceptionRule.MINIMUM_AGE, head_of_resourcing)
    _exception(confirmed, ExceptionRule.CAPACITY, head_of_resourcing)
    _dra(completed, escorting_officer)
    _dra(completed, escorting_officer)
    _apply(october, S.VETTING_REFUSED)
    _apply(october, S.DECLINED, DeclineReason.INELIGIBLE)
    discontinued = _apply(october, S.DISCONTINUED)
    _dra(discontinued, escorting_officer)
    _exception(discontinued, ExceptionRule.CLOSING_TIME, head_of_resourcing)
    return summer, october


@pytest.fixture
def html(client, head_of_resourcing, programmes):
    client.force_login(head_of_resourcing)
    return client.get(reverse("we_monitoring")).content.decode()


def test_applications_by_outcome_per_programme_and_in_total(html):
    assert rows(html, "Applications sent, by outcome") == [
        # under way, completed, declined, withdrawn, not cleared by vetting, discontinued, total
        ("Summer 2027", ["3", "1", "2", "1", "0", "1", "8"]),
        ("October 2026", ["0", "0", "1", "0", "1", "1", "3"]),
        ("All programmes", ["3", "1", "3", "1", "1", "2", "11"]),
    ]


def test_declined_by_reason(html):
    assert rows(html, "Applications declined, by reason") == [
        # ineligible, full, operational need, conduct, total
        ("Summer 2027", ["0", "1", "0", "1", "2"]),
        ("October 2026", ["1", "0", "0", "0", "1"]),
        ("All programmes", ["1", "1", "0", "1", "3"]),
    ]


def test_exceptions_granted_by_rule(html):
    assert rows(html, "Exceptions granted, by the rule waived") == [
        # minimum age, closing time, criterion, capacity, total
        ("Summer 2027", ["1", "0", "0", "1", "2"]),
        ("October 2026", ["0", "1", "0", "0", "1"]),
        ("All programmes", ["1", "1", "0", "1", "3"]),
    ]


def test_conduct_and_dras_are_counted_and_not_added_up(html):
    assert rows(html, "Conduct and dynamic risk assessments") == [
        # declined for conduct, discontinued, DRAs: no total, as they are not one kind of thing
        ("Summer 2027", ["1", "1", "2"]),
        ("October 2026", ["0", "1", "1"]),
        ("All programmes", ["1", "2", "3"]),
    ]


@pytest.mark.parametrize(
    "slug, caption",
    [
        ("outcomes", "Applications sent, by outcome"),
        ("declined", "Applications declined, by reason"),
        ("exceptions", "Exceptions granted, by the rule waived"),
        ("conduct", "Conduct and dynamic risk assessments"),
    ],
)
def test_each_chart_is_an_accessible_image_of_the_tables_total_row(html, slug, caption):
    svg = re.search(rf'<svg [^>]*aria-labelledby="{slug}-chart-title {slug}-chart-desc".*?</svg>', html, re.S).group(0)
    assert f'<title id="{slug}-chart-title">{caption}</title>' in svg
    described = re.search(r"<desc[^>]*>All programmes: (.*)\.</desc>", svg).group(1)
    heading = re.search(rf"<caption>{caption}</caption>\s*<thead><tr>(.*?)</tr>", html, re.S).group(1)
    columns = re.findall(r'<th scope="col">(.*?)</th>', heading)[1:]
    _label, totals = rows(html, caption)[-1]
    # every column but the total, each with the figure of the table's total row
    drawn = [f"{column}, {figure}" for column, figure in zip(columns, totals, strict=True) if column != "Total"]
    assert described == "; ".join(drawn)
    assert len(re.findall(r"<rect ", svg)) == len(re.findall(r"; ", described)) + 1
    assert "style=" not in html and "<script>" not in html


def test_no_reason_text_is_shown(html):
    """Free-text reasons are about one young person: the page counts, and names none (the module's docstring)."""
    assert "Abusive" not in html and "A clear case." not in html
    assert "The reasons for declining or discontinuing for conduct are on each application's page" in html


def test_the_figures_take_the_same_queries_for_1_and_50_programmes(
    client, head_of_resourcing, escorting_officer, assert_query_count_constant
):
    client.force_login(head_of_resourcing)
    ProtocolReview.objects.create(reviewed_on=date(2024, 2, 1), next_review_on=date(2026, 2, 1), notes="Minor changes.")

    def make_rows(n):
        for _ in range(n):
            application = _apply(ProgrammeFactory(), S.DISCONTINUED)
            _dra(application, escorting_officer)
            _exception(application, ExceptionRule.CAPACITY, head_of_resourcing)

    assert_query_count_constant(client, reverse("we_monitoring"), make_rows, queries=9)


def test_the_selector_counts_with_four_queries(programmes, django_assert_num_queries):
    with django_assert_num_queries(4):
        monitoring = work_experience_monitoring()
    assert monitoring.programmes == 2
    assert [b.totals.counts for b in monitoring.breakdowns][-1] == [1, 2, 3]


def test_no_programme_yet(client, head_of_resourcing):
    client.force_login(head_of_resourcing)
    response = client.get(reverse("we_monitoring"))
    assert "There are no work-experience programmes yet." in response.content.decode()


def test_the_head_of_resourcing_reaches_it_from_the_bar_and_their_home(client, head_of_resourcing, recruiter):
    monitoring = reverse("we_monitoring")
    assert monitoring in [entry.url for entry in navigation_for(head_of_resourcing)]
    assert monitoring not in [entry.url for entry in navigation_for(recruiter)]
    client.force_login(head_of_resourcing)
    home = client.get(reverse("staff_dashboard")).content.decode()
    assert f'<a href="{monitoring}">Monitoring of the Work Experience Protocol' in home


def test_home_counts_the_review_once_it_is_due(head_of_resourcing, time_machine):
    ProtocolReview.objects.create(reviewed_on=date(2024, 2, 1), next_review_on=date(2026, 2, 1), notes="Old.")
    ProtocolReview.objects.create(reviewed_on=date(2025, 3, 1), next_review_on=date(2027, 3, 1), notes="Latest.")

    def due():
        [queue] = [q for q in waiting_for(head_of_resourcing) if q.label.startswith("Review of the Work Experience")]
        return queue.count, queue.url

    # the older review's date has passed, but the latest one's is what counts
    time_machine.move_to(timezone.make_aware(timezone.datetime(2027, 1, 29, 9)), tick=False)
    assert due() == (0, reverse("we_monitoring") + "#review")
    time_machine.move_to(timezone.make_aware(timezone.datetime(2027, 1, 30, 9)), tick=False)
    assert due()[0] == 1  # 30 days before the 1 March 2027


def test_the_csv_has_the_tables_figures_with_their_labels(client, head_of_resourcing, programmes):
    summer, _october = programmes
    summer.title = '=HYPERLINK("http://evil.example")'
    summer.save()
    client.force_login(head_of_resourcing)
    response = client.get(reverse("we_monitoring_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="work-experience-monitoring.csv"' in response["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0] == ["Section", "Programme", "Figure", "Count"]
    assert ["Applications sent, by outcome", "All programmes", "Discontinued", "2"] in lines
    assert ["Applications declined, by reason", "October 2026", "Does not meet the criteria", "1"] in lines
    assert ["Conduct and dynamic risk assessments", "All programmes", "Dynamic risk assessments", "3"] in lines
    # a title typed as a formula arrives as text, never run by the spreadsheet
    assert ["Exceptions granted, by the rule waived", '\'=HYPERLINK("http://evil.example")', "Total", "2"] in lines
    # every figure of the page's tables, once: (programmes + total) x (columns, and the total where it adds up)
    assert len(lines) - 1 == 3 * (7 + 5 + 5 + 3)
