"""The recruitment team reads placement-day records in the back office; nobody edits them there."""

import pytest
from django.urls import reverse

from placements.models import Activity

from .work_experience_factories import ApplicationFactory, record_placement_day

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["activity", "riskassessment", "dynamicriskassessment", "attendancerecord"])
def test_lists_keep_their_query_count(model, client, recruiter, escorting_officer, assert_query_count_constant):
    client.force_login(recruiter)

    def make_rows(n):
        for _ in range(n):
            record_placement_day(ApplicationFactory(), escorting_officer)

    assert_query_count_constant(client, reverse(f"admin:placements_{model}_changelist"), make_rows, queries=10)


def test_records_are_read_only(client, recruiter, escorting_officer):
    record_placement_day(ApplicationFactory(), escorting_officer)
    client.force_login(recruiter)
    activity = Activity.objects.get()
    page = client.get(reverse("admin:placements_activity_change", args=[activity.pk]))
    assert page.status_code == 200 and "College-based session" in page.content.decode()
    assert client.post(reverse("admin:placements_activity_change", args=[activity.pk]), {}).status_code == 403
    assert client.get(reverse("admin:placements_activity_add")).status_code == 403


def test_the_team_goes_from_a_back_office_list_to_the_participants_page(client, recruiter, vetting_officer):
    """Issue 9: the counts of participants without a risk assessment and of overdue reviews
    open back-office lists; each row leads to the page where the team acts."""
    on_placement = ApplicationFactory(status="confirmed", applicant__full_name="Alex Student")
    record_placement_day(on_placement, recruiter)
    ApplicationFactory(applicant__full_name="Jamie Applied")  # not on placement: no page to go to
    page_link = f'<a href="{reverse("staff_participant", args=[on_placement.pk])}">Alex Student’s placement page</a>'
    client.force_login(recruiter)
    for model in ("workexperienceapplication", "riskassessment"):
        assert page_link in client.get(reverse(f"admin:placements_{model}_changelist")).content.decode(), model
    client.force_login(vetting_officer)  # reads the applications; the page is not theirs
    listed = client.get(reverse("admin:placements_workexperienceapplication_changelist")).content.decode()
    assert "Alex Student" in listed and "placement page" not in listed
