"""Programme applications followed by the equality questions (outreach.equality.sources;
issue 12): answers are counted per intake, by the furthest stage the enrolment reached.
"programme" names the work-experience programmes already, hence "positive_action"."""

from django.urls import reverse
from django.utils import timezone

from ..equality.sources import Source, Stage, register
from .enums import EnrolmentStatus as S
from .models import ProgrammeEnrolment, ProgrammeIntake

register(
    Source(
        kind="positive_action",
        heading="Positive Action Programme intakes",
        model=ProgrammeEnrolment,
        source_model=ProgrammeIntake,
        source_of=lambda enrolment: enrolment.intake,
        records=lambda intake: ProgrammeEnrolment.objects.filter(intake=intake),
        stages=(
            Stage("Applied", frozenset({S.APPLIED})),
            Stage("Enrolled", frozenset({S.ENROLLED})),
            Stage("Completed", frozenset({S.COMPLETED})),
        ),
        continue_url=lambda _enrolment: reverse("programme_mine"),
        # an intake has no last day of its own: its applications' close
        ended_before=lambda cutoff: ProgrammeIntake.objects.filter(closes_on__lt=timezone.localdate(cutoff)),
    )
)
