"""The daily disposal (CELERY_BEAT_SCHEDULE "retention-disposal"): idempotent, a second
run the same day finds nothing past its period."""

from celery import shared_task

from .services import dispose_past_retention


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def dispose_past_retention_task():
    dispose_past_retention()
