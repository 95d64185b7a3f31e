"""The Work Placement Agreement (seed 001 3.4.1; DOMAIN.md §3): versioned text, one
agreement per vetted record, and the signatures with their evidence (issue 10: name, role,
the email, time in UTC, IP, user agent, the version, and the SHA-256 of the exact text shown).
A guardian signs the declaration of consent for a participant under 18 (3.5.3) through the
agreement's single-use link (vetting.links)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from kentplacements.workflow import Workflow

from ..links import SingleUseLink


class AgreementVersion(models.Model):
    """A published text. Published versions are never edited: a change is a new version
    (services.agreements.publish_version), and signed agreements keep theirs."""

    SERVICE_OWNED_FIELDS = ("number", "text", "text_sha256", "published_at", "published_by")

    number = models.PositiveIntegerField(unique=True, editable=False)
    text = models.TextField(editable=False)
    text_sha256 = models.CharField("SHA-256 of the text", max_length=64, editable=False)
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(condition=models.Q(number__gte=1), name="agreement_version_number_positive"),
            models.CheckConstraint(condition=~models.Q(text=""), name="agreement_version_text_not_empty"),
        ]

    def __str__(self):
        return f"Work Placement Agreement, version {self.number}"


class AgreementStatus(models.TextChoices):
    AWAITING_SIGNATURES = "awaiting_signatures", "Awaiting signatures"
    SIGNED = "signed", "Signed: being prepared"
    READY = "ready", "Signed and ready"
    # Issue 10: the record ended (withdrawn, declined, discontinued, not cleared) before
    # everyone signed; nobody may sign for a placement that will not happen.
    VOID = "void", "No longer needed"


AGREEMENT_WORKFLOW = Workflow(
    {
        AgreementStatus.AWAITING_SIGNATURES: {AgreementStatus.SIGNED, AgreementStatus.VOID},
        # the PDF is rendered and stored once every signature is in
        AgreementStatus.SIGNED: {AgreementStatus.READY},
        AgreementStatus.READY: set(),
        # a signed agreement is never voided: it is the record of what was signed
        AgreementStatus.VOID: set(),
    }
)


class SignerRole(models.TextChoices):
    PARTICIPANT = "participant", "Participant"
    # Protocol 3.5.3: the parent or guardian of a participant under 18 on the first day.
    GUARDIAN = "guardian", "Parent or guardian"


class WorkPlacementAgreement(SingleUseLink):
    """One agreement per vetted record (a work-experience application), with the version it
    was opened on. The single-use link columns are the guardian's consent link (7 days)."""

    SERVICE_OWNED_FIELDS = (
        "content_type",
        "object_id",
        "version",
        "status",
        "participant",
        "guardian_needed",
        "guardian_email",
        "pdf",
        "pdf_sha256",
        "signed_at",
        "ready_at",
        *SingleUseLink.SERVICE_OWNED_FIELDS,
    )

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="agreements")
    status = models.CharField(max_length=30, choices=AgreementStatus, default=AgreementStatus.AWAITING_SIGNATURES)
    # The account the participant signs in with (vetting.subjects: Subject.account).
    participant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="agreements")
    guardian_needed = models.BooleanField(default=False)
    guardian_email = models.EmailField(blank=True, help_text="Where the consent link went.")
    # Private storage: served by the download views only, never from MEDIA_URL.
    pdf = models.FileField("PDF", upload_to="agreements/%Y/", blank=True)
    pdf_sha256 = models.CharField("SHA-256 of the PDF", max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    ready_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_agreement_per_record"),
            models.CheckConstraint(
                condition=models.Q(guardian_needed=False) | ~models.Q(guardian_email=""),
                name="agreement_guardian_has_email",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=AgreementStatus.READY) | ~models.Q(pdf=""), name="agreement_ready_has_pdf"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=AgreementStatus.VOID) | models.Q(signed_at__isnull=True, pdf=""),
                name="agreement_void_never_signed",
            ),
        ]
        permissions = [("download_agreement", "Can download signed agreements")]

    def __str__(self):
        return f"Work Placement Agreement {self.pk}"

    @property
    def roles_to_sign(self) -> list[str]:
        return [SignerRole.PARTICIPANT, SignerRole.GUARDIAN] if self.guardian_needed else [SignerRole.PARTICIPANT]


class Signature(models.Model):
    """One signature and its evidence. IP address and user agent are personal data: the
    recruitment team sees them in the admin; no export carries them."""

    agreement = models.ForeignKey(WorkPlacementAgreement, on_delete=models.PROTECT, related_name="signatures")
    role = models.CharField(max_length=20, choices=SignerRole)
    name = models.CharField("name typed", max_length=200)
    email = models.EmailField(help_text="The account's email (participant) or where the link went (guardian).")
    signed_at = models.DateTimeField()
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=500, blank=True)
    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="+")
    text_sha256 = models.CharField("SHA-256 of the text shown", max_length=64)

    class Meta:
        ordering = ["signed_at"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "role"], name="one_signature_per_role"),
            models.CheckConstraint(condition=~models.Q(name=""), name="signature_has_name"),
        ]

    def __str__(self):
        return f"{self.get_role_display()} signature on agreement {self.agreement_id}"
