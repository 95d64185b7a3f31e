"""Cohorts of student officers and their placement windows (seed 000)."""

import uuid
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from ..enums import PlacementType

# Seed 000: "their 19 week initial training course".
INITIAL_TRAINING_WEEKS = 19
WINDOW_ORDER = "The window must end on or after the day it starts."


class Cohort(models.Model):
    """An intake of student officers starting the 19-week initial training course.

    The 2-day placement window falls inside the course; the 4-day window "after they
    have been operational officers for a few months", so after the course ends."""

    name = models.CharField(max_length=100, unique=True)
    course_start = models.DateField(help_text="First day of the 19-week initial training course.")
    two_day_window_start = models.DateField()
    two_day_window_end = models.DateField()
    four_day_window_start = models.DateField()
    four_day_window_end = models.DateField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-course_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(two_day_window_start__gte=F("course_start")), name="cohort_two_day_within_course"
            ),
            models.CheckConstraint(
                condition=Q(two_day_window_end__gte=F("two_day_window_start")), name="cohort_two_day_window_order"
            ),
            models.CheckConstraint(
                condition=Q(four_day_window_start__gt=F("two_day_window_end")), name="cohort_four_day_after_two_day"
            ),
            models.CheckConstraint(
                condition=Q(four_day_window_end__gte=F("four_day_window_start")), name="cohort_four_day_window_order"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def course_end(self):
        return self.course_start + timedelta(weeks=INITIAL_TRAINING_WEEKS, days=-1)

    @property
    def four_day_opens(self):
        """Seed 000: the 4-day placement comes "after they have been operational officers for a few
        months", i.e. FOUR_DAY_PLACEMENT_MONTHS_AFTER_COURSE months after the course ends."""
        return self.course_end + relativedelta(months=settings.FOUR_DAY_PLACEMENT_MONTHS_AFTER_COURSE)

    def window(self, placement_type) -> tuple:
        if placement_type == PlacementType.TWO_DAY:
            return self.two_day_window_start, self.two_day_window_end
        # A cohort saved before the setting was raised keeps its dates; the allocator and the placement
        # rules still never place a 4-day placement before the window opens.
        return max(self.four_day_window_start, self.four_day_opens), self.four_day_window_end

    def clean(self):
        errors = {}
        if None in (self.course_start, self.two_day_window_start, self.two_day_window_end):
            return  # the form reports missing dates field by field
        if self.two_day_window_start < self.course_start:
            errors["two_day_window_start"] = "The 2-day window must start on or after the first day of the course."
        if self.two_day_window_end > self.course_end:
            errors["two_day_window_end"] = (
                f"The 2-day window must end within the 19-week course (by {self.course_end:%-d %B %Y})."
            )
        if self.two_day_window_end < self.two_day_window_start:
            errors["two_day_window_end"] = WINDOW_ORDER
        four_start, four_end = self.four_day_window_start, self.four_day_window_end
        if four_start and four_start < self.four_day_opens:
            months = settings.FOUR_DAY_PLACEMENT_MONTHS_AFTER_COURSE
            errors["four_day_window_start"] = (
                "The 4-day window comes after the officers have been operational for a few months: "
                f"{months} months after the course ends on {self.course_end:%-d %B %Y}, "
                f"so on or after {self.four_day_opens:%-d %B %Y}."
            )
        if four_start and four_end and four_end < four_start:
            errors["four_day_window_end"] = WINDOW_ORDER
        if errors:
            raise ValidationError(errors)


class StudentOfficer(models.Model):
    """A student officer of a cohort; ``user`` is their login (role: student officer)."""

    SERVICE_OWNED_FIELDS = ("user", "calendar_token")  # enrol_student_officer

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="officers")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="student_officer"
    )
    staff_number = models.CharField(max_length=20, unique=True)
    full_name = models.CharField(max_length=200)
    email = models.EmailField(unique=True)
    calendar_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    # The token is a secret: kept out of the history that staff can read.
    history = HistoricalRecords(excluded_fields=["calendar_token"])

    class Meta:
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name
