"""The action log helper every service calls when it changes state."""

from django.contrib.contenttypes.models import ContentType

from .models import ActionLog


def record_action(obj, *, action: str, by=None, from_state: str = "", to_state: str = "", reason: str = ""):
    """Record a state change of ``obj``. Call it inside the service's transaction so
    the log and the change commit or roll back together."""
    return ActionLog.objects.create(
        actor=by if by is not None and by.is_authenticated else None,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason[:500],
    )


def move_status(obj, target: str, *, workflow, by, action: str, reason: str = "", **changes):
    """One state change as every service makes it: check ``target`` against the model's
    transition table, write the status (and ``changes``) and log who did it. The caller
    has locked the row, inside its transaction. Returns the action-log entry."""
    previous = obj.status
    workflow.check(previous, target)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.status = target
    obj.save(update_fields=["status", *changes])
    return record_action(obj, action=action, by=by, from_state=previous, to_state=target, reason=reason)


def history_for(obj):
    return ActionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")


def histories_for(objects) -> dict:
    """``history_for`` of many objects of one model in one query (list pages):
    object pk -> its entries, in the same order. Objects without entries map to []."""
    objects = list(objects)
    if not objects:
        return {}
    entries = {obj.pk: [] for obj in objects}
    by_id = {str(pk): pk for pk in entries}
    for entry in ActionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(objects[0]), object_id__in=list(by_id)
    ).select_related("actor"):
        entries[by_id[entry.object_id]].append(entry)
    return entries


def recent_actions(limit: int):
    return ActionLog.objects.select_related("actor", "content_type")[:limit]
