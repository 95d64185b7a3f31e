"""Logging in: email as the login, verified email for public users, MFA for staff,
rate limits, and the admin behind allauth."""

import re

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def current_code(secret):
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def log_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_public_user_logs_in_with_email_in_any_case(client):
    user = UserFactory(email="alex@example.org")
    response = log_in(client, "ALEX@example.org")
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("home")).url == reverse("my_account")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_unverified_email_cannot_log_in(client):
    UserFactory(email="new@example.org", verified=False)
    response = log_in(client, "new@example.org")
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_wrong_password_is_refused_with_a_message_next_to_the_form(client):
    UserFactory(email="alex@example.org")
    response = log_in(client, "alex@example.org", "wrong-password")
    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in response.content.decode()
    assert response.context["form"]["login"].value() == "alex@example.org"  # nothing typed is lost


def test_repeated_failures_are_rate_limited(client):
    UserFactory(email="alex@example.org")
    for _ in range(5):
        log_in(client, "alex@example.org", "wrong-password")
    response = log_in(client, "alex@example.org")  # even the right password now waits
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_staff_with_mfa_must_give_their_code(client):
    staff = UserFactory(email="rita@example.org", roles=[Role.RECRUITMENT_TEAM], mfa=True)
    response = log_in(client, "rita@example.org")
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(staff.totp_secret)})
    assert response.url == reverse("home")
    assert client.get(reverse("home")).url == reverse("staff_dashboard")


def test_wrong_mfa_code_is_refused(client):
    UserFactory(email="rita@example.org", roles=[Role.RECRUITMENT_TEAM], mfa=True)
    log_in(client, "rita@example.org")
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert "Incorrect code." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_without_mfa_are_sent_to_set_it_up(client, staff_without_mfa):
    client.force_login(staff_without_mfa)
    for url in (reverse("staff_dashboard"), reverse("admin:index"), reverse("landing")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == reverse("mfa_activate_totp")


def test_public_users_are_not_forced_into_mfa(client, applicant):
    client.force_login(applicant)
    assert client.get(reverse("my_account")).status_code == 200


def test_admin_login_goes_through_allauth(client):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.request["PATH_INFO"] == reverse("account_login")


def test_signup_asks_for_full_name_and_verifies_email(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {"full_name": "Jo Bloggs", "email": "jo@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="jo@example.org")
    assert user.full_name == "Jo Bloggs"
    assert not user.groups.exists()  # no role until they apply or are invited
    assert mailoutbox[0].to == ["jo@example.org"]
    assert "/accounts/confirm-email/" in mailoutbox[0].body


def test_signup_errors_keep_what_was_typed(client):
    response = client.post(
        reverse("account_signup"),
        {"full_name": "Jo Bloggs", "email": "jo@example.org", "password1": PASSWORD, "password2": "different"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "You must type the same password each time." in form.errors["password2"]
    assert form["full_name"].value() == "Jo Bloggs"
    assert form["email"].value() == "jo@example.org"


def test_signup_error_summary_links_to_the_field(client):
    response = client.post(
        reverse("account_signup"),
        {"full_name": "", "email": "not-an-email", "password1": PASSWORD, "password2": PASSWORD},
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert '<a href="#id_email">Email: Enter a valid email address.</a>' in page
    assert '<a href="#id_full_name">Full name: This field is required.</a>' in page


def test_forgotten_password_is_reset_from_the_emailed_link(client, mailoutbox, django_capture_on_commit_callbacks):
    UserFactory(email="alex@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "alex@example.org"})
    assert response.url == reverse("account_reset_password_done")
    assert mailoutbox[0].to == ["alex@example.org"]
    link = re.search(r"https?://testserver(/accounts/password/reset/key/\S+/)", mailoutbox[0].body).group(1)

    form_url = client.get(link).url  # allauth moves the key into the session, then shows the form
    new_password = "A-new-Password-2027"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.url == reverse("account_reset_password_from_key_done")
    assert log_in(client, "alex@example.org", new_password).url == reverse("home")
