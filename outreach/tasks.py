"""Thin Celery wrappers for outreach: each calls a service (STYLE.md)."""

from celery import shared_task

from .services import registrations


@shared_task(ignore_result=True)
def send_event_reminders() -> None:
    registrations.send_event_reminders()
