"""Reads other apps use: the agreements of many records in one query (list pages)."""

from django.contrib.contenttypes.models import ContentType

from .models import WorkPlacementAgreement


def agreements_for(records) -> dict:
    """record pk -> its Work Placement Agreement, for records of one model."""
    records = list(records)
    if not records:
        return {}
    agreements = WorkPlacementAgreement.objects.filter(
        content_type=ContentType.objects.get_for_model(records[0]), object_id__in=[record.pk for record in records]
    )
    return {agreement.object_id: agreement for agreement in agreements}
