"""The action log helper every service calls when it changes state, and its reading
as sentences for the staff home (issue 9)."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse

from .models import ActionLog
from .roles import Role


def acting_user(by):
    """The user to record as having acted (None for the system or an anonymous visitor)."""
    return by if by is not None and by.is_authenticated else None


def action_entry(obj, *, action: str, by=None, from_state: str = "", to_state: str = "", reason: str = "") -> ActionLog:
    """The entry ``record_action`` writes, not yet saved (``record_actions`` saves many)."""
    return ActionLog(
        actor=acting_user(by),
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason[:500],
    )


def record_action(obj, *, action: str, by=None, from_state: str = "", to_state: str = "", reason: str = ""):
    """Record a state change of ``obj``. Call it inside the service's transaction so
    the log and the change commit or roll back together."""
    entry = action_entry(obj, action=action, by=by, from_state=from_state, to_state=to_state, reason=reason)
    entry.save(force_insert=True)
    return entry


def record_actions(entries) -> list[ActionLog]:
    """Write many ``action_entry`` entries in one INSERT (per batch of the database's parameter limit): a
    service that changes many records at once still logs one entry per record, as ``record_action`` would
    (issue 9: a cohort's 400 placements are confirmed in one go). Call inside the service's transaction."""
    return ActionLog.objects.bulk_create(list(entries))


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


# --- reading the log -----------------------------------------------------------------------

# Reasons that carry sensitive detail, and the permission (accounts/rules.py) needed to
# read them: vetting decisions stay with the vetting officer (DOMAIN.md §1, "the only role
# that sees vetting detail"); conduct (protocol 2.4, discontinuing a placement) with the
# team that decides it and the Head of Resourcing, who audits.
SENSITIVE_REASONS = {
    "record_clearance": "accounts.see_vetting_reasons",
    "discontinue": "accounts.see_conduct_reasons",
}
WITHHELD = "Not shown to your role"

# action -> how the sentence says it: "<who> <verb> <record>". Actions not listed read as
# "<who> recorded “<action>” for <record>".
VERBS = {
    "activate": "activated",
    "add_contact": "added the contact",
    "approve": "approved",
    "assign_escorting_officer": "assigned an escorting officer to",
    "cancel": "cancelled",
    "change_places": "changed the places of",
    "close": "closed",
    "complete": "completed",
    "confirm": "confirmed",
    "confirm_attendance": "confirmed attendance for",
    "decline": "declined",
    "discontinue": "discontinued",
    "enrol": "enrolled",
    "finish": "finished",
    "give feedback": "gave feedback on",
    "invite": "invited",
    "link_account": "linked an account to",
    "mark_attending": "marked as attending",
    "move": "moved",
    "offer_places": "offered places in",
    "open": "opened",
    "partner_accepted": "accepted",
    "present": "recorded the presentation of",
    "propose": "proposed",
    "reactivate": "reactivated",
    "record_activity": "recorded",
    "record_clearance": "recorded the vetting decision on",
    "record_dra": "recorded",
    "record_risk_assessment": "recorded",
    "register_interest": "registered",
    "request_agreement": "asked for the Work Placement Agreement of",
    "resubscribe": "resubscribed",
    "review_risk_assessment": "reviewed",
    "rsvp": "replied to",
    "run_allocation": "ran the allocation for",
    "shortlist": "shortlisted",
    "start": "started",
    "start_vetting": "started vetting",
    "submit": "submitted",
    "unsubscribe": "unsubscribed",
    "update_profile": "updated the profile of",
    "withdraw": "withdrew",
}


def visible_reason(entry, viewer) -> str:
    """The entry's reason, or WITHHELD where it is sensitive and ``viewer`` (None: an
    unknown reader) may not read it."""
    permission = SENSITIVE_REASONS.get(entry.action)
    if entry.reason and permission and (viewer is None or not viewer.has_perm(permission)):
        return WITHHELD
    return entry.reason


def verb_for(entry) -> str:
    if entry.action == "assign_role":
        label = dict(Role.choices).get(entry.to_state, entry.to_state)
        return f"gave the {label} role to"
    return VERBS.get(entry.action) or f"recorded “{entry.action.replace('_', ' ')}” for"


@dataclass(frozen=True)
class Change:
    """One action-log entry as a sentence: "<actor> <verb> <record>", the record linked."""

    when: datetime
    actor: str
    verb: str
    record: str
    url: str
    reason: str


def _record_url(entry, subject, viewer) -> str:
    """The record's page in the back office, if the viewer may open it."""
    app_label, model = entry.content_type.app_label, entry.content_type.model
    if subject is None or not viewer.has_perm(f"{app_label}.view_{model}"):
        return ""
    try:
        return reverse(f"admin:{app_label}_{model}_change", args=[entry.object_id])
    except NoReverseMatch:
        return ""


def visible_entries(viewer):
    """The log of the records the viewer may see: those of the models they may view."""
    entries = ActionLog.objects.select_related("actor", "content_type")
    if viewer.is_superuser:
        return entries
    viewable = [name.split(".", 1) for name in viewer.get_all_permissions()]
    allowed = {
        ContentType.objects.get_by_natural_key(app_label, codename.removeprefix("view_")).pk
        for app_label, codename in viewable
        if codename.startswith("view_")
    }
    # Excluding the other kinds rather than filtering on these lets the database walk the
    # index on created_at and stop at the newest few (bench/staff_home.py: a filter on
    # content types sorted the whole log first, 10,000 rows).
    denied = ContentType.objects.exclude(pk__in=allowed).values_list("pk", flat=True)
    return entries.exclude(content_type_id__in=list(denied))


def _subjects(entries) -> dict:
    """(content type id, object id) -> the record, one query per kind of record. Each
    query follows the record's required foreign keys (``select_related()``), which its
    name is usually made of ("<applicant> — <programme>"), so naming ten entries does not
    cost a query per entry."""
    wanted = {}
    for entry in entries:
        wanted.setdefault(entry.content_type, set()).add(entry.object_id)
    found = {}
    for content_type, ids in wanted.items():
        model = content_type.model_class()
        if model is None:
            continue
        for record in model._base_manager.select_related().filter(pk__in=ids):
            found[content_type.pk, str(record.pk)] = record
    return found


def recent_changes(viewer, limit: int) -> list[Change]:
    """The latest entries the viewer may see, as sentences."""
    entries = list(visible_entries(viewer)[:limit])
    subjects = _subjects(entries)
    changes = []
    for entry in entries:
        subject = subjects.get((entry.content_type_id, entry.object_id))
        changes.append(
            Change(
                when=entry.created_at,
                actor=str(entry.actor) if entry.actor else "Kent Placements (automatic)",
                verb=verb_for(entry),
                record=str(subject) if subject is not None else f"a deleted {entry.content_type.name}",
                url=_record_url(entry, subject, viewer),
                reason=visible_reason(entry, viewer),
            )
        )
    return changes
