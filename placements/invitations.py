"""The emailed link that lets a partner contact link their account to their organisation.

The link carries a signed token (the PartnerContact and the address it was sent to),
valid for 14 days. Opening it only shows a page; linking is a POST (STACK.md: mail
scanners prefetch links)."""

from datetime import timedelta

from django.core import signing

from kentplacements.workflow import DomainError

from .models import PartnerContact

INVITATION_SALT = "partner-invitation"
INVITATION_MAX_AGE = timedelta(days=14)


class InvitationNotFound(DomainError):
    """The link was mistyped, forged, or names a contact that is no longer there."""


class InvitationExpired(DomainError):
    pass


def _signer():
    return signing.TimestampSigner(salt=INVITATION_SALT)


def invitation_token(contact: PartnerContact) -> str:
    return _signer().sign_object({"contact": contact.pk, "email": contact.email.lower()})


def invited_contact(token: str) -> PartnerContact:
    """The contact a token was made for, or InvitationNotFound / InvitationExpired."""
    try:
        data = _signer().unsign_object(token, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise InvitationExpired(
            "This invitation has expired: links work for 14 days. Ask the Diversity Placements Officer, "
            "or a colleague who already has an account, to send you a new one."
        ) from exc
    except signing.BadSignature as exc:
        raise InvitationNotFound("This invitation link is not complete or not valid.") from exc
    contact = PartnerContact.objects.select_related("organisation").filter(pk=data.get("contact")).first()
    # A contact whose address has changed since gets a new invitation at the new address.
    if contact is None or contact.email.lower() != data.get("email"):
        raise InvitationNotFound("This invitation is no longer valid.")
    return contact
