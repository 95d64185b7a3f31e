"""What the hours pages read (issue 11): the volunteer's own months and duties, and the
recruitment team's table of hours by volunteer and month, with its chart and its CSV lines.
Each is a fixed number of queries whatever the number of volunteers or duties.

A month is marked short of the role's commitment (seed 002: "16 hours a month") once it has
ended, and only if the volunteer was active for the whole of it: the month they became
active in is not counted, as the month-end reminder does not count it."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from placements.charts import BarChart, horizontal_bar_chart

from .models import DutyLog
from .months import hours_figure, month_name, month_of, months_after
from .services.hours import active_since, active_volunteers, first_open_month, monthly_totals, with_active_since

SHOWN_MONTHS = 6  # the team's table: the last six months, this one included (issue 11)
OWN_MONTHS = 12  # the volunteer's page: their months of the last year


@dataclass(frozen=True)
class Month:
    """One volunteer's month: its hours against their role's commitment."""

    month: date
    hours: Decimal | None  # None: before the volunteer became active
    commitment: int
    first: bool = False  # the month they became active in: not a whole month
    current: bool = False  # still going: not counted short yet

    @property
    def name(self) -> str:
        return month_name(self.month)

    @property
    def short(self) -> bool:
        return self.hours is not None and not (self.first or self.current) and self.hours < self.commitment

    @property
    def short_by(self) -> Decimal:
        return hours_figure(self.commitment - self.hours) if self.short else Decimal(0)


def month_of_volunteer(month, hours, *, commitment, since, current) -> Month:
    """``since``: the month the volunteer became active, or None if the log does not say."""
    if since is not None and month < since:
        return Month(month, None, commitment)
    return Month(month, hours_figure(hours), commitment, first=month == since, current=month == current)


def _since_month(moment):
    return month_of(timezone.localdate(moment)) if moment else None


# --- the volunteer's own page ---------------------------------------------------------------


@dataclass(frozen=True)
class OwnHours:
    this_month: Month
    earlier: list[Month]  # newest first
    duties: list[DutyLog]  # newest first; ``editable`` set on each
    first_open_month: date

    @property
    def still_to_give(self) -> Decimal:
        return hours_figure(max(self.this_month.commitment - self.this_month.hours, Decimal(0)))


def own_hours(application, today=None) -> OwnHours:
    """The volunteer's months from the one they became active in (or their first duty), for
    a year at most, and their duties of those months."""
    today = today or timezone.localdate()
    current = month_of(today)
    oldest = months_after(current, -OWN_MONTHS)
    became_active = active_since(application)
    since = month_of(became_active) if became_active else None
    duties = list(application.duties.filter(date__gte=oldest))
    totals = defaultdict(Decimal)
    open_from = first_open_month(today)
    for duty in duties:
        totals[month_of(duty.date)] += duty.hours
        duty.editable = duty.date >= open_from
    commitment = application.campaign.role.monthly_hours
    start = since or min(totals, default=current)
    earlier = [
        month_of_volunteer(month, totals[month], commitment=commitment, since=since, current=current)
        for month in (months_after(current, -n) for n in range(1, OWN_MONTHS + 1))
        if month >= start
    ]
    this_month = month_of_volunteer(current, totals[current], commitment=commitment, since=since, current=current)
    return OwnHours(this_month, earlier, duties, open_from)


# --- the recruitment team's table -----------------------------------------------------------


@dataclass(frozen=True)
class VolunteerRow:
    application_id: int
    name: str
    campaign: str
    commitment: int
    months: list[Month]


@dataclass(frozen=True)
class HoursTable:
    months: list[date]  # oldest first
    rows: list[VolunteerRow]
    totals: list[Decimal]  # each month's hours, every volunteer shown

    @property
    def month_names(self) -> list[str]:
        return [month_name(month) for month in self.months]

    @property
    def current(self) -> date:
        return self.months[-1]

    def chart(self) -> BarChart:
        """The table's last row, "All volunteers", as bars: the same figures."""
        return horizontal_bar_chart(list(zip(self.month_names, self.totals, strict=True)))


def _row(volunteer, months, totals, current) -> VolunteerRow:
    commitment = volunteer.campaign.role.monthly_hours
    since = _since_month(volunteer.active_since)

    def month_row(month):
        hours = totals.get((volunteer.pk, month), Decimal(0))
        return month_of_volunteer(month, hours, commitment=commitment, since=since, current=current)

    return VolunteerRow(
        application_id=volunteer.pk,
        name=str(volunteer.applicant),
        campaign=str(volunteer.campaign),
        commitment=commitment,
        months=[month_row(month) for month in months],
    )


def hours_table(campaign=None, today=None, shown=SHOWN_MONTHS) -> HoursTable:
    """Every active volunteer (of ``campaign``, if given) by name, with their hours in each of
    the last ``shown`` months: two queries for any number of volunteers."""
    current = month_of(today or timezone.localdate())
    months = [months_after(current, n - shown + 1) for n in range(shown)]
    volunteers = with_active_since(active_volunteers()).order_by("applicant__full_name", "pk")
    if campaign is not None:
        volunteers = volunteers.filter(campaign=campaign)
    volunteers = list(volunteers)
    totals = monthly_totals([v.pk for v in volunteers], months[0], current) if volunteers else {}
    rows = [_row(volunteer, months, totals, current) for volunteer in volunteers]
    month_totals = [
        hours_figure(sum((totals.get((row.application_id, month), Decimal(0)) for row in rows), Decimal(0)))
        for month in months
    ]
    return HoursTable(months, rows, month_totals)


# The CSV's columns (issue 11): one line per volunteer and month they were active in.
CSV_COLUMNS = ("Volunteer", "Campaign", "Month", "Hours", "Commitment (hours a month)", "Short of the commitment")


YES_NO = {True: "Yes", False: "No"}


def csv_lines(table: HoursTable):
    for row in table.rows:
        for month in row.months:
            if month.hours is None:
                continue
            short = "Month not over" if month.current else "First month" if month.first else YES_NO[month.short]
            yield [row.name, row.campaign, month.name, month.hours, row.commitment, short]
