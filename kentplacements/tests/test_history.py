"""Deleting many rows with their history (kentplacements/history.py): the records a one-by-one delete
would leave, in two statements."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from kentplacements.history import bulk_delete_with_history
from placements.models import CommunityPlacement, PlacementReflection
from placements.tests.factories import CommunityPlacementFactory

pytestmark = pytest.mark.django_db


def test_each_deleted_row_leaves_a_deleted_record_by_who_deleted_it(diversity_officer):
    kept, *gone = CommunityPlacementFactory.create_batch(4)

    with CaptureQueriesContext(connection) as queries:
        deleted = bulk_delete_with_history(gone, CommunityPlacement, default_user=diversity_officer)

    assert deleted == 3 and len(queries.captured_queries) == 2  # one INSERT, one DELETE
    assert list(CommunityPlacement.objects.all()) == [kept]
    records = CommunityPlacement.history.filter(history_type="-").order_by("id")
    assert [(r.id, r.officer_id, r.offer_id, r.status, r.history_user) for r in records] == [
        (p.pk, p.officer_id, p.offer_id, p.status, diversity_officer) for p in gone
    ]


def test_a_row_something_refers_to_is_not_deleted(diversity_officer):
    placement = CommunityPlacementFactory()
    PlacementReflection.objects.create(placement=placement, summary="x", reflection="y")
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk_delete_with_history([placement], CommunityPlacement, default_user=diversity_officer)
        connection.check_constraints()  # SQLite and PostgreSQL alike check deferred keys at the end
    assert CommunityPlacement.objects.filter(pk=placement.pk).exists()
