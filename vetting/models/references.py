"""A reference for a person being vetted (protocol 3.3.1: "consider the individuals'
suitability"; 3.3.2: "once the necessary checks and references have been completed").

The referee has no account: they answer through a single-use emailed link
(vetting.links). The answers are read by the recruitment team and the vetting officer
only (issue 10), so the model keeps no history table copying them (the action log records
each change without them)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from ..enums import LIVE_REFERENCE_STATUSES, Recommendation, ReferenceStatus
from ..links import SingleUseLink

# The referee's answers: never on another persona's page, an export or an email.
ANSWER_FIELDS = ("known_for", "known_as", "suitability", "recommendation", "anything_else")


class Reference(SingleUseLink):
    SERVICE_OWNED_FIELDS = (
        *SingleUseLink.SERVICE_OWNED_FIELDS,
        "content_type",
        "object_id",
        "about",
        "referee_name",
        "referee_email",
        "relationship",
        "status",
        "requested_by",
        "requested_at",
        "received_at",
        "reminded_at",
        *ANSWER_FIELDS,
    )

    # the vetted record (vetting.subjects): a work-experience application today
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    # Who and what the reference is about, as the referee's email said it (vetting.subjects.describe):
    # lists of references name it without loading each record.
    about = models.CharField(max_length=300)

    referee_name = models.CharField(max_length=200)
    referee_email = models.EmailField()
    relationship = models.CharField(
        "relationship to the applicant", max_length=200, help_text="For example: form tutor, employer, sports coach."
    )
    status = models.CharField(max_length=10, choices=ReferenceStatus.choices, default=ReferenceStatus.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField()
    received_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    # The referee's answers (the questions: vetting.forms.ReferenceAnswersForm).
    known_for = models.CharField("how long the referee has known the applicant", max_length=200, blank=True)
    known_as = models.CharField("in what capacity", max_length=200, blank=True)
    suitability = models.TextField("suitability", blank=True)
    recommendation = models.CharField(max_length=20, choices=Recommendation.choices, blank=True)
    anything_else = models.TextField("anything the force should know", blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="reference_subject")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ReferenceStatus.values), name="reference_status_valid"),
            # received exactly when answered, through the link (which is then used)
            models.CheckConstraint(
                condition=Q(
                    status=ReferenceStatus.RECEIVED,
                    received_at__isnull=False,
                    link_used_at__isnull=False,
                    recommendation__in=Recommendation.values,
                )
                | (~Q(status=ReferenceStatus.RECEIVED) & Q(received_at__isnull=True, recommendation="")),
                name="reference_received_iff_answered",
            ),
            # one reminder, after the request
            models.CheckConstraint(
                condition=Q(reminded_at__isnull=True) | Q(reminded_at__gte=models.F("requested_at")),
                name="reference_reminded_after_request",
            ),
            # the same referee is not asked twice for one record while a request counts
            models.UniqueConstraint(
                fields=["content_type", "object_id", "referee_email"],
                condition=Q(status__in=LIVE_REFERENCE_STATUSES),
                name="reference_one_live_request_per_referee",
            ),
        ]

    def __str__(self):
        return f"Reference from {self.referee_name}"
