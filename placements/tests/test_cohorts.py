"""Cohort windows (seed 000): the 2-day window inside the 19-week course, the 4-day
window after the officers become operational."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from .factories import CohortFactory

pytestmark = pytest.mark.django_db


def test_course_end_is_nineteen_weeks_on():
    assert CohortFactory.build(course_start=date(2027, 1, 11)).course_end == date(2027, 5, 23)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"two_day_window_start": date(2027, 1, 4)}, "two_day_window_start", "on or after the first day of the course"),
        ({"two_day_window_end": date(2027, 6, 1)}, "two_day_window_end", "within the 19-week course (by 23 May 2027)"),
        ({"two_day_window_end": date(2027, 2, 1)}, "two_day_window_end", "must end on or after the day it starts"),
        ({"four_day_window_start": date(2027, 5, 1)}, "four_day_window_start", "after the course ends on 23 May 2027"),
        ({"four_day_window_end": date(2027, 9, 1)}, "four_day_window_end", "must end on or after the day it starts"),
    ],
)
def test_windows_are_checked_against_the_course(changes, field, message):
    cohort = CohortFactory.build(**changes)
    with pytest.raises(ValidationError) as error:
        cohort.full_clean()
    assert any(message in text for text in error.value.message_dict[field])


def test_the_database_refuses_a_four_day_window_before_the_two_day_one():
    with pytest.raises(IntegrityError), transaction.atomic():
        CohortFactory(four_day_window_start=date(2027, 2, 1), four_day_window_end=date(2027, 2, 5))


def test_the_admin_shows_window_errors_next_to_the_field(client, diversity_officer):
    client.force_login(diversity_officer)
    response = client.post(
        reverse("admin:placements_cohort_add"),
        {
            "name": "Cohort 2027-02",
            "course_start": "2027-01-11",
            "two_day_window_start": "2027-03-01",
            "two_day_window_end": "2027-06-30",
            "four_day_window_start": "2027-09-06",
            "four_day_window_end": "2027-10-29",
        },
    )
    assert response.status_code == 200
    assert "within the 19-week course" in str(response.context["adminform"].form.errors["two_day_window_end"])
