"""The referee's page (opened from the emailed link, no account) and the staff
references page (issue 10 "References")."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from placements.enums import ApplicationStatus
from placements.tests.work_experience_factories import ApplicationFactory
from vetting.enums import ReferenceStatus
from vetting.models import Reference
from vetting.services.references import references_page, submit_reference, withdraw_reference

from .references import ANSWERS, ask_for_reference, emailed_link, emailed_token

pytestmark = pytest.mark.django_db
PROBLEM_TITLE = "This reference link cannot be used"


def test_opening_the_link_shows_who_it_is_about_and_the_questions_and_saves_nothing(client, recruiter):
    application = ApplicationFactory(status=ApplicationStatus.VETTING, applicant__full_name="Alex Applicant")
    reference = ask_for_reference(recruiter, application)
    page = client.get(emailed_link(reference)).content.decode()
    assert "Reference for Alex Applicant" in page
    assert application.programme.title in page
    assert "How long have you known the applicant?" in page
    assert "Would you recommend them for a placement?" in page
    reference.refresh_from_db()
    assert reference.link_used_at is None and reference.status == ReferenceStatus.REQUESTED


def test_a_form_with_problems_says_so_next_to_the_field_and_keeps_what_was_typed(client, recruiter):
    reference = ask_for_reference(recruiter)
    response = client.post(emailed_link(reference), {**ANSWERS, "known_for": "", "suitability": "Very punctual"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Say how long you have known the applicant." in page
    assert 'id="error_1_id_known_for"' in page or "invalid-feedback" in page
    assert "Very punctual" in page
    reference.refresh_from_db()
    assert reference.status == ReferenceStatus.REQUESTED and reference.link_used_at is None


def test_sending_the_form_thanks_the_referee_and_the_link_then_says_it_was_used(client, recruiter):
    reference = ask_for_reference(recruiter)
    link = emailed_link(reference)
    response = client.post(link, ANSWERS)
    assert response.status_code == 200 and "Thank you for your reference" in response.content.decode()
    reference.refresh_from_db()
    assert reference.status == ReferenceStatus.RECEIVED
    for again in (client.get(link), client.post(link, {**ANSWERS, "known_for": "changed"})):
        assert again.status_code == 410
        assert PROBLEM_TITLE in again.content.decode() and "already been sent" in again.content.decode()
    reference.refresh_from_db()
    assert reference.known_for == ANSWERS["known_for"]


@pytest.mark.parametrize("spoil", ["wrong", "expired", "withdrawn"])
def test_a_wrong_expired_or_withdrawn_link_shows_a_clear_page_and_saves_nothing(client, recruiter, time_machine, spoil):
    reference = ask_for_reference(recruiter)
    link = emailed_link(reference)
    if spoil == "wrong":
        link = link.replace(emailed_token(reference), "not-a-real-token")
    elif spoil == "expired":
        time_machine.move_to(timezone.now() + timedelta(days=15))
    else:
        withdraw_reference(reference, by=recruiter)
    for response in (client.get(link), client.post(link, ANSWERS)):
        page = response.content.decode()
        assert response.status_code in (404, 410)
        assert PROBLEM_TITLE in page and "Corporate Recruitment Team" in page
        assert "How long have you known" not in page
    reference.refresh_from_db()
    assert reference.status != ReferenceStatus.RECEIVED and reference.known_for == ""


def test_the_team_asks_for_a_reference_from_the_application_page(client, recruiter):
    application = ApplicationFactory(status=ApplicationStatus.SHORTLISTED)
    client.force_login(recruiter)
    url = references_page(application)
    data = {"referee_name": "Colin Coach", "referee_email": "colin@club.example", "relationship": "Football coach"}
    response = client.post(url, data, follow=True)
    page = response.content.decode()
    assert "We have emailed Colin Coach a link" in page
    assert "Requested" in page and "Sent, not used yet" in page
    reference = Reference.objects.get()
    assert reference.requested_by == recruiter and reference.referee_email == "colin@club.example"
    assert Notification.objects.filter(template="vetting/reference_request", recipient="colin@club.example").exists()
    # never the link: neither the token nor its hash
    assert emailed_token(reference) not in page and reference.token_hash not in page


def test_the_request_form_shows_problems_next_to_the_field_and_keeps_what_was_typed(client, vetting_officer):
    application = ApplicationFactory(status=ApplicationStatus.VETTING)
    client.force_login(vetting_officer)
    data = {"referee_name": "Colin Coach", "referee_email": "not an email", "relationship": ""}
    response = client.post(references_page(application), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid email address." in page and "Enter how the referee knows the applicant." in page
    assert 'value="Colin Coach"' in page
    assert not Reference.objects.exists()


def test_a_second_request_to_the_same_referee_is_refused_on_the_form(client, recruiter):
    reference = ask_for_reference(recruiter)
    client.force_login(recruiter)
    data = {"referee_name": "Rita", "referee_email": reference.referee_email, "relationship": "Tutor"}
    page = client.post(references_page(reference), data).content.decode()
    assert "has already been asked" in page
    assert Reference.objects.count() == 1


def test_the_team_reads_the_answers_once_received(client, recruiter):
    reference = ask_for_reference(recruiter)
    submit_reference(emailed_token(reference), answers={**ANSWERS, "anything_else": "Needs step-free access"})
    client.force_login(recruiter)
    page = client.get(references_page(reference)).content.decode()
    assert "Received" in page and "Needs step-free access" in page and "Reliable, honest" in page


def test_withdrawing_a_request_stops_its_link(client, recruiter):
    reference = ask_for_reference(recruiter)
    client.force_login(recruiter)
    response = client.post(reverse("withdraw_reference", args=[reference.pk]), follow=True)
    assert "no longer works" in response.content.decode()
    reference.refresh_from_db()
    assert reference.status == ReferenceStatus.WITHDRAWN


def test_a_record_vetting_does_not_know_is_not_found(client, recruiter):
    client.force_login(recruiter)
    user_type = ContentType.objects.get_for_model(recruiter)
    assert client.get(reverse("record_references", args=[user_type.pk, recruiter.pk])).status_code == 404
    assert client.get(reverse("record_references", args=[999999, 1])).status_code == 404


def test_the_references_page_pins_its_queries(client, recruiter, assert_query_count_constant):
    application = ApplicationFactory(status=ApplicationStatus.VETTING)
    client.force_login(recruiter)

    def make_rows(n):
        start = Reference.objects.count()
        for i in range(start, start + n):
            reference = ask_for_reference(recruiter, application, referee_email=f"referee{i}@example.org")
            if i % 2:
                submit_reference(emailed_token(reference), answers=ANSWERS)

    assert_query_count_constant(client, references_page(application), make_rows, queries=9)


def test_the_list_names_each_reference_and_links_its_application(client, vetting_officer, recruiter):
    application = ApplicationFactory(status=ApplicationStatus.VETTING, applicant__full_name="Alex Applicant")
    reference = ask_for_reference(recruiter, application)
    withdrawn = ask_for_reference(recruiter, application, referee_name="Wendy Withdrawn", referee_email="w@x.example")
    withdraw_reference(withdrawn, by=recruiter)
    client.force_login(vetting_officer)
    page = client.get(reverse("reference_list")).content.decode()
    assert f"Alex Applicant, Work experience: {application.programme.title}" in page
    assert f'href="{references_page(reference)}"' in page
    assert "Rita Referee (Form tutor)" in page and "link sent, not used yet" in page
    assert "Wendy Withdrawn" not in page
    assert "Reliable" not in page  # answers only on the application's own page


def test_the_list_pins_its_queries(client, recruiter, assert_query_count_constant):
    client.force_login(recruiter)

    def make_rows(n):
        for _ in range(n):
            ask_for_reference(recruiter, ApplicationFactory(status=ApplicationStatus.VETTING))

    assert_query_count_constant(client, reverse("reference_list"), make_rows, queries=6)
