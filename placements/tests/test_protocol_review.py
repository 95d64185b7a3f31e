"""The review of the Work Experience Protocol (seed 001, 7.1: "a review being undertaken every
two years or as appropriate due to significant change"): recorded by the Head of Resourcing,
the next one due two years on unless they say otherwise, and a reminder emailed once."""

from datetime import date, datetime

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import ActionLog
from accounts.roles import Role
from kentplacements.celery import app
from kentplacements.workflow import DomainError
from notifications.models import Notification
from placements import tasks
from placements.models import ProtocolReview
from placements.services.monitoring import (
    record_protocol_review,
    remind_protocol_review,
    reschedule_protocol_review,
    two_years_after,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def london(*args):
    return timezone.make_aware(datetime(*args))


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(london(2026, 11, 30, 10, 0), tick=False)


@pytest.fixture
def review(head_of_resourcing):
    """Seed 001: "Date last reviewed: February 2024"."""
    return record_protocol_review(
        by=head_of_resourcing, reviewed_on=date(2024, 2, 1), notes="Minor additions and amendments."
    )


def reminders():
    return list(Notification.objects.filter(template="placements/protocol_review_due").order_by("pk"))


# --- the services -----------------------------------------------------------------------------


def test_the_next_review_is_due_two_years_after_the_last(review, head_of_resourcing):
    assert (review.reviewed_on, review.next_review_on) == (date(2024, 2, 1), date(2026, 2, 1))
    entry = ActionLog.objects.get(action="record_protocol_review")
    assert (entry.actor, entry.reason) == (head_of_resourcing, "Minor additions and amendments.")
    assert two_years_after(date(2024, 2, 29)) == date(2026, 2, 28)


def test_a_review_may_set_an_earlier_next_review(head_of_resourcing):
    review = record_protocol_review(
        by=head_of_resourcing, reviewed_on=date(2026, 11, 2), next_review_on=date(2027, 6, 1), notes="New law."
    )
    assert review.next_review_on == date(2027, 6, 1)


@pytest.mark.parametrize("persona", ["recruiter", "diversity_officer", "vetting_officer"])
def test_only_the_head_of_resourcing_reviews_the_protocol(request, persona):
    with pytest.raises(DomainError, match="Only the Head of Resourcing"):
        record_protocol_review(by=request.getfixturevalue(persona), reviewed_on=date(2026, 1, 1), notes="Read it.")
    assert not ProtocolReview.objects.exists()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"reviewed_on": date(2026, 12, 1), "notes": "Early"}, "cannot be in the future"),
        ({"reviewed_on": date(2025, 1, 1), "notes": "  "}, "Say what the review looked at"),
        ({"reviewed_on": date(2025, 1, 1), "notes": "x", "next_review_on": date(2025, 1, 1)}, "must come after"),
        ({"reviewed_on": date(2023, 6, 1), "notes": "Older"}, "cannot come before it"),
        ({"reviewed_on": date(2025, 1, 1), "notes": "x" * 501}, "500 characters"),
    ],
)
def test_a_review_that_cannot_be_recorded(review, head_of_resourcing, fields, message):
    with pytest.raises(DomainError, match=message):
        record_protocol_review(by=head_of_resourcing, **fields)
    assert ProtocolReview.objects.count() == 1


def test_the_database_refuses_a_next_review_before_the_last():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProtocolReview.objects.create(reviewed_on=date(2026, 1, 1), next_review_on=date(2025, 1, 1), notes="x")


def test_moving_the_next_review_is_logged_with_the_reason(review, head_of_resourcing):
    reschedule_protocol_review(
        review, by=head_of_resourcing, next_review_on=date(2027, 3, 1), reason="Waiting for the new national guidance."
    )
    review.refresh_from_db()
    assert review.next_review_on == date(2027, 3, 1)
    entry = ActionLog.objects.get(action="reschedule_protocol_review")
    assert (entry.from_state, entry.to_state, entry.reason) == (
        "2026-02-01",
        "2027-03-01",
        "Waiting for the new national guidance.",
    )
    with pytest.raises(DomainError, match="must come after the last one, on 1 February 2024"):
        reschedule_protocol_review(review, by=head_of_resourcing, next_review_on=date(2024, 1, 1), reason="x")


# --- the reminder -------------------------------------------------------------------------------


def test_the_heads_of_resourcing_are_emailed_once_thirty_days_before(head_of_resourcing, time_machine):
    other_head = UserFactory(roles=[Role.HEAD_OF_RESOURCING], full_name="Hugh Head")
    UserFactory(roles=[Role.RECRUITMENT_TEAM])
    record_protocol_review(by=head_of_resourcing, reviewed_on=date(2025, 3, 3), notes="A full review.")
    # due on 3 March 2027: nothing until 1 February (30 days before)
    time_machine.move_to(london(2027, 1, 31, 9, 0), tick=False)
    assert remind_protocol_review() == 0
    time_machine.move_to(london(2027, 2, 1, 9, 0), tick=False)
    assert remind_protocol_review() == 2
    first, second = reminders()
    assert {first.recipient, second.recipient} == {head_of_resourcing.email, other_head.email}
    assert first.subject == "The Work Experience Protocol is due for review on 3 March 2027"
    assert "last reviewed on 3 March 2025" in first.body_text
    assert f"{settings.SITE_URL}/work-experience/staff/monitoring/" in first.body_text
    assert f"Dear {head_of_resourcing.full_name}" in first.body_text
    # the next day, and the day after it is due: nothing more
    for day in (2, 3):
        time_machine.move_to(london(2027, 3, day, 9, 0), tick=False)
        assert remind_protocol_review() == 0
    assert len(reminders()) == 2
    assert ProtocolReview.objects.get().reminded_at == london(2027, 2, 1, 9, 0)


def test_a_new_date_brings_a_new_reminder(review, head_of_resourcing):
    assert remind_protocol_review() == 1  # overdue since February 2026
    reschedule_protocol_review(review, by=head_of_resourcing, next_review_on=date(2026, 12, 15), reason="Soon.")
    assert remind_protocol_review() == 1
    assert [m.subject for m in reminders()][-1] == "The Work Experience Protocol is due for review on 15 December 2026"


def test_no_review_recorded_no_reminder(head_of_resourcing):
    assert remind_protocol_review() == 0
    assert reminders() == []


def test_celery_beat_runs_the_reminder_daily(review):
    entry = app.conf.beat_schedule["protocol-review-reminder"]
    assert entry["task"] == "placements.tasks.remind_protocol_review"
    tasks.remind_protocol_review.delay()
    tasks.remind_protocol_review.delay()
    assert len(reminders()) == 1


# --- the forms on the monitoring page ----------------------------------------------------------


@pytest.fixture
def signed_in(client, head_of_resourcing):
    client.force_login(head_of_resourcing)
    return client


def field_error(html, field_id, message):
    """The message is drawn under its field (crispy: <p id="error_1_<id>" ...>)."""
    return f'id="error_1_{field_id}"' in html and message in html


def test_recording_a_review_from_the_page(signed_in):
    response = signed_in.post(
        reverse("we_monitoring_review"),
        {"review-reviewed_on": "2026-11-02", "review-next_review_on": "", "review-notes": "A full review."},
        follow=True,
    )
    html = response.content.decode()
    assert "The review is recorded" in html
    assert "Last reviewed on <strong>2 November 2026</strong>" in html
    assert "Next review due on <strong>2 November 2028</strong>." in html
    assert 'id="review-due"' not in html


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"review-reviewed_on": "", "review-notes": "Kept"}, "reviewed_on", "Enter the date the review took place."),
        ({"review-reviewed_on": "last spring", "review-notes": "Kept"}, "reviewed_on", "Enter a real date"),
        (
            {"review-reviewed_on": "2026-03-01", "review-next_review_on": "2026-02-01", "review-notes": "Kept"},
            "next_review_on",
            "The next review must come after the last one, on 1 March 2026.",
        ),
        ({"review-reviewed_on": "2026-03-01", "review-notes": ""}, "notes", "Say what the review looked at."),
    ],
)
def test_a_review_form_with_a_mistake_says_where_and_keeps_what_was_typed(signed_in, data, field, message):
    response = signed_in.post(reverse("we_monitoring_review"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert field_error(html, f"id_review-{field}", message)
    assert 'class="alert alert-danger error-summary"' in html
    for name, value in data.items():
        if value:
            assert f'name="{name}"' in html and (f'value="{value}"' in html or f"{value}</textarea>" in html)
    assert not ProtocolReview.objects.exists()


def test_a_review_dated_before_the_last_is_refused_on_the_form(signed_in, review):
    data = {"review-reviewed_on": "2023-01-01", "review-notes": "An old one"}
    html = signed_in.post(reverse("we_monitoring_review"), data).content.decode()
    assert "this one cannot come before it" in html and "An old one</textarea>" in html
    assert ProtocolReview.objects.count() == 1


@pytest.mark.parametrize(
    "data, field, message",
    [
        (
            {"next-next_review_on": "", "next-reason": "Kept"},
            "next_review_on",
            "Enter the date the next review is due.",
        ),
        ({"next-next_review_on": "31/02/2027", "next-reason": "Kept"}, "next_review_on", "Enter a real date"),
        (
            {"next-next_review_on": "2024-01-01", "next-reason": "Kept"},
            "next_review_on",
            "The next review must come after the last one, on 1 February 2024.",
        ),
        ({"next-next_review_on": "2027-01-01", "next-reason": ""}, "reason", "Give the reason for changing the date."),
    ],
)
def test_moving_the_date_with_a_mistake_changes_nothing(signed_in, review, data, field, message):
    response = signed_in.post(reverse("we_monitoring_next_review"), data)
    html = response.content.decode()
    assert field_error(html, f"id_next-{field}", message)
    for value in data.values():
        if value:
            assert f'value="{value}"' in html
    review.refresh_from_db()
    assert review.next_review_on == date(2026, 2, 1)


def test_moving_the_date_from_the_page(signed_in, review):
    data = {"next-next_review_on": "2026-12-20", "next-reason": "The national guidance changes in December."}
    html = signed_in.post(reverse("we_monitoring_next_review"), data, follow=True).content.decode()
    assert "The next review is now due on 20 December 2026." in html
    assert "Next review due on <strong>20 December 2026</strong>." in html
    assert '<p id="review-due" class="alert alert-warning">The review is due within 30 days:' in html


def test_the_page_says_when_the_review_is_overdue(signed_in, review):
    html = signed_in.get(reverse("we_monitoring")).content.decode()
    assert "Next review due on <strong>1 February 2026</strong>." in html
    assert '<p id="review-due" class="alert alert-danger">The review is overdue:' in html


def test_no_date_to_move_before_a_review_is_recorded(signed_in):
    html = signed_in.post(reverse("we_monitoring_next_review"), {}, follow=True).content.decode()
    assert "Record a review first" in html
    assert "No review has been recorded here yet" in html
