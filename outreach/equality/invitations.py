"""The invitation to the equality questions, offered after each public application or
registration (issue 12), and the respondent key that joins answers to stages without a
link anyone can follow (models.py).

The invitation is an address with a signed token naming the record it follows; it works
for ``EQUALITY_INVITATION_DAYS`` and can be answered once (the respondent key is unique).
It is shown to the person who has just sent their form, on the page they are sent to, and
is never emailed, listed or stored: anyone else holding it could only answer in their
place, never read an answer."""

from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.urls import reverse
from django.utils.crypto import salted_hmac

from kentplacements.workflow import DomainError

from .models import EqualityResponse
from .sources import Source, source_for, source_for_model

INVITATION_SALT = "outreach.equality.invitation"
RESPONDENT_SALT = "outreach.equality.respondent"


class InvitationNotFound(DomainError):
    """The address was mistyped or forged, or its record is no longer there."""


class InvitationExpired(DomainError):
    pass


def _signer():
    return signing.TimestampSigner(salt=INVITATION_SALT)


def respondent_key(model, pk) -> str:
    """The key an answer from ``model`` record ``pk`` is stored under: an HMAC with a secret
    kept in the settings, so the database alone cannot be searched for a person's answers."""
    message = f"{model._meta.label_lower}:{pk}"
    return salted_hmac(
        RESPONDENT_SALT, message, secret=settings.EQUALITY_RESPONDENT_KEY, algorithm="sha256"
    ).hexdigest()


def invitation_token(record) -> str:
    source_for(record)  # refuse a record nobody registered, here rather than on the person's page
    return _signer().sign_object({"record": record._meta.label_lower, "pk": record.pk})


def equality_invitation_url(record) -> str:
    """The address of the optional equality questions for the person who has just sent
    ``record`` (an application or registration whose model is registered with
    ``sources.register``). Redirect them there once their form is saved."""
    return reverse("equality_questions", args=[invitation_token(record)])


@dataclass(frozen=True)
class Invitation:
    registration: Source
    record: object
    key: str

    @property
    def source(self):
        return self.registration.source_of(self.record)

    @property
    def continue_url(self) -> str:
        return self.registration.continue_url(self.record)

    @property
    def answered(self) -> bool:
        return EqualityResponse.objects.filter(respondent_key=self.key).exists()

    def stored_fields(self) -> dict:
        """What a response keeps of where it came from: the source, never the record."""
        source = self.source
        return {
            "source_type": ContentType.objects.get_for_model(source),
            "source_id": source.pk,
            "respondent_key": self.key,
        }


def read_invitation(token: str) -> Invitation:
    days = settings.EQUALITY_INVITATION_DAYS
    try:
        data = _signer().unsign_object(token, max_age=timedelta(days=days))
    except signing.SignatureExpired as exc:
        raise InvitationExpired(
            f"This link has expired: the equality questions can be answered for {days} days after you apply."
        ) from exc
    except (signing.BadSignature, ValueError) as exc:
        raise InvitationNotFound("This link is not complete or not valid.") from exc
    try:
        model = apps.get_model(data["record"])
    except (KeyError, LookupError, TypeError, ValueError) as exc:
        raise InvitationNotFound("This link is not valid.") from exc
    registration = source_for_model(model)
    record = model._default_manager.filter(pk=data.get("pk")).first() if registration else None
    if record is None:
        raise InvitationNotFound("This link is no longer valid.")
    return Invitation(registration, record, respondent_key(model, record.pk))
