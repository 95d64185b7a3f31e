"""Registering for an outreach event, the waiting list, cancelling, the reminder and the
attendance register (issue 12 "Events"; seed 004: "come along and join us at one of our
workshops ... register your interest to attend"). One function per change (STYLE.md).

Never over capacity: every change to who holds a place locks the event's row first
(select_for_update), so registrations, cancellations and promotions of one event take
turns; the place is counted in ``places_taken``, which the database keeps at or below the
capacity (outreach_event_never_over_capacity). 50 people registering at once for 10
places leave 10 registered and 40 waiting (tests/test_concurrency.py, PostgreSQL).

No account is needed. Each email that gives or keeps a place carries a new single-use
link to cancel (vetting.links: only its hash is stored; an earlier link stops working),
valid until the event starts."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.audit import move_status, record_action
from accounts.personal_data import check_may_erase
from kentplacements.anonymous_cache import forget_anonymous_pages
from kentplacements.workflow import DomainError
from vetting import links

from ..emails import email_registrant
from ..enums import HOLDING_A_PLACE, LIVE, REGISTRATION_WORKFLOW, EventStatus, RegistrationStatus, RoleConsidered
from ..models import EventRegistration, OutreachEvent

R = RegistrationStatus
# Issue 12: "a reminder two days before".
REMINDER_LEAD = timedelta(days=2)
DETAILS = ("full_name", "email", "phone", "role_considered", "access_needs")

EXPIRED = (
    "The event has started, so this link no longer cancels a registration. If you could not come, "
    "there is nothing you need to do."
)
USED = "This registration is already cancelled: there is nothing more to do."
NOT_STARTED = "Attendance can be taken once the event has started."


def _locked_event(event_id) -> OutreachEvent:
    return OutreachEvent.objects.select_for_update().get(pk=event_id)


def registration_problem(event, now=None) -> str:
    """Why nobody can register for ``event`` now, or "" (the public pages say it too)."""
    if event.status == EventStatus.CANCELLED:
        return "This event has been cancelled."
    if event.status != EventStatus.PUBLISHED:
        return "This event is not open for registration."
    if event.starts_at <= (now or timezone.now()):
        return "This event has already started, so registration has closed."
    return ""


def detail_problems(details: dict) -> dict:
    """Field name -> what is missing from the details given; empty when they are fine. The
    public form asks for each next to its field; register refuses them from any caller."""
    problems = {}
    for name in ("full_name", "email", "phone"):
        if not str(details.get(name) or "").strip():
            problems[name] = "This is needed so we can contact you about the event."
    if details.get("role_considered") not in RoleConsidered.values:
        problems["role_considered"] = "Choose the role you are considering, or “Not sure yet”."
    return problems


def _link_for(registration, now) -> str:
    """A new cancel link, valid until the event starts; the caller saves the registration."""
    token = links.issue_link(registration, valid_for=registration.event.starts_at - now)
    registration.link_expires_at = registration.event.starts_at
    return token


def _reminder_not_needed(event, now):
    """A place given within two days of the event: its email says all a reminder would."""
    return now if event.starts_at - REMINDER_LEAD <= now else None


def _take_place(event) -> None:
    """One more place held, in the locked row; the check constraint stands behind it."""
    OutreachEvent.objects.filter(pk=event.pk).update(places_taken=F("places_taken") + 1)
    event.places_taken += 1
    forget_anonymous_pages()  # the event's page says how many places are left


def _give_back_place(event) -> None:
    OutreachEvent.objects.filter(pk=event.pk, places_taken__gt=0).update(places_taken=F("places_taken") - 1)
    event.places_taken = max(event.places_taken - 1, 0)
    forget_anonymous_pages()


def waiting_position(registration) -> int:
    """1 for the first on the event's waiting list (first come, first served)."""
    ahead = EventRegistration.objects.filter(
        Q(waiting_since__lt=registration.waiting_since)
        | Q(waiting_since=registration.waiting_since, pk__lt=registration.pk),
        event=registration.event_id,
        status=R.WAITING,
    )
    return ahead.count() + 1


@transaction.atomic
def register(event, **details) -> EventRegistration:
    """Issue 12: "name, email, phone, the role being considered, access needs". A place if
    one is left, else the waiting list; either way an email with the event's calendar file
    and a link to cancel. Registering again with the same address while registered or
    waiting makes nothing new: the person is emailed their registration again, with a new
    link. Whoever typed the address is shown the same page either way, so the form never
    tells anyone that someone else registered (their email does)."""
    event = _locked_event(event.pk)
    now = timezone.now()
    if problem := registration_problem(event, now):
        raise DomainError(problem)
    details = {name: str(details.get(name) or "").strip() for name in DETAILS}
    if problems := detail_problems(details):
        raise DomainError(" ".join(problems.values()))
    existing = event.registrations.filter(email__iexact=details["email"], status__in=LIVE).first()
    if existing is not None:
        return _confirm_again(existing, now)
    seated = not event.is_full
    registration = EventRegistration(
        event=event,
        **details,
        status=R.REGISTERED if seated else R.WAITING,
        registered_at=now,
        waiting_since=None if seated else now,
        reminded_at=_reminder_not_needed(event, now) if seated else None,
    )
    token = _link_for(registration, now)
    try:
        with transaction.atomic():
            registration.save(force_insert=True)
    except IntegrityError:  # only without row locks (SQLite): the same address a moment before
        raise DomainError("You have just registered for this event: check your email.") from None
    if seated:
        _take_place(event)
    record_action(registration, action="register_for_event", to_state=registration.status)
    _confirm(registration, token, key=f"outreach-registered-{registration.pk}")
    return registration


def _confirm(registration, token, *, key) -> None:
    waiting = registration.status == R.WAITING
    email_registrant(
        registration,
        "registered",
        key=key,
        token=token,
        ics_status="TENTATIVE" if waiting else "CONFIRMED",
        waiting_position=waiting_position(registration) if waiting else None,
        role=registration.get_role_considered_display(),
        access_needs=registration.access_needs,
    )


def _confirm_again(registration, now) -> EventRegistration:
    """The person registers again: their registration as it stands, with a new link."""
    registration = EventRegistration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    token = new_cancel_link(registration, now)
    _confirm(registration, token, key=f"outreach-registered-again-{registration.pk}-{now:%Y%m%d%H%M%S%f}")
    return registration


def new_cancel_link(registration, now, *, also=()) -> str:
    """A new cancel link saved on the (locked) registration, with the fields in ``also``;
    the link in any earlier email stops working."""
    token = _link_for(registration, now)
    registration.save(update_fields=[*links.SingleUseLink.SERVICE_OWNED_FIELDS, *also])
    return token


def reminder_due_again(registration, now) -> None:
    """The event moved: a place is reminded of afresh, unless the new time is too close."""
    if registration.status == R.REGISTERED:
        registration.reminded_at = _reminder_not_needed(registration.event, now)


# --- cancelling, and the waiting list ------------------------------------------------------


def open_cancel_link(token: str) -> EventRegistration:
    """The registration a cancel link opens, for the page's GET (which changes nothing:
    mail scanners open links). Raises LinkNotFound, LinkExpired or LinkUsed in words."""
    registration = links.open_link(EventRegistration.objects.select_related("event"), token, expired=EXPIRED, used=USED)
    if registration.status == R.CANCELLED:  # by the team, or the event was called off
        raise links.LinkUsed(USED)
    return registration


@transaction.atomic
def cancel_from_link(token: str) -> EventRegistration:
    """The person cancels from the link in their email (issue 12: "GET shows a page, POST
    cancels"). Used once: two clicks at once cancel once, the second is told."""
    event = _locked_event(open_cancel_link(token).event_id)  # the event first, as every change locks it
    registration = links.use_link(EventRegistration.objects.all(), token, expired=EXPIRED, used=USED)
    registration.event = event
    if registration.status == R.CANCELLED:
        raise links.LinkUsed(USED)
    _cancel(registration, by=None, action="cancel_own_registration", link_used_at=registration.link_used_at)
    return registration


def _locked_registration(registration) -> EventRegistration:
    """The registration locked for a change, after its event (as every change locks them)."""
    event = _locked_event(registration.event_id)
    registration = EventRegistration.objects.select_for_update().get(pk=registration.pk)
    registration.event = event
    return registration


@transaction.atomic
def cancel_registration(registration, *, by) -> EventRegistration:
    """The Diversity Placements Officer cancels a registration for the person (they rang,
    say); the place goes to the first waiting."""
    registration = _locked_registration(registration)
    _cancel(registration, by=by, action="cancel_registration")
    return registration


@transaction.atomic
def cancel_for_erasure(registration, *, by) -> EventRegistration:
    """The person asked for their personal data to be erased (issue 13): the Head of
    Resourcing's erasure cancels their place or waiting-list entry first, so the place goes to
    the first waiting (emailed as usual) and the register does not list them. The person is not
    emailed: they asked to be forgotten, and the erasure deletes the outbox rows to their address
    anyway."""
    check_may_erase(by)
    registration = _locked_registration(registration)
    _cancel(registration, by=by, action="cancel_registration_for_erasure", tell_registrant=False)
    return registration


def _cancel(registration, *, by, action, tell_registrant=True, **changes) -> None:
    event, now = registration.event, timezone.now()
    if registration.status not in LIVE:
        raise DomainError(f"This registration is {registration.get_status_display().lower()}: it cannot be cancelled.")
    if event.starts_at <= now:
        raise DomainError("The event has started: record who came on its attendance register instead.")
    held = registration.status == R.REGISTERED
    move_status(
        registration,
        R.CANCELLED,
        workflow=REGISTRATION_WORKFLOW,
        by=by,
        action=action,
        cancelled_at=now,
        waiting_since=None,
        **changes,
    )
    if tell_registrant:
        email_registrant(
            registration,
            "registration_cancelled",
            key=f"outreach-cancelled-{registration.pk}",
            ics_status="CANCELLED" if held else None,
            by_staff=by is not None,
            had_place=held,
        )
    if held:
        _give_back_place(event)
        promote_first_waiting(event, by=by)


@transaction.atomic
def promote_first_waiting(event, *, by=None) -> EventRegistration | None:
    """Issue 12: "a cancellation promotes the first waiting and emails them". ``event`` is
    the caller's locked row. The first on the list (first come, first served) takes the
    free place and is emailed with the calendar file and a new link to cancel. None when
    no place is free or nobody waits."""
    if event.is_full:
        return None
    first = (
        EventRegistration.objects.select_for_update()
        .filter(event=event, status=R.WAITING)
        .order_by("waiting_since", "pk")
        .first()
    )
    if first is None:
        return None
    first.event, now = event, timezone.now()
    token = _link_for(first, now)
    entry = move_status(
        first,
        R.REGISTERED,
        workflow=REGISTRATION_WORKFLOW,
        by=by,
        action="promote_from_waiting_list",
        waiting_since=None,
        reminded_at=_reminder_not_needed(event, now),
        **{name: getattr(first, name) for name in links.SingleUseLink.SERVICE_OWNED_FIELDS},
    )
    _take_place(event)
    email_registrant(first, "promoted", key=f"outreach-promoted-{entry.pk}", token=token, ics_status="CONFIRMED")
    return first


def fill_free_places(event, *, by) -> int:
    """Promote the waiting list into every free place (more places, say); how many moved.
    ``event`` is the caller's locked row."""
    promoted = 0
    while promote_first_waiting(event, by=by) is not None:
        promoted += 1
    return promoted


# --- the reminder ----------------------------------------------------------------------------


def send_event_reminders(now=None) -> int:
    """Run by celery beat every hour: each person with a place is reminded once, two days
    before the event (issue 12); ``reminded_at`` records that it went (STACK.md: a due time
    in the database, never countdown/eta). Returns how many were reminded."""
    now = now or timezone.now()
    due = EventRegistration.objects.filter(
        status=R.REGISTERED,
        reminded_at__isnull=True,
        event__status=EventStatus.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + REMINDER_LEAD,
    ).values_list("pk", flat=True)
    return sum(_remind(registration_id, now) for registration_id in due)


@transaction.atomic
def _remind(registration_id, now) -> bool:
    registration = (
        EventRegistration.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("event")
        .filter(pk=registration_id, status=R.REGISTERED, reminded_at__isnull=True)
        .first()
    )
    if registration is None:  # cancelled, or reminded by another run, meanwhile
        return False
    token = _link_for(registration, now)
    registration.reminded_at = now
    registration.save(update_fields=["reminded_at", *links.SingleUseLink.SERVICE_OWNED_FIELDS])
    email_registrant(
        registration, "reminder", key=f"outreach-reminder-{registration.pk}", token=token, ics_status="CONFIRMED"
    )
    return True


# --- the attendance register ---------------------------------------------------------------


def register_of(event):
    """Who holds a place: the rows of the attendance register, by name."""
    return event.registrations.filter(status__in=HOLDING_A_PLACE).order_by("full_name", "pk")


@transaction.atomic
def record_attendance(event, attended_ids, *, by) -> int:
    """Issue 12: "staff take attendance". Those ticked attended, the others on the register
    did not; saving the register again corrects it. Returns how many changed."""
    event = _locked_event(event.pk)
    if event.status != EventStatus.PUBLISHED:
        raise DomainError("This event is not running: there is no register to take.")
    now = timezone.now()
    if event.starts_at > now:
        raise DomainError(NOT_STARTED)
    on_register = list(register_of(event).select_for_update())
    attended_ids = set(attended_ids)
    if attended_ids - {registration.pk for registration in on_register}:
        raise DomainError("Someone ticked is no longer registered for this event. Look at the register again.")
    changed = 0
    for registration in on_register:
        target = R.ATTENDED if registration.pk in attended_ids else R.DID_NOT_ATTEND
        if registration.status == target:
            continue
        action = "record attendance" if registration.status == R.REGISTERED else "correct attendance"
        move_status(
            registration,
            target,
            workflow=REGISTRATION_WORKFLOW,
            by=by,
            action=action,
            attendance_recorded_at=now,
        )
        changed += 1
    return changed
