"""An application's eligibility answers read as "question: answer" on the application
pages and in the export, from one helper (issue 8, "Exports read as people expect")."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from placements.enums import ApplicationStatus
from placements.selectors.work_experience import eligibility_answers, eligibility_answers_text

from .work_experience_factories import ApplicationFactory, EligibilityQuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(applicant):
    kent = EligibilityQuestionFactory(text="Do you live or study in Kent?", order=1)
    programme = kent.programme
    age = EligibilityQuestionFactory(programme=programme, text="Are you 16 or over", order=0)
    unanswered = EligibilityQuestionFactory(programme=programme, text="Can you travel to Maidstone?", order=2)
    assert unanswered.pk
    return ApplicationFactory(
        programme=programme,
        applicant=applicant,
        status=ApplicationStatus.CONFIRMED,
        eligibility_answers={str(kent.pk): False, str(age.pk): True},
    )


def answer_html(question, answer):
    return f'<dt class="col-sm-8 fw-normal">{question}</dt><dd class="col-sm-4"><strong>{answer}</strong></dd>'


def test_answers_are_questions_in_order_with_yes_or_no(answered):
    assert eligibility_answers(answered) == [("Are you 16 or over", "Yes"), ("Do you live or study in Kent?", "No")]
    assert eligibility_answers_text(answered) == "Are you 16 or over: Yes; Do you live or study in Kent? No"


def test_the_applicant_sees_their_answers_in_words(client, applicant, answered):
    client.force_login(applicant)
    response = client.get(reverse("we_my_applications"))
    assertContains(response, "Your answers to the criteria")
    assertContains(response, answer_html("Do you live or study in Kent?", "No"), html=True)
    assertContains(response, answer_html("Are you 16 or over", "Yes"), html=True)
    assertNotContains(response, "Can you travel to Maidstone?")


def test_the_recruitment_team_sees_the_same_answers_on_the_participant_page(client, recruiter, answered):
    client.force_login(recruiter)
    response = client.get(reverse("staff_participant", args=[answered.pk]))
    assertContains(response, "Answers to the criteria")
    assertContains(response, answer_html("Do you live or study in Kent?", "No"), html=True)
    assertContains(response, answer_html("Are you 16 or over", "Yes"), html=True)


def test_the_back_office_shows_the_answers_in_words_and_cannot_change_them(client, recruiter, answered):
    url = reverse("admin:placements_workexperienceapplication_change", args=[answered.pk])
    client.force_login(recruiter)

    page = client.get(url)

    assertContains(page, "Are you 16 or over: Yes; Do you live or study in Kent? No")
    assert "eligibility_answers" not in page.context["adminform"].form.fields
    assertNotContains(page, "{&quot;")  # no JSON
