"""Working days for placements (issue 9, seed 000 rules): Monday to Friday, not an England and Wales bank
holiday. The bank holidays come from the maintained ``holidays`` library (it follows one-off holidays such as
a coronation), never from a hand-written list. No Django here, so the allocator's benchmark can use it too."""

from datetime import date, timedelta
from functools import cache

import holidays

from .allocator import is_working_day


@cache
def _bank_holidays_in(year: int) -> dict[date, str]:
    # England and Wales share their bank holidays; the library files them under the subdivision ENG.
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year))


def bank_holidays(start: date, end: date) -> frozenset[date]:
    """The bank holidays from ``start`` to ``end`` inclusive, as the allocator's window takes them."""
    return frozenset(
        day for year in range(start.year, end.year + 1) for day in _bank_holidays_in(year) if start <= day <= end
    )


def non_working_days(start: date, end: date) -> list[str]:
    """Each day from ``start`` to ``end`` that is not a working day, in words ("Friday 26 March 2027, Good
    Friday"), for a message a person can act on; empty when every day is a working day."""
    days_off = bank_holidays(start, end)
    found = []
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        if not is_working_day(day, days_off):
            why = _bank_holidays_in(day.year).get(day) or "a weekend"
            found.append(f"{day:%A %-d %B %Y} ({why})")
    return found
