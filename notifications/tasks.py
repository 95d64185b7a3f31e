from celery import shared_task

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def deliver_notification(notification_id: int) -> None:
    services.deliver(notification_id)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def deliver_notifications(notification_ids: list[int]) -> None:
    """A batch of rows (services.hand_over), sent over one mail connection."""
    services.deliver_many(notification_ids)


@shared_task(ignore_result=True)
def sweep_outbox() -> None:
    services.sweep_outbox()
