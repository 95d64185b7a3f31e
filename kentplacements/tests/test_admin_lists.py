"""Admin lists on big tables (issue 13): the filter by template reads the templates used from
their index, and a date drill-down offers each period between the first row and the last,
both without reading every row."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from kentplacements.admin_lists import _periods, distinct_values
from notifications.models import Notification
from notifications.tests.factories import NotificationFactory
from placements.tests.work_experience_factories import ApplicationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:notifications_notification_changelist")
LONDON = ZoneInfo("Europe/London")


def test_distinct_values_are_each_value_once_in_order():
    for template in ["vetting/reference_request", "accounts/welcome", "vetting/reference_request", "outreach/reminder"]:
        NotificationFactory(template=template)
    assert distinct_values(Notification._meta.get_field("template")) == [
        "accounts/welcome",
        "outreach/reminder",
        "vetting/reference_request",
    ]


def test_distinct_values_of_an_empty_table_are_none():
    assert distinct_values(Notification._meta.get_field("template")) == []


def test_the_outbox_filters_by_each_template_used(client, recruiter):
    NotificationFactory(template="outreach/reminder")
    NotificationFactory(template="accounts/welcome")
    client.force_login(recruiter)
    page = client.get(CHANGELIST).content.decode()
    assert 'href="?template=accounts%2Fwelcome"' in page and 'href="?template=outreach%2Freminder"' in page
    filtered = client.get(CHANGELIST, {"template": "outreach/reminder"})
    assert [row.template for row in filtered.context["cl"].result_list] == ["outreach/reminder"]


def test_the_work_experience_applications_filter_by_each_school(client):
    ApplicationFactory(school="The Judd School")
    ApplicationFactory(school="Cranbrook School")
    ApplicationFactory(school="Cranbrook School")
    client.force_login(UserFactory(is_superuser=True, mfa=True))
    changelist = reverse("admin:placements_workexperienceapplication_changelist")
    page = client.get(changelist).content.decode()
    assert page.count('href="?school=Cranbrook+School"') == 1 and 'href="?school=The+Judd+School"' in page
    filtered = client.get(changelist, {"school": "Cranbrook School"}).context["cl"]
    assert filtered.result_count == 2


def test_the_drill_down_offers_every_day_from_the_first_row_to_the_last(client, recruiter):
    # local days: 23:30 on 31 March is 1 April in London (summer time began on 29 March)
    NotificationFactory(created_at=datetime(2026, 3, 31, 23, 30, tzinfo=ZoneInfo("UTC")))
    NotificationFactory(created_at=datetime(2026, 4, 3, 9, 0, tzinfo=LONDON))
    client.force_login(recruiter)
    page = client.get(CHANGELIST).content.decode()
    days = [f"created_at__day={day}&amp;created_at__month=4&amp;created_at__year=2026" for day in (1, 2, 3)]
    assert all(f'href="?{day}"' in page for day in days), page
    assert "created_at__day=31" not in page and "created_at__day=4&" not in page
    # the years and months of rows in different years, each between the first and the last
    NotificationFactory(created_at=datetime(2024, 11, 2, 9, 0, tzinfo=LONDON))
    NotificationFactory(created_at=datetime(2026, 2, 10, 9, 0, tzinfo=LONDON))
    page = client.get(CHANGELIST).content.decode()
    assert all(f'href="?created_at__year={year}"' in page for year in (2024, 2025, 2026))  # 2025 has none
    months = client.get(CHANGELIST, {"created_at__year": "2026"}).content.decode()
    assert all(f"created_at__month={month}&amp;created_at__year=2026" in months for month in (2, 3, 4))
    assert "created_at__month=1&amp;" not in months  # before the year's first row


def test_periods_run_from_the_first_to_the_last():
    assert _periods(date(2025, 11, 30), date(2026, 2, 1), "month") == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
    assert _periods(date(2024, 12, 31), date(2025, 1, 2), "day") == [
        date(2024, 12, 31),
        date(2025, 1, 1),
        date(2025, 1, 2),
    ]
    assert _periods(date(2024, 6, 1), date(2026, 1, 1), "year") == [
        date(2024, 1, 1),
        date(2025, 1, 1),
        date(2026, 1, 1),
    ]
    with pytest.raises(ValueError, match="years, months or days"):
        _periods(date(2024, 6, 1), date(2026, 1, 1), "week")
