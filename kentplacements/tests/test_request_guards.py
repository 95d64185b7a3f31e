"""Bad request bodies get a clear answer, never a 500 (issue 8 §4): a charset other than
UTF-8 is a 400, and a body larger than any form accepts is refused with a 413 from its
Content-Length alone, before a byte of it is read."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from accounts.models import User
from placements.models import ExpressionOfInterest, PartnerOrganisation, PlacementReflection
from placements.tests.factories import StudentOfficerFactory
from placements.tests.presentation_factories import BEFORE_CUTOFF, finished_placement
from placements.uploads import MAX_PRESENTATION_BYTES

pytestmark = pytest.mark.django_db

PUBLIC_FORMS = ["account_login", "account_signup", "account_reset_password", "we_interest", "partner_register"]
FIELDS = {"full_name": "Jo Bloggs", "email": "jo@example.org", "login": "jo@example.org", "password": "x"}


def nothing_saved():
    return not (User.objects.exists() or ExpressionOfInterest.objects.exists() or PartnerOrganisation.objects.exists())


def browser():
    """A browser as in production: the CSRF check runs (and reads the form)."""
    return Client(enforce_csrf_checks=True)


# --- charset ---------------------------------------------------------------------------


def bodies(charset):
    """The same fields, urlencoded and as multipart, each declaring ``charset``."""
    return [
        (b"full_name=Jo+Bloggs&email=jo%40example.org", f"application/x-www-form-urlencoded; charset={charset}"),
        (encode_multipart(BOUNDARY, FIELDS), f"{MULTIPART_CONTENT}; charset={charset}"),
    ]


@pytest.mark.parametrize("charset", ["utf-16", "UTF-16LE", "utf-32", "latin-1", "utf8", "bogus"])
def test_a_form_sent_in_another_charset_gets_a_clear_400(charset):
    client = browser()
    for name in PUBLIC_FORMS:
        for body, content_type in bodies(charset):
            response = client.generic("POST", reverse(name), body, content_type=content_type)
            page = response.content.decode()
            assert response.status_code == 400, (name, content_type)
            assert "<h1>We could not read what was sent</h1>" in page
            assert "This page only accepts forms sent as UTF-8 text." in page
            assert "Nothing has been saved." in page
    assert nothing_saved()


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8"])
def test_utf8_forms_still_work(client, charset, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.generic(
            "POST",
            reverse("we_interest"),
            b"full_name=Jo+Bloggs&email=jo%40example.org",
            content_type=f"application/x-www-form-urlencoded; charset={charset}",
        )
    assert response.url == reverse("we_index")
    assert ExpressionOfInterest.objects.get().full_name == "Jo Bloggs"


def test_djangos_own_bad_request_gets_the_400_page_in_the_site_layout(client):
    """Django itself refuses a multipart body without a boundary."""
    response = client.generic(
        "POST", reverse("we_interest"), b"email=jo@example.org", content_type="multipart/form-data"
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "<h1>We could not read what was sent</h1>" in page
    assert "Your browser sent a request we could not read." in page
    assert 'href="/accounts/login/' in page  # the site's own header
    assert not ExpressionOfInterest.objects.exists()


# --- body size -------------------------------------------------------------------------


class UnreadableBody:
    """A wsgi.input that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read


def post_without_reading(client, url, *, length, content_type, **headers):
    return client.generic(
        "POST",
        url,
        b"-",
        content_type=content_type,
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": UnreadableBody()},
        **headers,
    )


def test_a_200_mb_anonymous_upload_is_refused_before_it_is_read():
    for name in PUBLIC_FORMS:
        response = post_without_reading(
            browser(), reverse(name), length=200 * 1024 * 1024, content_type=f"multipart/form-data; boundary={BOUNDARY}"
        )
        page = response.content.decode()
        assert response.status_code == 413
        assert "<h1>What you sent is too large</h1>" in page
        assert "A form can take at most 12.5\xa0MB at once: files up to 10 MB, plus what you typed." in page
    assert nothing_saved()


def test_a_form_without_files_may_not_be_larger_than_its_fields_allow():
    response = post_without_reading(
        browser(),
        reverse("we_interest"),
        length=settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert "A form can take at most 2.5\xa0MB at once" in response.content.decode()


@pytest.mark.parametrize("length", ["abc", "-1", "1e9"])
def test_a_content_length_that_is_not_a_number_is_a_400(length):
    response = post_without_reading(browser(), reverse("we_interest"), length=length, content_type=MULTIPART_CONTENT)
    assert response.status_code == 400
    assert "Your browser sent a request we could not read." in response.content.decode()


def test_a_body_without_a_length_is_refused_rather_than_silently_dropped():
    response = Client().generic(
        "POST",
        reverse("we_interest"),
        content_type="application/x-www-form-urlencoded",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 411
    assert "Your browser sent this form without saying how long it is." in response.content.decode()


def test_the_largest_presentation_a_form_allows_is_still_uploaded(client, student_officer, time_machine):
    """The limit leaves room for a file of exactly the largest size, plus the typed text."""
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    placement = finished_placement(officer=StudentOfficerFactory(user=student_officer))
    client.force_login(student_officer)
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    largest = pdf + b"0" * (MAX_PRESENTATION_BYTES - len(pdf))

    response = client.post(
        reverse("placement_reflection", args=[placement.pk]),
        {"summary": "Listening", "reflection": "I learned to listen.", "upload": SimpleUploadedFile("t.pdf", largest)},
        follow=True,
    )

    assert "Thank you: your reflection is saved." in response.content.decode()
    assert PlacementReflection.objects.get(placement=placement).presentation_file.size == MAX_PRESENTATION_BYTES
