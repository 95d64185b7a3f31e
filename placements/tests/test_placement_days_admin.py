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
