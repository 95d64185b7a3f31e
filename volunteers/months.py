"""Calendar months, as volunteers' hours count them (seed 002: "16 hours a month"): a month
is named by its first day."""

from calendar import monthrange
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone


def month_of(day: date) -> date:
    return day.replace(day=1)


def months_after(month: date, count: int) -> date:
    """The month ``count`` months after ``month`` (before it when negative)."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def last_day_of(month: date) -> date:
    return month.replace(day=monthrange(month.year, month.month)[1])


def month_name(month: date) -> str:
    """ "November 2026", as pages, emails and exports name a month."""
    return f"{month:%B %Y}"


def starts_at(day: date) -> datetime:
    """The moment ``day`` begins, in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def hours_figure(value: Decimal) -> Decimal:
    """Hours as people write them: 9.5 and 16, not 9.50 and 16.00 (nor 1.6E+1)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
