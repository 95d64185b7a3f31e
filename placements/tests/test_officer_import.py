"""Importing a cohort's student officers from CSV in the back office (django-import-export):
a preview with row-level errors first, then the import, which gives each officer a login."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role, has_role
from placements.models import StudentOfficer

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
