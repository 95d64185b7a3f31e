"""The action log helper every service calls when it changes state; the one rule of who
may read which entries and reasons; and the log read as sentences with names (issue 9),
wherever it is shown: the staff home, the action-log admin and its export, record pages."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse

from .models import ActionLog, User
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


# --- who may read what: the one rule (issue 9) ----------------------------------------------
# Every place that shows the log (the staff home's "Recent changes", the action-log admin's
# list, record, search, filters and export, a record's own history) reads it through these:
# a viewer sees the entries of the kinds of record they may view, and a sensitive reason
# only with the permission that reason needs.

# Reasons that carry sensitive detail, and the permission (accounts/rules.py) needed to
# read them: vetting decisions stay with the vetting officer (DOMAIN.md §1, "the only role
# that sees vetting detail"); conduct (protocol 2.4, discontinuing a placement) with the
# team that decides it and the Head of Resourcing, who audits.
SENSITIVE_REASONS = {
    "record_clearance": "accounts.see_vetting_reasons",
    "discontinue": "accounts.see_conduct_reasons",
}
WITHHELD = "Not shown to your role"


def viewable_kinds(viewer) -> list[ContentType] | None:
    """The kinds of record (content types) whose entries ``viewer`` may read: those of the
    models they may view. None: every kind (a superuser)."""
    if viewer.is_superuser:
        return None
    viewable = [name.split(".", 1) for name in viewer.get_all_permissions()]
    return [
        ContentType.objects.get_by_natural_key(app_label, codename.removeprefix("view_"))
        for app_label, codename in viewable
        if codename.startswith("view_")
    ]


def visible_entries(viewer):
    """The log of the records the viewer may see: those of the kinds they may view."""
    entries = ActionLog.objects.select_related("actor", "content_type")
    kinds = viewable_kinds(viewer)
    if kinds is None:
        return entries
    # Excluding the other kinds rather than filtering on these lets the database walk the
    # index on created_at and stop at the newest few (bench/staff_home.py: a filter on
    # content types sorted the whole log first, 10,000 rows).
    denied = ContentType.objects.exclude(pk__in=[kind.pk for kind in kinds]).values_list("pk", flat=True)
    return entries.exclude(content_type_id__in=list(denied))


def visible_reason(entry, viewer) -> str:
    """The entry's reason, or WITHHELD where it is sensitive and ``viewer`` (None: an
    unknown reader) may not read it."""
    permission = SENSITIVE_REASONS.get(entry.action)
    if entry.reason and permission and (viewer is None or not viewer.has_perm(permission)):
        return WITHHELD
    return entry.reason


def reads_every_reason(viewer) -> bool:
    """May ``viewer`` read every sensitive reason? (Searching the reasons is offered only
    then: a search would tell whoever guesses part of a withheld one that it is there.)"""
    return all(viewer.has_perm(permission) for permission in SENSITIVE_REASONS.values())


def withheld_reasons(obj, viewer) -> set[str]:
    """The texts of ``obj``'s logged reasons that ``viewer`` may not read, for pages that show
    the record's own fields (a service copies a reason into the record too: status_reason)."""
    return {
        entry.reason
        for entry in history_for(obj).filter(action__in=SENSITIVE_REASONS)
        if visible_reason(entry, viewer) != entry.reason
    }


def visible_copy(obj, text: str, viewer) -> str:
    """``text``, one of ``obj``'s fields, or WITHHELD where it is a reason ``viewer`` may not read."""
    return WITHHELD if text and text in withheld_reasons(obj, viewer) else text


def with_withheld_copy(queryset, field: str, viewer):
    """``queryset`` with ``<field>_withheld``: whether each record's ``field`` is one of its logged
    reasons that ``viewer`` may not read (visible_copy's rule for a whole list or export, in the
    list's own query rather than one query per row). ``viewer`` None: an unknown reader."""
    unreadable = [
        action for action, permission in SENSITIVE_REASONS.items() if viewer is None or not viewer.has_perm(permission)
    ]
    if not unreadable:
        return queryset.annotate(**{f"{field}_withheld": Value(False)})
    reasons = ActionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model),
        object_id=Cast(OuterRef("pk"), CharField()),
        action__in=unreadable,
        reason=OuterRef(field),
    ).exclude(reason="")
    return queryset.annotate(**{f"{field}_withheld": Exists(reasons)})


# --- the log in words ---------------------------------------------------------------------

# action -> how the sentence says it: "<who> <verb> <record>". Actions not listed read as
# "<who> recorded “<action>” for <record>".
VERBS = {
    "accept_for_partner": "recorded the partner's acceptance of",
    "activate": "activated",
    "add diary entry": "added",
    "add_contact": "added the contact",
    "add_place": "added a place to",
    "add_risk_attachment": "added an attachment to",
    "agreement_ready": "prepared the signed PDF of",
    "agreement_signed": "completed the signatures on",
    "approve": "approved",
    "assign_escorting_officer": "assigned an escorting officer to",
    "assign_role": "gave a role to",
    "cancel": "cancelled",
    "change_places": "changed the places of",
    "change_session": "changed the date, time or room of",
    "clear_check": "cleared",
    "close": "closed",
    "complete": "completed",
    "confirm": "confirmed",
    "confirm_attendance": "confirmed attendance for",
    "correct attendance": "corrected the attendance of",
    "decline": "declined",
    "discontinue": "discontinued",
    "download_agreement": "downloaded",
    "enrol": "enrolled",
    "erase_personal_data": "erased the personal data of",
    # a live record ended by the erasure the person asked for (accounts.personal_data.Ending)
    "withdraw_for_erasure": "withdrew, on a request for erasure,",
    "cancel_registration_for_erasure": "cancelled, on a request for erasure, the registration of",
    "export_personal_data": "exported the personal data of",
    "finish": "finished",
    "give feedback": "gave",  # the record reads "Feedback on <placement>: 4/5"
    "grant_exception": "made an exception to the protocol for",
    "invite": "invited",
    "issue_sealed_document": "issued a sealed document for",
    "link_account": "linked an account to",
    "mark_attending": "marked as attending",
    "move": "moved",
    "offer_places": "offered places in",
    "open": "opened",
    "open_agreement": "opened for signing",
    "partner_accepted": "accepted",
    "partner_declined": "declined",
    "present": "recorded the presentation of",
    "promote from waiting list": "gave waiting-list seats to",
    "propose": "proposed",
    "publish_agreement_version": "published",
    "reactivate": "reactivated",
    "remind_referee": "reminded the referee of",
    "reallocate": "re-allocated the officers at risk of",
    "record attendance": "recorded the attendance of",
    "record_activity": "recorded",
    "record_clearance": "recorded the vetting decision on",
    "record_protocol_review": "recorded",
    "record_dra": "recorded",
    "record_risk_assessment": "recorded",
    "record_security_briefing": "recorded",
    "refuse_check": "refused",
    "register_interest": "registered",
    "release places_confirmed": "gave back places of",
    "release places_taken": "gave back places of",
    "release seats_taken": "gave back seats at",
    "reschedule_protocol_review": "changed when the next review is due after",
    "request_agreement": "asked for the Work Placement Agreement of",
    "request_check": "requested",
    "request_reference": "asked for",
    "reject": "did not take further",
    "resubscribe": "resubscribed",
    "review_risk_assessment": "reviewed",
    "rotate calendar token": "gave a new calendar address to",
    "rsvp": "replied to",
    "run_allocation": "ran the allocation for",
    "send_joining_instructions": "sent the joining instructions to",
    "shortlist": "shortlisted",
    "sign_agreement_guardian": "gave consent, as parent or guardian, on",
    "sign_agreement_participant": "signed, as the participant,",
    "start": "started",
    "start_check": "started",
    "start_vetting": "started vetting",
    "submit": "submitted",
    "submit reflection": "submitted",
    "submit_reference": "sent",
    "take places_confirmed": "took places of",
    "take places_taken": "took places of",
    "take seats_taken": "took seats at",
    "unsubscribe": "unsubscribed",
    "withdraw_reference": "withdrew the request for",
    "update reflection": "updated",
    "update_profile": "updated the profile of",
    "withdraw": "withdrew",
    "withdraw_check": "withdrew",
    # volunteers' interviews, fitness test and medical certificate (issue 11)
    "publish_interview_slots": "published interview times for",
    "book_interview": "booked an interview for",
    "move_interview": "moved the interview of",
    "cancel_interview": "cancelled the interview of",
    "pass_interview": "recorded a passed interview for",
    "book_fitness_test": "booked the fitness test of",
    "fitness_passed": "recorded a passed fitness test for",
    "upload_medical_certificate": "uploaded",
    "download_medical_certificate": "downloaded",
    "accept_medical_certificate": "accepted",
    "ask_for_another_certificate": "asked for another",
    "medical_received": "recorded the medical certificate of",
    # volunteers' offer (issue 11); starting vetting reads as work experience's "start_vetting"
    "make_offer": "made the offer of a place on",
    "accept_offer": "accepted the offer of a place on",
    "decline_offer": "declined the offer of a place on",
    # volunteers' training and designated powers (issue 11)
    "set_up_training": "set up the training of",
    "reschedule_training_session": "changed the dates or place of",
    "record_training_attendance": "recorded the training attendance of",
    "complete_training": "completed the training of",
    "grant_power": "granted a designated power to",
    "withdraw_power": "withdrew a designated power from",
    # volunteers' hours (issue 11): the duty, in words, is the entry's reason
    "log_duty": "logged a duty for",
    "correct_duty": "corrected a duty logged for",
    "remove_duty": "removed a duty logged for",
    # outreach events (issue 12): the record of a registration reads "<name> at <event>"
    "publish_event": "published",
    "cancel_event": "cancelled",
    "change_event_details": "changed the details of",
    "register_for_event": "registered",
    "cancel_own_registration": "cancelled the registration of",
    "cancel_registration": "cancelled the registration of",
    "promote_from_waiting_list": "gave a place from the waiting list to",
    # the Positive Action Programme (issue 12): the record reads "<candidate> on <intake>"
    "apply_to_programme": "sent the application of",
    "enrol_on_programme": "enrolled, with a buddy,",
    "change_programme_buddy": "changed the buddy of",
    "decline_programme_application": "declined the application of",
    "withdraw_from_programme": "withdrew",
    "complete_programme": "recorded the completion of",
    "log_support_session": "logged a one-to-one support session with",
    "book_familiarisation_visit": "booked a familiarisation visit for",
    # local businesses supporting recruitment (issue 12): the record reads as the business's name
    "register_business_interest": "registered the interest of",
    "mark_business_contacted": "followed up the interest of",
    "mark_business_supporting": "welcomed the support of",
    "business_not_taken_forward": "did not take forward the interest of",
}


def action_words(action: str) -> str:
    """How the log says ``action``, whatever the record (filters and exports)."""
    return VERBS.get(action) or f"recorded “{action.replace('_', ' ')}” for"


def verb_for(entry) -> str:
    if entry.action == "assign_role":
        return f"gave the {state_label(entry, entry.to_state)} role to"
    return action_words(entry.action)


def state_label(entry, state: str) -> str:
    """ "Applied" rather than "applied": the log stores codes. The label comes from the
    record's field whose choices hold the code (its status first, then e.g. the partner's
    response or an activity's kind); a person's codes are roles. Other values (a number of
    places, "present") are words already."""
    model = entry.content_type.model_class()
    if not state or model is None:
        return state
    if model is User:
        return dict(Role.choices).get(state, state)
    for field in sorted((f for f in model._meta.fields if f.choices), key=lambda f: f.name != "status"):
        labels = dict(field.flatchoices)
        if state in labels:
            return str(labels[state])
    return state


def states_in_words(entry) -> str:
    """ "Interested → Approved", "→ Volunteer", or "" when the entry moved no state."""
    if not (entry.from_state or entry.to_state):
        return ""
    before = state_label(entry, entry.from_state)
    return f"{before} → {state_label(entry, entry.to_state)}" if before else f"→ {state_label(entry, entry.to_state)}"


@dataclass(frozen=True)
class Change:
    """One action-log entry as a sentence: "<actor> <verb> <record>", the record linked."""

    when: datetime
    actor: str
    verb: str
    record: str
    url: str
    states: str
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


# What people do without an account, by a public form or an emailed link.
PUBLIC_ACTIONS = {
    "register_interest",
    "resubscribe",
    "submit_reference",
    "unsubscribe",
    "register_for_event",
    "cancel_own_registration",
    "register_business_interest",
}


def _actor(entry) -> str:
    if entry.actor is not None:
        return str(entry.actor)
    return "A member of the public" if entry.action in PUBLIC_ACTIONS else "Kent Placements (automatic)"


def describe(entries, viewer) -> list[Change]:
    """``entries`` (already limited to what ``viewer`` may see: visible_entries) as sentences,
    in the same order."""
    entries = list(entries)
    subjects = _subjects(entries)
    changes = []
    for entry in entries:
        subject = subjects.get((entry.content_type_id, entry.object_id))
        changes.append(
            Change(
                when=entry.created_at,
                actor=_actor(entry),
                verb=verb_for(entry),
                record=str(subject) if subject is not None else f"a deleted {entry.content_type.name}",
                url=_record_url(entry, subject, viewer),
                states=states_in_words(entry),
                reason=visible_reason(entry, viewer),
            )
        )
    return changes


def recent_changes(viewer, limit: int) -> list[Change]:
    """The latest entries the viewer may see, as sentences."""
    return describe(visible_entries(viewer)[:limit], viewer)


def changes_to(obj, viewer) -> list[Change]:
    """``obj``'s own history as sentences, oldest first, as far as ``viewer`` may read it
    (nothing, unless they may view its kind: the rule of visible_entries)."""
    kinds = viewable_kinds(viewer)
    if kinds is not None and ContentType.objects.get_for_model(obj) not in kinds:
        return []
    return history_in_words(obj, viewer)


def history_in_words(obj, viewer) -> list[Change]:
    """``obj``'s own history as sentences, for a page whose own permission already lets
    ``viewer`` read ``obj`` (issue 10: the Head of Resourcing reads an application on its
    page, not in the back office); sensitive reasons are withheld as everywhere."""
    return describe(history_for(obj).select_related("content_type").order_by("created_at", "pk"), viewer)
