"""Thin Celery wrappers for volunteer recruitment: each calls a service (STYLE.md)."""

from celery import shared_task

from .services import campaigns, hours, interviews


@shared_task(ignore_result=True)
def send_interview_reminders() -> None:
    interviews.send_interview_reminders()


@shared_task(ignore_result=True)
def close_due_campaigns() -> None:
    campaigns.close_due_campaigns()


@shared_task(ignore_result=True)
def send_hours_reminders() -> None:
    hours.send_hours_reminders()
