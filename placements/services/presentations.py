"""Presentations at Kent Police College, and what officers and partners say about each
placement (seed 000: "At the conclusion of this placement the officers prepare a short
presentation ... Representatives from each partner organisation are more than welcome
to attend these presentations at Kent Police College"). One function per change."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from accounts.audit import record_action
from kentplacements.workflow import DomainError
from notifications.services import notify

from ..capacity import PRESENTATION_SEATS, release, take
from ..enums import RSVP_WORKFLOW, RsvpStatus
from ..links import absolute_url
from ..models import CommunityPlacement, PlacementFeedback, PlacementReflection, PresentationInvitation
from ..models import PresentationSession as Session
from ..rsvp import attendee_list, attendee_problems
from ..selectors.presentations import FINISHED_STATUSES, partners_of_round, session_replies
from ..uploads import presentation_extension, remove_on_commit, rename_at_random

# "Reminders two days before" the session (the community placements issue).
REMINDER_LEAD = timedelta(days=2)


def session_email_context(session) -> dict:
    """What an email about a session may say: names, dates, times — JSON only."""
    return {
        "cohort_name": session.cohort.name,
        "placement_type": session.get_placement_type_display(),
        "date": session.date,
        "starts_at": session.starts_at,
        "venue": session.venue,
        "room": session.room,
        "rsvp_cutoff": timezone.localtime(session.rsvp_cutoff),
    }


def _email_contacts(invitation, *, template, context, key):
    """One email to each of the organisation's contacts; ``key`` + the contact make it
    idempotent, so running the same step again sends nothing twice."""
    for contact in [c for c in invitation.partner.contacts.all() if c.email]:
        notify(
            recipient=contact.email,
            template=template,
            context={**context, "contact_name": contact.full_name, "partner_name": invitation.partner.name},
            key=f"{key}-{contact.pk}",
            related=invitation,
        )


# --- inviting partners ---------------------------------------------------------------


@transaction.atomic
def invite_partners(session, *, by) -> int:
    """Invite every organisation that hosted this round; returns how many were new.
    Safe to run again after more placements are confirmed: each organisation is invited
    once (presentation_invitation_unique) and each contact emailed once."""
    session = Session.objects.select_for_update(of=("self",)).select_related("cohort").get(pk=session.pk)
    if problem := session.date_problem():  # issue 8: not the year 9999
        raise DomainError(problem)
    if timezone.now() >= session.rsvp_cutoff:
        raise DomainError("The RSVP cut-off has passed: set a later cut-off before inviting partners.")
    context = session_email_context(session)
    invited = 0
    for partner in partners_of_round(session).prefetch_related("contacts"):
        invitation, created = PresentationInvitation.objects.get_or_create(session=session, partner=partner)
        if created:
            record_action(invitation, action="invite", by=by)
            invited += 1
        rsvp_url = absolute_url("presentation_rsvp", invitation.pk)
        _email_contacts(
            invitation,
            template="placements/presentation_invitation",
            context={**context, "rsvp_url": rsvp_url},
            key=f"presentation-invitation-{invitation.pk}",
        )
    return invited


# --- replying (RSVP) -------------------------------------------------------------------


def _seats_held(invitation) -> int:
    # A waiting reply's ``attendees`` is what it asked for: it holds no seats yet.
    return invitation.attendees if invitation.rsvp_status == RsvpStatus.ATTENDING else 0


def _change_seats(invitation, seats: int, *, by) -> bool:
    """Hold ``seats`` seats for the invitation instead of the ones it holds now, through
    the one counter helper (a conditional UPDATE; the check constraint
    presentation_capacity_never_exceeded stands behind it). False when a reply holding
    no seats does not fit (it goes on the waiting list); a reply already holding seats
    that asks for more than are free keeps its seats and is told how many it may bring."""
    session, holding = invitation.session, _seats_held(invitation)
    if seats < holding:
        release(PRESENTATION_SEATS, session.pk, holding - seats, by=by, holder=invitation)
    elif seats > holding and not take(PRESENTATION_SEATS, session.pk, seats - holding, by=by, holder=invitation):
        if not holding:
            return False
        session.refresh_from_db(fields=["capacity", "seats_taken"])
        most = session.capacity - session.seats_taken + holding
        raise DomainError(f"Sorry, the session is nearly full: your organisation can bring at most {most}.")
    return True


def waiting_position(invitation) -> int:
    """1 for the first reply on the session's waiting list (first come, first served)."""
    ahead = PresentationInvitation.objects.filter(
        Q(waiting_since__lt=invitation.waiting_since) | Q(waiting_since=invitation.waiting_since, pk__lt=invitation.pk),
        session=invitation.session_id,
        rsvp_status=RsvpStatus.WAITING,
    )
    return ahead.count() + 1


@transaction.atomic
def reply_to_invitation(invitation, *, by, attending: bool, attendees=0, attendee_names="", access_needs=""):
    """A partner says who is coming, or that nobody is. Changing 2 → 3 people takes one
    more seat; "not attending" gives every seat back. When a new reply asks for more
    seats than are free it goes on the waiting list (issue 9: "not a refusal"); seats
    given back go to the first waiting reply that fits. Allowed until the RSVP cut-off."""
    # The session's row first, as change_session and invite_partners lock it: a reply
    # made while the session moves waits, then confirms the new time (or it came first
    # and the move tells it). Replies to one session take turns, so one promoting the
    # waiting list never waits for an invitation another reply holds.
    session = Session.objects.select_for_update(of=("self",)).select_related("cohort").get(pk=invitation.session_id)
    invitation = (
        PresentationInvitation.objects.select_for_update(of=("self",)).select_related("partner").get(pk=invitation.pk)
    )
    invitation.session = session
    if timezone.now() > session.rsvp_cutoff:
        closed = date_format(timezone.localtime(session.rsvp_cutoff), "j F Y, H:i")
        raise DomainError(
            f"Replies closed on {closed}. To change your reply, contact the Diversity Placements Officer."
        )
    previous = invitation.rsvp_status
    if previous == RsvpStatus.CANCELLED and not attending:
        return invitation
    names = attendee_list(attendee_names) if attending else []
    if attending and (problems := attendee_problems(attendees, names)):
        raise DomainError(" ".join(problems.values()))
    seats = attendees if attending else 0
    # ``attendees`` counts the seats an attending reply holds (0 when not attending).
    seated = _change_seats(invitation, seats, by=by)
    target = RsvpStatus.CANCELLED if not attending else RsvpStatus.ATTENDING if seated else RsvpStatus.WAITING
    RSVP_WORKFLOW.check(previous, target)
    invitation.rsvp_status = target
    invitation.attendees = seats
    invitation.attendee_names = "\n".join(names)
    invitation.access_needs = access_needs.strip() if attending else ""
    invitation.replied_at = timezone.now()
    # A waiting reply that changes its numbers keeps its place in the queue.
    if target != RsvpStatus.WAITING:
        invitation.waiting_since = None
    elif previous != RsvpStatus.WAITING:
        invitation.waiting_since = invitation.replied_at
    invitation.save()
    entry = record_action(
        invitation, action="rsvp", by=by, from_state=previous, to_state=invitation.rsvp_status, reason=f"{seats} seats"
    )
    _confirm_reply(invitation, by=by, key=f"presentation-reply-{entry.pk}")
    _promote_waiting(session, by=by)
    return invitation


def _promote_waiting(session, *, by) -> None:
    """Issue 9: seats given back go to the waiting replies, first come first served;
    each one that now fits takes its seats in this transaction and its contacts are
    emailed "a seat is now yours". A larger reply further up waits for enough seats."""
    waiting = (
        PresentationInvitation.objects.select_for_update(of=("self",))
        .filter(session=session, rsvp_status=RsvpStatus.WAITING)
        .select_related("partner")
        .prefetch_related("partner__contacts")
        .order_by("waiting_since", "pk")
    )
    for invitation in waiting:
        if not take(PRESENTATION_SEATS, session.pk, invitation.attendees, by=by, holder=invitation):
            continue
        invitation.rsvp_status, invitation.waiting_since = RsvpStatus.ATTENDING, None
        invitation.save(update_fields=["rsvp_status", "waiting_since"])
        entry = record_action(
            invitation,
            action="promote from waiting list",
            by=by,
            from_state=RsvpStatus.WAITING,
            to_state=RsvpStatus.ATTENDING,
            reason=f"{invitation.attendees} seats",
        )
        _email_contacts(
            invitation,
            template="placements/presentation_promoted",
            context={**session_email_context(session), "attendee_names": invitation.attendee_names.splitlines()},
            key=f"presentation-promoted-{entry.pk}",
        )


def _confirm_reply(invitation, *, by, key):
    contact = invitation.partner.contacts.filter(user=by).first()
    notify(
        recipient=contact.email if contact else by.email,
        template="placements/presentation_reply",
        context={
            **session_email_context(invitation.session),
            "contact_name": contact.full_name if contact else by.full_name,
            "partner_name": invitation.partner.name,
            "attending": invitation.rsvp_status == RsvpStatus.ATTENDING,
            "waiting_position": waiting_position(invitation) if invitation.rsvp_status == RsvpStatus.WAITING else None,
            "attendee_names": invitation.attendee_names.splitlines(),
            "access_needs": invitation.access_needs,
        },
        key=key,
        related=invitation,
    )


# --- moving a session ------------------------------------------------------------------

# What change_session may move, as the action log and the emails name it, each value in words.
WHEN_AND_WHERE = {
    "date": ("Date", lambda day: date_format(day, "l j F Y")),
    "starts_at": ("Time", lambda moment: date_format(moment, "H:i")),
    "venue": ("Venue", str),
    "room": ("Room", str),
}


def session_change_problems(session, *, now, **moved) -> dict:
    """Field name (None: the whole change) -> why ``session`` cannot move to ``moved``
    (some of date, starts_at, venue, room); empty when it can. The staff form shows these
    next to its fields; change_session refuses the same change."""
    if session.starts <= now:
        return {None: "This session has already started: it can no longer be moved."}
    new = {name: moved.get(name) if moved.get(name) is not None else getattr(session, name) for name in WHEN_AND_WHERE}
    for name in ("venue", "room"):
        if not str(new[name]).strip():
            return {name: f"Enter the {WHEN_AND_WHERE[name][0].lower()}."}
    if problem := session.date_problem(moved_to=new["date"]):
        return {"date": problem}
    starts = timezone.make_aware(datetime.combine(new["date"], new["starts_at"]))
    if starts <= now:
        return {"starts_at": "That time has already passed: choose a later time."}
    if starts <= session.rsvp_cutoff:
        closing = date_format(timezone.localtime(session.rsvp_cutoff), "j F Y, H:i")
        return {
            "date": f"Replies close on {closing}: the session must start after that. "
            "Set an earlier reply cut-off in the back office first."
        }
    if all(new[name] == getattr(session, name) for name in WHEN_AND_WHERE):
        return {None: "Nothing has changed: give a new date, time, venue or room."}
    return {}


@transaction.atomic
def change_session(session, *, by, reason, date=None, starts_at=None, venue=None, room=None) -> int:
    """Issue 9: "Changing a session's date, time or room goes through a service that
    tells everyone who replied". ``None`` keeps what the session has. Each organisation
    that replied is emailed, every contact once: those coming and those waiting keep
    their seats or their place and are asked to change their reply if the new time does
    not suit; those who declined are told in case it suits them now. Organisations that
    have not replied are not emailed: their invitation's reply page shows the new time.
    Returns how many organisations were told."""
    session = Session.objects.select_for_update(of=("self",)).select_related("cohort").get(pk=session.pk)
    reason = reason.strip()
    if not reason:
        raise DomainError("Say why the session changes: the partners read it in the email.")
    now = timezone.now()
    moved = {"date": date, "starts_at": starts_at, "venue": venue, "room": room}
    moved = {name: value.strip() if isinstance(value, str) else value for name, value in moved.items()}
    if problems := session_change_problems(session, now=now, **moved):
        raise DomainError(" ".join(problems.values()))
    changes = []
    for name, (label, words) in WHEN_AND_WHERE.items():
        before, after = getattr(session, name), moved[name]
        if after is not None and after != before:
            changes.append({"what": label, "before": words(before), "after": words(after)})
            setattr(session, name, after)
    # A reminder is due two days before the new time (send_presentation_reminders); when
    # that is already past, the email below says all a reminder would, so none follows.
    session.reminder_sent_at = now if session.starts - REMINDER_LEAD <= now else None
    session.save(update_fields=[*WHEN_AND_WHERE, "reminder_sent_at"])
    moves = "; ".join(f"{c['what'].lower()}: {c['before']} → {c['after']}" for c in changes)
    entry = record_action(session, action="change_session", by=by, reason=f"{moves}. Reason: {reason}")
    replied = session_replies(session, with_contacts=True).replied
    context = {**session_email_context(session), "changes": changes, "reason": reason}
    for invitation in replied:
        _email_contacts(
            invitation,
            template="placements/presentation_changed",
            context={**context, **_reply_context(invitation, now)},
            key=f"presentation-changed-{entry.pk}",
        )
    return len(replied)


def _reply_context(invitation, now) -> dict:
    """What the email about a moved session says of this organisation's own reply."""
    return {
        "reply": invitation.rsvp_status,
        "attendees": invitation.attendees,
        "attendee_names": invitation.attendee_names.splitlines(),
        "waiting_position": getattr(invitation, "position", None),
        "replies_open": now <= invitation.session.rsvp_cutoff,
        "rsvp_url": absolute_url("presentation_rsvp", invitation.pk),
    }


# --- reminders -------------------------------------------------------------------------


def send_presentation_reminders(now=None) -> int:
    """Run by celery beat every hour: remind the partners who are coming, two days before
    the session. The due time comes from the session's date and time in the database and
    ``reminder_sent_at`` records that it went (STACK.md: never countdown/eta)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    candidates = Session.objects.filter(
        reminder_sent_at__isnull=True, date__gte=today, date__lte=today + REMINDER_LEAD
    ).values_list("pk", flat=True)
    return sum(_remind(session_id, now) for session_id in candidates)


@transaction.atomic
def _remind(session_id, now) -> bool:
    session = (
        Session.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("cohort")
        .filter(pk=session_id, reminder_sent_at__isnull=True)
        .first()
    )
    if session is None or not session.starts - REMINDER_LEAD <= now < session.starts:
        return False
    context = session_email_context(session)
    coming = session.invitations.filter(rsvp_status=RsvpStatus.ATTENDING).select_related("partner")
    for invitation in coming.prefetch_related("partner__contacts"):
        _email_contacts(
            invitation,
            template="placements/presentation_reminder",
            context={**context, "attendee_names": invitation.attendee_names.splitlines()},
            # the start in the key: a session moved after its reminder is reminded again
            key=f"presentation-reminder-{invitation.pk}-{session.starts:%Y%m%d%H%M}",
        )
    session.reminder_sent_at = now
    session.save(update_fields=["reminder_sent_at"])
    return True


# --- after the placement: the officer's reflection, the partner's feedback --------------


def _finished_placement(placement, refusal: str):
    placement = CommunityPlacement.objects.select_for_update().get(pk=placement.pk)
    if placement.status not in FINISHED_STATUSES:
        raise DomainError(refusal)
    return placement


@transaction.atomic
def submit_reflection(placement, *, by, summary, reflection, upload=None) -> PlacementReflection:
    """The officer's presentation summary, optional slides (PDF, .pptx or .odp) and
    reflection; they may come back and improve it (history is kept)."""
    placement = _finished_placement(placement, "You can write your reflection once the placement is completed.")
    if not reflection.strip():
        raise DomainError("Write your reflection on the placement.")
    record = PlacementReflection.objects.filter(placement=placement).first() or PlacementReflection(placement=placement)
    action = "update reflection" if record.pk else "submit reflection"
    record.summary, record.reflection = summary.strip(), reflection.strip()
    if upload is not None:
        # the earlier slides go from storage: the history keeps their name, not the file (issue 13)
        remove_on_commit(record.presentation_file)
        record.presentation_file = rename_at_random(upload, presentation_extension(upload))
    record.save()
    record_action(record, action=action, by=by)
    return record


@transaction.atomic
def give_feedback(placement, *, by, rating: int, comment: str) -> PlacementFeedback:
    """The partner rates the placement 1–5 and comments; they may change it later and
    the earlier versions stay in the history."""
    placement = _finished_placement(placement, "You can give feedback once the placement is completed.")
    if rating not in range(1, 6):
        raise DomainError("Choose a rating from 1 (poor) to 5 (excellent).")
    feedback, _ = PlacementFeedback.objects.update_or_create(
        placement=placement, defaults={"rating": rating, "comment": comment.strip(), "submitted_by": by}
    )
    record_action(feedback, action="give feedback", by=by, reason=f"{rating} out of 5")
    return feedback
