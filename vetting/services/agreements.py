"""The Work Placement Agreement (seed 001 3.4.1, 3.5.3, 3.6; issue 10): publishing versions
of its text, opening an agreement when an application reaches "agreement pending", the
participant's and the guardian's signatures with their evidence, and the signed PDF.

One function per state change (STYLE.md): each checks, writes inside a transaction, records
the action and queues its emails in the outbox."""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.audit import move_status, record_action
from kentplacements.workflow import DomainError
from notifications.services import notify

from .. import sealing, subjects
from ..links import LinkNotFound, issue_link, open_link, token_hash, use_link
from ..models import AgreementStatus, AgreementVersion, Signature, SignerRole, WorkPlacementAgreement
from ..models.agreements import AGREEMENT_WORKFLOW

# The words a person reads when their link cannot be used (vetting.links).
LINK_EXPIRED = "This consent link has expired. Ask the Corporate Recruitment Team to send a new one."
LINK_USED = "This consent link has already been used: the declaration of consent is signed."
NO_LONGER_NEEDED = (
    "This Work Placement Agreement is no longer needed: the application it was for has ended, so there is "
    "nothing to sign."
)
CHANGED_TEXT = "The agreement's text changed while you were reading it. Read it again, then sign."


class AgreementVoid(DomainError):
    """The agreement was voided (``void_agreement``): nobody signs it any more."""


@dataclass(frozen=True)
class Evidence:
    """What the request tells us about the signer (issue 10: IP and user agent)."""

    ip_address: str | None
    user_agent: str


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# --- Versions ---------------------------------------------------------------------------


def first_version_text() -> str:
    """The text of version 1, from its template with the insurance figures from settings
    (protocol 3.6.2), so the figures live in one place."""
    return render_to_string("vetting/agreements/text_v1.txt", {"insurance": settings.AGREEMENT_INSURANCE}).strip()


@transaction.atomic
def publish_version(text: str, *, by=None) -> AgreementVersion:
    """A new version, numbered after the latest; agreements already opened keep theirs."""
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise DomainError("Write the agreement's text.")
    latest = AgreementVersion.objects.aggregate(number=Max("number"))["number"] or 0
    try:
        with transaction.atomic():
            version = AgreementVersion.objects.create(
                number=latest + 1, text=text, text_sha256=sha256(text), published_by=by
            )
    except IntegrityError:  # unique number: someone published at the same moment
        raise DomainError("Another version was published at the same moment. Check it, then try again.") from None
    record_action(version, action="publish_agreement_version", by=by)
    return version


def current_version() -> AgreementVersion | None:
    return AgreementVersion.objects.order_by("-number").first()


def ensure_current_version() -> AgreementVersion:
    """The version new agreements are opened on: the latest, or version 1 from the template
    when none was published yet (seed_demo and the first agreement call this)."""
    version = current_version()
    if version is not None:
        return version
    try:
        return publish_version(first_version_text())
    except DomainError:  # a concurrent first call published it
        return current_version()


# --- Opening an agreement ---------------------------------------------------------------


def agreement_of(record) -> WorkPlacementAgreement | None:
    return WorkPlacementAgreement.objects.filter(**subjects.pointer(record)).select_related("version").first()


@transaction.atomic
def open_agreement(record, *, by) -> WorkPlacementAgreement:
    """Protocol 3.4.1: the participant reads and signs the agreement before the start date;
    3.5.3: under 18 on the first day, the guardian named on the application signs the
    declaration of consent through a single-use link (7 days). Called by the record's app
    when it asks for the agreement; calling it again returns the agreement already open."""
    existing = agreement_of(record)
    if existing is not None:
        return existing
    subject = subjects.describe(record)
    if subject.account is None:
        raise DomainError("The participant needs an account to sign the agreement.")
    guardian_needed = bool(subject.guardian_email)
    agreement = WorkPlacementAgreement(
        **subjects.pointer(record),
        version=ensure_current_version(),
        participant=subject.account,
        guardian_needed=guardian_needed,
        guardian_email=subject.guardian_email,
    )
    token = (
        issue_link(agreement, valid_for=timedelta(days=settings.AGREEMENT_GUARDIAN_LINK_DAYS))
        if guardian_needed
        else None
    )
    agreement.save()
    record_action(agreement, action="open_agreement", by=by, to_state=agreement.status)
    context = _context(agreement, subject)
    notify(
        recipient=subject.email,
        template="vetting/agreement_to_sign",
        context={**context, "sign_url": settings.SITE_URL + reverse("agreement_sign", args=[agreement.pk])},
        key=f"agreement-to-sign-{agreement.pk}",
        related=agreement,
    )
    if token:
        notify(
            recipient=subject.guardian_email,
            template="vetting/guardian_consent",  # SENSITIVE_TEMPLATES: it carries the link
            context={
                **context,
                "consent_url": settings.SITE_URL + reverse("guardian_consent", args=[token]),
                "expires_on": f"{timezone.localtime(agreement.link_expires_at):%A %-d %B %Y}",
            },
            key=f"agreement-guardian-{agreement.pk}",
            related=agreement,
        )
    return agreement


def _context(agreement, subject) -> dict:
    return {
        "person_name": subject.person_name,
        "guardian_name": subject.guardian_name,
        "title": subject.title,
        "starts_on": f"{subject.starts_on:%A %-d %B %Y}" if subject.starts_on else "",
        "version": agreement.version.number,
        "force_name": settings.AGREEMENT_FORCE_NAME,
    }


# --- Signing ----------------------------------------------------------------------------


def _check_text(agreement, shown_sha256: str) -> None:
    """The signer signs the text they were shown: the page posts back its hash."""
    if shown_sha256 != agreement.version.text_sha256:
        raise DomainError(CHANGED_TEXT)


def _sign(agreement, *, role, name, email, evidence: Evidence, by) -> Signature:
    if agreement.status == AgreementStatus.VOID:
        raise AgreementVoid(NO_LONGER_NEEDED)
    name = " ".join(name.split())
    if not name:
        raise DomainError("Type your full name to sign.")
    if agreement.signatures.filter(role=role).exists():
        raise DomainError("This agreement is already signed.")
    signature = Signature.objects.create(
        agreement=agreement,
        role=role,
        name=name,
        email=email,
        signed_at=timezone.now(),
        ip_address=evidence.ip_address,
        user_agent=evidence.user_agent[:500],
        version=agreement.version,
        text_sha256=agreement.version.text_sha256,
    )
    record_action(agreement, action=f"sign_agreement_{role}", by=by)
    if set(agreement.signatures.values_list("role", flat=True)) >= set(agreement.roles_to_sign):
        _all_signed(agreement, by=by)
    return signature


def _all_signed(agreement, *, by) -> None:
    move_status(
        agreement, AgreementStatus.SIGNED, workflow=AGREEMENT_WORKFLOW, by=by, action="agreement_signed",
        signed_at=timezone.now(),
    )  # fmt: skip
    subjects.call_hook(subjects.subject_of(agreement), "on_agreement_signed", by=by)
    from ..tasks import prepare_agreement_pdf  # the task module imports this one

    transaction.on_commit(lambda: prepare_agreement_pdf.delay(agreement.pk))


@transaction.atomic
def sign_as_participant(agreement, *, user, name: str, shown_sha256: str, evidence: Evidence) -> Signature:
    """The participant signs in their account (protocol 3.4.1). A double POST waits on the
    row lock and is told it is signed."""
    agreement = WorkPlacementAgreement.objects.select_for_update().select_related("version").get(pk=agreement.pk)
    if agreement.participant_id != user.pk:
        raise DomainError("Only the participant can sign this agreement.")
    _check_text(agreement, shown_sha256)
    return _sign(agreement, role=SignerRole.PARTICIPANT, name=name, email=user.email, evidence=evidence, by=user)


def agreement_for_link(token: str, *, for_update=False):
    """The agreement a consent link opens: for a GET (``open_link`` rules) or, inside the
    signing transaction, locked and marked used (``use_link``)."""
    queryset = WorkPlacementAgreement.objects.select_related("version").filter(guardian_needed=True)
    if token and queryset.filter(token_hash=token_hash(token), status=AgreementStatus.VOID).exists():
        raise AgreementVoid(NO_LONGER_NEEDED)
    action = use_link if for_update else open_link
    return action(queryset, token, expired=LINK_EXPIRED, used=LINK_USED)


@transaction.atomic
def sign_as_guardian(token: str, *, name: str, shown_sha256: str, evidence: Evidence) -> Signature:
    """Protocol 3.5.3: the parent or guardian signs the declaration of consent, with no
    account. The link is used under a row lock, so two POSTs at once sign once."""
    agreement = agreement_for_link(token, for_update=True)
    _check_text(agreement, shown_sha256)
    agreement.save(update_fields=["link_used_at"])
    return _sign(
        agreement, role=SignerRole.GUARDIAN, name=name, email=agreement.guardian_email, evidence=evidence, by=None
    )


SIGNED_BY_EVERYONE = (AgreementStatus.SIGNED, AgreementStatus.READY)


def agreement_signed(record) -> bool:
    """Protocol 3.3.2 with 3.4.1: every signature the agreement needs is in (the PDF may
    still be being prepared). Confirming the placement checks this."""
    return WorkPlacementAgreement.objects.filter(**subjects.pointer(record), status__in=SIGNED_BY_EVERYONE).exists()


def agreement_signed_where(model) -> Q:
    """``agreement_signed`` in SQL, for a queryset of ``model``."""
    agreements = WorkPlacementAgreement.objects.filter(**subjects.pointing_at_outer(model))
    return Q(Exists(agreements.filter(status__in=SIGNED_BY_EVERYONE)))


@transaction.atomic
def void_agreement(agreement, *, by, reason: str) -> WorkPlacementAgreement:
    """awaiting_signatures -> void: the record ended before everyone signed (issue 10), so
    nobody signs for a placement that will not happen. The participant's page and the
    guardian's link then say it is no longer needed; a signature already given stays, as
    evidence. No email: the person was told their application ended by the email that ended
    it (and a discontinued participant's guardian by theirs), and a second one about the
    agreement would say nothing more."""
    agreement = WorkPlacementAgreement.objects.select_for_update().get(pk=agreement.pk)
    changes = {}
    if agreement.link_expires_at is not None and agreement.link_used_at is None:
        # the link stops working; its hash stays, so the guardian's page can say why
        changes["link_expires_at"] = min(agreement.link_expires_at, timezone.now())
    move_status(
        agreement, AgreementStatus.VOID, workflow=AGREEMENT_WORKFLOW, by=by, action="void_agreement", reason=reason,
        **changes,
    )  # fmt: skip
    return agreement


@transaction.atomic
def void_unsigned_agreement(record, *, by, reason: str) -> WorkPlacementAgreement | None:
    """The record's agreement, voided if it is still waiting for a signature; an agreement
    signed by everyone is left as it is."""
    agreement = (
        WorkPlacementAgreement.objects.select_for_update()
        .filter(**subjects.pointer(record), status=AgreementStatus.AWAITING_SIGNATURES)
        .first()
    )
    return void_agreement(agreement, by=by, reason=reason) if agreement is not None else None


# --- The signed PDF ---------------------------------------------------------------------


def seal_agreement_pdf(agreement, pdf: bytes) -> bytes:
    """Issue 10: the rendered agreement is sealed (PAdES, pyHanko) and entered in the register of
    issued documents before it is stored, so the public verify page knows it."""
    record = subjects.subject_of(agreement)
    sealed, _document = sealing.issue(
        pdf, description="Work Placement Agreement", issued_to=subjects.describe(record).person_name, record=record
    )
    return sealed


@transaction.atomic
def store_agreement_pdf(agreement, pdf: bytes) -> WorkPlacementAgreement:
    """Keep the rendered PDF under a random name in private storage, and tell the signers
    it is ready. Safe to run twice (the task may be delivered again): the second does nothing."""
    agreement = WorkPlacementAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != AgreementStatus.SIGNED:
        return agreement
    agreement.pdf.save(f"{uuid.uuid4().hex}.pdf", ContentFile(pdf), save=False)
    move_status(
        agreement, AgreementStatus.READY, workflow=AGREEMENT_WORKFLOW, by=None, action="agreement_ready",
        pdf=agreement.pdf, pdf_sha256=hashlib.sha256(pdf).hexdigest(), ready_at=timezone.now(),
    )  # fmt: skip
    _email_ready(agreement)
    return agreement


def _email_ready(agreement) -> None:
    subject = subjects.describe(subjects.subject_of(agreement))
    context = _context(agreement, subject)
    notify(
        recipient=agreement.participant.email,
        template="vetting/agreement_ready",
        context={**context, "agreement_url": settings.SITE_URL + reverse("agreement_sign", args=[agreement.pk])},
        key=f"agreement-ready-{agreement.pk}",
        related=agreement,
    )
    if agreement.guardian_needed:
        # No new link here: the guardian downloads through the consent link while it is valid.
        notify(
            recipient=agreement.guardian_email,
            template="vetting/agreement_ready_guardian",
            context={**context, "expires_on": f"{timezone.localtime(agreement.link_expires_at):%A %-d %B %Y}"},
            key=f"agreement-ready-guardian-{agreement.pk}",
            related=agreement,
        )


# --- Downloads --------------------------------------------------------------------------


def guardian_download(token: str) -> WorkPlacementAgreement:
    """The ready agreement a guardian's consent link opens for download while the link is
    valid; downloading never uses the link up (signing did)."""
    agreement = WorkPlacementAgreement.objects.filter(
        token_hash=token_hash(token), link_expires_at__gt=timezone.now(), status=AgreementStatus.READY
    ).first()
    if agreement is None:
        raise LinkNotFound("This link cannot download the agreement: it has expired or the agreement is not ready yet.")
    return agreement


@transaction.atomic
def record_download(agreement, *, by=None, role: str) -> None:
    """Every download is in the action log: who (the account, or "guardian") and when."""
    record_action(agreement, action="download_agreement", by=by, reason=f"Downloaded by the {role}")
