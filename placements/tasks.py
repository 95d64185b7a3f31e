"""Thin Celery wrappers for placements: each calls one service (STYLE.md)."""

from celery import shared_task

from .services import presentations


@shared_task(ignore_result=True)
def send_presentation_reminders() -> None:
    presentations.send_presentation_reminders()
