"""Importing a cohort's student officers from CSV in the back office (django-import-export):
a preview with row-level errors first, then the import, which gives each officer a login."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role, has_role
from notifications.models import Notification
from placements.models import StudentOfficer
from tests.factories import UserFactory

from .factories import CohortFactory

pytestmark = pytest.mark.django_db
IMPORT_URL = "admin:placements_studentofficer_import"
CONFIRM_URL = "admin:placements_studentofficer_process_import"


def upload(client, text):
    csv_file = SimpleUploadedFile("officers.csv", text.encode(), content_type="text/csv")
    return client.post(reverse(IMPORT_URL), {"resource": "0", "format": "0", "import_file": csv_file})


def test_preview_then_import_creates_officers_with_logins(client, diversity_officer):
    cohort = CohortFactory(name="Cohort 2027-01")
    client.force_login(diversity_officer)
    csv_text = (
        "staff_number,full_name,email,cohort\n"
        "KP30001,Ada Lovelace,ada.lovelace@kent.police.uk,Cohort 2027-01\n"
        "KP30002,Grace Hopper,grace.hopper@kent.police.uk,Cohort 2027-01\n"
    )
    preview = upload(client, csv_text)
    assert preview.status_code == 200
    assert "Ada Lovelace" in preview.content.decode()
    assert not StudentOfficer.objects.exists()  # the preview changes nothing

    confirm_form = preview.context["confirm_form"]
    response = client.post(reverse(CONFIRM_URL), confirm_form.initial)
    assert response.status_code == 302
    officers = StudentOfficer.objects.order_by("staff_number")
    assert [o.full_name for o in officers] == ["Ada Lovelace", "Grace Hopper"]
    assert all(o.cohort == cohort for o in officers)
    assert all(has_role(o.user, Role.STUDENT_OFFICER) and not o.user.has_usable_password() for o in officers)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("KP30001,Ada Lovelace,not-an-email,Cohort 2027-01", "Enter a valid email address."),
        (
            "KP30001,Ada Lovelace,ada@kent.police.uk,No Such Cohort",
            "There is no cohort called “No Such Cohort”. Add the cohort first or check the spelling.",
        ),
    ],
)
def test_row_errors_are_shown_and_nothing_is_imported(client, diversity_officer, row, message):
    CohortFactory(name="Cohort 2027-01")
    client.force_login(diversity_officer)
    csv_text = f"staff_number,full_name,email,cohort\nKP30002,Grace Hopper,grace@kent.police.uk,Cohort 2027-01\n{row}\n"
    response = upload(client, csv_text)
    assert message in response.content.decode()
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not StudentOfficer.objects.exists()


def test_importing_the_same_file_twice_changes_nothing(client, diversity_officer):
    CohortFactory(name="Cohort 2027-01")
    client.force_login(diversity_officer)
    csv_text = "staff_number,full_name,email,cohort\nKP30001,Ada Lovelace,ada@kent.police.uk,Cohort 2027-01\n"
    for _ in range(2):
        preview = upload(client, csv_text)
        client.post(reverse(CONFIRM_URL), preview.context["confirm_form"].initial)
    assert StudentOfficer.objects.count() == 1


def test_head_of_resourcing_cannot_import(client, head_of_resourcing):
    client.force_login(head_of_resourcing)
    assert client.get(reverse(IMPORT_URL)).status_code == 403


def test_each_new_officer_is_emailed_a_link_to_set_their_password(
    client, diversity_officer, mailoutbox, django_capture_on_commit_callbacks
):
    """Issue 9: imported officers learn that their account exists, with a set-password link
    (a sensitive message: staff never read it), that leads to allauth's own page."""
    CohortFactory(name="Cohort 2027-01")
    UserFactory(email="grace.hopper@kent.police.uk")  # already has an account and a password
    client.force_login(diversity_officer)
    csv_text = (
        "staff_number,full_name,email,cohort\n"
        "KP30001,Ada Lovelace,ada.lovelace@kent.police.uk,Cohort 2027-01\n"
        "KP30002,Grace Hopper,grace.hopper@kent.police.uk,Cohort 2027-01\n"
    )
    preview = upload(client, csv_text)
    assert not Notification.objects.exists()  # the preview sends nothing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse(CONFIRM_URL), preview.context["confirm_form"].initial)

    [message] = mailoutbox  # Grace logs in with the password she has
    assert message.to == ["ada.lovelace@kent.police.uk"]
    assert message.subject == "Your Kent Placements account: set your password"
    assert message.body.startswith("Dear Ada Lovelace,")
    assert "As a student officer of Cohort 2027-01" in message.body
    assert "the link works for 3 days and only once" in message.body
    [row] = Notification.objects.filter(template="placements/officer_account_created")
    assert row.sensitive

    link = re.search(r"^http://127\.0\.0\.1:8000(/accounts/password/reset/key/\S+/)$", message.body, re.M).group(1)
    client.logout()
    form_url = client.get(link).url  # allauth moves the key into the session, then shows the form
    assert 'name="password1"' in client.get(form_url).content.decode()  # allauth's "Change Password" form
    new_password = "Ada-first-Password-2027"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.url == reverse("account_reset_password_from_key_done")
    response = client.post(reverse("account_login"), {"login": "ada.lovelace@kent.police.uk", "password": new_password})
    assert response.url == reverse("home")
    assert client.get(reverse("home")).url == reverse("mfa_activate_totp")  # then two-factor, as all staff

    # The link works once: the new password makes it stale.
    client.logout()
    assert "The password reset link was invalid" in client.get(link, follow=True).content.decode()
