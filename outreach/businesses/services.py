"""A local business's interest in supporting recruitment, from the public form to the
outcome (issue 12). One function per change (STYLE.md): each checks the transition
(BUSINESS_INTEREST_WORKFLOW), locks the row, records who did it in the action log and
queues the email a person would want, in the same transaction.

Emails: the business is thanked and told what happens next when it registers, and thanked
again when the officer records that it is supporting recruitment. Being contacted needs no
email (a person has just spoken or written to them), and neither does "not taken forward":
the reason is for the staff, and the officer who contacted them tells them in their own
words; an interest closed without contact (not a business, outside Kent) is not answered."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.audit import move_status, record_action
from kentplacements.workflow import DomainError
from notifications.services import notify

from ..emails import POSITIVE_ACTION_EMAIL
from .enums import BUSINESS_INTEREST_WORKFLOW, OPEN, BusinessInterestStatus, BusinessOffer
from .models import OFFER_FIELDS, BusinessInterest

S = BusinessInterestStatus
DETAILS = ("business_name", "contact_name", "job_title", "email", "phone", "area", "offer_details")
REQUIRED = {
    "business_name": "Enter the name of your business.",
    "contact_name": "Enter the name of the person we should contact.",
    "email": "Enter an email address we can reach you on.",
    "area": "Enter the town or area in Kent where your business is.",
}
NO_OFFER = "Choose at least one way you could support recruitment."
OTHER_UNSAID = "Tell us what else you could offer."
NO_NOTE = "Say what was discussed, for whoever follows up next."
NO_REASON = "Say why the interest is not taken forward."
NOTE_LENGTH = 2000
REASON_LENGTH = 500


def detail_problems(details: dict, offers) -> dict:
    """Field name -> what is missing; empty when the details are fine. The public form
    says each next to its field; the service refuses them from any caller."""
    problems = {name: message for name, message in REQUIRED.items() if not str(details.get(name) or "").strip()}
    offers = set(offers)
    if not offers or offers - set(BusinessOffer.values):
        problems["offers"] = NO_OFFER
    elif BusinessOffer.OTHER in offers and not str(details.get("offer_details") or "").strip():
        problems["offer_details"] = OTHER_UNSAID
    return problems


def _email_business(interest, name, *, key, **extra) -> None:
    """``outreach/<name>`` to the business's contact: names and what they offer, never the
    staff's notes."""
    context = {
        "contact_name": interest.contact_name,
        "business_name": interest.business_name,
        "offers": interest.offers,
        "contact_email": POSITIVE_ACTION_EMAIL,
        **extra,
    }
    notify(recipient=interest.email, template=f"outreach/{name}", context=context, key=key, related=interest)


def _confirm(interest, today) -> None:
    """The business's confirmation: what happens next, and who will contact them. Keyed by
    the day, so a second form sent the same day (a double click) sends nothing more."""
    _email_business(
        interest,
        "business_interest_received",
        key=f"outreach-business-received-{interest.pk}-{today:%Y%m%d}",
        offer_details=interest.offer_details,
        received_on=date_format(timezone.localtime(interest.received_at), "j F Y"),
    )


@transaction.atomic
def register_business_interest(*, offers, **details) -> BusinessInterest:
    """Issue 12: a local business "can register interest in supporting recruitment events
    (name, contact, what they offer)". An address that already has an interest being
    followed up makes nothing new: its confirmation is sent again (at most once a day), and
    whoever typed it sees the same page, so the form never tells anyone what another
    person registered."""
    details = {name: str(details.get(name) or "").strip() for name in DETAILS}
    offers = set(offers)
    if problems := detail_problems(details, offers):
        raise DomainError(" ".join(problems.values()))
    today = timezone.localdate()
    existing = BusinessInterest.objects.filter(email__iexact=details["email"], status__in=OPEN).first()
    if existing is not None:
        _confirm(existing, today)
        return existing
    interest = BusinessInterest(**details, **{field: offer in offers for offer, field in OFFER_FIELDS.items()})
    try:
        with transaction.atomic():
            interest.save(force_insert=True)
    except IntegrityError:  # the same address a moment before (two clicks at once)
        existing = BusinessInterest.objects.get(email__iexact=details["email"], status__in=OPEN)
        _confirm(existing, today)
        return existing
    record_action(interest, action="register_business_interest", to_state=S.NEW)
    _confirm(interest, today)
    return interest


def _locked(interest) -> BusinessInterest:
    return BusinessInterest.objects.select_for_update().get(pk=interest.pk)


def _with_note(interest, note, by, now) -> str:
    """The staff notes with ``note`` added, dated and signed; unchanged without one."""
    note = (note or "").strip()
    if len(note) > NOTE_LENGTH:
        raise DomainError(f"Keep the note to {NOTE_LENGTH} characters.")
    if not note:
        return interest.follow_up_note
    signed = f"{date_format(timezone.localtime(now), 'j F Y')}, {by}: {note}"
    return f"{interest.follow_up_note}\n\n{signed}" if interest.follow_up_note else signed


def _refuse_unless(interest, target) -> None:
    """The transition table's refusal, in words the officer can act on."""
    if BUSINESS_INTEREST_WORKFLOW.can(interest.status, target):
        return
    if interest.status == S.NEW:
        raise DomainError("Contact the business before recording that it is supporting recruitment.")
    raise DomainError(f"This business's interest is already {interest.get_status_display().lower()}.")


@transaction.atomic
def mark_contacted(interest, *, by, note) -> BusinessInterest:
    """The officer has spoken or written to the business; ``note`` says what was said
    (required: the next person to pick it up needs it)."""
    interest = _locked(interest)
    _refuse_unless(interest, S.CONTACTED)
    if not (note or "").strip():
        raise DomainError(NO_NOTE)
    now = timezone.now()
    move_status(
        interest,
        S.CONTACTED,
        workflow=BUSINESS_INTEREST_WORKFLOW,
        by=by,
        action="mark_business_contacted",
        contacted_by=by,
        contacted_at=now,
        follow_up_note=_with_note(interest, note, by, now),
    )
    return interest


@transaction.atomic
def mark_supporting(interest, *, by, note="") -> BusinessInterest:
    """The business is supporting recruitment: the contact is thanked by email."""
    interest = _locked(interest)
    _refuse_unless(interest, S.SUPPORTING)
    now = timezone.now()
    move_status(
        interest,
        S.SUPPORTING,
        workflow=BUSINESS_INTEREST_WORKFLOW,
        by=by,
        action="mark_business_supporting",
        decided_by=by,
        decided_at=now,
        follow_up_note=_with_note(interest, note, by, now),
    )
    _email_business(
        interest,
        "business_supporting",
        key=f"outreach-business-supporting-{interest.pk}",
        officer=getattr(by, "full_name", ""),
        events_url=settings.SITE_URL + reverse("outreach_events"),
    )
    return interest


@transaction.atomic
def not_taken_forward(interest, *, by, reason) -> BusinessInterest:
    """The interest is closed without the business supporting recruitment, for ``reason``
    (staff only: no email, see the module's note)."""
    interest = _locked(interest)
    _refuse_unless(interest, S.NOT_TAKEN_FORWARD)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(NO_REASON)
    if len(reason) > REASON_LENGTH:
        raise DomainError(f"Keep the reason to {REASON_LENGTH} characters.")
    move_status(
        interest,
        S.NOT_TAKEN_FORWARD,
        workflow=BUSINESS_INTEREST_WORKFLOW,
        by=by,
        action="business_not_taken_forward",
        reason=reason,
        decided_by=by,
        decided_at=timezone.now(),
        not_taken_forward_reason=reason,
    )
    return interest
