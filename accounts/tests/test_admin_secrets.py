"""Issue 8 §1: the back office never shows a password hash or a second factor's secret,
not even to an administrator."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client):
    admin_user = UserFactory(is_superuser=True, mfa=True)
    client.force_login(admin_user)
    return admin_user


def test_a_person_s_page_shows_no_part_of_their_password_hash(client, administrator):
    person = UserFactory(full_name="Alex Morgan", mfa=True)
    algorithm, *pieces = person.password.split("$")  # salt and hash (and iterations)

    page = client.get(reverse("admin:accounts_user_change", args=[person.pk])).content.decode()

    assert "Alex Morgan" in page
    # Django's widget showed "algorithm: … salt: abc123****** hash: 9f8e7d******"
    assert all(piece[:6] not in page for piece in pieces)
    assert algorithm not in page


def test_an_administrator_sees_who_has_a_second_factor_but_never_its_secret(client, administrator):
    person = UserFactory(full_name="Alex Morgan", mfa=True)
    totp = Authenticator.objects.get(user=person, type=Authenticator.Type.TOTP)
    codes = Authenticator.objects.get(user=person, type=Authenticator.Type.RECOVERY_CODES)

    listing = client.get(reverse("admin:mfa_authenticator_changelist")).content.decode()
    pages = [client.get(reverse("admin:mfa_authenticator_change", args=[a.pk])) for a in (totp, codes)]

    assert "Alex Morgan" in listing or person.email in listing
    assert all(page.status_code == 200 for page in pages)
    for page in [listing, *(page.content.decode() for page in pages)]:
        assert person.totp_secret not in page
        assert codes.data["seed"] not in page
    # read-only: a POST changes nothing; removing a lost authenticator stays possible
    client.post(reverse("admin:mfa_authenticator_change", args=[totp.pk]), {"type": "recovery_codes"})
    totp.refresh_from_db()
    assert totp.type == Authenticator.Type.TOTP
    client.post(reverse("admin:mfa_authenticator_delete", args=[totp.pk]), {"post": "yes"})
    assert not Authenticator.objects.filter(pk=totp.pk).exists()
