"""The permission matrix's "nothing changed" checker can fail: each kind of write is seen."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from accounts.models import User
from placements.models import ExpressionOfInterest
from tests.dbstate import writes_recorded
from tests.factories import UserFactory


@pytest.mark.django_db
def test_every_kind_of_write_is_seen_and_reads_are_not():
    user = UserFactory(full_name="Ann Before")
    with writes_recorded() as reads:
        list(User.objects.all())
        User.objects.filter(full_name="nobody").exists()
    assert reads == []

    with writes_recorded() as edit:
        user.full_name = "Ann After"
        user.save(update_fields=["full_name"])
    assert "accounts_user" in edit

    with writes_recorded() as bulk:
        User.objects.filter(pk=user.pk).update(full_name="Ann Bulk")  # skips save() and history
    assert bulk == ["accounts_user"]

    with writes_recorded() as added_and_deleted:
        interest = ExpressionOfInterest.objects.create(full_name="Ivy", email="ivy@example.org")
        interest.delete()
    assert added_and_deleted == ["placements_expressionofinterest"] * 2

    with writes_recorded() as raw, connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_user SET full_name = %s", ["Raw"])
    assert raw == ["accounts_user"]


@pytest.mark.django_db
def test_logging_in_again_is_not_a_change():
    with writes_recorded() as writes:
        SessionStore().create()
    assert writes == []
