"""A vetted record that has ended (for work experience: withdrawn, declined, discontinued,
not cleared, or completed) leaves nothing of vetting's open behind it (issue 10): no check
waiting for the vetting officer, no referee asked for a reference nobody will read, no
agreement left to sign for a placement that will not happen. The record's app calls
``subject_closed`` in the transaction that ends the record."""

from django.db import transaction

from .agreements import void_unsigned_agreement
from .checks import withdraw_open_checks
from .references import withdraw_waiting_references


@transaction.atomic
def subject_closed(record, *, by) -> None:
    """Each step logs what it closes; only the referees still asked are emailed."""
    withdraw_open_checks(record, by=by)
    withdraw_waiting_references(record, by=by)
    void_unsigned_agreement(record, by=by, reason="The placement it was for will not go ahead.")
