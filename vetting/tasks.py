"""Thin Celery wrappers for vetting: each calls one service (STYLE.md)."""

from celery import shared_task

from .services import references


@shared_task(ignore_result=True)
def send_reference_reminders() -> None:
    references.send_reference_reminders()
