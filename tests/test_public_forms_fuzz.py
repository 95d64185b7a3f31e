"""Public forms fuzzed with hypothesis (STACK.md): whatever a visitor or a robot sends,
the answer is a page, never a 500, and junk is never saved."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from placements.models import PartnerOrganisation

# Text as people and robots type it: any unicode (bar the NUL byte browsers never send),
# very long strings, markup and numbers.
typed = st.one_of(
    st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=300),
    st.sampled_from(["", " ", "<script>alert(1)</script>", "=1+1", "0" * 5000, "ME14 1XX", "1234567", "-1"]),
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def post_answers(url, fields, data):
    response = Client().post(url, {field: data.draw(typed, label=field) for field in fields})
    # 429: the login and sign-up rate limits stopping a burst of attempts, as they should
    assert response.status_code in (200, 302, 400, 429), response.status_code
    return response


@pytest.mark.django_db
@FUZZ
@given(data=st.data())
def test_register_interest_never_fails(data):
    fields = [
        "full_name", "email", "phone", "name", "kind", "registration_number", "kica_member", "communities",
        "other_community", "address", "postcode", "district", "premises_accessibility", "placement_description",
    ]  # fmt: skip
    response = post_answers(reverse("partner_register"), fields, data)
    if response.status_code == 200 and "There is a problem" in response.content.decode():
        assert not PartnerOrganisation.objects.exists()


@pytest.mark.django_db
@FUZZ
@given(data=st.data())
def test_sign_up_never_fails(data):
    response = post_answers(reverse("account_signup"), ["full_name", "email", "password1", "password2"], data)
    if response.status_code == 200:
        assert not User.objects.exists()


@pytest.mark.django_db
@FUZZ
@given(data=st.data())
def test_log_in_never_fails(data):
    post_answers(reverse("account_login"), ["login", "password"], data)


@pytest.mark.django_db
@FUZZ
@given(data=st.data())
def test_register_interest_in_work_experience_never_fails(data):
    post_answers(reverse("we_index"), ["full_name", "email"], data)


@pytest.mark.django_db
@FUZZ
@given(data=st.data())
def test_work_experience_application_never_fails(data):
    from placements.tests.work_experience_factories import EligibilityQuestionFactory
    from tests.factories import UserFactory

    question = EligibilityQuestionFactory()
    client = Client()
    client.force_login(UserFactory())
    fields = [
        "date_of_birth", "school", "statement", "reasonable_adjustments", "emergency_contact_name",
        "emergency_contact_phone", "guardian_name", "guardian_email", "guardian_phone", f"question_{question.pk}",
    ]  # fmt: skip
    answers = {field: data.draw(typed, label=field) for field in fields}
    if data.draw(st.booleans(), label="send rather than save a draft"):
        answers["send"] = "Send application"
    response = client.post(reverse("we_apply", args=[question.programme.pk]), answers)
    assert response.status_code in (200, 302), response.status_code
