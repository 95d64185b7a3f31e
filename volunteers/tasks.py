"""Thin Celery wrappers for volunteer recruitment: each calls a service (STYLE.md)."""

from celery import shared_task

from .services import interviews


@shared_task(ignore_result=True)
def send_interview_reminders() -> None:
    interviews.send_interview_reminders()
