"""The volunteer pages (issue 11): the public campaigns, applying with an account (errors
next to the field, nothing typed lost), the applicant's applications and withdrawing, and
the recruitment team's list and application page."""

from datetime import datetime, timedelta

import pytest
from django.urls import resolve, reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from notifications.models import Notification
from placements.tests.form_markup import error_under_field
from tests.factories import UserFactory
from volunteers.enums import CampaignStatus, VolunteerApplicationStatus
from volunteers.models import VolunteerApplication
from volunteers.queues import SHORTLIST_QUEUE

from .factories import OpenCampaignFactory, VolunteerApplicationFactory, born_years_ago

pytestmark = pytest.mark.django_db
S = VolunteerApplicationStatus
GOOD = {
    "date_of_birth": "1990-03-27",
    "lives_or_works_in_area": "yes",
    "can_give_hours": "yes",
    "right_to_volunteer": "yes",
    "motivation": "I grew up in Maidstone and want to give something back.",
    "availability": "Saturdays and Tuesday evenings.",
}


# --- public pages ---------------------------------------------------------------------------


def test_the_landing_card_leads_to_the_open_campaigns_only(client):
    shown = OpenCampaignFactory(title="Community Policing Volunteers: West Division pilot")
    OpenCampaignFactory(title="Already closed", status=CampaignStatus.CLOSED)
    OpenCampaignFactory(title="Still a draft", status=CampaignStatus.DRAFT)
    past = timezone.now() - timedelta(minutes=1)
    OpenCampaignFactory(title="Past its closing minute", opens_at=past - timedelta(days=5), closes_at=past)
    assert reverse("volunteer_campaigns") in client.get(reverse("landing")).content.decode()
    page = client.get(reverse("volunteer_campaigns")).content.decode()
    assert shown.title in page and reverse("volunteer_campaign", args=[shown.pk]) in page
    assert not any(title in page for title in ("Already closed", "Still a draft", "Past its closing minute"))


def test_a_campaign_page_says_what_the_role_asks_and_offers_to_apply(client):
    campaign = OpenCampaignFactory(role__minimum_age=18, role__monthly_hours=16, role__needs_fitness_test=True)
    page = client.get(reverse("volunteer_campaign", args=[campaign.pk])).content.decode()
    assert "Adults aged 18 or over who live or work in the area and can give 16 hours a month" in page
    assert "pass a fitness test" in page
    assert reverse("volunteer_apply", args=[campaign.pk]) in page


def test_a_closed_campaign_says_so_and_offers_no_apply_button(client):
    campaign = OpenCampaignFactory(status=CampaignStatus.CLOSED)
    page = client.get(reverse("volunteer_campaign", args=[campaign.pk])).content.decode()
    assert "is not open for applications" in page
    assert reverse("volunteer_apply", args=[campaign.pk]) not in page


def test_a_draft_campaign_is_not_found(client):
    campaign = OpenCampaignFactory(status=CampaignStatus.DRAFT)
    assert client.get(reverse("volunteer_campaign", args=[campaign.pk])).status_code == 404


def test_applying_asks_a_visitor_to_log_in_and_brings_them_back(client):
    url = reverse("volunteer_apply", args=[OpenCampaignFactory().pk])
    response = client.get(url)
    assert response.status_code == 302 and response.url == f"{reverse('account_login')}?next={url}"


# --- applying -------------------------------------------------------------------------------


def _apply(client, campaign, **changes):
    client.force_login(UserFactory(email="sam@example.org"))
    return client.post(reverse("volunteer_apply", args=[campaign.pk]), {**GOOD, **changes})


def test_under_the_minimum_age_is_refused_next_to_the_date_of_birth_keeping_what_was_typed(client):
    campaign = OpenCampaignFactory(role__minimum_age=18)
    born = born_years_ago(18, days=1)  # 18 tomorrow
    response = _apply(client, campaign, date_of_birth=born.isoformat())
    message = (
        f"You need to be 18 or over to apply to be a {campaign.role}. On {timezone.localdate():%-d %B %Y} you are 17."
    )
    assertContains(response, error_under_field("date_of_birth", message), html=True)
    assert GOOD["motivation"] in response.content.decode() and born.isoformat() in response.content.decode()
    assert not VolunteerApplication.objects.exists()


def test_eighteen_today_may_apply(client):
    response = _apply(client, OpenCampaignFactory(role__minimum_age=18), date_of_birth=born_years_ago(18).isoformat())
    assert response.status_code == 302
    assert VolunteerApplication.objects.get().status == S.SUBMITTED


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"date_of_birth": "31/02/1990"}, "date_of_birth", "Enter your date of birth, like 27/03/1990."),
        ({"date_of_birth": ""}, "date_of_birth", "Enter your date of birth."),
        ({"date_of_birth": "1900-01-01"}, "date_of_birth", "Check your date of birth"),
        ({"lives_or_works_in_area": "no"}, "lives_or_works_in_area", "You need to live or work in the campaign"),
        ({"can_give_hours": "no"}, "can_give_hours", "The role needs 16 hours a month."),
        ({"right_to_volunteer": ""}, "right_to_volunteer", "Answer whether you have the right to volunteer in the UK."),
        ({"right_to_volunteer": "maybe"}, "right_to_volunteer", "Select a valid choice."),
        ({"motivation": "   "}, "motivation", "Tell us why you want to volunteer."),
        ({"availability": "x" * 2001}, "availability", "Ensure this value has at most 2000 characters"),
    ],
)
def test_bad_answers_are_shown_next_to_their_field_and_nothing_is_saved(client, changes, field, message):
    response = _apply(client, OpenCampaignFactory(role__monthly_hours=16), **changes)
    assert response.status_code == 200
    assert f'id="error_1_id_{field}"' in response.content.decode() and message in response.content.decode()
    assert not VolunteerApplication.objects.exists()


def test_a_good_application_is_sent_and_shown_as_submitted(client):
    campaign = OpenCampaignFactory()
    response = _apply(client, campaign)
    assert resolve(response.url).url_name == "equality_questions"  # issue 12: offered, then on
    page = client.get(reverse("volunteer_my_applications")).content.decode()
    assert str(campaign) in page and "Status: <strong>Submitted</strong>" in page
    assert Notification.objects.get().recipient == "sam@example.org"


def test_applying_at_the_closing_minute_finds_it_closed_even_while_still_open(client, time_machine):
    closes = timezone.make_aware(datetime(2018, 1, 26, 17, 0))
    campaign = OpenCampaignFactory(opens_at=closes - timedelta(days=17), closes_at=closes)
    time_machine.move_to(closes - timedelta(seconds=30), tick=False)
    client.force_login(UserFactory())
    assert client.get(reverse("volunteer_apply", args=[campaign.pk])).status_code == 200
    time_machine.move_to(closes, tick=False)
    response = client.post(reverse("volunteer_apply", args=[campaign.pk]), GOOD)
    assert "Applications for" in response.content.decode() and "closed at 17:00 on 26 January 2018" in (
        response.content.decode()
    )
    assert not VolunteerApplication.objects.exists()


def test_a_second_application_to_the_same_campaign_leads_to_the_first(client):
    application = VolunteerApplicationFactory()
    client.force_login(application.applicant)
    response = client.get(reverse("volunteer_apply", args=[application.campaign_id]))
    assert response.url == reverse("volunteer_my_applications")


# --- the applicant's applications -----------------------------------------------------------


def test_your_account_lists_your_volunteer_applications(client):
    application = VolunteerApplicationFactory(status=S.SHORTLISTED)
    client.force_login(application.applicant)
    page = client.get(reverse("my_account")).content.decode()
    assert "Your volunteer applications" in page and f"{application.campaign}: Shortlisted" in page


def test_withdrawing_asks_first_then_withdraws(client):
    application = VolunteerApplicationFactory()
    client.force_login(application.applicant)
    url = reverse("volunteer_withdraw", args=[application.pk])
    assert url in client.get(reverse("volunteer_my_applications")).content.decode()
    assert "Withdraw your application?" in client.get(url).content.decode()
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    response = client.post(url, follow=True)
    assert "Your application has been withdrawn." in response.content.decode()
    assert "Status: <strong>Withdrawn</strong>" in response.content.decode()
    assert url not in response.content.decode()


def test_another_persons_application_is_not_found(client):
    application = VolunteerApplicationFactory()
    client.force_login(UserFactory())
    url = reverse("volunteer_withdraw", args=[application.pk])
    assert client.get(url).status_code == 404 and client.post(url).status_code == 404
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


# --- the recruitment team -------------------------------------------------------------------


def test_the_staff_home_counts_applications_to_shortlist_and_opens_them(client, recruiter):
    waiting = VolunteerApplicationFactory(applicant__full_name="Wendy Waiting")
    VolunteerApplicationFactory(campaign=waiting.campaign, status=S.SHORTLISTED, applicant__full_name="Sid Short")
    client.force_login(recruiter)
    home = client.get(reverse("staff_dashboard")).content.decode()
    link = f"{reverse('volunteer_staff_applications')}?queue={SHORTLIST_QUEUE}"
    assert "Volunteer applications to shortlist" in home and link in home
    listed = client.get(link).content.decode()
    assert "Wendy Waiting" in listed and "Sid Short" not in listed


def test_the_list_filters_by_campaign_and_status(client, recruiter):
    first = VolunteerApplicationFactory(applicant__full_name="Ann First")
    VolunteerApplicationFactory(applicant__full_name="Bob Elsewhere")
    VolunteerApplicationFactory(
        campaign=first.campaign, status=S.REJECTED, rejection_reason="x", applicant__full_name="Cy Gone"
    )
    client.force_login(recruiter)
    url = reverse("volunteer_staff_applications")
    page = client.get(url, {"campaign": first.campaign_id, "status": S.SUBMITTED}).content.decode()
    assert "Ann First" in page and "Bob Elsewhere" not in page and "Cy Gone" not in page
    # a status that does not exist is an error on the filter, not a 500
    assert client.get(url, {"status": "hired"}).status_code == 200


def test_the_list_costs_the_same_queries_for_one_and_fifty(client, recruiter, assert_query_count_constant):
    campaign = OpenCampaignFactory()
    client.force_login(recruiter)
    assert_query_count_constant(
        client,
        reverse("volunteer_staff_applications"),
        lambda n: VolunteerApplicationFactory.create_batch(n, campaign=campaign),
        queries=7,
    )


def test_the_team_shortlists_from_the_application_page(client, recruiter):
    application = VolunteerApplicationFactory(applicant__full_name="Sam Candidate")
    client.force_login(recruiter)
    page = client.get(reverse("volunteer_staff_application", args=[application.pk])).content.decode()
    assert "Sam Candidate" in page and application.motivation in page and ">Shortlist</button>" in page
    response = client.post(reverse("volunteer_staff_shortlist", args=[application.pk]), follow=True)
    assert "The application is shortlisted" in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.SHORTLISTED
    assert Notification.objects.get().template == "volunteers/volunteer_shortlisted"
    again = client.post(reverse("volunteer_staff_shortlist", args=[application.pk]), follow=True)
    assert "cannot move from" in again.content.decode()


def test_rejecting_without_a_reason_shows_the_error_next_to_it(client, recruiter):
    application = VolunteerApplicationFactory()
    client.force_login(recruiter)
    url = reverse("volunteer_staff_application", args=[application.pk])
    response = client.post(url, {"reason": "   "})
    assertContains(
        response, error_under_field("reason", "Give the reason the application is not taken further."), html=True
    )
    response = client.post(url, {"reason": "We need volunteers who can do weekdays."}, follow=True)
    application.refresh_from_db()
    assert (application.status, application.rejection_reason) == (S.REJECTED, "We need volunteers who can do weekdays.")
    assert "Status: <strong>Not successful</strong>" in response.content.decode()
