"""Partner organisations (seed 000): registering interest, the Diversity Placements
Officer's decisions, contacts and their invitations, hosting offers, and the partner's
reply to each placement confirmed with them. One function per state change (STYLE.md):
each checks the move, writes inside a transaction, logs it and queues its emails."""

import logging
import uuid

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit import move_status, record_action
from accounts.roles import Role, has_role
from accounts.services import assign_role
from kentplacements.workflow import DomainError
from notifications.services import notify

from ..enums import (
    HOSTING_PARTNER_STATUSES,
    PARTNER_REPLY_STATUSES,
    PARTNER_RESPONSE_WORKFLOW,
    PARTNER_WORKFLOW,
    CommunityCode,
    PartnerResponse,
    PartnerStatus,
)
from ..invitations import INVITATION_MAX_AGE, invitation_token
from ..links import absolute_url
from ..models import CommunityPlacement, HostingOffer, PartnerContact, PartnerOrganisation
from ..selectors.partners import diversity_placements_officers, find_registered
from ..validators import duplicate_key, planning_window_problem
from .placements import cancel_placement, notify_officer_accepted, notify_partner_contacts, placement_email_context

log = logging.getLogger(__name__)
# Seed 000: "please feel free to contact Sarah Meloni, Diversity Placements Officer.
# Practical Skills Training 01622 777688".
DIVERSITY_TEAM_PHONE = "01622 777688"
MAX_PLACES_PER_OFFER = 20
ALREADY_REGISTERED = (
    "This organisation has already registered its interest. We have let the Diversity Placements Officer "
    f"know, and they will be in touch. You can also call Practical Skills Training on {DIVERSITY_TEAM_PHONE}."
)
SAME_AS_ANOTHER = (
    "Another organisation is already registered with this name and postcode, or this charity or company "
    f"number. If you think that is a mistake, call Practical Skills Training on {DIVERSITY_TEAM_PHONE}."
)
NOT_HOSTING = "{partner} is not an approved partner at the moment."


class AlreadyRegistered(DomainError):
    """The organisation registered before. The message says so and nothing about that record."""


# --- emails ---------------------------------------------------------------------------


def _partner_context(partner) -> dict:
    return {"partner_name": partner.name, "team_phone": DIVERSITY_TEAM_PHONE}


def _notify_team(template, context, *, key, partner, related=None):
    """Email every Diversity Placements Officer, with a link to the organisation's page."""
    context = {**context, "review_url": absolute_url("staff_partner_detail", partner.pk)}
    officers = list(diversity_placements_officers())
    if not officers:  # someone must be given the role, or partners wait unanswered
        log.warning("No Diversity Placements Officer to tell about partner %s (%s).", partner.pk, template)
    for officer in officers:
        notify(
            recipient=officer.email,
            template=template,
            context=context,
            key=f"{key}-{officer.pk}",
            related=related or partner,
        )


def _notify_contacts(contacts, template, context, *, key, related):
    for contact in contacts:
        notify(
            recipient=contact.email,
            template=template,
            context={**context, "contact_name": contact.full_name},
            key=f"{key}-{contact.pk}",
            related=related,
        )


def _registration_context(partner, contact) -> dict:
    communities = [str(c) for c in partner.communities.all() if c.code != CommunityCode.OTHER]
    if partner.other_community:
        communities.append(partner.other_community)
    return {
        **_partner_context(partner),
        "kind": partner.get_kind_display(),
        "registration_number": partner.registration_number,
        "kica_member": partner.kica_member,
        "communities": communities,
        "address": partner.address,
        "postcode": partner.postcode,
        "district": partner.get_district_display(),
        "premises_accessibility": partner.premises_accessibility,
        "placement_description": partner.placement_description,
        "contact_name": contact.full_name,
        "contact_email": contact.email,
        "contact_phone": contact.phone,
    }


def _send_invitation(contact, template, *, key):
    """Email ``contact`` the link that lets them create an account and link it."""
    contact.invited_at = timezone.now()
    contact.save(update_fields=["invited_at"])
    notify(
        recipient=contact.email,
        template=template,
        context={
            **_partner_context(contact.organisation),
            "contact_name": contact.full_name,
            "contact_email": contact.email,
            "invitation_url": absolute_url("partner_join", invitation_token(contact)),
            "expires_on": timezone.localdate() + INVITATION_MAX_AGE,
        },
        key=key,
        related=contact,
    )


# --- registering interest ---------------------------------------------------------------


def register_interest(*, profile: dict, contact: dict) -> PartnerOrganisation:
    """Seed 000: "Register your interest". ``profile`` holds the organisation's answers
    (OrganisationProfileForm), ``contact`` the person's (ContactDetailsForm). A second
    registration of the same organisation is refused with AlreadyRegistered, and the
    team is told of it (once a day), so a new contact there is not left waiting."""
    existing = _registered_already(profile)
    if existing is None:
        try:
            return _record_registration(profile, contact)
        except IntegrityError:
            # Two registrations at once: the database's unique constraints let one
            # through and refuse the other, which is then a repeat like any other.
            existing = _registered_already(profile)
            if existing is None:
                raise
    _tell_team_of_repeat(existing, profile, contact)
    raise AlreadyRegistered(ALREADY_REGISTERED)


def _registered_already(profile, *, exclude=None):
    return find_registered(
        name=profile["name"],
        postcode=profile["postcode"],
        registration_number=profile["registration_number"],
        exclude=exclude,
    )


def _organisation_fields(profile) -> dict:
    fields = {name: value for name, value in profile.items() if name != "communities"}
    return {**fields, "duplicate_key": duplicate_key(profile["name"], profile["postcode"])}


@transaction.atomic
def _record_registration(profile, contact) -> PartnerOrganisation:
    partner = PartnerOrganisation.objects.create(**_organisation_fields(profile), status=PartnerStatus.INTERESTED)
    partner.communities.set(profile["communities"])
    person = PartnerContact.objects.create(organisation=partner, is_primary=True, **contact)
    record_action(partner, action="register_interest", to_state=PartnerStatus.INTERESTED)
    context = _registration_context(partner, person)
    notify(
        recipient=person.email,
        template="placements/partner_interest_received",
        context=context,
        key=f"partner-interest-received-{partner.pk}",
        related=partner,
    )
    _notify_team(
        "placements/partner_interest_team", context, key=f"partner-interest-team-{partner.pk}", partner=partner
    )
    return partner


def _tell_team_of_repeat(existing, profile, contact):
    context = {
        **_partner_context(existing),
        "status": existing.get_status_display(),
        "typed_name": profile["name"],
        "typed_postcode": profile["postcode"],
        "typed_registration_number": profile["registration_number"],
        "contact_name": contact["full_name"],
        "contact_email": contact["email"],
        "contact_phone": contact["phone"],
    }
    today = timezone.localdate().isoformat()
    _notify_team(
        "placements/partner_interest_repeat_team",
        context,
        key=f"partner-interest-repeat-{existing.pk}-{today}",
        partner=existing,
    )


@transaction.atomic
def update_partner_profile(partner, *, by, profile: dict) -> PartnerOrganisation:
    """The partner keeps its own details up to date; the duplicate check runs again, as
    a new name or postcode may now match another organisation."""
    if _registered_already(profile, exclude=partner) is not None:
        raise DomainError(SAME_AS_ANOTHER)
    partner = PartnerOrganisation.objects.select_for_update().get(pk=partner.pk)
    for name, value in _organisation_fields(profile).items():
        setattr(partner, name, value)
    try:
        with transaction.atomic():
            partner.save()
    except IntegrityError as exc:  # another organisation took the name or number meanwhile
        raise DomainError(SAME_AS_ANOTHER) from exc
    partner.communities.set(profile["communities"])
    record_action(partner, action="update_profile", by=by)
    return partner


# --- the Diversity Placements Officer's decisions ------------------------------------------


def _move(partner, target, *, by, action, reason=""):
    """Lock, check the move against PARTNER_WORKFLOW, write it and log it."""
    partner = PartnerOrganisation.objects.select_for_update().get(pk=partner.pk)
    status_reason = reason if target in (PartnerStatus.DECLINED, PartnerStatus.WITHDRAWN) else ""
    entry = move_status(
        partner, target, workflow=PARTNER_WORKFLOW, by=by, action=action, reason=reason, status_reason=status_reason
    )
    return partner, entry


@transaction.atomic
def approve_partner(partner, *, by) -> PartnerOrganisation:
    """Approve an organisation. Contacts without an account are invited to create one
    and link it; those who already have one are told they can offer places."""
    partner, entry = _move(partner, PartnerStatus.APPROVED, by=by, action="approve")
    contacts = list(partner.contacts.select_related("organisation"))
    for contact in (c for c in contacts if c.user_id is None):
        _send_invitation(
            contact, "placements/partner_approved_invitation", key=f"partner-approved-{entry.pk}-{contact.pk}"
        )
    _notify_contacts(
        [c for c in contacts if c.user_id is not None],
        "placements/partner_approved",
        {**_partner_context(partner), "portal_url": absolute_url("partner_portal")},
        key=f"partner-approved-{entry.pk}",
        related=partner,
    )
    return partner


@transaction.atomic
def decline_partner(partner, *, by, reason) -> PartnerOrganisation:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Say why the organisation is declined: its contacts will read the reason.")
    partner, entry = _move(partner, PartnerStatus.DECLINED, by=by, action="decline", reason=reason)
    _notify_contacts(
        partner.contacts.all(),
        "placements/partner_declined",
        {**_partner_context(partner), "reason": partner.status_reason},
        key=f"partner-declined-{entry.pk}",
        related=partner,
    )
    return partner


@transaction.atomic
def reactivate_partner(partner, *, by, reason="") -> PartnerOrganisation:
    """A declined or withdrawn organisation is looked at again: back to interested."""
    partner, entry = _move(partner, PartnerStatus.INTERESTED, by=by, action="reactivate", reason=reason.strip())
    _notify_contacts(
        partner.contacts.all(),
        "placements/partner_reactivated",
        _partner_context(partner),
        key=f"partner-reactivated-{entry.pk}",
        related=partner,
    )
    return partner


# --- contacts, invitations and accounts -------------------------------------------------


def _check_hosting(partner):
    if partner.status not in HOSTING_PARTNER_STATUSES:
        raise DomainError(NOT_HOSTING.format(partner=partner))


@transaction.atomic
def invite_contact(contact, *, by) -> PartnerContact:
    """Send a contact (again) the link to create their account and link it."""
    contact = PartnerContact.objects.select_for_update().select_related("organisation").get(pk=contact.pk)
    if contact.user_id is not None:
        raise DomainError(f"{contact.full_name} has already linked their account.")
    _check_hosting(contact.organisation)
    entry = record_action(contact, action="invite", by=by)
    _send_invitation(contact, "placements/partner_contact_invitation", key=f"partner-contact-invitation-{entry.pk}")
    return contact


@transaction.atomic
def add_contact(partner, *, by, full_name, email, phone="") -> PartnerContact:
    """A partner adds a colleague, who is invited to create an account."""
    _check_hosting(partner)
    already = DomainError(f"{email} is already a contact for {partner}.")
    if partner.contacts.filter(email__iexact=email).exists():
        raise already
    try:
        with transaction.atomic():
            contact = PartnerContact.objects.create(organisation=partner, full_name=full_name, email=email, phone=phone)
    except IntegrityError as exc:  # added twice at once: partner_contact_email_unique
        raise already from exc
    record_action(contact, action="add_contact", by=by)
    return invite_contact(contact, by=by)


def has_verified_email(user, email) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def invitation_problem(contact, user=None) -> str:
    """Why the invitation for ``contact`` cannot be used (by ``user``, when given), in
    words for the person holding it; "" when it can."""
    partner = contact.organisation
    if contact.user_id is not None:
        return "This invitation has already been used: the account is linked. Log in to see your organisation."
    if partner.status not in HOSTING_PARTNER_STATUSES:
        return f"{NOT_HOSTING.format(partner=partner)} Call Practical Skills Training on {DIVERSITY_TEAM_PHONE}."
    if user is None or not user.is_authenticated:
        return ""
    if not has_verified_email(user, contact.email):
        return (
            f"This invitation was sent to {contact.email}, but you are logged in as {user.email}. "
            f"Log out, then log in (or create an account) with {contact.email}."
        )
    if partner.contacts.filter(user=user).exists():
        return f"Your account is already linked to {partner}."
    return ""


@transaction.atomic
def link_contact_account(contact, user, *, by) -> PartnerContact:
    """The invited person, logged in with the address the invitation went to, links their
    account: they become a partner contact, and the first link makes an approved
    organisation active."""
    partner = PartnerOrganisation.objects.select_for_update().get(pk=contact.organisation_id)
    contact = PartnerContact.objects.select_for_update().select_related("organisation").get(pk=contact.pk)
    problem = invitation_problem(contact, user)
    if problem:
        raise DomainError(problem)
    contact.user, contact.joined_at = user, timezone.now()
    # A fresh calendar address for the person now holding this contact: an address
    # handed out before (to someone since unlinked) must not start answering again.
    contact.calendar_token = uuid.uuid4()
    contact.save(update_fields=["user", "joined_at", "calendar_token"])
    record_action(contact, action="link_account", by=by)
    if not has_role(user, Role.PARTNER_CONTACT):
        assign_role(user, Role.PARTNER_CONTACT, by=by, reason=f"contact for {partner}")
    if partner.status == PartnerStatus.APPROVED:
        _move(partner, PartnerStatus.ACTIVE, by=by, action="activate")
    return contact


# --- hosting offers ---------------------------------------------------------------------


FIRST, LAST = "The first day", "The last day"


def offer_problems(*, places=None, places_taken=0, available_from=None, available_until=None, today=None) -> dict:
    """What is wrong with an offer's numbers and dates, by field (empty when nothing).
    Forms show these next to the fields; services refuse with the same words."""
    problems = {}
    if places is not None:
        if places < max(places_taken, 1):
            problems["places"] = (
                f"{places_taken} places are already taken: offer at least {places_taken}."
                if places_taken
                else "Offer at least 1 place."
            )
        elif places > MAX_PLACES_PER_OFFER:
            problems["places"] = f"Offer at most {MAX_PLACES_PER_OFFER} places at a time."
    if available_from and today and (problem := planning_window_problem(available_from, today=today, what=FIRST)):
        problems["available_from"] = problem
    if available_from and available_until and available_until < available_from:
        problems["available_until"] = "The last day must be the same as the first day or later."
    elif available_until and today and (problem := planning_window_problem(available_until, today=today, what=LAST)):
        problems["available_until"] = problem
    return problems


def _refuse(problems):
    if problems:
        raise DomainError(" ".join(problems.values()))


@transaction.atomic
def offer_places(partner, *, by, placement_type, places, available_from, available_until, notes="") -> HostingOffer:
    """Seed 000: "wonder if you would be willing to participate by hosting student officers"."""
    partner = PartnerOrganisation.objects.select_for_update().get(pk=partner.pk)
    _check_hosting(partner)
    _refuse(
        offer_problems(
            places=places, available_from=available_from, available_until=available_until, today=timezone.localdate()
        )
    )
    offer = HostingOffer.objects.create(
        partner=partner,
        placement_type=placement_type,
        places=places,
        available_from=available_from,
        available_until=available_until,
        notes=notes,
    )
    record_action(offer, action="offer_places", by=by, to_state=str(places))
    return offer


@transaction.atomic
def change_offer_places(offer, *, by, places) -> HostingOffer:
    """More or fewer places, never fewer than are taken. The row lock makes a placement
    being confirmed at the same moment wait, so the count it checks is the real one."""
    offer = HostingOffer.objects.select_for_update().select_related("partner").get(pk=offer.pk)
    _check_hosting(offer.partner)
    _refuse(offer_problems(places=places, places_taken=offer.places_taken))
    previous = offer.places
    offer.places = places
    offer.save(update_fields=["places"])
    record_action(offer, action="change_places", by=by, from_state=str(previous), to_state=str(places))
    return offer


# --- the partner's reply to a confirmed placement -------------------------------------------


def _awaiting_reply(placement) -> CommunityPlacement:
    placement = (
        CommunityPlacement.objects.select_for_update()
        .select_related("officer", "partner", "offer")
        .get(pk=placement.pk)
    )
    if placement.status not in PARTNER_REPLY_STATUSES:
        raise DomainError("Only a confirmed placement can be accepted or declined.")
    return placement


def _set_response(placement, response, *, by, reason="", action=None):
    previous = placement.partner_response
    if not PARTNER_RESPONSE_WORKFLOW.can(previous, response):
        raise DomainError(f"This placement has already been answered: {placement.get_partner_response_display()}.")
    placement.partner_response = response
    placement.partner_response_reason = reason
    placement.save(update_fields=["partner_response", "partner_response_reason"])
    record_action(
        placement,
        action=action or f"partner_{response}",
        by=by,
        from_state=previous,
        to_state=response,
        reason=reason,
    )


@transaction.atomic
def accept_placement(placement, *, by) -> CommunityPlacement:
    placement = _awaiting_reply(placement)
    _set_response(placement, PartnerResponse.ACCEPTED, by=by)
    notify_officer_accepted(placement)
    return placement


@transaction.atomic
def accept_for_partner(placement, *, by, reason) -> CommunityPlacement:
    """Issue 9 (seed 000 rules): staff record the partner's acceptance given another way
    ("agreed by phone"); the reason is logged, the officer told and the contacts shown
    what was recorded for them."""
    reason = (reason or "").strip()[:500]
    if not reason:
        raise DomainError("Say how the partner accepted (for example, agreed by phone).")
    placement = _awaiting_reply(placement)
    _set_response(placement, PartnerResponse.ACCEPTED, by=by, reason=reason, action="accept_for_partner")
    notify_officer_accepted(placement)
    notify_partner_contacts(
        placement,
        "accepted",
        {
            **placement_email_context(placement),
            "reason": reason,
            "placements_url": absolute_url("partner_placements", placement.partner_id),
        },
    )
    return placement


@transaction.atomic
def decline_placement(placement, *, by, reason) -> CommunityPlacement:
    """The partner cannot host this officer: the placement is cancelled (its place is
    released and the officer told), and the team is asked to find another."""
    reason = (reason or "").strip()[:500]
    if not reason:
        raise DomainError("Say why you cannot host this placement.")
    placement = _awaiting_reply(placement)
    _set_response(placement, PartnerResponse.DECLINED, by=by, reason=reason)
    placement = cancel_placement(
        placement, by=by, reason=f"{placement.partner.name} cannot host it: {reason}", declined_by_partner=True
    )
    _notify_team(
        "placements/partner_placement_declined_team",
        {**placement_email_context(placement), "reason": reason, "declined_by": by.full_name or by.email},
        key=f"partner-placement-declined-{placement.pk}",
        partner=placement.partner,
        related=placement,
    )
    return placement
