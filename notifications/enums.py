from django.db import models

from kentplacements.workflow import Workflow


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed, will retry"
    DEAD = "dead", "Dead (gave up)"


S = NotificationStatus
NOTIFICATION_WORKFLOW = Workflow(
    {
        # staff may hand a stuck message to the worker queue again (services.requeue_stuck)
        S.QUEUED: {S.QUEUED, S.SENT, S.FAILED, S.DEAD},
        S.FAILED: {S.SENT, S.FAILED, S.DEAD},
        # staff may re-send from the admin: back to the queue with a fresh count
        S.DEAD: {S.QUEUED},
        S.SENT: {S.QUEUED},
    }
)
