"""The interview pages (issue 11): the candidate books, moves and cancels from "Your
volunteer applications"; the team publishes times (errors next to the field, nothing typed
lost), sees who booked each, and records the outcome; the staff home's "Interviews to record"."""

from datetime import timedelta

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from placements.tests.form_markup import error_under_field, error_under_question
from volunteers.enums import VolunteerApplicationStatus
from volunteers.queues import INTERVIEWS_QUEUE
from volunteers.services.interviews import book_interview

from .factories import InterviewingCampaignFactory, InterviewSlotFactory, ShortlistedApplicationFactory

pytestmark = pytest.mark.django_db
S = VolunteerApplicationStatus


def _publish(campaign, **changes):
    data = {
        "day": f"{campaign.interviews_start_on:%Y-%m-%d}",
        "first_start": "09:30",
        "minutes": "45",
        "count": "3",
        "location": "Tonbridge Police Station",
    }
    return {**data, **changes}


def test_a_shortlisted_candidate_books_moves_and_cancels_from_their_applications_page(client):
    application = ShortlistedApplicationFactory()
    first, second = InterviewSlotFactory.create_batch(2, campaign=application.campaign)
    client.force_login(application.applicant)
    url = reverse("volunteer_interview", args=[application.pk])
    assert url in client.get(reverse("volunteer_my_applications")).content.decode()

    page = client.get(url).content.decode()
    assert "Book an interview" in page and str(first) in page and str(second) in page
    response = client.post(url, {"slot": first.pk}, follow=True)
    assertContains(response, f"Your interview is booked: {first}")

    page = client.get(url).content.decode()
    assert "Move or cancel your interview" in page and f'value="{first.pk}"' not in page
    response = client.post(url, {"slot": second.pk}, follow=True)
    assertContains(response, f"Your interview has moved: {second}")

    response = client.post(reverse("volunteer_interview_cancel", args=[application.pk]), follow=True)
    assertContains(response, "Your interview is cancelled")
    application.refresh_from_db()
    assert application.status == S.SHORTLISTED


def test_a_time_taken_meanwhile_is_said_next_to_the_list(client):
    application = ShortlistedApplicationFactory()
    slot, _other = InterviewSlotFactory.create_batch(2, campaign=application.campaign)
    rival = ShortlistedApplicationFactory(campaign=application.campaign)
    client.force_login(application.applicant)
    url = reverse("volunteer_interview", args=[application.pk])
    client.get(url)
    book_interview(rival, slot, by=rival.applicant)

    response = client.post(url, {"slot": slot.pk})

    assert response.status_code == 200
    assertContains(response, "That time is no longer free")


def test_choosing_no_time_shows_the_error_next_to_the_list(client):
    application = ShortlistedApplicationFactory()
    InterviewSlotFactory(campaign=application.campaign)
    client.force_login(application.applicant)
    response = client.post(reverse("volunteer_interview", args=[application.pk]), {})
    assertContains(response, error_under_question("slot", "Choose a time for your interview."), html=True)


def test_the_team_publishes_times_and_sees_who_booked_them(client, recruiter):
    application = ShortlistedApplicationFactory(applicant__full_name="Bea Booked")
    campaign = application.campaign
    client.force_login(recruiter)
    url = reverse("volunteer_staff_interviews", args=[campaign.pk])
    assert url in client.get(reverse("volunteer_staff_campaigns")).content.decode()

    response = client.post(url, _publish(campaign), follow=True)

    assertContains(response, "3 interview times published")
    assert campaign.interview_slots.count() == 3
    book_interview(application, campaign.interview_slots.first(), by=application.applicant)
    page = client.get(url).content.decode()
    assert "Bea Booked" in page and page.count(">Free<") == 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"day": "outside"}, "day", "Interviews for"),
        ({"day": "last", "first_start": "23:00", "count": "3"}, "day", "Interviews for"),
        ({"minutes": "forty"}, "minutes", "Enter the length as a number of minutes, like 45."),
        ({"minutes": "0"}, "minutes", "An interview lasts at least 5 minutes."),
        ({"count": "many"}, "count", "Enter how many interviews as a number, like 6."),
        ({"first_start": "9h"}, "first_start", "Enter a time, like 09:30."),
        ({"location": ""}, "location", "Enter where the interviews take place."),
    ],
)
def test_bad_times_are_refused_next_to_the_field_and_nothing_typed_is_lost(client, recruiter, changes, field, message):
    campaign = InterviewingCampaignFactory()
    # the day after the interview period; its last day, running past midnight
    days = {"outside": campaign.interviews_end_on + timedelta(days=1), "last": campaign.interviews_end_on}
    if changes.get("day") in days:
        changes = {**changes, "day": f"{days[changes['day']]:%Y-%m-%d}"}
    data = _publish(campaign, **changes)
    client.force_login(recruiter)

    response = client.post(reverse("volunteer_staff_interviews", args=[campaign.pk]), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="error_1_id_{field}"' in page and message in page
    assert 'value="Tonbridge Police Station"' in page or field == "location"
    assert not campaign.interview_slots.exists()


def test_the_outcome_is_asked_once_the_interview_has_taken_place(client, recruiter, time_machine):
    application = ShortlistedApplicationFactory(applicant__full_name="Ivy Interviewed")
    slot = InterviewSlotFactory(campaign=application.campaign)
    book_interview(application, slot, by=application.applicant)
    client.force_login(recruiter)
    page_url = reverse("volunteer_staff_application", args=[application.pk])
    assert "Record the interview outcome" not in client.get(page_url).content.decode()

    time_machine.move_to(slot.ends_at, tick=False)
    client.force_login(recruiter)  # weeks on: the first session has expired
    home = client.get(reverse("staff_dashboard")).content.decode()
    queue = f"{reverse('volunteer_staff_applications')}?queue={INTERVIEWS_QUEUE}"
    assert "Interviews to record" in home and queue in home
    assert "Ivy Interviewed" in client.get(queue).content.decode()
    assert "Record the interview outcome" in client.get(page_url).content.decode()

    outcome = reverse("volunteer_staff_interview_outcome", args=[application.pk])
    response = client.post(outcome, {"outcome": "failed", "reason": " "})
    assertContains(response, error_under_field("reason", "Give the reason the candidate did not pass."), html=True)
    response = client.post(outcome, {"outcome": "passed"}, follow=True)
    assertContains(response, "The outcome of the interview is recorded")
    application.refresh_from_db()
    assert application.status == S.INTERVIEWED


def test_the_slot_lists_cost_the_same_queries_for_one_and_fifty(client, recruiter, assert_query_count_constant):
    campaign = InterviewingCampaignFactory()
    client.force_login(recruiter)

    def booked_slots(n):
        for application in ShortlistedApplicationFactory.create_batch(n, campaign=campaign):
            InterviewSlotFactory(campaign=campaign, application=application)

    assert_query_count_constant(
        client, reverse("volunteer_staff_interviews", args=[campaign.pk]), booked_slots, queries=6
    )


def test_the_candidates_list_of_times_costs_the_same_for_one_and_fifty(client, assert_query_count_constant):
    application = ShortlistedApplicationFactory()
    client.force_login(application.applicant)
    assert_query_count_constant(
        client,
        reverse("volunteer_interview", args=[application.pk]),
        lambda n: InterviewSlotFactory.create_batch(n, campaign=application.campaign),
        queries=6,
    )
