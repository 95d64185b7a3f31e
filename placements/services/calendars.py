"""Calendar feed tokens (issue 8 §5): the person a feed belongs to — a student officer,
or a partner contact for their organisation's feed — can replace its address at once,
say after sharing it by mistake. The old address stops answering (404) immediately."""

import uuid

from django.db import transaction

from accounts.audit import record_action
from kentplacements.workflow import DomainError


@transaction.atomic
def rotate_calendar_token(owner, *, by):
    """``owner`` is a StudentOfficer or a PartnerContact; only its own linked user may
    rotate it. The action log says it happened, never the token."""
    owner = type(owner).objects.select_for_update().get(pk=owner.pk)
    if owner.user_id is None or owner.user_id != by.pk:
        raise DomainError("Only the owner of this calendar address can replace it.")
    owner.calendar_token = uuid.uuid4()
    owner.save(update_fields=["calendar_token"])
    record_action(owner, action="rotate calendar token", by=by)
    return owner
