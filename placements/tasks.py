"""Thin Celery wrappers for placements: each calls one service (STYLE.md)."""

from celery import shared_task

from .services import capacity, monitoring, placement_days, presentations


@shared_task(ignore_result=True)
def send_presentation_reminders() -> None:
    presentations.send_presentation_reminders()


@shared_task(ignore_result=True)
def remind_overdue_risk_reviews() -> None:
    placement_days.remind_overdue_risk_reviews()


@shared_task(ignore_result=True)
def chase_attendance_confirmations() -> None:
    placement_days.chase_attendance_confirmations()


@shared_task(ignore_result=True)
def report_counter_drift() -> None:
    capacity.report_counter_drift()


@shared_task(ignore_result=True)
def remind_protocol_review() -> None:
    monitoring.remind_protocol_review()
