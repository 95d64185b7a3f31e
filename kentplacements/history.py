"""Deleting many rows at once, each with its django-simple-history record (issue 9: a new allocator run
replaces a cohort's 400 proposals). The library writes many rows' records with bulk_create_with_history and
bulk_update_with_history, but records a delete only through its post_delete signal, one INSERT per row."""

from django.db import transaction
from django.utils import timezone
from simple_history.utils import get_history_manager_for_model


def bulk_delete_with_history(objs, model, *, default_user=None) -> int:
    """Delete ``objs`` (rows of ``model``, already read) with a "-" history record each, as deleting them
    one by one records: one INSERT and one DELETE (per batch of the database's parameter limit). No
    signal is sent and no cascade followed, so use it only for rows nothing refers to (the database's
    foreign keys refuse the delete otherwise). Returns how many rows were deleted."""
    objs = list(objs)
    if not objs:
        return 0
    historical = get_history_manager_for_model(model).model
    now = timezone.now()
    with transaction.atomic(savepoint=False):
        historical.objects.bulk_create(
            historical(
                history_date=now,
                history_user=default_user,
                history_type="-",
                **{field.attname: getattr(obj, field.attname) for field in historical.tracked_fields},
            )
            for obj in objs
        )
        rows = model._base_manager.filter(pk__in=[obj.pk for obj in objs])
        # QuerySet.delete() would send the signals the records above replace: the plain DELETE Django's own
        # deletion uses once it has nothing left to follow.
        return rows._raw_delete(rows.db)
