"""Work experience pages (seed 001): registering interest, unsubscribing, the programme
page, the application form (drafts, messages next to fields, closing), the applicant's
account page, and who may open which application."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import resolve, reverse

from accounts.roles import has_role
from kentplacements.pagination import PAGE_SIZE
from notifications.models import Notification
from placements.enums import ApplicationStatus, ProgrammeStatus
from placements.models import ExpressionOfInterest, RiskAssessment, WorkExperienceApplication
from placements.services.work_experience import register_interest, shortlist_application
from tests.factories import UserFactory
from vetting.services.references import references_page

from .form_markup import summary_link
from .work_experience_factories import ApplicationFactory, EligibilityQuestionFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def application_data(**changes):
    data = {
        "date_of_birth": "2010-03-01",
        "school": "Maidstone Grammar School",
        "statement": "I want to see how the police work with the community.",
        "reasonable_adjustments": "",
        "emergency_contact_name": "Pat Parent",
        "emergency_contact_phone": "07911 123456",
        "guardian_name": "Pat Parent",
        "guardian_email": "pat.parent@example.org",
        "guardian_phone": "07911 123456",
        **changes,
    }
    return {name: value for name, value in data.items() if value is not None}


def send(client, programme, **changes):
    return client.post(reverse("we_apply", args=[programme.pk]), {**application_data(**changes), "send": "1"})


# --- Public pages -------------------------------------------------------------------------


def test_the_index_lists_open_programmes_only(client):
    ProgrammeFactory(title="Summer 2027")
    ProgrammeFactory(title="Secret draft", status=ProgrammeStatus.DRAFT)
    page = client.get(reverse("we_index")).content.decode()
    assert "Summer 2027" in page and "Secret draft" not in page


def test_registering_interest_thanks_and_keeps_the_person(client):
    response = client.post(reverse("we_interest"), {"full_name": "Sam Keen", "email": "sam@example.org"}, follow=True)
    assert "will email you when a work experience programme opens" in response.content.decode()
    assert ExpressionOfInterest.objects.get().email == "sam@example.org"


def _without_csrf(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def test_the_page_does_not_tell_whether_an_address_is_already_on_the_list(client):
    """Issue 8: the same answer for a new address and one on the list; the email says which."""
    register_interest(full_name="Sam Keen", email="sam@example.org")
    Notification.objects.all().delete()
    known = client.post(reverse("we_interest"), {"full_name": "Sam K", "email": "Sam@Example.org"}, follow=True)
    new = client.post(reverse("we_interest"), {"full_name": "Lee New", "email": "lee@example.org"}, follow=True)
    assert _without_csrf(known.content.decode()) == _without_csrf(new.content.decode())
    assert "We have emailed you to confirm" in new.content.decode() and "Sam Keen" not in new.content.decode()
    assert ExpressionOfInterest.objects.count() == 2
    (already,) = Notification.objects.filter(recipient="sam@example.org")
    (added,) = Notification.objects.filter(recipient="lee@example.org")
    assert already.template == "placements/we_interest_already" and "already on the list" in already.body_text
    assert added.template == "placements/we_interest_added" and "You're on the list" in added.body_text


def test_a_robot_filling_the_hidden_box_is_thanked_and_forgotten(client):
    data = {"full_name": "Bot", "email": "bot@example.org", "website": "http://spam.example"}
    client.post(reverse("we_interest"), data)
    assert not ExpressionOfInterest.objects.exists()


def test_registering_interest_explains_a_missing_email(client):
    response = client.post(reverse("we_interest"), {"full_name": "Sam Keen", "email": ""})
    assert "Enter your email address." in response.content.decode()
    assert 'value="Sam Keen"' in response.content.decode()


def test_the_unsubscribe_link_asks_then_unsubscribes(client):
    interest = register_interest(full_name="Sam Keen", email="sam@example.org")
    url = reverse("we_unsubscribe", args=[interest.unsubscribe_token])
    assert "Stop these emails" in client.get(url).content.decode()
    interest.refresh_from_db()
    assert interest.unsubscribed_at is None  # opening the link (a mail scanner) changes nothing
    assert "You will not receive any more emails" in client.post(url).content.decode()
    interest.refresh_from_db()
    assert interest.unsubscribed_at is not None


def test_the_programme_page_shows_dates_venue_criteria_and_closing_time(client):
    question = EligibilityQuestionFactory(programme=ProgrammeFactory(title="Summer 2027"))
    page = client.get(reverse("we_programme", args=[question.programme.pk])).content.decode()
    for text in (
        "Monday 19 July 2027",
        "Kent Police College, Maidstone",
        "You live or study in Kent",
        "Do you live or study in Kent?",
        "17:00 on Monday 31 May 2027",
    ):
        assert text in page


def test_a_draft_programme_is_not_found(client):
    programme = ProgrammeFactory(status=ProgrammeStatus.DRAFT)
    assert client.get(reverse("we_programme", args=[programme.pk])).status_code == 404


# --- Applying -----------------------------------------------------------------------------


def test_saving_a_draft_keeps_everything_typed(client):
    user = UserFactory()
    programme = ProgrammeFactory()
    client.force_login(user)
    client.post(reverse("we_apply", args=[programme.pk]), application_data(guardian_email="", statement="Half done"))
    draft = WorkExperienceApplication.objects.get(applicant=user)
    assert (draft.status, draft.statement) == (S.DRAFT, "Half done")
    page = client.get(reverse("we_apply", args=[programme.pk])).content.decode()
    assert "Half done" in page and 'value="2010-03-01"' in page
    assert not Notification.objects.exists()


def test_sending_makes_the_person_an_applicant_and_shows_the_status(client):
    user = UserFactory()
    programme = ProgrammeFactory(title="Summer 2027")
    client.force_login(user)
    response = send(client, programme)
    assert resolve(response.url).url_name == "equality_questions"  # issue 12: offered, then on
    assert WorkExperienceApplication.objects.get(applicant=user).status == S.APPLIED
    assert has_role(user, "applicant")
    page = client.get(reverse("we_my_applications")).content.decode()
    assert "Summer 2027" in page and "Status: <strong>Applied</strong>" in page


def test_sending_twice_makes_one_application(client):
    user = UserFactory()
    programme = ProgrammeFactory()
    client.force_login(user)
    send(client, programme)
    second = send(client, programme)
    assert second.url == reverse("we_my_applications")
    assert WorkExperienceApplication.objects.filter(applicant=user).count() == 1
    assert Notification.objects.filter(template="placements/we_applied").count() == 1


def test_an_under_18_is_asked_for_a_guardian_next_to_the_field_and_nothing_is_lost(client):
    user = UserFactory()
    programme = ProgrammeFactory()
    client.force_login(user)
    response = send(client, programme, date_of_birth="2009-07-20", guardian_email="", statement="My own words")
    message = "You are under 18 on the first day: enter your parent or guardian&#x27;s email."
    page = response.content.decode()
    assert f'id="error_1_id_guardian_email"><strong>{message}</strong>' in page  # under the field
    assert summary_link("guardian_email", "Parent or guardian&#x27;s email", message) in page
    assert "My own words" in page and 'value="Maidstone Grammar School"' in page
    assert not WorkExperienceApplication.objects.filter(status=S.APPLIED).exists()


def test_every_problem_is_shown_at_once(client):
    client.force_login(UserFactory())
    response = send(client, ProgrammeFactory(), school="", emergency_contact_phone="not a number")
    page = response.content.decode()
    assert "Enter the name of your school or college." in page
    assert "Enter a UK phone number, like 01622 777688 or 07911 123456, or a number abroad starting with +." in page
    assert not WorkExperienceApplication.objects.exists()


def test_an_adult_on_the_first_day_needs_no_guardian(client):
    user = UserFactory()
    programme = ProgrammeFactory()
    client.force_login(user)
    send(client, programme, date_of_birth="2009-07-19", guardian_name="", guardian_email="", guardian_phone="")
    assert WorkExperienceApplication.objects.get(applicant=user).status == S.APPLIED


def test_an_ineligible_answer_is_explained_next_to_the_question(client):
    question = EligibilityQuestionFactory()
    client.force_login(UserFactory())
    response = send(client, question.programme, **{f"question_{question.pk}": "no"})
    page = response.content.decode()
    assert "This programme is for people who live or study in Kent." in page
    assert f'id="id_question_{question.pk}_error"' in page
    assert not WorkExperienceApplication.objects.filter(status=S.APPLIED).exists()


def test_too_young_on_the_first_day_is_explained(client):
    client.force_login(UserFactory())
    response = send(client, ProgrammeFactory(), date_of_birth="2011-07-20")
    assert "You need to be 16 or over on the first day of the programme (19 July 2027)" in response.content.decode()


def test_after_the_closing_time_there_is_no_form(client):
    programme = ProgrammeFactory()
    with time_machine.travel(programme.applications_close_at + timedelta(minutes=1), tick=False):
        client.force_login(UserFactory())  # logged in then: a session from today would have expired
        page = client.get(reverse("we_apply", args=[programme.pk])).content.decode()
        send(client, programme)
    assert "Applications closed" in page and "Send application" not in page
    assert not WorkExperienceApplication.objects.exists()


# --- The applicant's account page ---------------------------------------------------------


def test_the_account_page_shows_status_and_history(client, recruiter):
    application = shortlist_application(ApplicationFactory(), by=recruiter)
    client.force_login(application.applicant)
    page = client.get(reverse("we_my_applications")).content.decode()
    assert "Status: <strong>Shortlisted</strong>" in page
    assert ": Shortlisted</li>" in page
    assert "Withdraw my application" in page


def test_withdrawing_asks_first_then_withdraws(client):
    application = ApplicationFactory()
    client.force_login(application.applicant)
    url = reverse("we_withdraw", args=[application.pk])
    assert "Yes, withdraw my application" in client.get(url).content.decode()
    client.post(url)
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN


def test_another_persons_application_is_not_found(client):
    application = ApplicationFactory()
    client.force_login(UserFactory())
    url = reverse("we_withdraw", args=[application.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    application.refresh_from_db()
    assert application.status == S.APPLIED


def test_only_ones_own_applications_are_listed(client):
    ApplicationFactory(programme=ProgrammeFactory(title="Someone else's programme"))
    client.force_login(UserFactory())
    assert "Someone else" not in client.get(reverse("we_my_applications")).content.decode()


# --- The programme dashboard --------------------------------------------------------------


def overdue_review(application, owner):
    return RiskAssessment.objects.create(
        application=application,
        owner=owner,
        assessed_on=date(2020, 1, 1),
        review_due=date(2020, 2, 1),
        summary="On site.",
    )


def test_the_dashboard_counts_places_statuses_under_18s_and_overdue_reviews(client, recruiter):
    programme = ProgrammeFactory(capacity=12)
    ApplicationFactory(programme=programme)  # 17 on the first day
    ApplicationFactory(programme=programme, date_of_birth=date(2009, 7, 19), status=S.SHORTLISTED)  # 18 that day
    overdue = ApplicationFactory(programme=programme, status=S.AGREEMENT_PENDING)
    overdue_review(overdue, recruiter)
    client.force_login(recruiter)
    response = client.get(reverse("we_programme_dashboard", args=[programme.pk]))
    assert response.context["counts"] == {"total": 3, "under_18": 2}
    assert ("Shortlisted", 1) in response.context["by_status"]
    assert response.context["overdue_reviews"] == [overdue.risk_assessment]
    assert "1 February 2020" in response.content.decode()


def test_the_dashboard_query_count_does_not_grow(client, recruiter, assert_query_count_constant):
    programme = ProgrammeFactory()
    client.force_login(recruiter)
    url = reverse("we_programme_dashboard", args=[programme.pk])

    def make_rows(n):
        for application in ApplicationFactory.create_batch(n, programme=programme, status=S.AGREEMENT_PENDING):
            overdue_review(application, recruiter)
        ApplicationFactory.create_batch(n, programme=programme, status=S.CONFIRMED)  # participants

    # 6: the counts, in one aggregate that also counts each list's rows for its pages (issue 13);
    # 7: the overdue reviews; 8 and 9: a page of participants, linked to their pages (issue 9),
    # and their agreements; 10: a page of the applications in checks, each linked to its
    # references (issue 10); 11: a page of every application, linked to its staff page
    assert_query_count_constant(client, url, make_rows, queries=11)


def test_the_dashboard_shows_each_list_a_page_at_a_time(client, recruiter):
    """Issue 13: a programme with thousands of applications rendered every one of them in
    each list; now 50 a page, each list with its own page number, counted by the summary."""
    programme = ProgrammeFactory()
    shortlisted = ApplicationFactory.create_batch(PAGE_SIZE + 1, programme=programme, status=S.SHORTLISTED)
    client.force_login(recruiter)
    url = reverse("we_programme_dashboard", args=[programme.pk])
    first = client.get(url)
    applications, in_checks = first.context["applications"], first.context["in_checks"]
    assert (len(applications), applications.paginator.count) == (PAGE_SIZE, PAGE_SIZE + 1)
    assert (len(in_checks), in_checks.paginator.count) == (PAGE_SIZE, PAGE_SIZE + 1)
    html = first.content.decode()
    assert 'href="?page=2"' in html and 'href="?checks_page=2"' in html and "Page 1 of 2" in html
    second = client.get(url, {"page": "2", "checks_page": "2"})
    assert len(second.context["applications"]) == len(second.context["in_checks"]) == 1
    # each list's links keep the other list's page
    assert 'href="?page=1&amp;checks_page=2"' in second.content.decode()
    assert {*applications, *second.context["applications"]} == set(shortlisted)


def test_the_dashboard_links_each_application_in_checks_to_its_references(client, recruiter):
    programme = ProgrammeFactory()
    in_vetting = ApplicationFactory(programme=programme, status=S.VETTING, applicant__full_name="Sam Shortlisted")
    ApplicationFactory(programme=programme, status=S.APPLIED, applicant__full_name="Ann Applied")
    client.force_login(recruiter)
    page = client.get(reverse("we_programme_dashboard", args=[programme.pk])).content.decode()
    checks = page.split("Applications in checks")[1].split("<h2>")[0]
    assert f'href="{references_page(in_vetting)}"' in checks and "Sam Shortlisted" in checks
    assert "Ann Applied" not in checks
